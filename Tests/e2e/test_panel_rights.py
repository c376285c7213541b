"""Who gets invited (samples, dry runs, the yearly cap, deactivation) and what members may do with
their own data from their personal link: unsubscribe, download, erasure."""
import json
import re

import requests

SURVEY = "peiling-afvalinzameling"


def test_a_seeded_sample_is_reproducible_and_a_dry_run_writes_nothing(app):
    app.run("demo")
    dry = app.run("invite", SURVEY, "--sample", "300", "--seed", "42", "--dry-run")
    plan = dict(re.findall(r"  (.+): (\d+) of \d+ eligible", dry.stdout))
    assert sum(map(int, plan.values())) == 300 and len(plan) == 8
    assert "nothing written" in dry.stdout
    assert not (app.data / "outbox").exists() or not list((app.data / "outbox").glob("*.eml"))

    links_csv = app.data / "links.csv"
    real = app.run("invite", SURVEY, "--sample", "300", "--seed", "42", "--links-csv", str(links_csv))
    assert dict(re.findall(r"  (.+): (\d+) of \d+ eligible", real.stdout)) == plan
    first = set(app.links(links_csv))
    assert len(first) == 300
    assert len(list((app.data / "outbox").glob("*.eml"))) == 300
    # A second sample draws only from members not invited yet.
    again = app.run("invite", SURVEY, "--sample", "100", "--seed", "42", "--links-csv", str(links_csv))
    second = set(app.links(links_csv))
    assert "100 invited" in again.stdout and len(second) == 100 and not first & second


def test_deactivated_members_and_members_at_the_cap_are_left_out(app):
    app.run("demo", "--count", "20")
    app.env["DRAAGVLAK_MAX_INVITATIONS_PER_YEAR"] = "1"
    app.run("panel", "deactivate", "demo-0001", "demo-0002")
    first = app.run("invite", SURVEY)
    assert "18 invited" in first.stdout
    second = app.run("invite", "speeltuin-geraniumstraat", "--wijk", "Oost", "--wijk", "Zuid")
    assert "0 invited" in second.stdout and "already had 1 invitations this year" in second.stdout
    app.run("panel", "reactivate", "demo-0001")
    third = app.run("invite", "speeltuin-geraniumstraat")
    assert "member(s) who already had" in third.stdout


def test_unsubscribe_download_and_erasure_from_the_personal_link(app):
    app.run("demo", "--count", "10")
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    links = app.links(links_csv)
    app.start()
    link = links["demo-0001"]
    assert requests.post(link, data={"wekelijks_gft": "nee"}, allow_redirects=False, timeout=10).status_code == 303

    privacy = requests.get(link + "/privacy", timeout=10)
    assert privacy.status_code == 200 and "/mijn-gegevens" in privacy.text and "/wissen" in privacy.text
    download = requests.get(link + "/mijn-gegevens", timeout=10)
    assert download.headers["Content-Disposition"].startswith("attachment")
    data = download.json()
    assert data["member_id"] == "demo-0001" and data["email"] == "demo-0001@example.org"
    assert data["invitations"][0]["answers"] == {"wekelijks_gft": ["nee"]}

    assert "Afmelden" in requests.get(links["demo-0002"] + "/afmelden", timeout=10).text
    gone = requests.post(links["demo-0002"] + "/afmelden", timeout=10)
    assert gone.status_code == 200 and "afgemeld" in gone.text
    reminders = app.run("remind", SURVEY, "--max", "1")
    assert "8 reminded" in reminders.stdout, "not demo-0001 (answered) nor demo-0002 (unsubscribed)"

    erased = requests.post(link + "/wissen", timeout=10)
    assert erased.status_code == 200 and "gewist" in erased.text
    assert requests.get(link, timeout=10).status_code == 404
    token = app.run("token", "create", "--role", "admin").stdout.strip()
    results = requests.get(f"{app.base}/api/v1/surveys/{SURVEY}/results", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    assert results["questions"]["wekelijks_gft"]["counts"]["nee"] == 1, "the answer stays, anonymously"
    log = app.server_log.read_text()
    assert "member right exercised: erasure" in log and "demo-0001" not in log


def test_panel_stats_compare_members_with_the_population_and_results_track_response_per_wijk(app):
    app.run("demo")
    stats = app.run("panel", "stats").stdout
    assert "3000 active members" in stats
    oost = re.search(r"wijk\s+Oost\s+(\d+)\s+([\d.]+)%\s+([\d.]+)%", stats)
    assert oost and int(oost.group(1)) == 570 and abs(float(oost.group(2)) - float(oost.group(3))) < 0.5
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--wijk", "Oost", "--wijk", "Centrum", "--links-csv", str(links_csv))
    links = app.links(links_csv)
    app.start()
    oost_members = [m for m in sorted(links)][:3]
    for member in oost_members:
        assert requests.post(links[member], data={"wekelijks_gft": "ja"}, allow_redirects=False, timeout=10).status_code == 303
    report = json.loads(app.run("report", SURVEY, "--format", "json").stdout)
    by_wijk = report["response_by_wijk"]
    assert set(by_wijk) == {"Oost", "Centrum"}
    assert by_wijk["Oost"]["invited"] + by_wijk["Centrum"]["invited"] == len(links)
    assert all(w["delivered"] == w["invited"] for w in by_wijk.values())
    assert sum(w["responded"] for w in by_wijk.values()) == 3
    staff = app.staff("onderzoeker")
    panel = staff.get(f"{app.base}/admin/panel", timeout=10)
    assert panel.status_code == 200 and "Oost" in panel.text and "Aandeel bevolking" in panel.text
    outbox = staff.get(f"{app.base}/admin/outbox", timeout=10)
    assert outbox.status_code == 200 and "Verstuurd" in outbox.text
    assert requests.get(f"{app.base}/admin/outbox", allow_redirects=False, timeout=10).status_code == 303


def test_population_import_replaces_the_margins_all_or_nothing(app, tmp_path):
    app.run("demo", "--count", "100")
    before = app.run("panel", "stats").stdout
    wijken = ["Noordoost", "Noordwest", "Zuid", "Zuidoost", "Zuidwest", "Hilversumse Meent", "Centrum", "Oost"]
    good = tmp_path / "bevolking.csv"
    good.write_text("scope,variable,category,total\n" + "".join(f"gemeente,wijk,{w},1000\n" for w in wijken))
    assert "imported 8 rows" in app.run("population", "import", str(good)).stdout
    after = app.run("panel", "stats").stdout
    assert re.search(r"wijk\s+Oost\s+\d+\s+[\d.]+%\s+12\.5%", after), after
    bad = tmp_path / "kapot.csv"
    bad.write_text("scope,variable,category,total\ngemeente,wijk,Oost,veel\n")
    result = app.run("population", "import", str(bad), check=False)
    assert result.returncode == 1 and "line 2" in result.stderr
    assert app.run("panel", "stats").stdout == after
    assert before != after
