#!/usr/bin/env bash
# The reliability suite (issue 16, docs/reliability.md): two instances of the built app in Production behind the
# deploy/ nginx site (an upstream with both), on one throwaway PostgreSQL, exercised only through nginx over HTTPS.
#   ./reliability.sh --quick   20 simulated users for 30 s, kill -9 of an instance under load, PostgreSQL restarted
#                              under load (CI: .ci/run; a few minutes)
#   ./reliability.sh           100 simulated users for 5 minutes, then the same faults, then the systemd unit's check
#   --unit                     (with --quick) also the systemd unit's check; --no-unit: without it
# Checks: a session opened through nginx is served by both instances (X-Vigie-Instance); 0 answers 5xx from the app
# under load; 0 lost writes (every acknowledged plan edit and minutes save is stored at the end); after kill -9 the
# other instance keeps serving and the killed one comes back; after a PostgreSQL restart both instances answer /readyz
# 200 again without being restarted; a reminder due now is mailed exactly once across both instances; an SSMSI import
# posted to one instance runs during the load and its data is served by the other (caches follow the data stamp);
# kill -9 of the instance running an SSMSI import → the job is resumed by an instance (lease) and a re-run gives the same
# counts; disk full on the upload folder (a small tmpfs, when root) → 507 with a French message, no job row, no file
# left; kill -9 of the instance running the case retention purge (a batch purge over hundreds of due sheets) → every
# batch committed whole or not at all, the day's run is resumed by the restarted instance once silent
# (Cases:Retention:ResumeAfterSeconds), the final counts are those of one purge and a re-run changes nothing. The
# systemd unit's check (full mode, or --unit): a published build (dotnet publish -c Release) run the way
# deploy/systemd/vigie.service says — its User/Group (created as docs/operations.md says), WorkingDirectory,
# EnvironmentFile (made from deploy/vigie.env.example), UMask, no new privileges and no capabilities, ExecStartPre
# (migrate) then ExecStart — behind its own copy of the deploy/ nginx site; a sign-in through it must work, the process
# must run as that user and write only under its StateDirectory, and stop cleanly on the unit's KillSignal.
# The hostile-input corpus runs in the normal suite (tests/hostile/, HostileInputTests).
# Prints latency percentiles and "reliability: N passed, M failed"; the JSON reports stay in the work folder.
# Installs nginx/openssl/curl/postgresql when run as root (like test.sh). Needs a build (dotnet build Vigie.slnx).
set -euo pipefail
cd "$(dirname "$0")"

USERS=100; DURATION=300; MODE=full; UNIT=""
for arg in "$@"; do
  case "$arg" in
    --quick) USERS=20; DURATION=30; MODE=quick ;;
    --unit) UNIT=1 ;;
    --no-unit) UNIT=0 ;;
    *) echo "usage: $0 [--quick] [--unit|--no-unit]" >&2; exit 2 ;;
  esac
done
[ -n "$UNIT" ] || UNIT=$([ "$MODE" = full ] && echo 1 || echo 0)

need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (install them, e.g. sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DLL=src/Vigie.Web/bin/Debug/net10.0/Vigie.Web.dll
[ -f "$DLL" ] || { echo "build first: dotnet build Vigie.slnx ($DLL missing)" >&2; exit 1; }
DRIVER=tests/reliability/driver.py

passed=0; failed=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what" >&2; fi
}

work=$(mktemp -d /tmp/vigie-reliability.XXXXXX)
chmod 755 "$work"
declare -A pids=()
PGDIR=""
UPLOADS_MOUNTED=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$UPLOADS_MOUNTED" ] && umount "$work/uploads" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && "$NGINX" -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true
  [ -f "$work/unit-nginx/nginx.pid" ] && "$NGINX" -p "$work/unit-nginx" -c "$work/unit-nginx/nginx.conf" -s stop 2>/dev/null || true
  [ -n "$PGDIR" ] && scripts/pg.sh stop "$PGDIR"
  echo "reports: $work"
}
trap cleanup EXIT

