"""A buurtpeiling as a monitor: a survey file with `repeat`, each wave invited by the server on schedule to
the same audience, answers in two waves, and the trend over the waves with intervals."""
import datetime
import json
import re
import time

import requests

from conftest import Draagvlak, free_port


def monitor_file(today: datetime.date) -> str:
    # Wave 1 opened 200 days ago, wave 2 six months later; both windows still run, so both can be answered.
    opens = today - datetime.timedelta(days=200)
    closes = opens + datetime.timedelta(days=300)
    return f"""id: peiling-oost
kind: enquete
title: Buurtpeiling Oost
audience: {{wijken: [Oost]}}
opens: {opens.isoformat()}
closes: {closes.isoformat()}
repeat: {{every: 6 months, waves: 3}}
questions:
  - id: veilig
    type: scale
    text: Ik voel me veilig in mijn buurt.
    scale: {{min: 1, max: 5}}
    required: true
    support: {{supports: [4, 5], opposes: [1, 2]}}
  - id: schoon
    type: yesno
    text: Is uw straat schoon?
"""


def test_two_waves_of_a_monitor_produce_a_trend(tmp_path):
    surveys = tmp_path / "surveys"
    surveys.mkdir()
    (surveys / "peiling-oost.yaml").write_text(monitor_file(datetime.date.today()))
    app = Draagvlak(tmp_path / "data", free_port(), surveys)
    app.env["DRAAGVLAK_WAVE_CHECK_SECONDS"] = "1"
    try:
        app.run("demo")
        listed = app.run("waves").stdout
        assert "peiling-oost wave 1: peiling-oost" in listed and "peiling-oost wave 2: peiling-oost-golf-2" in listed
        assert "peiling-oost wave 3: peiling-oost-golf-3" in listed and "not open" in listed
        app.start()

        # The server invites both open waves by itself, the third (not open yet) not.
        deadline = time.time() + 60
        links = {}
        while time.time() < deadline:
            links = {}
            for message in (app.data / "outbox").glob("*.eml"):
                text = message.read_text().replace("=\r\n", "")
                member = re.search(r"^To: <(demo-\d+)@", text, re.MULTILINE).group(1)
                link = re.search(rf"{re.escape(app.base)}/s/[A-Za-z0-9_-]+", text).group(0)
                links.setdefault(member, []).append(link)
            if links and all(len(v) == 2 for v in links.values()) and len(links) > 300:
                break
            time.sleep(0.5)
        members = sorted(links)
        assert len(members) > 300 and all(len(links[m]) == 2 for m in members), "each Oost member is invited to two waves"

        def wave_of(link):
            page = requests.get(link, timeout=10)
            assert page.status_code == 200
            return page

        # Wave 1: 60 answer and 30% feel safe; wave 2: 60 answer and 80% do. The page says which wave it is.
        for index, member in enumerate(members[:60]):
            for link in links[member]:
                page = requests.get(link, timeout=10)
                assert page.status_code == 200
                wave = 2 if "(golf 2)" in page.text else 1
                assert f"Buurtpeiling Oost (golf {wave})" in page.text
                safe = index % 10 < (3 if wave == 1 else 8)
                answer = {"veilig": "5" if safe else "1", "schoon": "ja" if wave == 1 else "nee", "_page": "0", "_lang": "nl"}
                reply = requests.post(link, data=answer, allow_redirects=False, timeout=10)
                assert reply.status_code == 303, reply.text
        app.stop()
        first = json.loads(app.run("report", "peiling-oost", "--format", "json").stdout)
        second = json.loads(app.run("report", "peiling-oost-golf-2", "--format", "json").stdout)
        assert first["responded"] == 60 and second["responded"] == 60

        app.start()
        staff = app.staff("onderzoeker")
        trend = staff.get(f"{app.base}/api/v1/series/peiling-oost/trend", timeout=30)
        assert trend.status_code == 200, trend.text
        body = trend.json()
        assert [w["wave"] for w in body["waves"]] == [1, 2, 3]
        assert [w["responded"] for w in body["waves"]] == [60, 60, 0]
        for wave in body["waves"][:2]:
            low, high = wave["draagvlak"]["ci95"]
            assert low < wave["draagvlak"]["support_share"] < high
        assert body["waves"][0]["draagvlak"]["support_share"] < 0.5 < body["waves"][1]["draagvlak"]["support_share"]
        assert [(s["wave"], s["n"]) for s in body["questions"]["schoon"]["ja"]] == [(1, 60), (2, 60), (3, 0)]
        assert body["questions"]["schoon"]["ja"][2].get("share") is None, "a wave without answers has no share, not 0%"
        assert body["questions"]["schoon"]["ja"][0]["share"] == 1.0 and body["questions"]["schoon"]["nee"][1]["share"] == 1.0
        assert body["questions"]["veilig"]["5"][0]["ci95"][0] < 0.3 < body["questions"]["veilig"]["5"][0]["ci95"][1]
        page = staff.get(f"{app.base}/admin/series/peiling-oost/trend", timeout=30)
        assert page.status_code == 200 and "<svg" in page.text and "golf 2" in page.text
        assert requests.get(f"{app.base}/api/v1/series/peiling-oost/trend", timeout=10).status_code == 401
        cli = json.loads(app.run("waves", "trend", "peiling-oost").stdout)
        assert cli["series"] == "peiling-oost" and len(cli["waves"]) == 3
    finally:
        if app.server is not None:
            app.server.kill()
            app.server.wait()
