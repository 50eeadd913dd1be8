#!/usr/bin/env bash
# The reliability suite (issue 16, docs/reliability.md): two instances of the built app in Production behind the
# deploy/ nginx site (an upstream with both), on one throwaway PostgreSQL, exercised only through nginx over HTTPS.
#   ./reliability.sh --quick   20 simulated users for 30 s, kill -9 of an instance under load, PostgreSQL restarted
#                              under load (CI: .ci/run; a few minutes)
#   ./reliability.sh           100 simulated users for 5 minutes, then the same faults
# Checks: a session opened through nginx is served by both instances (X-Vigie-Instance); 0 answers 5xx from the app
# under load; 0 lost writes (every acknowledged plan edit and minutes save is stored at the end); after kill -9 the
# other instance keeps serving and the killed one comes back; after a PostgreSQL restart both instances answer /readyz
# 200 again without being restarted. The hostile-input corpus runs in the normal suite (tests/hostile/, HostileInputTests).
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
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
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
  EnableStaticAssetsDevelopmentCaching=true
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

# 1. One session, both instances (keys and sessions in the database).
D setup --email "$EMAIL" --password "$PASSWORD" --users "$USERS" >"$work/state.json"
D instances --state "$work/state.json" --requests 20 >"$work/instances.json"
both() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if {"a","b"} <= set(r["instances"]) and r["notServed"] == 0 else 1)' "$1"; }
check "a session opened through nginx is served by both instances ($(cat "$work/instances.json"))" both "$work/instances.json"

# 2. Load.
echo "==> load: $USERS users for ${DURATION}s"
D load --state "$work/state.json" --users "$USERS" --duration "$DURATION" >"$work/load.json"
field() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"r": r}))' "$@"; }
echo "    $(field "$work/load.json" '"%s requests, %s/s, statuses %s" % (r["requests"], r["perSecond"], r["statuses"])')"
echo "    latency ms: $(field "$work/load.json" 'r["latencyMs"]')"
check "no 5xx under load ($(field "$work/load.json" 'r["fiveXX"]'))" test "$(field "$work/load.json" 'r["fiveXX"] + r["connectionErrors"]')" = 0

# 3. kill -9 of instance b under load: a keeps serving, b restarts, nothing acknowledged is lost.
echo "==> kill -9 of instance b under load"
D load --state "$work/state.json" --users "$(( USERS / 2 ))" --duration 20 >"$work/load-kill.json" &
loader=$!
sleep 6
kill -9 "${pids[b]}"; wait "${pids[b]}" 2>/dev/null || true
sleep 4
start_instance b "$PORT_B"
wait "$loader"
check "instance b back after kill -9" wait_ready "$PORT_B" 180
echo "    during the kill: $(field "$work/load-kill.json" '"%s requests, statuses %s" % (r["requests"], r["statuses"])')"
check "no 5xx from the app during the kill ($(field "$work/load-kill.json" '[e for e in r["errors"]][:3]'))" \
  test "$(field "$work/load-kill.json" 'sum(1 for e in r["errors"] if e["status"] != 502)')" = 0

# 4. PostgreSQL restarted under load: both instances recover without a restart.
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

# 5. Lost writes: every write acknowledged in the three runs is stored.
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