HTTP=$(scripts/free-port.sh); HTTPS=$(scripts/free-port.sh); PORT_A=$(scripts/free-port.sh); PORT_B=$(scripts/free-port.sh)
read -r PGDIR PGPORT < <(scripts/pg.sh start)
echo "==> PostgreSQL on 127.0.0.1:$PGPORT, instances a:$PORT_A b:$PORT_B, nginx https:$HTTPS ($MODE: $USERS users, ${DURATION}s)"

# nginx: the shipped site, with its two-instance upstream enabled (docs/operations.md, "Two instances").
HOST=vigie.example.fr
. scripts/nginx-site.sh
nginx_site "$work" "$HTTP" "$HTTPS" "$PORT_A" "$PORT_B"

# The app: same database, data-protection certificate, case key and upload folder for both; own mail folder each.
dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=Vigie data protection" -keyout "$work/dp.key" -out "$work/dp.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/dp.pfx" -passout pass:reliability 2>/dev/null
head -c 32 /dev/urandom | base64 > "$work/cases.key"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  App__PublicBaseUrl="https://$HOST:$HTTPS" AllowedHosts="$HOST;127.0.0.1" Proxy__KnownNetworks="127.0.0.1/32" \
  Database__Provider=Postgres Database__MigrateOnStartup=false \
  ConnectionStrings__Vigie="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=vigie;Maximum Pool Size=60" \
  DataProtection__CertificatePath="$work/dp.pfx" DataProtection__CertificatePassword=reliability Cases__EncryptionKeyFile="$work/cases.key" \
  Observatory__UploadFolder="$work/uploads" Observability__JsonLogs=true \
  RateLimits__ApiPerMinute=1000000 RateLimits__LoginPerMinute=1000 \
  PlanReminders__IntervalMinutes=1 Observatory__LeaseSeconds=20 \
  Cases__Retention__Enabled=false \
  EnableStaticAssetsDevelopmentCaching=true
# (The case retention job runs only on the instance restarted for its kill -9 step, with a short check interval: see 5.)
# The shared upload folder is a small file system of its own (when root), so that "disk full" can be produced below.
mkdir -p "$work/uploads"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=24m,mode=755 vigie-uploads "$work/uploads" 2>/dev/null; then
  UPLOADS_MOUNTED=1
else
  echo "    (the upload folder is not a separate file system: not root or mount refused; the disk-full step will be skipped)"
fi
run_app() { "$dotnet_dir/dotnet" "$DLL" "$@"; }
run_app migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
Mail__PickupDirectory="$work/mail-seed" run_app seed-demo >"$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
EMAIL=$(sed -n 's/^Compte administrateur : //p' "$work/seed.log" | head -n 1)
PASSWORD=$(sed -n 's/^Mot de passe *: //p' "$work/seed.log" | head -n 1)
[ -n "$EMAIL" ] && [ -n "$PASSWORD" ] || { echo "seed-demo printed no account"; cat "$work/seed.log"; exit 1; }

start_instance() { # name port [NAME=value… for this start only]
  local name=$1 port=$2; shift 2
  env ASPNETCORE_URLS="http://127.0.0.1:$port" Observability__InstanceName="$name" Mail__PickupDirectory="$work/mail-$name" "$@" \
    "$dotnet_dir/dotnet" "$DLL" >>"$work/app-$name.log" 2>&1 &
  pids[$name]=$!
}
wait_ready() { # port, seconds → 0 when /readyz answers 200
  for _ in $(seq 1 $(( $2 * 2 ))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz" || true)" = 200 ] && return 0
    sleep 0.5
  done
  return 1
}
start_instance a "$PORT_A"
start_instance b "$PORT_B"
check "instance a ready (/readyz)" wait_ready "$PORT_A" 180
check "instance b ready (/readyz)" wait_ready "$PORT_B" 180
"$NGINX" -p "$work" -c "$work/nginx.conf"
D() { python3 "$DRIVER" --port "$HTTPS" --name "$HOST" "$@"; }
field() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"r": r}))' "$@"; }

