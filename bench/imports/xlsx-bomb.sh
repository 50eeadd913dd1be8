#!/usr/bin/env bash
# XLSX decompression bomb (issue #9, finding 9): peak memory and time of POST /api/v1/contracts/{id}/plan/import
# with a small workbook whose sheet XML inflates to INFLATED_MB (default 100), for two builds of the app:
# BEFORE (default: main) and AFTER (default: the working tree). Each build runs as its own Release process on
# PostgreSQL; the figure is the growth of the process's peak RSS (VmHWM) over its idle peak, median of N runs.
# Usage: bench/imports/xlsx-bomb.sh [runs]   (default 3). Env: BEFORE (git ref), INFLATED_MB.
. "$(dirname "$0")/../lib.sh" bomb
runs=${1:-3}

python3 - "$work/bomb.xlsx" "${INFLATED_MB:-100}" <<'PY'
import sys, zipfile
path, mb = sys.argv[1], int(sys.argv[2])
row = '<row><c t="inlineStr"><is><t>Élément</t></is></c><c t="inlineStr"><is><t>AAAAAAAAAA</t></is></c><c/><c t="inlineStr"><is><t>BBBBBBBBBBBBBBBBBBBB</t></is></c></row>'
head = '<row><c t="inlineStr"><is><t>Type</t></is></c><c t="inlineStr"><is><t>Référence</t></is></c><c t="inlineStr"><is><t>Parent</t></is></c><c t="inlineStr"><is><t>Intitulé</t></is></c></row>'
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{head}'.encode())
        chunk = (row * 1000).encode()
        for _ in range(mb * 1024 * 1024 // len(chunk) + 1): f.write(chunk)
        f.write(b'</sheetData></worksheet>')
PY
echo "bomb: $(stat -c %s "$work/bomb.xlsx") bytes, ${INFLATED_MB:-100} MB of sheet XML; machine: $(nproc) cores, $(awk '/MemTotal/{print int($2/1024)" MB"}' /proc/meminfo); load $(uptime | sed 's/.*load average: //')"

bench_pg_start
hwm() { awk '/VmHWM/{print int($2/1024)}' "/proc/$1/status"; }

measure() { # $1 label, $2 source folder
  local label=$1 src=$2 db="bomb_$1" dll
  dotnet build "$src/src/Vigie.Web" -c Release -nologo -v q >/dev/null
  dll="$src/src/Vigie.Web/bin/Release/net10.0/Vigie.Web.dll"
  local cs="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=$db"
  psqlc() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$db" "$@"; }
  local envs=(ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false Database__Provider=Postgres "ConnectionStrings__Vigie=$cs"
              App__PublicBaseUrl=http://127.0.0.1 AllowedHosts='*' RateLimits__ApiPerMinute=100000 Logging__LogLevel__Default=Warning)
  env "${envs[@]}" dotnet "$dll" migrate >/dev/null
  VIGIE_ADMIN_PASSWORD='Bench-Password-2025!' env "${envs[@]}" dotnet "$dll" create-admin --email bench@example.org >/dev/null
  local token="vigie_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" contract
  contract=$(cat /proc/sys/kernel/random/uuid)
  psqlc -c "INSERT INTO \"AccessTokens\" (\"Id\", \"UserId\", \"Name\", \"TokenHash\", \"Prefix\", \"CreatedAt\")
    SELECT gen_random_uuid(), \"Id\", 'bench', '$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)', left('$token', 12), now() FROM \"AspNetUsers\" WHERE \"Email\" = 'bench@example.org'"
  psqlc -c "INSERT INTO \"Contracts\" (\"Id\", \"Title\", \"Kind\", \"Status\", \"StartDate\", \"EndDate\", \"Generation\", \"IsPublished\", \"Version\", \"CreatedAt\", \"UpdatedAt\")
    VALUES ('$contract', 'CLS du banc', 'Cls', 'InForce', '2024-01-01', '2028-12-31', 1, true, 1, now(), now())"
  local mems=() secs=()
  for _ in $(seq 1 "$runs"); do
    local port=$(( 30000 + RANDOM % 20000 ))
    env "${envs[@]}" dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/$label.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:$port/compte/connexion" && break; sleep 1; done
    local idle; idle=$(hwm "$app_pid")
    local start; start=$(date +%s.%N)
    curl -s -o "$work/$label.json" -w '%{http_code}\n' -H "Authorization: Bearer $token" -F "file=@$work/bomb.xlsx;filename=plan.xlsx" \
      "http://127.0.0.1:$port/api/v1/contracts/$contract/plan/import" >"$work/$label.status"
    secs+=("$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')")
    mems+=("$(( $(hwm "$app_pid") - idle ))")
    kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  done
  echo "$label: peak RSS growth $(printf '%s\n' "${mems[@]}" | median) MB (runs: ${mems[*]}), time $(printf '%s\n' "${secs[@]}" | median) s (runs: ${secs[*]}), HTTP $(cat "$work/$label.status"): $(head -c 300 "$work/$label.json")"
}

mkdir -p "$work/before"
git archive "${BEFORE:-main}" | tar -x -C "$work/before"
measure before "$work/before"
measure after "$PWD"
