#!/usr/bin/env bash
# Geography import benchmark: Vigie's `import geo` (validate + upsert in one transaction) against a raw load of
# the largest file (communes.csv) into an unindexed table, on SQLite and PostgreSQL. Median of N runs.
. "$(dirname "$0")/../lib.sh" geo
runs=${1:-3}
data=$(cd ../shared/data/insee && pwd)
bench_build
bench_pg_start
pg="Host=127.0.0.1;Port=$PGPORT;Username=postgres"

# bench_time (bench/lib.sh) runs commands, not shell functions: the app is called through env.
vigie_cmd=(env ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false)
vigie() { local provider=$1 cs=$2; shift 2; "${vigie_cmd[@]}" "Database__Provider=$provider" "ConnectionStrings__Vigie=$cs" dotnet "$dll" "$@"; }

printf "%-34s %10s %10s\n" "case (median of $runs)" "seconds" "peak MB"
for provider in Sqlite Postgres; do
  first=(); again=(); mem=()
  for i in $(seq 1 "$runs"); do
    if [ $provider = Sqlite ]; then cs="Data Source=$work/bench-$i.db"; else cs="$pg;Database=bench_$i"; fi
    vigie $provider "$cs" migrate >/dev/null
    read -r s m < <(bench_time "${vigie_cmd[@]}" "Database__Provider=$provider" "ConnectionStrings__Vigie=$cs" dotnet "$dll" import geo --folder "$data"); first+=("$s"); mem+=("$m")
    read -r s m < <(bench_time "${vigie_cmd[@]}" "Database__Provider=$provider" "ConnectionStrings__Vigie=$cs" dotnet "$dll" import geo --folder "$data"); again+=("$s")
  done
  printf "%-34s %10s %10s\n" "$provider: import geo (first)" "$(printf '%s\n' "${first[@]}" | median)" "$(printf '%s\n' "${mem[@]}" | median | awk '{printf "%.0f", $1/1024}')"
  printf "%-34s %10s %10s\n" "$provider: import geo (re-import)" "$(printf '%s\n' "${again[@]}" | median)" ""
done

# Baselines: the raw load of communes.csv (37 548 rows) with the databases' own bulk loaders.
base_sqlite=(); base_pg=()
for i in $(seq 1 "$runs"); do
  rm -f "$work/raw.db"
  read -r s _ < <(bench_time sqlite3 "$work/raw.db" ".import --csv $data/communes.csv communes"); base_sqlite+=("$s")
  psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "DROP TABLE IF EXISTS communes_raw; CREATE TABLE communes_raw (typecom text, com text, reg text, dep text, ctcd text, arr text, tncc text, ncc text, nccenr text, libelle text, can text, comparent text)"
  read -r s _ < <(bench_time psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "\\copy communes_raw FROM '$data/communes.csv' WITH (FORMAT csv, HEADER true)"); base_pg+=("$s")
done
printf "%-34s %10s\n" "baseline: sqlite3 .import communes" "$(printf '%s\n' "${base_sqlite[@]}" | median)"
printf "%-34s %10s\n" "baseline: PostgreSQL COPY communes" "$(printf '%s\n' "${base_pg[@]}" | median)"
bench_machine
