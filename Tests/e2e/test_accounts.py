"""Staff accounts end to end: created by the real executable, signed in over HTTP, refused where the role
has no business, signed out; then an audit row edited behind the server's back is caught by name."""
import os
import pty
import re
import sqlite3
import subprocess

import requests

from conftest import BIN, ROOT


def test_accounts_sessions_and_the_audit_chain(app):
    # The password from standard input (not a terminal); the wijk as the gemeente spells it.
    added = subprocess.run([str(BIN), "user", "add", "Anna", "--role", "buurtcoordinator", "--wijk", "oost",
                            "--name", "Anna de Vries", "--data", str(app.data)],
                           input="een lang geheim wachtwoord\n", cwd=ROOT, env=app.env, capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "created account anna (buurtcoordinator, wijk Oost)"

    # Refusals say what is wrong.
    short_file = app.data.parent / "kort.password"
    short_file.write_text("te kort\n")
    short = app.run("user", "add", "kort", "--role", "admin", "--password-file", str(short_file), check=False)
    assert short.returncode == 1 and "at least 12 characters, this one has 7" in short.stderr
    no_wijk = app.run("user", "add", "piet", "--role", "wijkwethouder", check=False)
    assert no_wijk.returncode == 1 and "--wijk" in no_wijk.stderr and "Oost" in no_wijk.stderr
    unknown_wijk = app.run("user", "add", "piet", "--role", "wijkwethouder", "--wijk", "Atlantis", check=False)
    assert unknown_wijk.returncode == 1 and "no wijk 'Atlantis'" in unknown_wijk.stderr
    taken = subprocess.run([str(BIN), "user", "add", "ANNA", "--role", "admin", "--data", str(app.data)],
                           input="een lang geheim wachtwoord\n", cwd=ROOT, env=app.env, capture_output=True, text=True, timeout=120)
    assert taken.returncode == 1 and "already exists" in taken.stderr
    assert app.run("token", "create", "--role", "teammanager", check=False).returncode == 1
    token = app.run("token", "create", "--role", "teammanager", "--wijk", "Zuid", "--label", "rapportage").stdout.strip()
    assert token.startswith("dvk_")

    # At a terminal, a strong password is generated and shown once.
    controller, terminal = pty.openpty()
    try:
        generated = subprocess.run([str(BIN), "user", "add", "beheer", "--role", "admin", "--data", str(app.data)],
                                   stdin=terminal, cwd=ROOT, env=app.env, capture_output=True, text=True, timeout=120)
    finally:
        os.close(terminal)
        os.close(controller)
    assert generated.returncode == 0, generated.stderr
    admin_password = re.search(r"^password: (\S{20})$", generated.stdout, re.MULTILINE).group(1)

    listed = app.run("user", "list").stdout
    assert re.search(r"^anna\tbuurtcoordinator\tOost\tactive\tAnna de Vries$", listed, re.MULTILINE), listed

    app.start()
    base = app.base
    assert requests.get(f"{base}/admin", allow_redirects=False, timeout=10).headers["Location"] == "/admin/login"
    browser = app.login("ANNA", "een lang geheim wachtwoord")
    session_cookie = next(c for c in browser.cookies if c.name == "draagvlak_session")
    assert session_cookie.has_nonstandard_attr("HttpOnly") and session_cookie.path == "/"
    home = browser.get(f"{base}/admin", timeout=10)
    assert home.status_code == 200 and "Anna de Vries" in home.text and "wijk Oost" in home.text
    # A buurtcoördinator reads results but has no business with the panel's contact data.
    assert browser.get(f"{base}/admin/panel", timeout=10).status_code == 403
    assert browser.get(f"{base}/admin/surveys/peiling-afvalinzameling/report", timeout=10).status_code == 200
    # The token acts for its wijk, without a session.
    by_token = requests.get(f"{base}/admin", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert by_token.status_code == 200 and "wijk Zuid" in by_token.text

    # Logging out needs the page's token; afterwards the cookie opens nothing.
    assert browser.post(f"{base}/admin/logout", data={}, allow_redirects=False, timeout=10).status_code == 403
    csrf = re.search(r'name="_csrf" value="([^"]+)"', home.text).group(1)
    out = browser.post(f"{base}/admin/logout", data={"_csrf": csrf}, allow_redirects=False, timeout=10)
    assert out.status_code == 303 and out.headers["Location"] == "/admin/login"
    stale = requests.get(f"{base}/admin", cookies={"draagvlak_session": session_cookie.value}, allow_redirects=False, timeout=10)
    assert stale.status_code == 303

    # The generated password works; the admin may see the panel.
    admin = app.login("beheer", admin_password)
    assert admin.get(f"{base}/admin/panel", timeout=10).status_code == 200

    # A wrong password is recorded without the password.
    wrong = requests.Session()
    form = wrong.get(f"{base}/admin/login", timeout=10)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', form.text).group(1)
    refused = wrong.post(f"{base}/admin/login", data={"_csrf": csrf, "username": "anna", "password": "raden-is-geen-plan"}, timeout=10)
    assert refused.status_code == 401 and "klopt niet" in refused.text
    assert app.stop() == 0

    verified = app.run("audit", "verify")
    count = int(re.match(r"audit log intact: (\d+) entries, head [0-9a-f]{64}$", verified.stdout.strip()).group(1))
    database = app.data / "draagvlak.sqlite"
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT seq, actor, action, subject, details FROM audit_log ORDER BY seq").fetchall()
    assert len(rows) == count
    actions = [row[2] for row in rows]
    for expected in ["account.created", "api_token.created", "login.succeeded", "access.refused", "logout", "login.failed"]:
        assert expected in actions, (expected, actions)
    assert not any("raden-is-geen-plan" in "".join(map(str, row)) or "geheim" in "".join(map(str, row)) for row in rows)

    # Someone with the file in hand rewrites who signed in. The triggers are no obstacle to them; the chain is.
    login_seq = next(seq for seq, _, action, _, _ in rows if action == "login.succeeded")
    with sqlite3.connect(database) as db:
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("UPDATE audit_log SET actor = 'account:mallory' WHERE seq = ?", (login_seq,))
    broken = app.run("audit", "verify", check=False)
    assert broken.returncode == 1
    assert f"audit log broken at entry {login_seq}: content changed" in broken.stderr, broken.stderr