# 1. One session, both instances (keys and sessions in the database).
D setup --email "$EMAIL" --password "$PASSWORD" --users "$USERS" >"$work/state.json"
D instances --state "$work/state.json" --requests 20 >"$work/instances.json"
both() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if {"a","b"} <= set(r["instances"]) and r["notServed"] == 0 else 1)' "$1"; }
check "a session opened through nginx is served by both instances ($(cat "$work/instances.json"))" both "$work/instances.json"

# A reminder due now, for the two instances' reminder scans (every minute) to find: checked at the end.
D milestone --state "$work/state.json" >"$work/milestone.json"
milestone_at=$(date +%s)
DA() { D --instance-port "$PORT_A" --state "$work/state.json" "$@"; }
DB() { D --instance-port "$PORT_B" --state "$work/state.json" "$@"; }
SSMSI_OLD=../shared/data/ssmsi/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv
SSMSI_NEW=../shared/data/ssmsi/donnee-dep-data.gouv-2024-geographie2024-produit-le2025-01-26.csv
job_id() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["answer"].get("id", "") if r["status"] == 202 else "")' "$1"; }
DB observatory --path /api/v1/observatory/france/FR >"$work/obs-before.json"

# 2. Load, with an SSMSI import posted to instance a running beside it (mixed workload).
echo "==> load: $USERS users for ${DURATION}s, an SSMSI import on instance a at the same time"
DA import --file "$SSMSI_OLD" >"$work/import-load.json"
D load --state "$work/state.json" --users "$USERS" --duration "$DURATION" >"$work/load.json"
IMPORT1=$(job_id "$work/import-load.json")
DB job --id "$IMPORT1" --duration 300 >"$work/import-load-job.json"
echo "    import during the load: $(cat "$work/import-load-job.json")"
check "the SSMSI import posted to a during the load succeeded (seen from b)" \
  test "$(field "$work/import-load-job.json" 'r["status"] if r else None')" = succeeded
DB observatory --path /api/v1/observatory/france/FR >"$work/obs-after.json"
check "b serves the data imported through a ($(cat "$work/obs-before.json") → $(cat "$work/obs-after.json"))" \
  test "$(field "$work/obs-after.json" '(r["status"], r["edition"] is not None and "2023" in r["edition"], r["indicators"] > 0)')" = "(200, True, True)"
echo "    $(field "$work/load.json" '"%s requests, %s/s, statuses %s" % (r["requests"], r["perSecond"], r["statuses"])')"
echo "    latency ms: $(field "$work/load.json" 'r["latencyMs"]')"
check "no 5xx under load ($(field "$work/load.json" 'r["fiveXX"]'))" test "$(field "$work/load.json" 'r["fiveXX"] + r["connectionErrors"]')" = 0

# 3. kill -9 of instance b under load, while b runs an SSMSI import: a keeps serving, b restarts, nothing acknowledged
# is lost, the import's lease expires (Observatory:LeaseSeconds) and an instance resumes it from the stored file.
echo "==> kill -9 of instance b under load, during an SSMSI import on b"
D load --state "$work/state.json" --users "$(( USERS / 2 ))" --duration 20 >"$work/load-kill.json" &
loader=$!
DB import --file "$SSMSI_NEW" >"$work/import-kill.json"
IMPORT2=$(job_id "$work/import-kill.json")
DB job --id "$IMPORT2" --until running --duration 30 >"$work/import-kill-before.json"
echo "    import on b when killed: $(cat "$work/import-kill-before.json")"
kill -9 "${pids[b]}"; wait "${pids[b]}" 2>/dev/null || true
sleep 4
start_instance b "$PORT_B"
b_restarted=$(date +%s)
wait "$loader"
check "instance b back after kill -9" wait_ready "$PORT_B" 180
DA job --id "$IMPORT2" --duration 300 >"$work/import-kill-job.json"
echo "    the import after the kill: $(cat "$work/import-kill-job.json")"
check "the SSMSI import interrupted by kill -9 was resumed and succeeded" \
  test "$(field "$work/import-kill-job.json" 'r["status"] if r else None')" = succeeded
