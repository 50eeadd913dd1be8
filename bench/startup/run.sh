#!/usr/bin/env bash
# Cold start (issue 16): wall time from launching `dotnet Vigie.Web.dll` (Release build, Production, SQLite database
# already migrated) to the first 200 of /healthz, then to the first 200 of the login page (/compte/connexion, the first
# Razor page rendered by the process). Median of N starts; each start is a new process (the OS file cache is warm after
# the first: the figure is the .NET start-up, JIT and the app's own start-up work, not disk reads).
# Usage: bench/startup/run.sh [runs]   (default 5)
# Env: VARIANTS — extra environment settings to compare, separated by "|", e.g.
#      VARIANTS="DOTNET_TieredPGO=0|DOTNET_TC_QuickJitForLoops=0|DOTNET_ReadyToRun=0"
#      PROVIDER=Postgres to start against a throwaway PostgreSQL (scripts/pg.sh) instead of SQLite.
#      TRACE=FILE.nettrace: one more start under the EventPipe sample profiler (no timing), written to FILE; read it with
#      `dotnet-trace convert --format speedscope FILE` (docs/benchmarks.md, "start6": shares per start-up phase).
#      R2R=1 also publishes a ReadyToRun build (`dotnet publish -r linux-x64 -p:PublishReadyToRun=true`, framework-dependent;
#      the lock file of that restore goes to the temp folder) and measures it as one more variant.
#      BASELINE_DLL=PATH/Vigie.Web.dll: one more variant "baseline", another build of the app (e.g. main's Release output
#      built in a clone) started on the same database. Runs are interleaved (run 1 of every variant, then run 2…), so a
#      change of the machine's load during the run weighs on every variant alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
work=$(mktemp -d /tmp/vigie-bench-start.XXXXXX)
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
if [ "${PROVIDER:-Sqlite}" = Postgres ]; then
  read -r PGDIR PGPORT < <(scripts/pg.sh start)
  provider=Postgres; cs="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=vigie_start"
else
  provider=Sqlite; cs="Data Source=$work/start.db"
fi
base=(env ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false Database__Provider=$provider "ConnectionStrings__Vigie=$cs"
  Logging__LogLevel__Default=Warning)
"${base[@]}" dotnet "$dll" migrate >/dev/null

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { uptime | sed 's/.*load average: //'; }

# start VARIANT → "healthz_ms login_ms"
start_once() {
  local port=$(( 30000 + RANDOM % 20000 )) t0 t1 t2
  local extra=(); [ -n "$1" ] && read -r -a extra <<<"$1"
  local target=$dll; [ "$1" = R2R ] && { target="$work/r2r/Vigie.Web.dll"; extra=(); }
  [ "$1" = baseline ] && { target=$BASELINE_DLL; extra=(); }
  t0=$(now_ms)
  "${base[@]}" "${extra[@]}" dotnet "$target" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
  app_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  curl -fs -o /dev/null "http://127.0.0.1:$port/compte/connexion" || { echo "login page failed" >&2; exit 1; }
  t2=$(now_ms)
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  echo "$((t1 - t0)) $((t2 - t0))"
}

IFS='|' read -r -a variants <<<"${VARIANTS:-}"
variants=("" "${variants[@]}")
if [ "${R2R:-}" = 1 ]; then
  dotnet publish src/Vigie.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -p:NuGetLockFilePath="$work/r2r.lock.json" -o "$work/r2r" -nologo -v q >/dev/null
  variants+=("R2R")
fi
[ -n "${BASELINE_DLL:-}" ] && variants=("baseline" "${variants[@]}")
start_once "" >/dev/null # warm the OS file cache once
echo "provider: $provider; runs: $runs; target: first answer ≤ 1 500 ms"
printf "%-40s %14s %14s   %s\n" "variant (median of $runs)" "/healthz ms" "login page ms" "load avg before → after; all runs"
declare -A hs lg
l0=$(load)
for _ in $(seq 1 "$runs"); do
  for i in "${!variants[@]}"; do read -r a b < <(start_once "${variants[$i]}"); hs[$i]+="$a "; lg[$i]+="$b "; done
done
l1=$(load)
for i in "${!variants[@]}"; do
  v=${variants[$i]}
  printf "%-40s %14s %14s   %s\n" "${v:-default}" "$(printf '%s\n' ${hs[$i]} | median)" "$(printf '%s\n' ${lg[$i]} | median)" \
    "$l0 → $l1; healthz ${hs[$i]% }; login ${lg[$i]% }"
done
if [ -n "${TRACE:-}" ]; then
  base+=(DOTNET_EnableEventPipe=1 "DOTNET_EventPipeOutputPath=$TRACE"
    "DOTNET_EventPipeConfig=Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5")
  read -r a b < <(start_once "")
  echo "traced start (slower than untraced): healthz $a ms, login $b ms; trace in $TRACE"
fi
echo "machine: $(nproc) cores, $(uname -r), dotnet $(dotnet --version)"
