#!/usr/bin/env bash
# Prints a TCP port free on 127.0.0.1 (for throwaway servers: scripts/pg.sh, scripts/deploy-check.sh).
set -euo pipefail
for _ in $(seq 1 50); do
  p=$(( 20000 + RANDOM % 20000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; exit 0; fi
done
exit 1
