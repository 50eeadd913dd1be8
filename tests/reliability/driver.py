#!/usr/bin/env python3
"""Vigie reliability driver (issue 16), called by ./reliability.sh: speaks to the app only through nginx (HTTPS).

Sub-commands (each prints one JSON object on stdout; human lines on stderr):
  setup     sign in, create an API token, find the contract, create one plan item and one meeting per simulated user
  instances GET /compte N times with one session: which instances answered (X-Vigie-Instance), none sent back to login
  load      N simulated users for D seconds: pages, API reads, plan item edits, minutes saves (each with its version)
  verify    every acknowledged write is stored (plan item titles, minutes texts): lost writes
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

    def __init__(self, host, port, name, token=None, cookies=None):
        self.host, self.port, self.name, self.token = host, port, name, token
        self.cookies = dict(cookies or {})
        self.conn = None

    def request(self, method, path, body=None, form=None, timeout=60):
        headers = {"Host": self.name, "User-Agent": "vigie-reliability"}
        data = None
        if form is not None:
            data = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token and path.startswith("/api/"):
            headers["Authorization"] = "Bearer " + self.token
        elif self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPSConnection(self.host, self.port, context=CTX, timeout=timeout)
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
        "Input.Name": "reliability", "Input.ExpiresOn": (date.today() + timedelta(days=30)).isoformat(), "Input.Write": "true",
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["setup", "instances", "load", "verify"])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--name", default="vigie.example.fr")
    p.add_argument("--email"); p.add_argument("--password")
    p.add_argument("--state")
    p.add_argument("--users", type=int, default=20)
    p.add_argument("--duration", type=float, default=30)
    p.add_argument("--requests", type=int, default=20)
    p.add_argument("loads", nargs="*")
    a = p.parse_intermixed_args()
    {"setup": cmd_setup, "instances": cmd_instances, "load": cmd_load, "verify": cmd_verify}[a.command](a)


if __name__ == "__main__":
    main()
