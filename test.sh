#!/usr/bin/env bash
# The whole test suite: unit + HTTP integration tests on SQLite AND PostgreSQL, then the browser
# journeys in Debian chromium. Installs what is missing (as root), starts a throwaway PostgreSQL
# server on a free loopback port, stops it at the end. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)       # tests read generated PDFs back
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)  # PDF font
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)                     # tests check every PDF with qpdf --check
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

# The CSV round-trip test converts through LibreOffice Calc; without recommends it is the calc core only (~2 min).
if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing libreoffice-calc-nogui"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
  else
    echo "missing: soffice (install it, e.g. sudo apt-get install --no-install-recommends libreoffice-calc-nogui)" >&2
    exit 1
  fi
fi

results=$(mktemp -d /tmp/vigie-results.XXXXXX)
read -r PGDIR PGPORT < <(scripts/pg.sh start)
cleanup() { scripts/pg.sh stop "$PGDIR"; }
trap cleanup EXIT
echo "==> PostgreSQL on 127.0.0.1:$PGPORT"

echo "==> build"
dotnet build Vigie.slnx -c Debug -nologo -v q

status=0
run() { # name, then dotnet test arguments
  local name=$1; shift
  echo "==> tests: $name"
  if ! dotnet test --no-build -c Debug --nologo "$@" --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log"; then
    status=1
  fi
}

# The two providers side by side (each run is serial inside, so two of them fill two cores); the classes marked
# provider-neutral (tests/Vigie.Tests/Infrastructure/ProviderNeutral.cs) run once, on SQLite. Each log is printed whole
# when both have finished.
run_quiet() { # name, then dotnet test arguments; output to the run's log only
  local name=$1; shift
  dotnet test --no-build -c Debug --nologo "$@" --logger "trx;LogFileName=$name.trx" --results-directory "$results" >"$results/$name.log" 2>&1
}
echo "==> tests: sqlite and postgres, side by side"
VIGIE_TEST_PROVIDER=sqlite run_quiet sqlite tests/Vigie.Tests & sqlite_pid=$!
VIGIE_TEST_PROVIDER=postgres VIGIE_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres" \
  run_quiet postgres tests/Vigie.Tests --filter "Category!=ProviderNeutral" & postgres_pid=$!
wait $sqlite_pid || status=1
wait $postgres_pid || status=1
for name in sqlite postgres; do echo "==> tests: $name (log)"; cat "$results/$name.log"; done
run browser tests/Vigie.BrowserTests
# The shipped deploy/ files: nginx -t, systemd-analyze verify, a login through nginx (TLS, HTTP/2) into the built app.
echo "==> deploy check"
scripts/deploy-check.sh || status=1

# One closing line for all runs, in the plain form CI reads.
passed=0; failed=0; skipped=0
for log in "$results"/*.log; do
  line=$(grep -E "(Passed|Failed)! +- Failed: " "$log" | tail -n 1 || true)
  [ -z "$line" ] && { echo "no test summary in $log" >&2; status=1; continue; }
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line"); p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line"); s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
if [ "$skipped" -gt 0 ]; then echo "skipped tests are not allowed ($skipped skipped)" >&2; status=1; fi
[ "$passed" -gt 0 ] || status=1
echo "artefacts: $results (screenshots under tests/Vigie.BrowserTests/bin/Debug/net10.0/artifacts)"
echo "tests: $passed passed, $failed failed"
exit $status
