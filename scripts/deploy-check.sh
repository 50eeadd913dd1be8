#!/usr/bin/env bash
# Exercises the shipped deployment files (docs/operations.md):
#  1. `systemd-analyze verify` on deploy/systemd/vigie.service (when systemd-analyze exists);
#  2. `nginx -t` on deploy/nginx/vigie.conf + vigie-proxy.conf, adapted only where a test must differ (loopback
#     ports, a self-signed certificate for localhost, paths under a temporary folder);
#  3. the built app in Production behind that nginx, as the unit starts it (`migrate` first): login page over
#     HTTPS/HTTP2 with secure cookies and HSTS, sign-in of an administrator created by `create-admin`, plain HTTP
#     redirected to HTTPS, fingerprinted assets cached by nginx.
# Installs nginx/openssl/curl when run as root (like test.sh installs postgres). Needs a build (dotnet build).
# Prints "deploy: N passed, M failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v curl >/dev/null 2>&1 || need+=(curl)
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
DLL=src/Vigie.Web/bin/Debug/net10.0/Vigie.Web.dll
[ -f "$DLL" ] || { echo "build first: dotnet build Vigie.slnx ($DLL missing)" >&2; exit 1; }

passed=0; failed=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what" >&2; fi
}

work=$(mktemp -d /tmp/vigie-deploy.XXXXXX)
chmod 755 "$work"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && "$NGINX" -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { scripts/free-port.sh; }
HTTP=$(free_port); HTTPS=$(free_port); APP=$(free_port)

# 1. systemd unit
if command -v systemd-analyze >/dev/null 2>&1; then
  check "systemd-analyze verify deploy/systemd/vigie.service" systemd-analyze verify deploy/systemd/vigie.service
fi
check "unit runs the migrate verb before starting" grep -q '^ExecStartPre=.*Vigie.Web.dll migrate$' deploy/systemd/vigie.service

# 2. nginx site
# The site's own server name, resolved to loopback by curl (HSTS is never sent to "localhost").
HOST=vigie.example.fr
. scripts/nginx-site.sh
nginx_site "$work" "$HTTP" "$HTTPS" "$APP"
check "nginx -t on deploy/nginx/vigie.conf" "$NGINX" -t -q -p "$work" -c "$work/nginx.conf"

# 3. the app in Production behind nginx
dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=Vigie data protection" -keyout "$work/dp.key" -out "$work/dp.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/dp.pfx" -passout pass:deploy-check 2>/dev/null
head -c 32 /dev/urandom | base64 > "$work/cases.key"
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$APP" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  App__PublicBaseUrl="https://$HOST:$HTTPS" AllowedHosts="$HOST;127.0.0.1" Proxy__KnownNetworks="127.0.0.1/32" \
  Database__Provider=Sqlite Database__MigrateOnStartup=false ConnectionStrings__Vigie="Data Source=$work/vigie.db" \
  DataProtection__CertificatePath="$work/dp.pfx" DataProtection__CertificatePassword=deploy-check Cases__EncryptionKeyFile="$work/cases.key" \
  Observatory__UploadFolder="$work/uploads" Mail__PickupDirectory="$work/mail" Observability__JsonLogs=true \
  VIGIE_ADMIN_PASSWORD='Deploy-Check-Mot-2-passe!' \
  EnableStaticAssetsDevelopmentCaching=true  # the build output's asset manifest, cached as a published app's is
check "migrate verb (ExecStartPre)" "$dotnet_dir/dotnet" "$DLL" migrate >"$work/migrate.log"
check "create-admin verb" "$dotnet_dir/dotnet" "$DLL" create-admin --email admin@deploy.test --name "Admin Deploy" >"$work/admin.log"
"$dotnet_dir/dotnet" "$DLL" >"$work/app.log" 2>&1 &
app_pid=$!
"$NGINX" -p "$work" -c "$work/nginx.conf" || true
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$APP/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

base="https://$HOST:$HTTPS"
jar="$work/cookies"
resolve=(--resolve "$HOST:$HTTPS:127.0.0.1" --resolve "$HOST:$HTTP:127.0.0.1")
curl_tls() { curl -sS -k "${resolve[@]}" --cookie "$jar" --cookie-jar "$jar" "$@"; }
check "readiness through the app port" curl -fsS -o /dev/null "http://127.0.0.1:$APP/readyz"
login_headers=$(curl_tls --http2 -D - -o "$work/login.html" -w '%{http_version} %{http_code}\n' "$base/compte/connexion" || true)
check "login page over HTTPS/HTTP2 through nginx answers 200" grep -q '^2 200$' <<<"$login_headers"
check "HSTS on the login page" grep -qi '^strict-transport-security: max-age=' <<<"$login_headers"
check "antiforgery cookie is secure" grep -qiE '^set-cookie: vigie\.af=.*; secure' <<<"$login_headers"
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/login.html" | sed 's/.*value="//; s/"$//' | head -n 1)
[ -n "$token" ] || token=$(grep -o 'name="__RequestVerificationToken"[^>]*' "$work/login.html" | grep -o 'value="[^"]*"' | sed 's/value="//; s/"$//' | head -n 1)
post_headers=$(curl_tls -D - -o /dev/null "$base/compte/connexion" \
  --data-urlencode "Input.Email=admin@deploy.test" --data-urlencode "Input.Password=$VIGIE_ADMIN_PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$token" || true)
check "sign-in through nginx redirects with a secure auth cookie" grep -qiE '^set-cookie: vigie\.auth=.*; secure' <<<"$post_headers"
after=$(curl_tls -o /dev/null -w '%{http_code} %{redirect_url}' "$base/compte" || true)
check "signed in: /compte is not sent back to the login page ($after)" test -n "$after" -a "${after#*connexion}" = "$after"
plain=$(curl -sS "${resolve[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://$HOST:$HTTP/compte/connexion" || true)
check "plain HTTP is redirected to HTTPS ($plain)" grep -q "^301 https://$HOST:$HTTPS/compte/connexion" <<<"$plain"
metrics=$(curl_tls -o /dev/null -w '%{http_code}' "$base/metrics" || true)
check "/metrics is not published through nginx ($metrics)" test "$metrics" = 404
asset=$(grep -oE '/(lib|css|js)/[^"]+\.(css|js)' "$work/login.html" | head -n 1)
curl_tls -o /dev/null "$base$asset" >/dev/null || true
cache=$(curl_tls -D - -o /dev/null "$base$asset" | tr -d '\r' | grep -i '^x-cache-status:' || true)
check "static asset $asset cached by nginx ($cache)" grep -qi 'HIT' <<<"$cache"
check "app logs are JSON lines" bash -c "grep -v '^\s*$' '$work/app.log' | head -n 20 | while read -r l; do [[ \$l == {* ]] || exit 1; done"

if [ "$failed" -gt 0 ]; then
  echo "--- nginx error.log"; tail -n 20 "$work/error.log" || true
  echo "--- app.log"; tail -n 40 "$work/app.log" || true
fi
echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
