#!/usr/bin/env python3
"""Vigie reliability driver (issue 16), called by ./reliability.sh: speaks to the app only through nginx (HTTPS).

Sub-commands (each prints one JSON object on stdout; human lines on stderr):
  setup     sign in, create an API token, find the contract, create one plan item and one meeting per simulated user
  instances GET /compte N times with one session: which instances answered (X-Vigie-Instance), none sent back to login
  load      N simulated users for D seconds: pages, API reads, plan item edits, minutes saves (each with its version)
  verify    every acknowledged write is stored (plan item titles, minutes texts): lost writes
  milestone a milestone due today on the first plan item (a reminder due now for the contract's coordinators)
  mails     the reminder mails of that milestone in the instances' pickup folders, per recipient
  import    an SSMSI file posted to one instance directly (--instance-port, plain HTTP): the job's id
  job       waits for an import job (on one instance) to reach a state: running with rows read, or finished
  observatory  GET an observatory API path on one instance directly: status and the number of indicators
  plan-xlsx    writes a plan of --users axes × 20 objectives as an XLSX file (--file)
  plan-import  posts that XLSX plan to one instance directly: status and the import's summary
  cases-seed   a case group (charter signed) with --users sheets, each "not retained": the group's id
  login        signs in through nginx with --email/--password and opens /compte: statuses and the serving instance
Only the Python standard library: no build under load, nothing to install.
"""
import argparse, http.client, json, random, re, ssl, sys, threading, time, html
from datetime import date, timedelta
from urllib.parse import urlencode

CTX = ssl.create_default_context()
CTX.check_hostname = False
CTX.verify_mode = ssl.CERT_NONE


class Client:
    """One keep-alive HTTPS connection to nginx, with the site's Host header, a cookie jar and an optional token."""

    def __init__(self, host, port, name, token=None, cookies=None, plain=False):
        self.host, self.port, self.name, self.token, self.plain = host, port, name, token, plain
        self.cookies = dict(cookies or {})
        self.conn = None

    def request(self, method, path, body=None, form=None, timeout=60, raw=None):
        headers = {"Host": self.name, "User-Agent": "vigie-reliability"}
        data = None
        if raw is not None:  # (content type, bytes)
            headers["Content-Type"], data = raw
        elif form is not None:
            data = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.plain:  # straight to an instance, as nginx would forward it (the app trusts 127.0.0.1 as its proxy)
            headers["X-Forwarded-Proto"] = "https"
        if self.token and path.startswith("/api/"):
            headers["Authorization"] = "Bearer " + self.token
        elif self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout) if self.plain \
                    else http.client.HTTPSConnection(self.host, self.port, context=CTX, timeout=timeout)
            try:
                started = time.monotonic()
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                payload = r.read()
                elapsed = time.monotonic() - started
                for k, v in r.getheaders():
                    if k.lower() == "set-cookie":
                        name, _, rest = v.partition("=")
                        value = rest.split(";", 1)[0]
                        if value:
                            self.cookies[name] = value
                        else:
                            self.cookies.pop(name, None)
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close(); self.conn = None
                return r.status, {k.lower(): v for k, v in r.getheaders()}, payload, elapsed
            except (http.client.HTTPException, OSError) as e:
                self.conn.close(); self.conn = None
                if attempt == 2 or method not in ("GET", "HEAD"):
                    return 0, {}, str(e).encode(), 0.0

    def json(self, method, path, body=None):
        s, h, p, _ = self.request(method, path, body=body)
        try:
            return s, json.loads(p) if p else None
        except ValueError:
            return s, None


