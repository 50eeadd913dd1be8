#!/usr/bin/env bash
# Survey benchmark (issue 12): a wave of 10 000 complete responses × the default questionnaire (24 codes, 43 answer
# columns), population margins of 10 quartiers × 2 sexes × 5 age bands, on PostgreSQL (Release build). The results are
# computed on each request (load the responses, rake on sex × quartier, age × quartier, quartier, trim, estimate
# every indicator for the whole area and every quartier). Measured, 50 sequential requests per run, median of N runs:
#   - the members' results page /contrats/{id}/enquetes/vagues/{waveId}/resultats (target: p95 < 300 ms on 2 cores);
#   - GET /api/v1/contracts/{id}/survey-waves/{waveId}/results (same computation, JSON);
#   - baseline in the same run: the contract page /contrats/{id} (same session, a few small queries).
# Usage: bench/survey/run.sh [runs]   (default 3). Env: RESPONSES (default 10000), QUARTIERS (default 10).
# Environment Production, as deployed: a throwaway data-protection certificate and cases key are created for the run
# (bench/production-env.sh; Development aborted before serving on the shared VM). Demo seeding off.
. "$(dirname "$0")/../lib.sh" survey
runs=${1:-3}
bench_build
# Production needs its keys outside the database: a throwaway data-protection certificate and cases key.
. bench/production-env.sh "$work"
export Demo__SeedOnFirstRun=false Logging__LogLevel__Default=Warning
bench_pg_start
cs="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=survey_bench"
psqlc() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d survey_bench "$@"; }
vigie() { env Database__Provider=Postgres "ConnectionStrings__Vigie=$cs" dotnet "$dll" "$@"; }

vigie migrate >/dev/null
VIGIE_ADMIN_PASSWORD='Bench-Password-2025!' vigie create-admin --email bench@example.org >/dev/null
bench_token
contract=$(cat /proc/sys/kernel/random/uuid)
psqlc -c "INSERT INTO \"AccessTokens\" (\"Id\", \"UserId\", \"Name\", \"TokenHash\", \"Prefix\", \"Scopes\", \"CreatedAt\")
  SELECT gen_random_uuid(), \"Id\", 'bench', '$hash', left('$token', 12), 'read write', now() FROM \"AspNetUsers\" WHERE \"Email\" = 'bench@example.org'"
psqlc -c "INSERT INTO \"Contracts\" (\"Id\", \"Title\", \"Kind\", \"Status\", \"StartDate\", \"EndDate\", \"Generation\", \"IsPublished\", \"Version\", \"CreatedAt\", \"UpdatedAt\")
  VALUES ('$contract', 'CLS du banc d''essai', 'Cls', 'InForce', '2024-01-01', '2028-12-31', 1, true, 1, now(), now())"
# Platform administrators have no access to contract content: the bench user coordinates the contract.
psqlc -c "INSERT INTO \"Memberships\" (\"Id\", \"ContractId\", \"UserId\", \"Role\", \"CreatedAt\", \"UpdatedAt\")
  SELECT gen_random_uuid(), '$contract', \"Id\", 'Coordinator', now(), now() FROM \"AspNetUsers\" WHERE \"Email\" = 'bench@example.org'"

port=$(( 30000 + RANDOM % 20000 ))
base="http://127.0.0.1:$port"
env Database__Provider=Postgres ConnectionStrings__Vigie="$cs" RateLimits__ApiPerMinute=1000000 RateLimits__LoginPerMinute=1000 \
  dotnet "$dll" --urls "$base" >"$work/app.log" 2>&1 &
app_pid=$!
bench_wait_app "$base/compte/connexion" 300

# The survey through the API (default questionnaire seeded by Vigie), the wave and its responses by SQL.
survey=$(curl -sS -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d '{"title":"Enquête du banc"}' \
  "$base/api/v1/contracts/$contract/surveys" | sed 's/.*"id":"\([^"]*\)".*/\1/')
[[ "$survey" =~ ^[0-9a-f-]{36}$ ]] || { echo "creating the survey failed: ${survey:0:300}"; exit 1; }
wave=$(cat /proc/sys/kernel/random/uuid)
seed_start=$(date +%s.%N)
python3 bench/survey/generate.py "$contract" "$survey" "$wave" "${RESPONSES:-10000}" "${QUARTIERS:-10}" | psqlc
psqlc -c "ANALYZE"
echo "seeded ${RESPONSES:-10000} responses in $(awk -v s="$seed_start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"

jar="$work/cookies"
bench_login "$base" "$jar"
declare -A p50 p95
measure() { # name url [auth]
  local name=$1 url=$2 auth=${3:-} s
  local args=(-b "$jar"); [ -n "$auth" ] && args=(-H "Authorization: Bearer $token")
  s=$(curl -s -o "$work/$name.out" -w "%{http_code}" "${args[@]}" "$url")
  [ "$s" = 200 ] || { echo "$url: HTTP $s"; head -c 500 "$work/$name.out"; return; }
  for _ in $(seq 1 5); do curl -s -o /dev/null "${args[@]}" "$url"; done
  local a=() b=()
  for i in $(seq 1 "$runs"); do
    for _ in $(seq 1 50); do curl -s -o /dev/null "${args[@]}" -w "%{time_total}\n" "$url"; done >"$work/$name-$i.txt"
    a+=("$(pct "$work/$name-$i.txt" 50)"); b+=("$(pct "$work/$name-$i.txt" 95)")
  done
  p50[$name]=$(printf '%s\n' "${a[@]}" | median); p95[$name]=$(printf '%s\n' "${b[@]}" | median)
}
l0=$(load)
measure baseline "$base/contrats/$contract"
measure page "$base/contrats/$contract/enquetes/vagues/$wave/resultats"
measure api "$base/api/v1/contracts/$contract/survey-waves/$wave/results" auth
l1=$(load)
grep -q "calage sur marges\|post-stratification" "$work/page.out" && echo "results page rendered ($(grep -c '<tr>' "$work/page.out") table rows)"

echo
echo "=== summary (median of $runs runs of 50 sequential requests; ${RESPONSES:-10000} responses, ${QUARTIERS:-10} quartiers) ==="
printf "%-52s %10s %10s\n" "case" "p50 ms" "p95 ms"
printf "%-52s %10s %10s\n" "baseline: contract page /contrats/{id}" "${p50[baseline]:-}" "${p95[baseline]:-}"
printf "%-52s %10s %10s\n" "results page …/vagues/{waveId}/resultats" "${p50[page]:-}" "${p95[page]:-}"
printf "%-52s %10s %10s\n" "GET /api/v1/…/survey-waves/{waveId}/results" "${p50[api]:-}" "${p95[api]:-}"
echo "target: results page p95 < 300 ms on 2 cores"
echo "load average: $l0 → $l1"
bench_machine
