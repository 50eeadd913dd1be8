# The preamble the benchmarks share. Sourced first thing by bench/<name>/run.sh:
#   . "$(dirname "$0")/../lib.sh" <name>
# It moves to the repository root, makes "$work" (a temporary folder) and on exit stops what the run started: the app
# whose process id is in "$app_pid", the throwaway PostgreSQL server of bench_pg_start, and removes "$work".
# Functions:
#   bench_build               Release build of the app (skipped when SKIP_BUILD is set); "$dll" is the app to run
#   bench_pg_start            a throwaway PostgreSQL server: PGDIR, PGPORT
#   bench_token               a random API token for the bench user: "$token" and its "$hash" as stored in AccessTokens
#   bench_wait_app URL [N]    waits up to N seconds (default 60) for the app to answer URL; fails with the log's tail
#                             ("$work/app.log", or the LOG variable) when the app process ("$app_pid") has stopped or never answers
#   bench_login BASE JAR      signs bench@example.org in with curl (antiforgery token from the form) into cookie jar JAR
#   median                    median of the numbers read one a line
#   pct FILE P                the P-th percentile of FILE's timings in seconds, in milliseconds
#   bench_time CMD…           runs CMD, prints "seconds peak_kb" (exits with its error output on failure)
#   load                      the load averages
#   bench_machine             the machine line of the summaries
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d "/tmp/vigie-bench-${1:-run}.XXXXXX")
app_pid=""
bench_cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${PGDIR:-}" ] && scripts/pg.sh stop "$PGDIR"
  rm -rf "$work"
}
trap bench_cleanup EXIT

dll=src/Vigie.Web/bin/Release/net10.0/Vigie.Web.dll
bench_build() { [ -n "${SKIP_BUILD:-}" ] || dotnet build src/Vigie.Web -c Release -nologo -v q >/dev/null; }
bench_pg_start() { read -r PGDIR PGPORT < <(scripts/pg.sh start); }

bench_token() {
  token="vigie_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
}

bench_wait_app() { # url [seconds]
  local url=$1 log=${LOG:-$work/app.log}
  for _ in $(seq 1 "${2:-60}"); do
    curl -fs -o /dev/null "$url" && return 0
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 1
  done
  curl -fs -o /dev/null "$url" || { echo "the app did not start:"; tail -40 "$log"; exit 1; }
}

bench_login() { # base jar
  local login="$1/compte/connexion" jar=$2 af
  af=$(curl -fs -c "$jar" -b "$jar" "$login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$af" \
    --data-urlencode "Input.Email=bench@example.org" --data-urlencode "Input.Password=Bench-Password-2025!" "$login"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int((NR*p+99)/100); printf "%.1f", a[i]*1000}'; }
# /usr/bin/time runs commands, not shell functions: call the app through env.
bench_time() { /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; cat "$work/t"; }
load() { uptime | sed 's/.*load average: //'; }
bench_machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), dotnet $(dotnet --version), PostgreSQL $(psql --version | awk '{print $3}'), SQLite $(sqlite3 --version | awk '{print $1}')"
}
