#!/usr/bin/env bash
# Regenerates the EF Core compiled models, one per provider (src/Vigie.Web/Data/CompiledModels/{Sqlite,Postgres}),
# from the model as OnModelCreating builds it now. Run it after every model change (with the migrations, CONTRIBUTING.md
# "Add a migration"); `Documentation/CompiledModelTests` fails while a compiled model is stale.
# The app finds each compiled model by the assembly attribute generated beside it (EF Core's DbContextModel attribute),
# so nothing references the generated classes: the folder is deleted first and the project still builds when the old
# files no longer compile against a changed model.
# Usage: scripts/compiled-model.sh
set -euo pipefail
cd "$(dirname "$0")/../src/Vigie.Web"
dotnet tool restore >/dev/null
rm -rf Data/CompiledModels
dotnet build -c Debug -nologo -v q >/dev/null # Debug: the configuration that carries the EF design-time assembly
for provider in Sqlite Postgres; do
  dotnet ef dbcontext optimize --no-build --context "${provider}AppDbContext" \
    --output-dir "Data/CompiledModels/$provider" --namespace "Vigie.Web.Data.CompiledModels.$provider"
done
git status --short Data/CompiledModels | head -n 5
