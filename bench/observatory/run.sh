#!/usr/bin/env bash
# Observatory benchmark (issue #3, item 8).
#  1. Import: `import ssmsi <file>` of a generated national-scale communal base (≈35,000 communes × 15 indicators ×
#     10 years ≈ 5.2 M rows) on SQLite and PostgreSQL, fresh database each run, seconds and peak RSS; beside it, in
#     the same run, the raw load of the same file: `sqlite3 .import` and PostgreSQL `COPY` into an unindexed table.
#  2. Reads on the national-scale PostgreSQL database (last import run): the API call
#     GET /api/v1/observatory/commune/{code}?year=2024 under wrk (32 connections, 2 threads), and the commune page
#     /observatoire/commune/{code} timed sequentially with curl and a session cookie.
# Usage: bench/observatory/run.sh [runs] [file]   (runs default 3; file default: generated into a temp folder)
#  3. The same Kestrel serving a static file of similar size (wrk, same settings) and the API/static throughput ratio.
#  4. Cold start to the first answer (bench/startup/run.sh, same number of runs).
# Env: WRK_DURATION (default 30s), PROVIDERS="Sqlite Postgres", SKIP_IMPORT_SQLITE=1, SKIP_READS=1, SKIP_START=1,
#      GEN_ARGS (e.g. "--communes 2000").
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
file=${2:-}
shared=$(cd ../shared/data 2>/dev/null && pwd || echo /work/shared/data)
work=$(mktemp -d /tmp/vigie-bench-obs.XXXXXX)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${PGDIR:-}" ] && scripts/pg.sh stop "$PGDIR"
  rm -rf "$work"
}
trap cleanup EXIT
. bench/production-env.sh "$work"

# VIGIE_DLL: measure an existing build instead (e.g. a copy of another branch's Release output), no build.
if [ -z "${VIGIE_DLL:-}" ]; then dotnet build src/Vigie.Web -c Release -nologo -v q >/dev/null; fi
dll=${VIGIE_DLL:-src/Vigie.Web/bin/Release/net10.0/Vigie.Web.dll}
if [ -z "$file" ]; then
  # shellcheck disable=SC2086
  file=$(python3 bench/observatory/generate.py "$work/data" ${GEN_ARGS:-})
fi
rows=$(( $(wc -l <"$file") - 1 ))
read -r PGDIR PGPORT < <(scripts/pg.sh start)
pg="Host=127.0.0.1;Port=$PGPORT;Username=postgres"
psqlc() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# run CMD… → "seconds peak_kb"
measure() { /usr/bin/time -f "%e %M" -o "$work/t" "$@" >"$work/out" 2>"$work/err" || { cat "$work/out" "$work/err" >&2; exit 1; }; cat "$work/t"; }
load() { uptime | sed 's/.*load average: //'; }
# vigie PROVIDER CONNECTION-STRING ARGS… (a plain command, so /usr/bin/time can run it)
vigie() { local provider=$1 cs=$2; shift 2; "${vigie_cmd[@]}" "Database__Provider=$provider" "ConnectionStrings__Vigie=$cs" dotnet "$dll" "$@"; }
vigie_cmd=(env ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false)
results=()
row() { results+=("$(printf "%-46s %9s %12s %9s   %s" "$@")"); echo "${results[-1]}"; }

echo "file: $(basename "$file") — $rows rows, $(du -m "$file" | cut -f1) MB; runs: $runs"
row "case (median of $runs)" seconds "rows/s" "peak MB" "load avg before → after"