psql_count() { "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d vigie -tAc "$1"; }
counts() { echo "$(psql_count 'SELECT count(*) FROM "StatEditions"') editions, $(psql_count 'SELECT count(*) FROM "StatValues"') values"; }
after_kill=$(counts)
DA import --file "$SSMSI_NEW" >"$work/import-rerun.json"
DA job --id "$(job_id "$work/import-rerun.json")" --duration 300 >"$work/import-rerun-job.json"
after_rerun=$(counts)
check "re-running the interrupted import gives the same counts (after the kill: $after_kill, $(field "$work/import-kill-job.json" 'r["rowsImported"]') rows; after the re-run, $(field "$work/import-rerun-job.json" '(r["status"], r["rowsImported"])'): $after_rerun)" \
  test "$after_kill|$(field "$work/import-rerun-job.json" 'r["status"]')" = "$after_rerun|succeeded"
DB observatory --path /api/v1/observatory/france/FR >"$work/obs-new.json"
check "b serves the newer edition imported since its last answer (cache follows the data stamp: $(cat "$work/obs-new.json"))" \
  test "$(field "$work/obs-new.json" '(r["status"], r["edition"] is not None and "2025" in r["edition"])')" = "(200, True)"
echo "    during the kill: $(field "$work/load-kill.json" '"%s requests, statuses %s" % (r["requests"], r["statuses"])')"
check "no 5xx from the app during the kill ($(field "$work/load-kill.json" '[e for e in r["errors"]][:3]'))" \
  test "$(field "$work/load-kill.json" 'sum(1 for e in r["errors"] if e["status"] != 502)')" = 0

# 4. kill -9 during an XLSX plan import (it runs in the request, in one transaction): after the restart the plan holds
# all of the file or none of it, and importing it again (upserts by reference) gives the same counts.
echo "==> kill -9 of instance b during an XLSX plan import"
AXES=$([ "$MODE" = quick ] && echo 60 || echo 150)
D plan-xlsx --users "$AXES" --file "$work/plan.xlsx" >"$work/plan-xlsx.json"
ROWS=$(field "$work/plan-xlsx.json" 'r["rows"]')
items_before=$(psql_count 'SELECT count(*) FROM "PlanItems"')
DB plan-import --file "$work/plan.xlsx" >"$work/plan-kill.json" &
importer=$!
sleep 2
kill -9 "${pids[b]}"; wait "${pids[b]}" 2>/dev/null || true
wait "$importer" || true
start_instance b "$PORT_B"
b_restarted=$(date +%s)
items_killed=$(psql_count 'SELECT count(*) FROM "PlanItems"')
echo "    the import on b when killed: $(cut -c1-200 "$work/plan-kill.json"); plan items $items_before → $items_killed ($ROWS rows in the file)"
check "instance b back after kill -9 during the plan import" wait_ready "$PORT_B" 180
check "no partial plan import after kill -9 ($items_before → $items_killed, all or nothing of $ROWS rows)" \
  test "$items_killed" = "$items_before" -o "$items_killed" = "$(( items_before + ROWS ))"
DA plan-import --file "$work/plan.xlsx" >"$work/plan-rerun.json"
items_rerun=$(psql_count 'SELECT count(*) FROM "PlanItems"')
DA plan-import --file "$work/plan.xlsx" >"$work/plan-rerun2.json"
items_rerun2=$(psql_count 'SELECT count(*) FROM "PlanItems"')
check "re-running the plan import gives the same counts ($items_rerun, then $items_rerun2; expected $(( items_before + ROWS )); $(field "$work/plan-rerun.json" 'r["status"]'))" \
  test "$items_rerun|$items_rerun2" = "$(( items_before + ROWS ))|$(( items_before + ROWS ))"

# 4b. kill -9 during the case retention purge (issue 16 "Faults"): hundreds of due sheets in one group, purged in small
# batches (each: its sheets' stubs, the day's slip, the audit event and the deletion, in one transaction) by instance b
# restarted with the daily job checking every 2 s; b is killed once some batches are committed. Every batch is whole or
# absent, the day's JobRuns row is left unfinished, the restarted b resumes it once it has been silent for
# ResumeAfterSeconds, and the final counts are those of one purge (no stub doubled, one slip); a re-run of the day (its
# JobRuns row removed) changes nothing. The purge has no physical files (sheets and documents live in the database).
echo "==> kill -9 of instance b during the case retention purge"
SHEETS=$([ "$MODE" = quick ] && echo 300 || echo 1000)
RETENTION=(Cases__Retention__Enabled=true Cases__Retention__Hour=0 Cases__Retention__CheckEverySeconds=2 Cases__Retention__ResumeAfterSeconds=5 Cases__Retention__PurgeBatch=2)
psql_count "UPDATE \"AspNetUsers\" SET \"TwoFactorEnabled\" = true WHERE \"Email\" = '$EMAIL' RETURNING 1" >/dev/null # rule A9: the follow-up module wants two factors
D cases-seed --state "$work/state.json" --users "$SHEETS" >"$work/cases-seed.json"
psql_count "UPDATE \"AspNetUsers\" SET \"TwoFactorEnabled\" = false WHERE \"Email\" = '$EMAIL' RETURNING 1" >/dev/null # the form sign-in below stays one factor
GROUP=$(field "$work/cases-seed.json" 'r["group"]')
psql_count "UPDATE \"CaseSheets\" SET \"EndedOn\" = current_date - 400, \"PurgeNoticeSentOn\" = current_date - 30 WHERE \"GroupId\" = '$GROUP' RETURNING 1" >/dev/null
purge_counts() { # sheets left|stubs|sheets counted by the slips|slips
  psql_count "SELECT (SELECT count(*) FROM \"CaseSheets\" WHERE \"GroupId\" = '$GROUP') || '|' || (SELECT count(*) FROM \"CaseStatsStubs\" WHERE \"GroupId\" = '$GROUP')
    || '|' || (SELECT coalesce(sum(\"SheetCount\"), 0) FROM \"CasePurgeSlips\" WHERE \"GroupId\" = '$GROUP') || '|' || (SELECT count(*) FROM \"CasePurgeSlips\" WHERE \"GroupId\" = '$GROUP')"
}
purge_run() { psql_count "SELECT CASE WHEN \"FinishedAt\" IS NULL THEN 'unfinished' ELSE 'finished' END || ' ' || coalesce(\"Outcome\", '') FROM \"JobRuns\" WHERE \"Name\" = 'cases.retention'"; }
echo "    seeded: $(purge_counts) (sheets|stubs|slipped|slips), $(field "$work/cases-seed.json" 'r["sheets"]') sheets created"
kill "${pids[b]}"; wait "${pids[b]}" 2>/dev/null || true
start_instance b "$PORT_B" "${RETENTION[@]}"
killed_at=""
for _ in $(seq 1 1200); do # up to 2 minutes for b to start and commit its first batches
  IFS='|' read -r left stubs _ _ <<<"$(purge_counts)"
  if [ "$stubs" -gt 0 ]; then kill -9 "${pids[b]}"; killed_at="$left|$stubs"; break; fi
  sleep 0.1
done
wait "${pids[b]}" 2>/dev/null || true
after_kill=$(purge_counts); run_after_kill=$(purge_run)
echo "    killed with sheets|stubs = ${killed_at:-never}; after the kill: $after_kill; the day's run: $run_after_kill"
IFS='|' read -r left stubs slipped slips <<<"$after_kill"
check "kill -9 landed in the middle of the purge ($after_kill of $SHEETS sheets)" test -n "$killed_at" -a "$stubs" -gt 0 -a "$left" -gt 0
check "after kill -9 every purge batch is whole or absent (sheets left + stubs = $SHEETS, slip counts = stubs: $after_kill)" \
  test "$(( left + stubs ))|$slipped" = "$SHEETS|$stubs"
check "the interrupted run is left unfinished on its JobRuns row ($run_after_kill)" test "${run_after_kill%% *}" = unfinished
start_instance b "$PORT_B" "${RETENTION[@]}"
b_restarted=$(date +%s)
for _ in $(seq 1 240); do [ "$(purge_run | cut -d' ' -f1)" = finished ] && break; sleep 0.5; done
resumed=$(purge_counts); run_resumed=$(purge_run)
echo "    after the restart: $resumed; the day's run: $run_resumed"
check "the restarted instance resumed the purge: $resumed, one slip counting every sheet once ($run_resumed)" \
  test "$resumed|${run_resumed%% *}|$(grep -c '^finished resumed; ' <<<"$run_resumed")" = "0|$SHEETS|$SHEETS|1|finished|1"
psql_count "DELETE FROM \"JobRuns\" WHERE \"Name\" = 'cases.retention' RETURNING 1" >/dev/null
for _ in $(seq 1 120); do [ "$(purge_run | cut -d' ' -f1)" = finished ] && break; sleep 0.5; done
check "re-running the day's purge gives the same counts ($(purge_counts); $(purge_run))" test "$(purge_counts)|$(purge_run | cut -d' ' -f1)" = "$resumed|finished"
check "instance b serves after the purge restarts" wait_ready "$PORT_B" 60

# 5. PostgreSQL restarted under load: both instances recover without a restart.
echo "==> PostgreSQL restart under load"
D load --state "$work/state.json" --users "$(( USERS / 2 ))" --duration 20 >"$work/load-pg.json" &
loader=$!
sleep 6
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -m fast -w restart -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
wait "$loader"
check "instance a ready again after the PostgreSQL restart (same process)" wait_ready "$PORT_A" 60
check "instance b ready again after the PostgreSQL restart (same process)" wait_ready "$PORT_B" 60
echo "    during the restart: $(field "$work/load-pg.json" '"%s requests, statuses %s" % (r["requests"], r["statuses"])')"
check "while PostgreSQL restarts the app answers 503 + Retry-After, never 500" \
  test "$(field "$work/load-pg.json" 'sum(v.get("500", 0) for v in r["statuses"].values())')" = 0

# 6. Disk full on the shared upload folder: a clear French refusal, no job recorded, no file left behind.
if [ -n "$UPLOADS_MOUNTED" ]; then
  echo "==> disk full on the upload folder"
  jobs_before=$(psql_count 'SELECT count(*) FROM "ImportJobs"')
  files_before=$(ls -A "$work/uploads" | wc -l)
  dd if=/dev/zero of="$work/uploads/filler" bs=64k 2>/dev/null || true # fills the file system
  rm -f "$work/uploads/filler"; dd if=/dev/zero of="$work/uploads/filler" bs=64k count=$(( ($(df -k --output=avail "$work/uploads" | tail -n 1) - 512) / 64 )) 2>/dev/null
  DA import --file "$SSMSI_OLD" >"$work/import-full.json"
  rm -f "$work/uploads/filler"
  echo "    answer: $(cut -c1-300 "$work/import-full.json")"
  check "disk full: 507 with a French message" \
    test "$(field "$work/import-full.json" '(r["status"], "espace disque" in r["answer"].get("detail", ""))')" = "(507, True)"
  check "disk full: no job recorded, no file left ($jobs_before → $(psql_count 'SELECT count(*) FROM "ImportJobs"') jobs, $files_before → $(ls -A "$work/uploads" | wc -l) entries)" \
    test "$jobs_before|$files_before" = "$(psql_count 'SELECT count(*) FROM "ImportJobs"')|$(ls -A "$work/uploads" | wc -l)"
else
  echo "    skipped: disk full on the upload folder (needs root to mount a small tmpfs)"
fi

# 7. The reminder due now: mailed exactly once per recipient across both instances (each scans every minute; wait until
# both scanned at least once after the milestone and after b's restart).
title=$(field "$work/milestone.json" 'r["title"]')
wait_until=$(( milestone_at + 130 )); [ "$(( b_restarted + 75 ))" -gt "$wait_until" ] && wait_until=$(( b_restarted + 75 ))
while [ "$(date +%s)" -lt "$wait_until" ]; do sleep 5; done
D mails --title "$title" "$work/mail-a" "$work/mail-b" >"$work/mails.json"
check "a reminder due now is sent exactly once with two instances ($(cat "$work/mails.json"))" \
  test "$(field "$work/mails.json" 'len(r["perRecipient"]) > 0 and not r["duplicates"]')" = True

# 8. Lost writes: every write acknowledged in the three runs is stored.
D verify --state "$work/state.json" "$work/load.json" "$work/load-kill.json" "$work/load-pg.json" >"$work/verify.json"
check "0 lost writes ($(field "$work/verify.json" '"%s records checked, lost: %s" % (r["checked"], r["lost"][:3])'))" \
  test "$(field "$work/verify.json" 'len(r["lost"])')" = 0
check "no unhandled exception in the instances' logs" bash -c "! grep -h '\"LogLevel\":\"Critical\"' '$work'/app-*.log"

# 9. The systemd unit, exercised on a published build (no systemd as PID 1 here: the script does what the unit says).
# The unit's keys are read from deploy/systemd/vigie.service; its paths (/opt/vigie, /etc/vigie, /var/lib/vigie) are moved
# under the work folder, like the nginx site's; the service account is created as docs/operations.md says. The instance
# shares the suite's database (its migrate is then a no-op) and data-protection certificate, behind its own nginx.
unit_check() {
  local unit=deploy/systemd/vigie.service root="$work/unit"
  ukey() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
  moved() { sed -e "s#/opt/vigie#$root/opt/vigie#g" -e "s#/etc/vigie#$root/etc/vigie#g" -e "s#/var/lib/vigie#$root/var/lib/vigie#g"; }
  if command -v systemd-analyze >/dev/null 2>&1; then
    check "systemd-analyze verify $unit" systemd-analyze verify "$unit"
  fi
  local user group wd envfile pre start umask_ state killsig stop_timeout
  user=$(ukey User); group=$(ukey Group); umask_=$(ukey UMask); state=$(ukey StateDirectory); killsig=$(ukey KillSignal); stop_timeout=$(ukey TimeoutStopSec)
  wd=$(ukey WorkingDirectory | moved); envfile=$(ukey EnvironmentFile | moved); pre=$(ukey ExecStartPre | moved); start=$(ukey ExecStart | moved)
  echo "==> the systemd unit on a published build: User=$user Group=$group WorkingDirectory=$wd UMask=$umask_"
  getent passwd "$user" >/dev/null || adduser --system --group --home "/var/lib/$state" --no-create-home "$user" >/dev/null
  local publish_started; publish_started=$(date +%s)
  dotnet publish src/Vigie.Web -c Release -o "$wd" -nologo -v q >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; check "dotnet publish -c Release" false; return; }
  echo "    published in $(( $(date +%s) - publish_started )) s"
  chown -R root:root "$wd"
  install -d -o root -g "$group" -m 0750 "$root/etc/vigie"
  install -d -o "$user" -g "$group" -m 0750 "$root/var/lib/$state" # StateDirectory=, StateDirectoryMode=
  install -o "$user" -g "$group" -m 0600 "$work/dp.pfx" "$root/etc/vigie/vigie-dp.pfx"
  install -o "$user" -g "$group" -m 0600 "$work/cases.key" "$root/etc/vigie/vigie-cases.key"
  # The environment file: deploy/vigie.env.example, with this machine's values for the keys that differ.
  local port_u http_u https_u; port_u=$(scripts/free-port.sh); http_u=$(scripts/free-port.sh); https_u=$(scripts/free-port.sh)
  moved <deploy/vigie.env.example | sed \
    -e "s#^ASPNETCORE_URLS=.*#ASPNETCORE_URLS=http://127.0.0.1:$port_u#" \
    -e "s#^App__PublicBaseUrl=.*#App__PublicBaseUrl=https://$HOST:$https_u#" \
    -e "s#^ConnectionStrings__Vigie=.*#ConnectionStrings__Vigie=Host=127.0.0.1;Port=$PGPORT;Database=vigie;Username=postgres#" \
    -e "s#^DataProtection__CertificatePassword=.*#DataProtection__CertificatePassword=reliability#" \
    -e "s#^Mail__PickupDirectory=.*#Mail__PickupDirectory=$root/var/lib/$state/mail#" \
    >"$envfile.tmp"
  echo "Observability__InstanceName=unit" >>"$envfile.tmp"
  install -o root -g "$group" -m 0640 "$envfile.tmp" "$envfile"; rm -f "$envfile.tmp"
  # What systemd does for a service with User=: that user and group with their supplementary groups, HOME/USER/LOGNAME/
  # SHELL and a default PATH, only the EnvironmentFile's variables, the unit's UMask and working directory; here also no new
  # privileges and an empty capability bounding set (NoNewPrivileges=, CapabilityBoundingSet=).
  local home envs=()
  home=$(getent passwd "$user" | cut -d: -f6)
  mapfile -t envs < <(grep -Ev '^[[:space:]]*(#|$)' "$envfile")
  as_unit() {
    (cd "$wd" && umask "$umask_" && exec setpriv --reuid="$user" --regid="$group" --init-groups --no-new-privs --bounding-set=-all --inh-caps=-all \
      env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin HOME="$home" USER="$user" LOGNAME="$user" SHELL=/usr/sbin/nologin "${envs[@]}" "$@")
  }
  touch "$work/unit-started"
  local pre_args start_args; read -ra pre_args <<<"$pre"; read -ra start_args <<<"$start"
  run_pre() { as_unit "${pre_args[@]}" >"$work/app-unit.log" 2>&1; }
  check "ExecStartPre (${pre##*/}) as $user" run_pre
  as_unit "${start_args[@]}" >>"$work/app-unit.log" 2>&1 &
  pids[unit]=$! # the subshell execs setpriv, which execs env, which execs dotnet: one process
  check "ExecStart answers /readyz" wait_ready "$port_u" 180
  # `as_unit … &` forks a subshell for the function: dotnet (after setpriv and env exec) is its child when there is one.
  local unit_pid; unit_pid=$(pgrep -P "${pids[unit]}" | head -n 1); unit_pid=${unit_pid:-${pids[unit]}}
  local runs_as; runs_as=$(ps -o user= -p "$unit_pid" 2>/dev/null | tr -d ' ')
  check "the instance runs as $user ($runs_as)" test "$runs_as" = "$user"
  nginx_site "$work/unit-nginx" "$http_u" "$https_u" "$port_u"
  "$NGINX" -p "$work/unit-nginx" -c "$work/unit-nginx/nginx.conf"
  python3 "$DRIVER" --port "$https_u" --name "$HOST" login --email "$EMAIL" --password "$PASSWORD" >"$work/unit-login.json" || true
  check "sign-in through the deploy/ nginx site into the unit's instance ($(cat "$work/unit-login.json" 2>/dev/null))" \
    test "$(field "$work/unit-login.json" '(r["loginPage"], r["signedIn"], r["account"], r["instance"])')" = "(200, True, 200, 'unit')"
  local stray; stray=$(find "$root" -user "$user" -newer "$work/unit-started" ! -path "$root/var/lib/$state" ! -path "$root/var/lib/$state/*" | head -n 5)
  check "the instance wrote only under its StateDirectory (${stray:-nothing elsewhere})" test -z "$stray"
  local sig=${killsig#SIG}; kill -s "${sig:-TERM}" "$unit_pid" # the service itself, as systemd would (not the wrapping subshell)
  local stopped=""; for _ in $(seq 1 $(( ${stop_timeout:-30} * 2 ))); do kill -0 "$unit_pid" 2>/dev/null || { stopped=1; break; }; sleep 0.5; done
  local code=0; wait "${pids[unit]}" 2>/dev/null || code=$?
  unset 'pids[unit]'
  check "KillSignal=$killsig stops it cleanly within TimeoutStopSec=${stop_timeout}s (exit $code)" test -n "$stopped" -a "$code" = 0
}
if [ "$UNIT" = 1 ]; then
  if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then unit_check
  else echo "    skipped: the systemd unit's check (needs root and setpriv to create and switch to the service account)"; fi
else
  echo "    (the systemd unit's check runs in the full mode, or with --unit)"
fi

if [ "$failed" -gt 0 ]; then
  echo "--- nginx error.log"; tail -n 20 "$work/error.log" || true
  for i in a b; do echo "--- app-$i.log (errors)"; grep -h '"LogLevel":"Error"' "$work/app-$i.log" | tail -n 5 || true; done
fi
echo "reliability ($MODE): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
