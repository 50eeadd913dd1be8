#!/usr/bin/env bash
# Action plan benchmark (issue #4): a plan of 40 actions × 10 indicators × 5 years of values (2,000 values), seeded
# through the plan import API on PostgreSQL (Release build), then
#   - GET /api/v1/contracts/{id}/plan under wrk (2 threads, 32 connections), p50/p95, median of N runs;
#   - the plan page /contrats/{id}/plan and a fiche action page, 50 sequential curl requests each, p50/p95;
#   - baseline in the same run: GET /api/v1/contracts/{id} (same auth, one small query).
# Usage: bench/actionplan/run.sh [runs]   (default 3). Env: WRK_DURATION (default 15s), ACTIONS (default 40).
. "$(dirname "$0")/../lib.sh" plan
runs=${1:-3}
bench_build
bench_pg_start
cs="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=plan_bench"
psqlc() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d plan_bench "$@"; }
vigie() { env ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false Database__Provider=Postgres "ConnectionStrings__Vigie=$cs" dotnet "$dll" "$@"; }

vigie migrate >/dev/null
VIGIE_ADMIN_PASSWORD='Bench-Password-2025!' vigie create-admin --email bench@example.org >/dev/null
bench_token
contract=$(cat /proc/sys/kernel/random/uuid)
org=$(cat /proc/sys/kernel/random/uuid)
psqlc -c "INSERT INTO \"AccessTokens\" (\"Id\", \"UserId\", \"Name\", \"TokenHash\", \"Prefix\", \"CreatedAt\")
  SELECT gen_random_uuid(), \"Id\", 'bench', '$hash', left('$token', 12), now() FROM \"AspNetUsers\" WHERE \"Email\" = 'bench@example.org'"
psqlc -c "INSERT INTO \"Organisations\" (\"Id\", \"Name\", \"Type\", \"IsArchived\", \"CreatedAt\", \"UpdatedAt\") VALUES ('$org', 'Bailleur du banc', 'BailleurSocial', false, now(), now())"
psqlc -c "INSERT INTO \"Contracts\" (\"Id\", \"Title\", \"Kind\", \"Status\", \"StartDate\", \"EndDate\", \"Generation\", \"IsPublished\", \"Version\", \"CreatedAt\", \"UpdatedAt\")
  VALUES ('$contract', 'CLS du banc d''essai', 'Cls', 'InForce', '2024-01-01', '2028-12-31', 1, true, 1, now(), now())"

port=$(( 30000 + RANDOM % 20000 ))
base="http://127.0.0.1:$port"
env Database__Provider=Postgres ConnectionStrings__Vigie="$cs" ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false \
  RateLimits__ApiPerMinute=100000000 Logging__LogLevel__Default=Warning dotnet "$dll" --urls "$base" >"$work/app.log" 2>&1 &
app_pid=$!
bench_wait_app "$base/compte/connexion" 60

python3 bench/actionplan/generate.py "${ACTIONS:-40}" "Bailleur du banc" >"$work/plan.csv"
seed_start=$(date +%s.%N)
curl -fs -H "Authorization: Bearer $token" -F "file=@$work/plan.csv;filename=plan.csv" "$base/api/v1/contracts/$contract/plan/import" >"$work/import.json" \
  || { echo "import failed"; curl -s -H "Authorization: Bearer $token" -F "file=@$work/plan.csv;filename=plan.csv" "$base/api/v1/contracts/$contract/plan/import" | head -c 2000; exit 1; }
seed=$(awk -v s="$seed_start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
echo "seeded by import in ${seed}s: $(cat "$work/import.json")"
psqlc -c "ANALYZE"
values=$(psqlc -t -A -c "SELECT count(*) FROM \"PlanIndicatorValues\" WHERE \"ContractId\" = '$contract'")

cat >"$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
done = function(summary, latency, requests)
  io.write(string.format("P50 %.2f\nP95 %.2f\nRPS %.0f\nERR %d\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
declare -A p50 p95 rps
bench() { # name url
  local name=$1 url=$2
  wrk -t2 -c32 -d3s -s "$work/auth.lua" "$url" >/dev/null
  for i in $(seq 1 "$runs"); do
    wrk -t2 -c32 -d"${WRK_DURATION:-15s}" -s "$work/auth.lua" "$url" >"$work/wrk-$name-$i.txt"
    grep -q "^ERR 0" "$work/wrk-$name-$i.txt" || { echo "errors during $name:"; cat "$work/wrk-$name-$i.txt"; }
  done
  p50[$name]=$(cat "$work"/wrk-$name-*.txt | awk '/^P50/{print $2}' | median)
  p95[$name]=$(cat "$work"/wrk-$name-*.txt | awk '/^P95/{print $2}' | median)
  rps[$name]=$(cat "$work"/wrk-$name-*.txt | awk '/^RPS/{print $2}' | median)
}
curl -fs -o /dev/null -H "Authorization: Bearer $token" "$base/api/v1/contracts/$contract/plan"
l0=$(load)
bench baseline "$base/api/v1/contracts/$contract"
bench plan "$base/api/v1/contracts/$contract/plan"
l1=$(load)

# Pages: sign in with curl (antiforgery token from the form), then 50 sequential requests, median of the runs' p50/p95.
jar="$work/cookies"
bench_login "$base" "$jar"
action=$(psqlc -t -A -c "SELECT \"Id\" FROM \"PlanItems\" WHERE \"ContractId\" = '$contract' AND \"Reference\" = 'A1'")
pages() { # name url
  local name=$1 url=$2 s
  s=$(curl -s -o "$work/$name.html" -w "%{http_code}" -b "$jar" "$url")
  [ "$s" = 200 ] || { echo "page $url: HTTP $s"; return; }
  for _ in $(seq 1 5); do curl -s -o /dev/null -b "$jar" "$url"; done
  local a=() b=()
  for i in $(seq 1 "$runs"); do
    for _ in $(seq 1 50); do curl -s -o /dev/null -b "$jar" -w "%{time_total}\n" "$url"; done >"$work/$name-$i.txt"
    a+=("$(pct "$work/$name-$i.txt" 50)"); b+=("$(pct "$work/$name-$i.txt" 95)")
  done
  p50[$name]=$(printf '%s\n' "${a[@]}" | median); p95[$name]=$(printf '%s\n' "${b[@]}" | median); rps[$name]="(sequential)"
}
pages page "$base/contrats/$contract/plan"
pages fiche "$base/contrats/$contract/plan/elements/$action"
pages public "$base/public/contrats/$contract/plan"

echo
echo "=== summary (median of $runs runs; plan: $(( ${ACTIONS:-40} + 4 )) items, $values indicator values) ==="
printf "%-44s %10s %10s %12s\n" "case" "p50 ms" "p95 ms" "req/s"
printf "%-44s %10s %10s %12s\n" "baseline GET /api/v1/contracts/{id} (wrk)" "${p50[baseline]}" "${p95[baseline]}" "${rps[baseline]}"
printf "%-44s %10s %10s %12s\n" "GET /api/v1/contracts/{id}/plan (wrk)" "${p50[plan]}" "${p95[plan]}" "${rps[plan]}"
for n in page fiche public; do
  [ -n "${p50[$n]:-}" ] && printf "%-44s %10s %10s %12s\n" "$n (curl, 50 sequential)" "${p50[$n]}" "${p95[$n]}" "${rps[$n]}"
done
echo "load average during wrk: $l0 → $l1"
bench_machine