def antiforgery(page):
    m = re.search(rb'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) or \
        re.search(rb'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
    return m.group(1).decode() if m else ""


def sign_in(c, email, password):
    s, h, p, _ = c.request("GET", "/compte/connexion")
    s, h, p, _ = c.request("POST", "/compte/connexion", form={"Input.Email": email, "Input.Password": password, "__RequestVerificationToken": antiforgery(p)})
    if s != 302 or "connexion" in h.get("location", ""):
        raise SystemExit(f"sign-in failed: {s} {h.get('location')}")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def cmd_setup(a):
    c = Client(a.host, a.port, a.name)
    sign_in(c, a.email, a.password)
    s, h, p, _ = c.request("GET", "/compte/jetons")
    if s != 200:
        raise SystemExit(f"GET /compte/jetons → {s} {h.get('location')} (cookies: {sorted(c.cookies)})")
    s, h, p, _ = c.request("POST", "/compte/jetons?handler=Create", form={
        "Input.Name": "reliability", "Input.ExpiresOn": (date.today() + timedelta(days=30)).isoformat(), "Input.Write": "true", "Input.Admin": "true",
        "Input.CurrentPassword": a.password, "__RequestVerificationToken": antiforgery(p)})
    if s in (302, 303):  # post/redirect/get: the new token is shown once on the page it redirects to
        s, h, p, _ = c.request("GET", h.get("location", "/compte/jetons").replace(f"https://{a.name}", "").split(":" + str(a.port), 1)[-1] or "/compte/jetons")
    m = re.search(rb'<code id="nouveau-jeton">([^<]+)</code>', p)
    if not m:
        raise SystemExit(f"no token created: {s}")
    token = html.unescape(m.group(1).decode())
    api = Client(a.host, a.port, a.name, token=token)
    s, contracts = api.json("GET", "/api/v1/contracts")
    contract = contracts[0]["id"]
    base = f"/api/v1/contracts/{contract}"
    s, body = api.json("POST", f"{base}/bodies", {"name": f"Comité fiabilité {int(time.time())}", "kind": "plenary", "defaultVisibility": "members"})
    if s != 201:
        raise SystemExit(f"body: {s} {body}")
    body_id = body["id"]
    items, meetings = [], []
    for i in range(a.users):
        s, it = api.json("POST", f"{base}/plan/items", {"kind": "priority", "title": f"Axe de charge {i}"})
        if s != 201:
            raise SystemExit(f"item: {s} {it}")
        items.append(it["id"])
        s, mt = api.json("POST", f"{base}/meetings", {"bodyId": body_id, "title": f"Réunion de charge {i}", "date": "2026-06-01", "startTime": "10:00", "endTime": "11:00"})
        if s != 201:
            raise SystemExit(f"meeting: {s} {mt}")
        meetings.append(mt["id"])
    print(json.dumps({"token": token, "cookies": c.cookies, "contract": contract, "items": items, "meetings": meetings}))


def cmd_instances(a):
    st = json.load(open(a.state))
    c = Client(a.host, a.port, a.name, cookies=st["cookies"])
    seen, refused = {}, 0
    for _ in range(a.requests):
        c.conn = None  # a new connection each time: nginx spreads them over the upstream servers
        s, h, p, _ = c.request("GET", "/compte")
        inst = h.get("x-vigie-instance", "?")
        seen[inst] = seen.get(inst, 0) + 1
        if s != 200:
            refused += 1
    print(json.dumps({"instances": seen, "notServed": refused}))


def percentile(values, q):
    if not values:
        return None
    v = sorted(values)
    return round(v[min(len(v) - 1, int(q * len(v)))] * 1000, 1)


def cmd_load(a):
    st = json.load(open(a.state))
    contract, items, meetings = st["contract"], st["items"], st["meetings"]
    base = f"/api/v1/contracts/{contract}"
    stop_at = time.monotonic() + a.duration
    lock = threading.Lock()
    stats = {}          # kind → list of latencies
    statuses = {}       # kind → {status: count}
    acknowledged = {}   # "item:<id>" / "minutes:<id>" → last acknowledged value
    errors = []

    def note(kind, status, elapsed, path):
        with lock:
            stats.setdefault(kind, []).append(elapsed)
            statuses.setdefault(kind, {}).setdefault(str(status), 0)
            statuses[kind][str(status)] += 1
            if status >= 500 or status == 0:
                errors.append({"kind": kind, "status": status, "path": path, "at": round(time.monotonic() - (stop_at - a.duration), 1)})

    def user(n):
        pages = Client(a.host, a.port, a.name, cookies=st["cookies"])
        api = Client(a.host, a.port, a.name, token=st["token"])
        item, meeting = items[n % len(items)], meetings[n % len(meetings)]
        item_version = meeting_version = None
        seq = 0
        rnd = random.Random(n)
        while time.monotonic() < stop_at:
            seq += 1
            roll = rnd.random()
            if roll < 0.30:
                path = rnd.choice([f"/contrats/{contract}", f"/contrats/{contract}/plan", f"/contrats/{contract}/reunions", "/partenaires", "/mes-taches"])
                s, h, p, e = pages.request("GET", path)
                note("page", s, e, path)
            elif roll < 0.60:
                path = rnd.choice([f"{base}/plan", f"{base}/meetings", "/api/v1/contracts", f"{base}/plan/items/{item}"])
                s, h, p, e = api.request("GET", path)
                note("api-read", s, e, path)
            elif roll < 0.80:
                if item_version is None:
                    s, h, p, e = api.request("GET", f"{base}/plan/items/{item}")
                    note("api-read", s, e, "item")
                    if s != 200:
                        continue
                    item_version = json.loads(p)["version"]
                title = f"Axe de charge {n} — modification {seq}"
                s, h, p, e = api.request("PUT", f"{base}/plan/items/{item}", body={"kind": "priority", "title": title, "version": item_version})
                note("plan-edit", s, e, "item")
                if 200 <= s < 300:
                    item_version += 1
                    with lock:
                        acknowledged[f"item:{item}"] = title
                else:
                    item_version = None  # reload before the next edit (409, or an error)
            else:
                if meeting_version is None:
                    s, h, p, e = api.request("GET", f"{base}/meetings/{meeting}")
                    note("api-read", s, e, "meeting")
                    if s != 200:
                        continue
                    meeting_version = json.loads(p)["meeting"]["version"]
                text = f"## Relevé {n}\n\nSauvegarde {seq} du compte rendu."
                s, h, p, e = api.request("PUT", f"{base}/meetings/{meeting}/minutes", body={"minutes": text, "visibility": "members", "version": meeting_version})
                note("minutes-save", s, e, "minutes")
                if 200 <= s < 300:
                    meeting_version += 1
                    with lock:
                        acknowledged[f"minutes:{meeting}"] = text
                else:
                    meeting_version = None

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(a.users)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    total = sum(len(v) for v in stats.values())
    report = {
        "users": a.users, "seconds": round(wall, 1), "requests": total, "perSecond": round(total / wall, 1),
        "fiveXX": sum(c for s in statuses.values() for k, c in s.items() if k.startswith("5")),
        "connectionErrors": sum(s.get("0", 0) for s in statuses.values()),
        "statuses": statuses,
        "latencyMs": {k: {"p50": percentile(v, .5), "p90": percentile(v, .9), "p95": percentile(v, .95), "p99": percentile(v, .99), "max": percentile(v, 1)} for k, v in stats.items()},
        "errors": errors[:50],
        "acknowledged": acknowledged,
    }
    print(json.dumps(report))


def cmd_verify(a):
    st = json.load(open(a.state))
    acknowledged = {}
    for f in a.loads:
        acknowledged.update(json.load(open(f))["acknowledged"])
    api = Client(a.host, a.port, a.name, token=st["token"])
    base = f"/api/v1/contracts/{st['contract']}"
    lost = []
    for key, value in acknowledged.items():
        kind, _, id_ = key.partition(":")
        if kind == "item":
            s, d = api.json("GET", f"{base}/plan/items/{id_}")
            stored = d["summary"]["title"] if s == 200 else None
        else:
            s, d = api.json("GET", f"{base}/meetings/{id_}")
            stored = d["minutes"] if s == 200 else None
        if stored != value:
            lost.append({"record": key, "acknowledged": value, "stored": stored})
    print(json.dumps({"checked": len(acknowledged), "lost": lost}))


def instance(a):
    """An API client talking plain HTTP to one instance, bypassing nginx (to choose which instance does the work)."""
    st = json.load(open(a.state))
    return st, Client("127.0.0.1", a.instance_port, "127.0.0.1", token=st["token"], plain=True)


def cmd_milestone(a):
    st = json.load(open(a.state))
    api = Client(a.host, a.port, a.name, token=st["token"])
    title = f"Jalon de fiabilité {int(time.time())}"
    s, body = api.json("POST", f"/api/v1/contracts/{st['contract']}/plan/items/{st['items'][0]}/milestones",
                       {"title": title, "dueOn": date.today().isoformat(), "weight": 1})
    if s != 201:
        raise SystemExit(f"milestone: {s} {body}")
    print(json.dumps({"title": title}))


def cmd_mails(a):
    """Reminder mails whose subject names the milestone, in each pickup folder: {recipient: count}."""
    import email, email.policy, glob, os
    per_recipient, per_folder = {}, {}
    for folder in a.loads:
        for f in glob.glob(os.path.join(folder, "*.eml")):
            with open(f, "rb") as fh:
                m = email.message_from_binary_file(fh, policy=email.policy.default)
            if a.title in str(m["Subject"] or ""):
                to = str(m["To"])
                per_recipient[to] = per_recipient.get(to, 0) + 1
                per_folder[os.path.basename(folder)] = per_folder.get(os.path.basename(folder), 0) + 1
    print(json.dumps({"perRecipient": per_recipient, "perFolder": per_folder,
                      "duplicates": {k: v for k, v in per_recipient.items() if v > 1}}))


def cmd_import(a):
    st, api = instance(a)
    with open(a.file, "rb") as fh:
        raw = multipart("file", a.file.rsplit("/", 1)[-1], "text/csv", fh.read())
    s, h, p, _ = api.request("POST", "/api/v1/observatory/imports", raw=raw, timeout=120)
    try:
        answer = json.loads(p) if p else {}
    except ValueError:
        answer = {"text": p.decode(errors="replace")[:300]}
    print(json.dumps({"status": s, "answer": answer}))


def cmd_job(a):
    """Polls the job until it is running with rows read (--until running) or finished; prints its last state."""
    st, api = instance(a)
    deadline = time.monotonic() + a.duration
    last = None
    while a.id and time.monotonic() < deadline:
        s, last = api.json("GET", f"/api/v1/observatory/imports/{a.id}")
        if 400 <= s < 500:
            break  # no such job: nothing to wait for
        if s == 200:
            if last["status"] in ("succeeded", "failed"):
                break
            if a.until == "running" and last["status"] == "running" and last["rowsRead"] > 0:
                break
        time.sleep(0.1)
    print(json.dumps(last))


def cmd_observatory(a):
    st, api = instance(a)
    s, body = api.json("GET", a.path)
    print(json.dumps({"status": s, "indicators": len(body.get("indicators", [])) if isinstance(body, dict) else None,
                      "edition": body.get("edition") if isinstance(body, dict) else None}))


PLAN_HEADER = ["Type", "Référence", "Parent", "Niveau", "Position", "Intitulé"]


def cmd_plan_xlsx(a):
    import io, zipfile
    from xml.sax.saxutils import escape
    rows = [PLAN_HEADER]
    for i in range(1, a.users + 1):
        rows.append(["Élément", f"FIAB-{i}", "", "Axe prioritaire", str(i), f"Axe de fiabilité {i}"])
        for j in range(1, 21):
            rows.append(["Élément", f"FIAB-{i}-{j}", f"FIAB-{i}", "Objectif", str(j), f"Objectif {j} de l'axe {i}"])
    sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for n, r in enumerate(rows, 1):
        sheet.append(f'<row r="{n}">' + "".join(f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>' for v in r) + "</row>")
    sheet.append("</sheetData></worksheet>")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(a.file, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
    print(json.dumps({"rows": len(rows) - 1}))


def multipart(field, file_name, content_type, content):
    boundary = "vigie-reliability-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{file_name}"\r\nContent-Type: {content_type}\r\n\r\n').encode() \
        + content + f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def cmd_plan_import(a):
    st, api = instance(a)
    with open(a.file, "rb") as fh:
        raw = multipart("file", "plan.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fh.read())
    s, h, p, e = api.request("POST", f"/api/v1/contracts/{st['contract']}/plan/import", raw=raw, timeout=300)
    print(json.dumps({"status": s, "seconds": round(e, 1), "answer": p.decode(errors="replace")[:300]}))


def cmd_cases_seed(a):
    """A follow-up group of the contract and --users sheets marked "not retained" (8 threads), for the purge step."""
    st = json.load(open(a.state))
    groups = f"/api/v1/contracts/{st['contract']}/case-groups"
    api = Client(a.host, a.port, a.name, token=st["token"])
    s, g = api.json("POST", groups, {"name": f"Cellule de fiabilité {int(time.time())}", "kind": "watchCell", "coordinatorInstitution": "municipalService"})
    if s != 201:
        raise SystemExit(f"case group: {s} {g}")
    group = f"{groups}/{g['id']}"
    s, body = api.json("POST", f"{group}/charter/signature", {"acceptedClauses": [1, 2, 3, 4, 5, 6, 7, 8]})
    if s >= 300:
        raise SystemExit(f"charter: {s} {body}")
    created, failures, lock = [], [], threading.Lock()

    def letters(rnd, n):
        return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))

    def worker(k, threads):
        c = Client(a.host, a.port, a.name, token=st["token"])
        rnd = random.Random(k)
        for i in range(k, a.users, threads):
            s, sheet = c.json("POST", f"{group}/sheets", {
                "surname": "Nom" + letters(rnd, 8), "firstName": "Prenom" + letters(rnd, 6), "sex": "male",
                "birthDate": (date.today() - timedelta(days=14 * 365 + i)).isoformat(), "address": "12 rue des Lilas",
                "schoolLevel": "middleSchool", "origin": "partnerReferral", "referralSource": "school", "problems": ["absenteeismDropout"]})
            if s != 201:
                with lock:
                    failures.append(f"sheet: {s} {sheet}")
                continue
            s, body = c.json("POST", f"{group}/sheets/{sheet['id']}/status", {"status": "notRetained"})
            with lock:
                (created if s < 300 else failures).append(sheet["id"] if s < 300 else f"status: {s} {body}")

    threads = [threading.Thread(target=worker, args=(k, 8), daemon=True) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{len(failures)} sheet(s) not created, e.g. {failures[:2]}")
    print(json.dumps({"group": g["id"], "sheets": len(created)}))


def cmd_login(a):
    c = Client(a.host, a.port, a.name)
    s, h, p, _ = c.request("GET", "/compte/connexion")
    login_page = s
    s, h, p, _ = c.request("POST", "/compte/connexion", form={"Input.Email": a.email, "Input.Password": a.password, "__RequestVerificationToken": antiforgery(p)})
    signed_in = s == 302 and "connexion" not in h.get("location", "")
    s, h, p, _ = c.request("GET", "/compte")
    print(json.dumps({"loginPage": login_page, "signedIn": signed_in, "account": s, "instance": h.get("x-vigie-instance")}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["setup", "instances", "load", "verify", "milestone", "mails", "import", "job", "observatory", "plan-xlsx", "plan-import", "cases-seed", "login"])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--name", default="vigie.example.fr")
    p.add_argument("--email"); p.add_argument("--password")
    p.add_argument("--state")
    p.add_argument("--users", type=int, default=20)
    p.add_argument("--duration", type=float, default=30)
    p.add_argument("--requests", type=int, default=20)
    p.add_argument("--instance-port", type=int)
    p.add_argument("--title"); p.add_argument("--file"); p.add_argument("--id"); p.add_argument("--path")
    p.add_argument("--until", choices=["running", "finished"], default="finished")
    p.add_argument("loads", nargs="*")
    a = p.parse_intermixed_args()
    {"setup": cmd_setup, "instances": cmd_instances, "load": cmd_load, "verify": cmd_verify, "milestone": cmd_milestone,
     "mails": cmd_mails, "import": cmd_import, "job": cmd_job, "observatory": cmd_observatory, "plan-xlsx": cmd_plan_xlsx,
     "plan-import": cmd_plan_import, "cases-seed": cmd_cases_seed, "login": cmd_login}[a.command](a)


if __name__ == "__main__":
    main()
