#!/usr/bin/env bash
# Incidents benchmark (issue 14): 200 000 incidents over 5 years in one contract (21 default categories routed to
# 5 partners), on SQLite and PostgreSQL (Release build), then per provider, sequential curl calls (one client, the
# latency a user sees) of
#   - the map's data call as the map page makes it: GET /contrats/{id}/signalements?handler=Carte (session cookie),
#     unfiltered (newest 5 000 points) and with the "open" filter;
#   - a partner's inbox: the API GET /api/v1/contracts/{id}/incidents/inbox?organisation=… and the page …/boite, for
#     the pilot with the most open incidents;
#   - for comparison, the full GeoJSON export of the API (every property, newest 5 000);
#   - baseline in the same run: GET /api/v1/contracts/{id} (same auth, one small query).
# and a wrk pass (2 threads, 8 connections) on the inbox API for throughput under concurrency.
# Target: p95 < 150 ms per call (sequential) on 2 cores. Figures: median over runs of each run's p50/p95.
# Usage: bench/incidents/run.sh [runs]   (default 3). Env: PROVIDERS (default "Sqlite Postgres"), INCIDENTS (200000),
#        CALLS (calls per run and case, default 50), WRK_DURATION (default 10s; 0 skips wrk).
. "$(dirname "$0")/../lib.sh" incidents
runs=${1:-3}
count=${INCIDENTS:-200000}
calls=${CALLS:-50}
bench_build
# Production needs its keys outside the database: a throwaway data-protection certificate and cases key.
. bench/production-env.sh "$work"
export RateLimits__ApiPerMinute=1000000 Logging__LogLevel__Default=Warning
uuid() { cat /proc/sys/kernel/random/uuid | tr 'a-f' 'A-F'; }
declare -A p50 p95 extra
summary=()