read -r -a providers <<<"${PROVIDERS:-Sqlite Postgres}"; [ "${SKIP_IMPORT_SQLITE:-}" = 1 ] && providers=(Postgres)
for provider in "${providers[@]}"; do
  secs=(); mem=(); base=(); inner=(); l0=$(load)
  for i in $(seq 1 "$runs"); do
    if [ $provider = Sqlite ]; then cs="Data Source=$work/obs-$i.db"; rm -f "$work"/obs-$i.db*; else cs="$pg;Database=obs_$i"; fi
    vigie $provider "$cs" migrate >/dev/null
    read -r s m < <(measure "${vigie_cmd[@]}" "Database__Provider=$provider" "ConnectionStrings__Vigie=$cs" dotnet "$dll" import ssmsi "$file"); secs+=("$s"); mem+=("$m")
    grep -q "Lignes importées" "$work/out" || { cat "$work/out" >&2; exit 1; }
    # The CLI's own timing of the row loop (read + parse + write, without start-up, hashing and commit).
    inner+=("$(grep "Lecture et écriture" "$work/out" | grep -o '[0-9]*,[0-9]* s' | head -1 | tr -d ' s' | tr , .)")
    # Baseline: the database's own bulk loader, same file, unindexed table of text columns.
    if [ $provider = Sqlite ]; then
      rm -f "$work/raw.db"
      read -r s _ < <(measure sqlite3 "$work/raw.db" ".separator ;" ".import $file raw"); base+=("$s")
      [ "$(sqlite3 "$work/raw.db" 'select count(*) from raw')" = "$rows" ] || { echo "sqlite3 .import row count mismatch" >&2; exit 1; }
      rm -f "$work/raw.db"
    else
      psqlc -c "DROP TABLE IF EXISTS raw; CREATE TABLE raw (codgeo text, annee text, indicateur text, unite_de_compte text, nombre text, taux_pour_mille text, est_diffuse text, insee_pop text, insee_pop_millesime text, insee_log text, insee_log_millesime text, complement_info_nombre text, complement_info_taux text)"
      read -r s _ < <(measure psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -c "\\copy raw FROM '$file' WITH (FORMAT csv, DELIMITER ';', HEADER true)"); base+=("$s")
      psqlc -c "DROP TABLE raw"
    fi
    # Keep only the last run's database (used by the read benchmark); free the disk of the others.
    if [ "$i" -lt "$runs" ]; then
      if [ $provider = Sqlite ]; then rm -f "$work"/obs-$i.db*; else psqlc -c "DROP DATABASE obs_$i"; fi
    fi
  done
  l1=$(load)
  s=$(printf '%s\n' "${secs[@]}" | median); b=$(printf '%s\n' "${base[@]}" | median)
  raw=$([ $provider = Sqlite ] && echo "sqlite3 .import" || echo "COPY (psql \\copy)")
  row "$provider: import ssmsi" "$s" "$(awk -v r="$rows" -v s="$s" 'BEGIN{printf "%.0f", r/s}')" \
    "$(printf '%s\n' "${mem[@]}" | median | awk '{printf "%.0f", $1/1024}')" "$l0 → $l1"
  n=$(printf '%s\n' "${inner[@]}" | median)
  row "$provider:   of which row loop (CLI figure)" "$n" "$(awk -v r="$rows" -v s="$n" 'BEGIN{printf "%.0f", r/s}')" "" ""
  row "$provider: baseline $raw, unindexed" "$b" "$(awk -v r="$rows" -v s="$b" 'BEGIN{printf "%.0f", r/s}')" "" ""
  row "$provider: ratio import / baseline" "$(awk -v a="$s" -v b="$b" 'BEGIN{printf "%.2f×", a/b}')" "" "" \
    "all runs: import ${secs[*]} s; baseline ${base[*]} s"
done

