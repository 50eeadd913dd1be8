#!/usr/bin/env bash
# The reliability suite (issue 16, docs/reliability.md): two instances of the built app in Production behind the
# deploy/ nginx site (an upstream with both), on one throwaway PostgreSQL, exercised only through nginx over HTTPS.
#   ./reliability.sh --quick   20 simulated users for 30 s, kill -9 of an instance under load, PostgreSQL restarted
#                              under load (CI: .ci/run; a few minutes)
#   ./reliability.sh           100 simulated users for 5 minutes, then the same faults
# Checks: a session opened through nginx is served by both instances (X-Vigie-Instance); 0 answers 5xx from the app
# under load; 0 lost writes (every acknowledged plan edit and minutes save is stored at the end); after kill -9 the
# other instance keeps serving and the killed one comes back; after a PostgreSQL restart both instances answer /readyz
# 200 again without being restarted; a reminder due now is mailed exactly once across both instances; an SSMSI import
# posted to one instance runs during the load and its data is served by the other (caches follow the data stamp);
# kill -9 of the instance running an SSMSI import → the job is resumed by an instance (lease) and a re-run gives the same
# counts; disk full on the upload folder (a small tmpfs, when root) → 507 with a French message, no job row, no file
# left. The hostile-input corpus runs in the normal suite (tests/hostile/, HostileInputTests).
# Prints latency percentiles and "reliability: N passed, M failed"; the JSON reports stay in the work folder.
# Installs nginx/openssl/curl/postgresql when run as root (like test.sh). Needs a build (dotnet build Vigie.slnx).
set -euo pipefail
cd "$(dirname "$0")"

USERS=100; DURATION=300; MODE=full
case "${1:-}" in
  --quick) USERS=20; DURATION=30; MODE=quick ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

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
  [ -n "$PGDIR" ] && scripts/pg.sh stop "$PGDIR"
  echo "reports: $work"
}
trap cleanup EXIT

HTTP=$(scripts/free-port.sh); HTTPS=$(scripts/free-port.sh); PORT_A=$(scripts/free-port.sh); PORT_B=$(scripts/free-port.sh)
read -r PGDIR PGPORT < <(scripts/pg.sh start)
echo "==> PostgreSQL on 127.0.0.1:$PGPORT, instances a:$PORT_A b:$PORT_B, nginx https:$HTTPS ($MODE: $USERS users, ${DURATION}s)"

# nginx: the shipped site, with its two-instance upstream enabled (docs/operations.md, "Two instances").
mkdir -p "$work/tls" "$work/cache" "$work/tmp"
HOST=vigie.example.fr
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
cp deploy/nginx/vigie-proxy.conf "$work/vigie-proxy.conf"
sed -e "s#/etc/ssl/vigie/#$work/tls/#g" \
    -e "s#/etc/nginx/snippets/#$work/#g" \
    -e "s#/var/cache/nginx/vigie#$work/cache#g" \
    -e "/listen \[::\]/d" \
    -e "s#listen 80;#listen 127.0.0.1:$HTTP;#" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$HTTPS ssl http2;#" \
    -e "s#server 127.0.0.1:5080;#server 127.0.0.1:$PORT_A;#" \
    -e "s@\# server 127.0.0.1:5081;@server 127.0.0.1:$PORT_B;@" \
    deploy/nginx/vigie.conf > "$work/vigie.conf"
grep -q "server 127.0.0.1:$PORT_B;" "$work/vigie.conf" || { echo "deploy/nginx/vigie.conf has no '# server 127.0.0.1:5081;' line to enable" >&2; exit 1; }
cat > "$work/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 2;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 2048; }
http {
  include /etc/nginx/mime.types;
  access_log $work/access.log;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  include $work/vigie.conf;
}
CONF

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
  EnableStaticAssetsDevelopmentCaching=true
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

start_instance() { # name port
  ASPNETCORE_URLS="http://127.0.0.1:$2" Observability__InstanceName="$1" Mail__PickupDirectory="$work/mail-$1" \
    "$dotnet_dir/dotnet" "$DLL" >>"$work/app-$1.log" 2>&1 &
  pids[$1]=$!
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

if [ "$failed" -gt 0 ]; then
  echo "--- nginx error.log"; tail -n 20 "$work/error.log" || true
  for i in a b; do echo "--- app-$i.log (errors)"; grep -h '"LogLevel":"Error"' "$work/app-$i.log" | tail -n 5 || true; done
fi
echo "reliability ($MODE): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