run_provider() { # Sqlite | Postgres
  local provider=$1 cs sql
  local contract org_commune org_landlord org_pm org_pn org_transport token hash
  contract=$(uuid); org_commune=$(uuid); org_landlord=$(uuid); org_pm=$(uuid); org_pn=$(uuid); org_transport=$(uuid)
  bench_token
  if [ "$provider" = Postgres ]; then
    [ -n "${PGDIR:-}" ] || bench_pg_start
    cs="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=incidents_bench"
    sql() { psql -q -X -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d incidents_bench "$@"; }
    now="now()"; ago() { echo "(now() - ($1) * interval '1 second')"; }
    newid="gen_random_uuid()"; t=true; f=false
  else
    cs="Data Source=$work/incidents.db"
    sql() { if [ "${1:-}" = -c ]; then sqlite3 -bail "$work/incidents.db" "$2"; else sqlite3 -bail "$work/incidents.db"; fi; }
    # UTC ticks (DateTimeOffsetToUtcTicksConverter) and upper-case text GUIDs, as EF Core's SQLite provider writes them.
    now="(CAST(strftime('%s','now') AS INTEGER) * 10000000 + 621355968000000000)"; ago() { echo "($now - CAST(($1) AS INTEGER) * 10000000)"; }
    newid="upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)),2) || '-A' || substr(hex(randomblob(2)),2) || '-' || hex(randomblob(6)))"
    t=1; f=0
  fi
  vigie() { env Database__Provider=$provider "ConnectionStrings__Vigie=$cs" dotnet "$dll" "$@"; }

  vigie migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
  VIGIE_ADMIN_PASSWORD='Bench-Password-2025!' vigie create-admin --email bench@example.org >/dev/null
  sql -c "INSERT INTO \"AccessTokens\" (\"Id\", \"UserId\", \"Name\", \"TokenHash\", \"Prefix\", \"CreatedAt\")
    SELECT $newid, \"Id\", 'bench', '$hash', substr('$token', 1, 12), $now FROM \"AspNetUsers\" WHERE \"Email\" = 'bench@example.org'"
  local o n=0
  for o in "$org_commune Commune Ville" "$org_landlord BailleurSocial Bailleur" "$org_pm PoliceMunicipale Police-municipale" \
           "$org_pn PoliceNationale Commissariat" "$org_transport Transporteur Transporteur"; do
    set -- $o; n=$((n + 1))
    sql -c "INSERT INTO \"Organisations\" (\"Id\", \"Name\", \"Type\", \"IsArchived\", \"CreatedAt\", \"UpdatedAt\") VALUES ('$1', '$3 du banc', '$2', $f, $now, $now)"
    orgs[$n]=$1
  done
  sql -c "INSERT INTO \"Contracts\" (\"Id\", \"Title\", \"Kind\", \"Status\", \"StartDate\", \"EndDate\", \"Generation\", \"IsPublished\", \"Version\", \"CreatedAt\", \"UpdatedAt\")
    VALUES ('$contract', 'CLS du banc des signalements', 'Cls', 'InForce', '2022-01-01', '2028-12-31', 1, $f, 1, $now, $now)"
  sql -c "INSERT INTO \"Memberships\" (\"Id\", \"ContractId\", \"UserId\", \"Role\", \"CreatedAt\", \"UpdatedAt\")
    SELECT $newid, '$contract', \"Id\", 'Coordinator', $now, $now FROM \"AspNetUsers\" WHERE \"Email\" = 'bench@example.org'"
  n=0
  for o in "${orgs[@]}"; do
    n=$((n + 1))
    sql -c "INSERT INTO \"Signatories\" (\"Id\", \"ContractId\", \"OrganisationId\", \"RepresentativeName\", \"Order\", \"CreatedAt\", \"UpdatedAt\")
      VALUES ($newid, '$contract', '$o', 'Représentant', $n, $now, $now)"
  done

  local port base
  port=$(( 30000 + RANDOM % 20000 )); base="http://127.0.0.1:$port"
  env Database__Provider=$provider ConnectionStrings__Vigie="$cs" dotnet "$dll" --urls "$base" >"$work/app-$provider.log" 2>&1 &
  app_pid=$!
  LOG="$work/app-$provider.log" bench_wait_app "$base/compte/connexion" 120
  # The categories are seeded on first use, their pilots taken from the signatories by partner type.
  local status
  status=$(curl -s -o "$work/cats.json" -w "%{http_code}" -H "Authorization: Bearer $token" "$base/api/v1/contracts/$contract/incident-categories")
  [ "$status" = 200 ] || { echo "categories: HTTP $status"; head -c 1000 "$work/cats.json"; tail -20 "$work/app-$provider.log"; exit 1; }

  # 200 000 incidents, evenly spread over 5 years (number order = date order), category by turn, points in a 7 × 6 km
  # box over Lille; older than 60 days: closed, except one in 50 (a backlog); the last 60 days: every state.
  local span=$((5 * 365 * 86400)) seeded
  local age="(($count - CAST(s.n AS BIGINT)) * $span / $count)"
  local status="CASE WHEN $age > 5184000 AND s.n % 50 <> 0 THEN 'Cloture' WHEN $age > 5184000 THEN 'EnCours' ELSE (CASE s.n % 6 WHEN 0 THEN 'Transmis' WHEN 1 THEN 'PrisEnCharge' WHEN 2 THEN 'EnCours' WHEN 3 THEN 'Resolu' ELSE 'Cloture' END) END"
  local series
  if [ "$provider" = Postgres ]; then series="generate_series(1, $count) AS s(n)"; else series="s"; fi
  local seed_start; seed_start=$(date +%s.%N)
  sql <<SQL
$( [ "$provider" = Sqlite ] && echo "PRAGMA journal_mode=WAL;" )
CREATE TEMP TABLE cats AS SELECT "Id", "PilotOrganisationId", ROW_NUMBER() OVER (ORDER BY "Position") - 1 AS k FROM "IncidentCategories" WHERE "ContractId" = '$contract';
$( [ "$provider" = Sqlite ] && echo "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $count)" )
INSERT INTO "Incidents" ("Id", "ContractId", "Number", "CategoryId", "Status", "CloseReason", "Address", "Latitude", "Longitude", "CommuneCode",
  "Description", "ObservedAt", "ReportedAt", "Source", "PilotOrganisationId", "RoutedAt", "DueAt", "TakenUpAt", "ResolvedAt", "ClosedAt", "CreatedAt", "UpdatedAt")
SELECT $newid, '$contract', s.n, c."Id", $status, CASE WHEN $status = 'Cloture' THEN 'Traite' END,
  'Rue du banc d''essai', 50.60 + (CAST(s.n AS BIGINT) * 7919 % 10007) / 10007.0 * 0.06, 3.00 + (CAST(s.n AS BIGINT) * 104729 % 10009) / 10009.0 * 0.10, '59350',
  'Constat numéro ' || s.n, $(ago "$age + 3600"), $(ago "$age"), 'Agent', c."PilotOrganisationId",
  CASE WHEN c."PilotOrganisationId" IS NOT NULL THEN $(ago "$age") END, $(ago "$age - 259200"),
  CASE WHEN $status <> 'Transmis' THEN $(ago "$age - 7200") END,
  CASE WHEN $status IN ('Resolu', 'Cloture') THEN $(ago "$age - 86400") END,
  CASE WHEN $status = 'Cloture' THEN $(ago "$age - 172800") END,
  $(ago "$age"), $(ago "$age")
FROM $series JOIN cats c ON c.k = s.n % (SELECT count(*) FROM cats);
$( [ "$provider" = Postgres ] && echo "ANALYZE;" || echo "ANALYZE;" )
SQL
  seeded=$(awk -v s="$seed_start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
  local total open pilot pilot_open
  total=$(sql -c "SELECT count(*) FROM \"Incidents\" WHERE \"ContractId\" = '$contract'" | tr -d ' ')
  open=$(sql -c "SELECT count(*) FROM \"Incidents\" WHERE \"ContractId\" = '$contract' AND \"Status\" <> 'Cloture'" | tr -d ' ')
  read -r pilot pilot_open < <(sql -c "SELECT \"PilotOrganisationId\", count(*) FROM \"Incidents\" WHERE \"ContractId\" = '$contract' AND \"Status\" <> 'Cloture'
    GROUP BY \"PilotOrganisationId\" ORDER BY count(*) DESC LIMIT 1" | tr '|' ' ')
  echo "$provider: seeded $total incidents in ${seeded}s ($open not closed; biggest inbox $pilot_open)"

  # Pages: sign in with curl (antiforgery token from the form) for the map's data call as the browser makes it.
  local jar="$work/cookies-$provider"
  bench_login "$base" "$jar"
  local api="$base/api/v1/contracts/$contract" pages="$base/contrats/$contract/signalements"
  case_() { # name url (an /api/ url is called with the bearer token, a page with the session cookie)
    local name="$provider $1" url=$2 s a=() b=() auth=(-b "$jar")
    [[ "$url" == */api/* ]] && auth=(-H "Authorization: Bearer $token")
    s=$(curl -s -o "$work/out.bin" -w "%{http_code} %{size_download}" "${auth[@]}" "$url")
    [ "${s%% *}" = 200 ] || { echo "$url: HTTP $s"; head -c 500 "$work/out.bin"; echo; return; }
    extra[$name]="$(( ${s##* } / 1024 )) KiB"
    for _ in $(seq 1 5); do curl -s -o /dev/null "${auth[@]}" "$url"; done
    for i in $(seq 1 "$runs"); do
      for _ in $(seq 1 "$calls"); do curl -s -o /dev/null "${auth[@]}" -w "%{time_total}\n" "$url"; done >"$work/t.txt"
      a+=("$(pct "$work/t.txt" 50)"); b+=("$(pct "$work/t.txt" 95)")
    done
    p50[$name]=$(printf '%s\n' "${a[@]}" | median); p95[$name]=$(printf '%s\n' "${b[@]}" | median)
    summary+=("$name")
  }
  local l0 l1; l0=$(load)
  case_ "baseline API GET /contracts/{id}" "$api"
  case_ "map data (page ?handler=Carte), no filter" "$pages?handler=Carte"
  case_ "map data (page ?handler=Carte), statut=ouverts" "$pages?handler=Carte&statut=ouverts"
  case_ "inbox API, biggest pilot" "$api/incidents/inbox?organisation=$pilot"
  case_ "inbox page, biggest pilot" "$pages/boite?organisation=$pilot"
  case_ "GeoJSON export API (full properties), no filter" "$api/incidents/geojson"
  l1=$(load)
  extra["$provider load"]="$l0 → $l1"
  if [ "${WRK_DURATION:-10s}" != 0 ] && command -v wrk >/dev/null; then
    cat >"$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
done = function(summary, latency, requests)
  io.write(string.format("P50 %.2f P95 %.2f RPS %.1f ERR %d\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
    extra["$provider wrk"]=$(wrk -t2 -c8 -d"${WRK_DURATION:-10s}" -s "$work/auth.lua" "$api/incidents/inbox?organisation=$pilot" | grep '^P50')
  fi
  for n in "${summary[@]}"; do [[ "$n" == "$provider "* ]] && printf "%-58s p50 %8s ms  p95 %8s ms  %s\n" "$n" "${p50[$n]}" "${p95[$n]}" "${extra[$n]:-}"; done
  echo "$provider: load ${extra["$provider load"]}; wrk: ${extra["$provider wrk"]:-skipped}"
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
}

declare -a orgs
for provider in ${PROVIDERS:-Sqlite Postgres}; do run_provider "$provider"; done

echo
echo "=== summary ($count incidents; median of $runs runs of $calls sequential calls each) ==="
printf "%-52s %10s %10s %12s\n" "case" "p50 ms" "p95 ms" "answer"
for n in "${summary[@]}"; do printf "%-52s %10s %10s %12s\n" "$n" "${p50[$n]}" "${p95[$n]}" "${extra[$n]:-}"; done
for provider in ${PROVIDERS:-Sqlite Postgres}; do
  echo "$provider: load average during the sequential calls ${extra["$provider load"]:-?}; wrk 2t/8c on the inbox API: ${extra["$provider wrk"]:-skipped}"
done
bench_machine