if [ "${SKIP_READS:-}" != 1 ]; then
  # Reads on the last PostgreSQL database: add the real geography and the real département base of the same edition
  # (the comparison columns), an administrator and a personal access token.
  cs="$pg;Database=obs_$runs"
  vigie Postgres "$cs" import geo --folder "$shared/insee" >/dev/null
  vigie Postgres "$cs" import ssmsi "$shared/ssmsi/donnee-dep-data.gouv-2024-geographie2025-produit-le2025-06-04.csv" >/dev/null
  VIGIE_ADMIN_PASSWORD='Bench-Password-2025!' vigie Postgres "$cs" create-admin --email bench@example.org >/dev/null
  token="vigie_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
  psqlc -d obs_$runs -c "INSERT INTO \"AccessTokens\" (\"Id\", \"UserId\", \"Name\", \"TokenHash\", \"Prefix\", \"CreatedAt\")
    SELECT gen_random_uuid(), \"Id\", 'bench', '$hash', left('$token', 12), now() FROM \"AspNetUsers\" WHERE \"Email\" = 'bench@example.org'"
  psqlc -d obs_$runs -c "ANALYZE"
  port=$(( 30000 + RANDOM % 20000 ))
  Database__Provider=Postgres ConnectionStrings__Vigie="$cs" ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false \
    RateLimits__ApiPerMinute=1000000 Logging__LogLevel__Default=Warning \
    dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
  app_pid=$!
  # Up to 5 minutes: a start on a heavily loaded machine took 89 s (docs/benchmarks.md).
  for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/compte/connexion" && break; kill -0 "$app_pid" 2>/dev/null || { tail -20 "$work/app.log" >&2; exit 1; }; sleep 1; done
  code=59350 # Lille; a quick run with --communes may not have it: then the file's last commune
  grep -q "^$code;" "$file" || code=$(tail -n 1 "$file" | cut -d";" -f1)
  api="http://127.0.0.1:$port/api/v1/observatory/commune/$code?year=2024"
  curl -fs -H "Authorization: Bearer $token" "$api" >"$work/api.json" || { echo "API call failed"; curl -s -H "Authorization: Bearer $token" "$api" | head -c 500; cat "$work/app.log" | tail -20; exit 1; }
  cat >"$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
  # Warm-up (JIT, connection pool), then the measure.
  wrk -t2 -c32 -d5s -s "$work/auth.lua" "$api" >/dev/null
  l0=$(load)
  wrk -t2 -c32 -d"${WRK_DURATION:-30s}" --latency -s "$work/auth.lua" "$api" | tee "$work/wrk.txt"
  l1=$(load)
  non2xx=$(grep -o "Non-2xx or 3xx responses: [0-9]*" "$work/wrk.txt" || true)
  lat() { awk -v p="$1" '$1==p {print $2}' "$work/wrk.txt"; }
  row "API commune $code year 2024 (wrk 2t/32c)" "p50 $(lat 50%)" "$(awk '/Requests\/sec/{printf "%.0f req/s", $2}' "$work/wrk.txt")" "" "$l0 → $l1"
  row "  latency percentiles" "p90 $(lat 90%)" "p99 $(lat 99%)" "" "${non2xx:-all 2xx}"
  # wrk --latency prints 50/75/90/99; p95 from the full distribution is not printed, so also a Lua-free estimate:
  # run a second short pass with a done() hook that prints p95.
  cat >>"$work/auth.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2fms\n", latency:percentile(95) / 1000))
