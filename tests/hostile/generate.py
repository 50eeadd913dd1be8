#!/usr/bin/env python3
"""Writes the hostile-input corpus (issue 16) into tests/hostile/files and its index, tests/hostile/index.json.
Run again after changing it: the files are committed, the test (Reliability/HostileInputTests) reads the index.
Every entry is sent by the test as the contract's coordinator; it must get a 4xx with a French message and change
no row (or, for "accepted" entries, be imported and come back neutralised by the export)."""
import io, json, os, zipfile
from urllib.parse import urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
os.makedirs(FILES, exist_ok=True)
index = []
H = ["Type", "Référence", "Parent", "Niveau", "Position", "Intitulé"]


def csv(rows, sep=";", bom=True, enc="utf-8"):
    text = "\r\n".join(sep.join(r) for r in rows) + "\r\n"
    data = text.encode(enc)
    return (b"\xef\xbb\xbf" if bom and enc == "utf-8" else b"") + data


def xlsx(sheet_xml, extra=None, content_types=None, workbook=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types or
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", workbook or '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def inline_sheet(rows):
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for i, r in enumerate(rows, 1):
        out.append(f'<row r="{i}">' + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in r) + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write(id_, data, pad):
    """Small files are kept as they are; a body made big by padding is kept small and padded by the test ("padTo")."""
    fname = id_ + ".bin"
    with open(os.path.join(FILES, fname), "wb") as f:
        f.write(data)
    return {"file": fname, "padTo": pad}


def plan(id_, why, data, name, content_type="text/csv", accepted=False, pad=0):
    index.append({"id": id_, "target": "plan-import", "why": why, **write(id_, data, pad), "fileName": name,
                  "contentType": content_type, "accepted": accepted})


def request(id_, why, method, path, body, content_type="application/json", pad=0):
    index.append({"id": id_, "target": "request", "why": why, "method": method, "path": path,
                  **write(id_, body if isinstance(body, bytes) else body.encode(), pad), "contentType": content_type})


def form(id_, why, path, fields):
    """An HTML form post (urlencoded) to a page, sent with the page's antiforgery token by a signed-in coordinator:
    it must be sent back to its form page with a French message naming the field, saving nothing."""
    index.append({"id": id_, "target": "form", "why": why, "method": "POST", "path": path,
                  **write(id_, urlencode(fields).encode(), 0), "contentType": "application/x-www-form-urlencoded"})


def page_query(id_, why, path):
    """A page GET whose query string holds a NUL character (%00), by a signed-in coordinator: the page must come back at
    the same address without that parameter (a redirect, never a 5xx) with a French message naming it."""
    index.append({"id": id_, "target": "page-query", "why": why, "method": "GET", "path": path, **write(id_, b"", 0),
                  "contentType": "text/html"})


XL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
good = [H, ["Élément", "HOST-1", "", "Axe prioritaire", "1", "Tranquillité publique"]]
# -- truncated, empty, wrong kind of file
plan("csv-empty", "empty file", b"", "plan.csv")
plan("csv-header-only-bom", "only a BOM", b"\xef\xbb\xbf", "plan.csv")
plan("csv-truncated-quote", "truncated in the middle of a quoted cell", csv(good)[:-5] + '\r\n"Élément;"HOST-2'.encode(), "plan.csv")
plan("csv-missing-columns", "required columns missing", csv([["Type", "Intitulé"], ["Élément", "X"]]), "plan.csv")
plan("csv-unknown-type", "unknown row type", csv([H, ["Chose", "HOST-3", "", "Axe prioritaire", "1", "X"]]), "plan.csv")
plan("csv-unknown-parent", "parent reference of nothing", csv([H, ["Élément", "HOST-4", "NULLE-PART", "Objectif", "1", "X"]]), "plan.csv")
plan("csv-cycle", "an item that is its own parent", csv([H, ["Élément", "HOST-5", "HOST-5", "Objectif", "1", "X"]]), "plan.csv")
plan("csv-duplicate-reference", "two rows with one reference", csv([H, good[1], good[1]]), "plan.csv")
plan("csv-bad-level", "unknown level", csv([H, ["Élément", "HOST-6", "", "Galaxie", "1", "X"]]), "plan.csv")
plan("csv-bad-date", "impossible date", csv([H + ["Début"], ["Élément", "HOST-7", "", "Axe prioritaire", "1", "X", "31/02/2026"]]), "plan.csv")
plan("csv-bad-number", "progress of 1000 %", csv([H + ["Avancement"], ["Élément", "HOST-8", "", "Axe prioritaire", "1", "X", "1000"]]), "plan.csv")
plan("csv-nul-bytes", "NUL bytes in cells", csv([H, ["Élément", "HOST-9", "", "Axe prioritaire", "1", "A\x00B"]]), "plan.csv")
plan("csv-binary", "random binary named .csv", bytes(range(256)) * 64, "plan.csv")
plan("csv-utf16", "UTF-16 text (wrong encoding)", "\r\n".join(";".join(r) for r in good).encode("utf-16"), "plan.csv")
plan("csv-latin1-invalid-utf8-mix", "UTF-8 BOM then Latin-1 bytes", b"\xef\xbb\xbf" + ";".join(H).encode() + b"\r\n\xc9l\xe9ment;HOST-10;;Axe prioritaire;1;\xe9t\xe9\r\n", "plan.csv")
plan("csv-too-many-columns", "200 columns", csv([H + [f"C{i}" for i in range(200)], good[1] + ["x"] * 200]), "plan.csv")
plan("csv-too-many-rows", "25 000 rows (over the 20 000-row cap)", csv([H] + [["Élément", f"R{i}", "", "", "", ""] for i in range(25000)]), "plan.csv")
plan("csv-huge-cell", "a 50 000-character title", csv([H, ["Élément", "HOST-11", "", "Axe prioritaire", "1", "A" * 50000]]), "plan.csv")
plan("csv-oversized", "21 MB (over the 20 MB request limit): padded with spaces by the test", csv(good), "plan.csv", pad=21 * 1024 * 1024)
plan("csv-html-script", "HTML in a title with an unknown parent (row error echoes it)", csv([H, ["Élément", "HOST-12", "<script>alert(1)</script>", "Objectif", "1", "<img src=x onerror=alert(1)>"]]), "plan.csv")
# -- XLSX: bombs, XML entities, broken packages
plan("xlsx-not-zip", "text named .xlsx", b"Type;Intitule\r\n", "plan.xlsx", XL)
plan("xlsx-truncated", "a valid workbook cut in half", xlsx(inline_sheet(good))[:300], "plan.xlsx", XL)
plan("xlsx-empty-zip", "a zip without a workbook", (lambda b: (zipfile.ZipFile(b, "w").close(), b.getvalue())[1])(io.BytesIO()), "plan.xlsx", XL)
plan("xlsx-zip-bomb", "one sheet inflating to 200 MB", xlsx('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + " " * (200 * 1024 * 1024) + "</sheetData></worksheet>"), "plan.xlsx", XL)
plan("xlsx-billion-laughs", "XML entity expansion in the sheet", xlsx('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
     '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
     '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]>'
     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol6;</t></is></c></row></sheetData></worksheet>'), "plan.xlsx", XL)
plan("xlsx-external-entity", "XXE: an external entity reading /etc/passwd", xlsx('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'), "plan.xlsx", XL)
plan("xlsx-no-sheet", "a workbook whose sheet is missing", xlsx("", workbook='<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'), "plan.xlsx", XL)
plan("xlsx-malformed-xml", "a sheet that is not well-formed XML", xlsx("<worksheet><sheetData><row><c>"), "plan.xlsx", XL)
plan("xlsx-path-traversal-entry", "a zip entry named ../../etc/cron.d/x", xlsx(inline_sheet(good), extra={"../../etc/cron.d/vigie": "* * * * * root true"}) [:0] or
     xlsx(inline_sheet([H, ["Élément", "HOST-13", "NULLE-PART", "Objectif", "1", "X"]]), extra={"../../etc/cron.d/vigie": "* * * * * root true"}), "plan.xlsx", XL)
# -- names and content types
plan("name-path-traversal", "file name ../../../../etc/passwd.csv, rows invalid", csv([H, ["Élément", "HOST-14", "NULLE-PART", "Objectif", "1", "X"]]), "../../../../etc/passwd.csv")
plan("name-windows-traversal", "file name ..\\..\\windows\\win.ini.csv, rows invalid", csv([H, ["Élément", "HOST-15", "NULLE-PART", "Objectif", "1", "X"]]), "..\\..\\windows\\win.ini.csv")
plan("name-exe", "an executable named plan.exe", b"MZ" + b"\x00" * 1000, "plan.exe", "application/octet-stream")
plan("content-type-lies", "a CSV sent as image/png, rows invalid", csv([H, ["Élément", "HOST-16", "NULLE-PART", "Objectif", "1", "X"]]), "plan.csv", "image/png")
# -- formula injection: accepted, and the export must neutralise it
plan("formula-injection", "titles starting with = + - @ (accepted; exports prefix them with ')",
     csv([H, ["Élément", "HOST-F1", "", "Axe prioritaire", "1", "=HYPERLINK(\"http://evil.example\";\"clic\")"],
          ["Élément", "HOST-F2", "", "Axe prioritaire", "2", "+33 1 23"], ["Élément", "HOST-F3", "", "Axe prioritaire", "3", "-2+3+cmd|' /C calc'!A0"],
          ["Élément", "HOST-F4", "", "Axe prioritaire", "4", "@SUM(1+1)*cmd|' /C calc'!A0"]]), "plan.csv", accepted=True)
# -- JSON requests
C = "/api/v1/contracts/{contract}"
request("json-huge-body", "a 25 MB JSON body (padded with spaces by the test)", "POST", C + "/plan/items", '{"kind":"priority","title":"X"}', pad=25 * 1024 * 1024)
request("json-deep-nesting", "JSON nested 10 000 levels", "POST", C + "/plan/items", "[" * 10000 + "]" * 10000)
request("json-truncated", "truncated JSON", "POST", C + "/plan/items", '{"kind":"priority","title":"Axe')
request("json-wrong-types", "title as an object, kind as a number", "POST", C + "/plan/items", '{"kind":12,"title":{"a":1}}')
request("json-unknown-enum", "kind that does not exist", "POST", C + "/plan/items", '{"kind":"galaxy","title":"X"}')
request("json-long-title", "a 5 000-character title", "POST", C + "/plan/items", '{"kind":"priority","title":"' + "B" * 5000 + '"}')
request("json-as-text-plain", "JSON sent as text/plain", "POST", C + "/plan/items", '{"kind":"priority","title":"X"}', "text/plain")
request("json-as-form", "a form body to a JSON endpoint", "POST", C + "/plan/items", "kind=priority&title=X", "application/x-www-form-urlencoded")
request("json-xml-body", "XML with entities to a JSON endpoint", "POST", C + "/plan/items", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbbbb">]><a>&b;</a>', "application/xml")
request("json-bad-utf8", "invalid UTF-8 in JSON", "POST", C + "/plan/items", b'{"kind":"priority","title":"\xff\xfe\xc3"}')
request("json-nul", "a NUL character in a title", "POST", C + "/plan/items", '{"kind":"priority","title":"A\\u0000B","parentId":"00000000-0000-0000-0000-000000000001"}')
# NUL in strings of valid bodies: PostgreSQL text columns refuse it (a 500 at the save), SQLite would store it.
request("json-nul-valid-title", "a NUL character in the title of an otherwise valid plan item", "POST", C + "/plan/items", '{"kind":"priority","title":"Axe\\u0000prioritaire"}')
request("json-nul-body-name", "a NUL character in the name of an otherwise valid committee", "POST", C + "/bodies", '{"name":"Comit\\u00e9\\u0000 restreint","kind":"plenary","defaultVisibility":"members"}')
request("json-nul-only", "a title that is a single NUL character", "POST", C + "/plan/items", '{"kind":"priority","title":"\\u0000"}')
request("json-negative-version", "a PUT of a missing item with a negative version", "PUT", C + "/plan/items/00000000-0000-0000-0000-000000000001", '{"kind":"priority","title":"X","version":-5}')
request("json-minutes-too-long", "minutes of 250 000 characters", "PUT", C + "/meetings/00000000-0000-0000-0000-000000000001/minutes", '{"minutes":"' + "m" * 250000 + '","visibility":"members"}')
request("json-duplicate-keys", "the same key twice, the second invalid", "POST", C + "/plan/items", '{"kind":"priority","title":"X","title":null}')
request("multipart-no-file", "multipart import without its file field", "POST", C + "/plan/import", b"--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n", "multipart/form-data; boundary=b")
request("multipart-truncated", "a multipart body cut before its end boundary", "POST", C + "/plan/import", b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\nContent-Type: text/csv\r\n\r\nType;R", "multipart/form-data; boundary=b")
request("import-as-json", "the plan import sent as JSON", "POST", C + "/plan/import", '{"file":"Type;Référence"}')
# NUL characters in HTML form posts (pages): refused before the handler (FormNulFilter), whatever the handler does with its model state.
P = "/contrats/{contract}"
ITEM = {"Input.Kind": "Priority", "Input.Status": "planned", "Input.Weight": "1"}
form("form-nul-plan-title", "a NUL character in the title of the plan item form", P + "/plan/saisie", {**ITEM, "Input.Title": "Axe\0prioritaire"})
form("form-nul-only-title", "a plan item title that is a single NUL character", P + "/plan/saisie", {**ITEM, "Input.Title": "\0"})
form("form-nul-field-name", "a valid plan item with an extra field whose name holds a NUL character", P + "/plan/saisie", {**ITEM, "Input.Title": "Axe valide", "Input.Ti\0tle": "x"})
form("form-nul-textarea", "a NUL character in a long text of the plan item form", P + "/plan/saisie", {**ITEM, "Input.Title": "Axe valide", "Input.Description": "Ligne 1\r\nLigne\0 2"})
form("form-nul-body-name", "a NUL character in the name of the committee form", P + "/instances", {"Body.Name": "Comit\u00e9\0 restreint", "Body.Kind": "Plenary", "Body.DefaultVisibility": "Members"})
# NUL characters in page query strings (search, filters, paging): dropped before the binder (FormNulFilter), the page shown again.
page_query("page-nul-partner-search", "a NUL character in the search box of the partner directory", "/partenaires?q=Mairie%00de%20Lille&type=commune")
page_query("page-nul-contract-search", "a search of the contracts list that is a single NUL character", "/contrats?Recherche=%00")
page_query("page-nul-meeting-search", "a NUL character in the meeting search of a contract", P + "/reunions?q=r%C3%A9union%00restreinte")
page_query("page-nul-meeting-month", "a NUL character in the month filter of the meeting calendar", P + "/reunions?mois=2026-01%00")
page_query("page-nul-paging", "a NUL character in a page number (paging)", "/partenaires?numero=2%00")
page_query("page-nul-parameter-name", "a query parameter whose name holds a NUL character", "/partenaires?q%00=Mairie")
page_query("page-nul-bool-filter", "a NUL character in a yes/no filter of the task list", P + "/taches?toutes=true%00")

with open(os.path.join(HERE, "index.json"), "w", encoding="utf-8") as f:
    json.dump(index, f, ensure_ascii=False, indent=1)
print(f"{len(index)} entries")
