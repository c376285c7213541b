"""The first vertical slice, end to end: demo panel, invitations by wijk, answering by personal link
over real HTTP, exact results, and everything still there after a graceful restart."""
import json
import re
from pathlib import Path

import requests

from conftest import ROOT

SURVEY = "speeltuin-geraniumstraat"


def post(link, fields, **kwargs):
    return requests.post(link, data=fields, allow_redirects=False, timeout=10, **kwargs)


def test_answer_by_personal_link_and_count_exactly_across_a_restart(app):
    demo = app.run("demo")
    oost = int(re.search(r"Oost: (\d+)", demo.stdout).group(1))
    assert "3000 members" in demo.stdout and oost > 100

    links_csv = app.data / "links.csv"
    invite = app.run("invite", SURVEY, "--wijk", "Oost", "--links-csv", str(links_csv))
    links = app.links(links_csv)
    assert len(links) == oost, invite.stdout
    assert all(link.startswith(f"{app.base}/s/") for link in links.values())
    # One message per invitation in the outbox, each carrying its own member's link.
    messages = sorted((app.data / "outbox").glob("*.eml"))
    assert len(messages) == oost
    sample = messages[0].read_text()
    member = re.search(r"^To: <(demo-\d+)@", sample, re.MULTILINE).group(1)
    assert links[member] in sample.replace("=\r\n", "") and "Subject: " in sample
    # Only digests are stored: no token appears in the database file.
    database = b"".join(f.read_bytes() for f in app.data.glob("draagvlak.sqlite*"))
    token = links[member].rsplit("/", 1)[1]
    assert token.encode() not in database

    app.start()
    members = sorted(links)
    first = links[members[0]]

    page = requests.get(first, timeout=10)
    assert page.status_code == 200
    assert "Steunt u" in page.text and 'name="steun"' in page.text
    assert "Content-Security-Policy" in page.headers and "unsafe-inline" not in page.headers["Content-Security-Policy"]
    assert page.headers["Referrer-Policy"] == "no-referrer"

    # Invalid: the required question is missing and a value is out of range; the typed text is kept.
    invalid = post(first, {"gebruik": "soms", "opmerkingen": "Eerst <b>dit</b>"})
    assert invalid.status_code == 422
    assert "error-summary" in invalid.text and 'href="#q-steun-0"' in invalid.text
    assert "Eerst &lt;b&gt;dit&lt;/b&gt;" in invalid.text and "<b>dit</b>" not in invalid.text

    # Valid answers from 12 members with known values.
    steun = [5, 5, 4, 4, 4, 3, 2, 1, 5, 4, 3, 1]
    for member_id, value in zip(members, steun):
        reply = post(links[member_id], {"steun": str(value), "gebruik": "wekelijks"})
        assert reply.status_code == 303, reply.text
        assert reply.headers["Location"].split("?")[0].endswith("/bedankt")
    thanks = requests.get(links[members[1]] + "/bedankt", timeout=10)
    assert thanks.status_code == 200 and "Dank u wel" in thanks.text

    # Answering again replaces the earlier answer: member 0 goes from 5 to 2.
    again = post(first, {"steun": "2"})
    assert again.status_code == 303 and "vervangen=1" in again.headers["Location"]
    steun[0] = 2

    # Unknown and malformed tokens get the same plain 404.
    unknown = requests.get(f"{app.base}/s/{'A' * 43}", timeout=10)
    malformed = requests.get(f"{app.base}/s/nope", timeout=10)
    assert unknown.status_code == malformed.status_code == 404
    assert unknown.text == malformed.text

    # Results: exact counts, through the API with a token and through the CLI alike.
    token = app.run("token", "create", "--role", "admin").stdout.strip()
    assert requests.get(f"{app.base}/api/v1/surveys/{SURVEY}/results", timeout=10).status_code == 401
    api = requests.get(f"{app.base}/api/v1/surveys/{SURVEY}/results", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert api.status_code == 200
    results = api.json()
    expected_counts = {str(p): steun.count(p) for p in range(1, 6)}
    assert results["invited"] == oost and results["responded"] == 12
    assert abs(results["response_rate"] - 12 / oost) < 1e-12
    assert results["questions"]["steun"] == {"type": "scale", "n": 12, "counts": expected_counts}
    # Member 0's second submission had no 'gebruik': it was replaced, not merged.
    assert results["questions"]["gebruik"]["counts"]["wekelijks"] == 11
    draagvlak = results["draagvlak"]
    assert draagvlak["question"] == "steun" and draagvlak["n"] == 12
    assert draagvlak["supporters"] == sum(1 for v in steun if v >= 4)
    assert draagvlak["opponents"] == sum(1 for v in steun if v <= 2)
    assert draagvlak["verdict"] == "te_weinig_respons"
    assert json.loads(app.run("report", SURVEY, "--format", "json").stdout) == results

    # Graceful stop on SIGTERM, then a restart finds everything.
    assert app.stop() == 0
    assert "database closed" in app.server_log.read_text()
    app.start()
    after = requests.get(f"{app.base}/api/v1/surveys/{SURVEY}/results", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert after.json() == results
    reopened = requests.get(links[members[2]], timeout=10)
    assert "al ingevuld" in reopened.text
    assert re.search(r'value="4" checked', reopened.text)

    # Tokens never reach the log.
    log = app.server_log.read_text()
    assert all(link.rsplit("/", 1)[1] not in log for link in links.values())
    assert token not in log


def test_oversize_body_is_refused_with_413_and_nothing_is_stored(app):
    app.run("demo", "--count", "50")
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    link = next(iter(app.links(links_csv).values()))
    app.start()
    reply = requests.post(link, data={"steun": "4", "opmerkingen": "x" * 70_000}, allow_redirects=False, timeout=10)
    assert reply.status_code == 413
    token = app.run("token", "create", "--role", "onderzoeker").stdout.strip()
    results = requests.get(f"{app.base}/api/v1/surveys/{SURVEY}/results", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    assert results["responded"] == 0


def test_survey_check_reports_file_line_column_and_exits_1(app, tmp_path):
    good = app.run("survey", "check")
    examples = len(list((ROOT / "surveys").glob("*.yaml")))
    assert good.returncode == 0 and f"ok: {examples} survey(s)" in good.stdout
    bad = tmp_path / "kapot.yaml"
    bad.write_text("id: kapot\nkind: poll\ntitle: Kapot\nquestions:\n  - id: a\n    type: scale\n    txt: Hoe?\n")
    result = app.run("survey", "check", str(bad), check=False)
    assert result.returncode == 1
    assert re.search(rf"{re.escape(str(bad))}:7:5: error: .*txt", result.stderr), result.stderr


def test_panel_import_is_all_or_nothing_with_an_error_per_line(app, tmp_path):
    header = "member_id,email,wijk,buurt,postcode,birth_year,gender,language\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(header
                   + "m1,jan@example.org,Oost,,1211 AB,1970,man,nl\n"
                   + "m2,geen-adres,Oost,,,1980,vrouw,nl\n"
                   + "m3,piet@example.org,Atlantis,,,1990,man,nl\n")
    result = app.run("panel", "import", str(bad), check=False)
    assert result.returncode == 1
    assert "line 3" in result.stderr and "line 4" in result.stderr and "Atlantis" in result.stderr
    assert "nothing was imported" in result.stderr

    good = tmp_path / "good.csv"
    good.write_text(header + "m1,jan@example.org,Oost,,1211 AB,1970,man,nl\nm2,an@example.org,zuid,,,1980,vrouw,en\n")
    assert "2 created, 0 updated" in app.run("panel", "import", str(good)).stdout
    assert "0 created, 2 updated" in app.run("panel", "import", str(good)).stdout
    assert "dry run: 0 would be created, 2 updated" in app.run("panel", "import", str(good), "--dry-run").stdout


def test_usage_errors_exit_2_and_every_command_has_help(app):
    assert app.run("frobnicate", check=False).returncode == 2
    assert app.run("invite", check=False).returncode == 2
    for command in [[], ["serve"], ["demo"], ["survey", "check"], ["panel", "import"], ["invite"], ["report"], ["token", "create"],
                    ["user", "add"], ["user", "list"], ["user", "disable"], ["user", "password"], ["audit", "verify"]]:
        result = app.run(*command, "--help", check=False)
        assert result.returncode == 0 and "USAGE" in result.stdout, command


def test_members_file_config_file_and_environment_choose_who_and_which_address(app, tmp_path):
    app.run("demo", "--count", "40")
    config = tmp_path / "draagvlak.yaml"
    config.write_text("public_url: https://panel.example.org\nmail_from_name: Gemeente Test\n")
    members = tmp_path / "leden.txt"
    members.write_text("member_id\ndemo-0003\ndemo-0007\n\ndemo-9999\n")
    links_csv = tmp_path / "links.csv"
    env = {k: v for k, v in app.env.items() if k != "DRAAGVLAK_PUBLIC_URL"}
    result = app.run("invite", "peiling-afvalinzameling", "--config", str(config), "--members-file", str(members),
                     "--links-csv", str(links_csv), env=env)
    links = app.links(links_csv)
    assert sorted(links) == ["demo-0003", "demo-0007"]
    assert all(link.startswith("https://panel.example.org/s/") for link in links.values())
    assert "demo-9999" in result.stdout
    message = next(m.read_text() for m in (app.data / "outbox").glob("*.eml") if "To: <demo-0003@" in m.read_text())
    assert "From: Gemeente Test <" in message

    # The environment overrides the file, and a flag overrides both.
    env["DRAAGVLAK_PUBLIC_URL"] = "https://env.example.org"
    app.run("invite", "peiling-afvalinzameling", "--config", str(config), "--wijk", "Zuid", "--links-csv", str(links_csv), env=env)
    assert all(link.startswith("https://env.example.org/s/") for link in app.links(links_csv).values())

    broken = tmp_path / "broken.yaml"
    broken.write_text("port: zeventig\n")
    bad = app.run("demo", "--config", str(broken), check=False)
    assert bad.returncode == 1 and f"{broken}: port: expected a whole number" in bad.stderr


def test_sigint_stops_the_server_gracefully_too(app):
    import signal
    app.run("demo", "--count", "10")
    app.start()
    assert requests.get(f"{app.base}/healthz", timeout=10).text == "ok\n"
    assert app.stop(signal.SIGINT) == 0
    assert "database closed" in app.server_log.read_text()


def test_sighup_reloads_survey_files_and_a_broken_file_keeps_the_version_in_force(app):
    import signal
    import time
    app.run("demo", "--count", "20")
    links_csv = app.data / "links.csv"
    app.run("invite", "peiling-afvalinzameling", "--links-csv", str(links_csv))
    link = next(iter(app.links(links_csv).values()))
    app.start()
    survey_file = Path(app.env["DRAAGVLAK_SURVEYS"]) / "peiling-afvalinzameling.yaml"
    original = survey_file.read_text()
    first_question = re.search(r"text: (.+)", original.split("questions:")[1]).group(1).strip()
    assert first_question in requests.get(link, timeout=10).text

    def reload_and_wait(marker):
        app.server.send_signal(signal.SIGHUP)
        for _ in range(100):
            if marker in app.server_log.read_text():
                return
            time.sleep(0.05)
        raise AssertionError(f"no '{marker}' in the log after SIGHUP")

    survey_file.write_text(original.replace(first_question, "Nieuwe formulering van de vraag", 1))
    reload_and_wait("new version")
    assert "Nieuwe formulering van de vraag" in requests.get(link, timeout=10).text

    survey_file.write_text("id: peiling-afvalinzameling\nkind: poll\ntitle: [kapot\n")
    reload_and_wait("the version in force stays live")
    assert "Nieuwe formulering van de vraag" in requests.get(link, timeout=10).text
    assert "peiling-afvalinzameling.yaml:4:1: error: YAML syntax error" in app.server_log.read_text()