end
LUA
  l0=$(load)
  wrk -t2 -c32 -d"${WRK_DURATION:-30s}" -s "$work/auth.lua" "$api" >"$work/wrk95.txt"
  l1=$(load)
  row "API (2nd pass) p95" "$(awk '/^P95/{print $2}' "$work/wrk95.txt")" "$(awk '/Requests\/sec/{printf "%.0f req/s", $2}' "$work/wrk95.txt")" "" "$l0 → $l1"

  # Baseline (issue 16): the same Kestrel, same wrk settings and header, serving the static file of wwwroot whose size is
  # closest to the API answer, right after the API pass; the target is API throughput ≥ 30 % of it and API p95 ≤ 20 ms.
  size=$(wc -c <"$work/api.json")
  # (wwwroot/lib/dsfr/icons is left out: a checkout may still hold icons the build no longer serves, see DsfrIconsTests.)
  read -r _ ssize spath < <(cd src/Vigie.Web/wwwroot && find . -type f ! -name '*.gz' ! -name '*.br' ! -path './lib/dsfr/icons/*' -printf '%s %P\n' \
    | awk -v s="$size" '{d=$1-s; if (d<0) d=-d; print d, $1, $2}' | sort -n | head -1)
  surl="http://127.0.0.1:$port/$spath"
  curl -fs -o /dev/null "$surl" || { echo "static file $surl not served" >&2; exit 1; }
  wrk -t2 -c32 -d5s -s "$work/auth.lua" "$surl" >/dev/null
  l0=$(load)
  wrk -t2 -c32 -d"${WRK_DURATION:-30s}" -s "$work/auth.lua" "$surl" >"$work/wrkstatic.txt"
  l1=$(load)
  row "static /$spath ($ssize B; API $size B)" "$(awk '/^P95/{print $2}' "$work/wrkstatic.txt")" "$(awk '/Requests\/sec/{printf "%.0f req/s", $2}' "$work/wrkstatic.txt")" "" "$l0 → $l1"
  api_rps=$(awk '/Requests\/sec/{print $2}' "$work/wrk95.txt"); static_rps=$(awk '/Requests\/sec/{print $2}' "$work/wrkstatic.txt")
  row "API / static throughput (target ≥ 30 %)" "$(awk -v a="$api_rps" -v b="$static_rps" 'BEGIN{printf "%.1f %%", 100*a/b}')" "" "" \
    "API p95 $(awk '/^P95/{print $2}' "$work/wrk95.txt") (target ≤ 20 ms)"

  # Sequential latency of the same call (one client), for comparison with the page below.
  pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int((NR*p+99)/100); printf "%.1f", a[i]*1000}'; }
  l0=$(load)
  for _ in $(seq 1 50); do curl -s -o /dev/null -H "Authorization: Bearer $token" -w "%{time_total}\n" "$api"; done >"$work/apiseq.txt"
  l1=$(load)
  row "API, 50 sequential requests (curl)" "p50 $(pct "$work/apiseq.txt" 50)ms" "p95 $(pct "$work/apiseq.txt" 95)ms" "" "$l0 → $l1"

  # The page: log in with curl (antiforgery token from the form), then 50 sequential requests.
  jar="$work/cookies"; login="http://127.0.0.1:$port/compte/connexion"
  af=$(curl -fs -c "$jar" -b "$jar" "$login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$af" \
    --data-urlencode "Input.Email=bench@example.org" --data-urlencode "Input.Password=Bench-Password-2025!" "$login"
  page="http://127.0.0.1:$port/observatoire/commune/$code"
  status=$(curl -s -o "$work/page.html" -w "%{http_code}" -b "$jar" "$page")
  if [ "$status" = 200 ] && grep -q "<h1" "$work/page.html"; then
    for _ in $(seq 1 5); do curl -s -o /dev/null -b "$jar" "$page"; done
    l0=$(load)
    for _ in $(seq 1 50); do curl -s -o /dev/null -b "$jar" -w "%{time_total}\n" "$page"; done >"$work/page.txt"
    l1=$(load)
    row "page /observatoire/commune/$code (50 seq.)" "p50 $(pct "$work/page.txt" 50)ms" "p95 $(pct "$work/page.txt" 95)ms" "" "$l0 → $l1"
  else
    row "page /observatoire/commune/$code" "skipped" "HTTP $status" "" "(login did not give a session)"
  fi
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
fi

# Cold start to the first answer (issue 16 target ≤ 1,5 s): its own script, same build.
if [ "${SKIP_START:-}" != 1 ]; then
  bench/startup/run.sh "$runs" | tee "$work/start.txt"
  while read -r line; do results+=("start: $line"); done < <(grep -E "^(default|DOTNET_|R2R)" "$work/start.txt")
fi

echo
echo "=== summary ==="
printf '%s\n' "${results[@]}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), dotnet $(dotnet --version), PostgreSQL $(psql --version | awk '{print $3}'), SQLite $(sqlite3 --version | cut -d' ' -f1)"
