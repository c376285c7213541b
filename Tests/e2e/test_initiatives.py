"""The whole story of a buurtinitiatief over HTTP, from the public form to `afgesloten`, with the
wijkthermometer checked at each step, the refusals the mandate rules demand, and the audit chain."""
import json
import re
import sqlite3
import time

import requests

PASSWORD = "e2e-wachtwoord-lang-genoeg"


def official(app, username, role, wijk=None):
    extra = ("--wijk", wijk) if wijk else ()
    app.add_user(username, role, PASSWORD, *extra)
    return app.login(username, PASSWORD)


def act(session, app, initiative_id, action, **fields):
    """Posts a step from the initiative's staff page, with the CSRF token that page carries."""
    page = session.get(f"{app.base}/admin/initiatieven/{initiative_id}", timeout=10)
    assert page.status_code == 200, page.text
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    return session.post(f"{app.base}/admin/initiatieven/{initiative_id}", data={"_csrf": csrf, "action": action, **fields},
                        allow_redirects=False, timeout=60)


def budget(app, wijk="oost", year=None):
    year = year or time.localtime().tm_year
    reply = requests.get(f"{app.base}/wijken/{wijk}/budget.json?jaar={year}", timeout=10)
    assert reply.status_code == 200, reply.text
    return reply.json()


def owner_mails(app, expected, timeout=30):
    """The messages to the initiative's owner, once at least `expected` have been delivered to the outbox."""
    deadline = time.time() + timeout
    while True:
        mails = [m.read_text().replace("=\r\n", "") for m in sorted((app.data / "outbox").glob("*.eml"))]
        mails = [m for m in mails if "To: <an@example.org>" in m]
        if len(mails) >= expected or time.time() > deadline:
            return mails
        time.sleep(0.3)


def submit(app, **overrides):
    form = {"titel": "Speelplek Oost", "omschrijving": "Een speelplek met bankjes voor jong en oud.", "wijk": "Oost",
            "soort": "regulier", "bedrag": "20.000,00", "eigen_bijdrage": "1500", "wederkerigheid": "Wij onderhouden de plek.",
            "naam": "An de Vries", "email": "an@example.org"}
    form.update(overrides)
    return requests.post(f"{app.base}/initiatieven/nieuw", data=form, allow_redirects=False, timeout=10)


def test_an_initiative_from_submission_to_afgesloten(app):
    app.run("demo")
    app.start()
    start = budget(app)
    subsidie = start["lines"]["subsidie"]
    assert subsidie["committed_cents"] == 0 and subsidie["allocated_cents"] == 5_350_000  # Oost, seed 002 Table 1

    # Bad input is refused on the form, field by field, and nothing is stored.
    refused = submit(app, bedrag="30.000", email="geen-adres")
    assert refused.status_code == 422
    assert "dit is geen geldig e-mailadres" in refused.text and "groot" in refused.text and "€ 25.000,00" in refused.text

    # The owner submits and gets a personal status link that says who decides and why.
    reply = submit(app)
    assert reply.status_code == 303
    status_url = app.base + reply.headers["Location"].split("?")[0]
    status = requests.get(status_url, timeout=10)
    assert status.status_code == 200
    initiative_id = re.search(r"(INI-\d{4}-\d{3})", status.text).group(1)
    assert "<strong>groot</strong>" in status.text and "de teammanager samenleving bereidt voor" in status.text
    assert "Ingediend" in status.text
    assert status_url.rsplit("/", 1)[1] not in (app.data / "server.log").read_text(), "status tokens stay out of the log"

    buco = official(app, "buco-oost", "buurtcoordinator", "Oost")
    buco_zuid = official(app, "buco-zuid", "buurtcoordinator", "Zuid")
    teammanager = official(app, "tm-oost", "teammanager", "Oost")
    wethouder = official(app, "ww-oost", "wijkwethouder", "Oost")

    # A buco of another wijk is refused (403) and the attempt is audited.
    outside = act(buco_zuid, app, initiative_id, "start_review")
    assert outside.status_code == 403 and "buiten uw wijk" in outside.text

    # The owner got the status link by e-mail on submission.
    assert status_url in owner_mails(app, 1)[0]

    assert act(buco, app, initiative_id, "start_review").status_code == 303
    # The buco asks a question; the owner gets it by e-mail with a fresh link that works, and answers on the page.
    assert act(buco, app, initiative_id, "message", message="Hoeveel buren doen mee?").status_code == 303
    mails = owner_mails(app, 3)
    question = next(m for m in mails if "Hoeveel buren doen mee?" in m)
    fresh_link = re.search(rf"{re.escape(app.base)}/i/[A-Za-z0-9_-]+", question).group(0)
    assert fresh_link != status_url and "Speelplek Oost" in requests.get(fresh_link, timeout=10).text
    token = status_url.rsplit("/", 1)[1]
    assert requests.post(f"{app.base}/i/{token}/berichten", data={"bericht": "Twaalf gezinnen."}, allow_redirects=False, timeout=10).status_code == 303
    assert "Twaalf gezinnen." in buco.get(f"{app.base}/admin/initiatieven/{initiative_id}", timeout=10).text
    assert act(buco_zuid, app, initiative_id, "message", message="ik mag dit niet").status_code == 403
    # Starting the buurttoetsing before the criteria are checked is refused with the reason.
    early = act(buco, app, initiative_id, "start_buurttoetsing")
    assert early.status_code == 422 and "criteria" in early.text
    assert act(buco, app, initiative_id, "record_criteria", residents_initiated="ja", testable_support="ja",
               complementary="ja", own_effort="ja", note="Gesproken met de buren").status_code == 303
    started = act(buco, app, initiative_id, "start_buurttoetsing")
    assert started.status_code == 303, started.text
    survey_id = f"buurttoetsing-{initiative_id.lower()}"
    assert (app.data.parent / "surveys" / f"{survey_id}.yaml").exists()

    # The panel members of Oost are invited; 120 of them answer, nearly all in favour.
    deadline = time.time() + 60
    while time.time() < deadline:
        messages = [m.read_text().replace("=\r\n", "") for m in (app.data / "outbox").glob("*.eml")]
        messages = [m for m in messages if "To: <an@example.org>" not in m]
        if len(messages) > 300:
            break
        time.sleep(0.5)
    links = sorted({re.search(rf"{re.escape(app.base)}/s/[A-Za-z0-9_-]+", m).group(0) for m in messages})
    assert len(links) > 300
    for index, link in enumerate(links[:120]):
        answer = {"steun": "5" if index % 10 else "2", "betrokkenheid": "buurt", "_page": "0", "_lang": "nl"}
        assert requests.post(link, data=answer, allow_redirects=False, timeout=10).status_code == 303
    live = requests.get(status_url, timeout=10).text
    assert "Draagvlak in de buurt (tot nu toe)" in live and "Voldoende draagvlak" in live

    assert act(buco, app, initiative_id, "end_buurttoetsing").status_code == 303
    # The wethouder cannot sign before the teammanager has prepared.
    assert act(wethouder, app, initiative_id, "sign", reference="BD-2026-1").status_code == 403
    queue = teammanager.get(f"{app.base}/admin/beslissen", timeout=10).text
    assert initiative_id in queue and "na goedkeuring € 33.500,00" in queue
    assert act(teammanager, app, initiative_id, "sign", motivation="Voorbereid").status_code == 303
    assert act(wethouder, app, initiative_id, "sign", reference="BD-2026-1", motivation="Goed plan").status_code == 303

    decided = owner_mails(app, 7)
    assert any("Uitkomst van de buurttoetsing" in m for m in decided), "the draagvlak result reaches the owner"
    assert any("Besluit: goedgekeurd" in m and "BD-2026-1" in m for m in decided), "so does the decision"
    after_approval = budget(app)
    assert after_approval["lines"]["subsidie"]["committed_cents"] == 2_000_000
    assert after_approval["lines"]["subsidie"]["remaining_cents"] == 3_350_000
    assert [item["id"] for item in after_approval["initiatives"]] == [initiative_id]
    thermometer = requests.get(f"{app.base}/wijken/oost", timeout=10).text
    assert "<svg" in thermometer and "Speelplek Oost" in thermometer and "€ 20.000,00" in thermometer

    assert act(buco, app, initiative_id, "start_execution").status_code == 303
    too_much = act(buco, app, initiative_id, "account", actual_cost="20.000,01", feedback="Klaar")
    assert too_much.status_code == 422 and "nieuw besluit" in too_much.text
    assert act(buco, app, initiative_id, "account", actual_cost="18.250", feedback="De speelplek is open.").status_code == 303
    accounted = budget(app)["lines"]["subsidie"]
    assert (accounted["committed_cents"], accounted["spent_cents"], accounted["remaining_cents"]) == (0, 1_825_000, 3_525_000)
    assert act(buco, app, initiative_id, "close").status_code == 303

    final = requests.get(status_url, timeout=10).text
    assert "Afgesloten" in final and "De speelplek is open." in final and "BD-2026-1" in final
    assert "De speelplek is open." in requests.get(f"{app.base}/wijken/oost", timeout=10).text, "the feedback is public"
    csv_text = requests.get(f"{app.base}/wijken/oost/budget.csv", timeout=10).text
    assert "Oost" in csv_text and "1825000" in csv_text

    # The audit chain holds every step, and an edited row is caught.
    app.stop()
    verified = app.run("audit", "verify")
    assert verified.returncode == 0
    with sqlite3.connect(app.data / "draagvlak.sqlite") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY seq")]
        assert "initiative.sign" in actions and "budget.commit" in actions and "budget.spend" in actions
        assert "access.refused" in actions
        assert actions.count("rules.loaded") == 1, "the rule files are recorded once, not at every start"
        seq = db.execute("SELECT seq FROM audit_log WHERE action = 'budget.commit'").fetchone()[0]
        # The triggers only stop our own code; someone with the file can drop them, which the chain must catch.
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("UPDATE audit_log SET details = replace(details, '2000000', '200000') WHERE seq = ?", (seq,))
    broken = app.run("audit", "verify", check=False)
    assert broken.returncode == 1 and str(seq) in broken.stdout + broken.stderr


def test_budget_show_and_the_public_pages(app):
    app.data.mkdir(parents=True)
    app.start()
    year = time.localtime().tm_year
    shown = json.loads(app.run("budget", "show", "--wijk", "zuid", "--year", str(year)).stdout)
    assert shown["wijk"] == "Zuid" and set(shown["lines"]) == {"subsidie", "handgeld"}
    assert shown["lines"]["handgeld"] == {"allocated_cents": 825_000, "committed_cents": 0, "spent_cents": 0, "remaining_cents": 825_000}
    pot = json.loads(app.run("budget", "show", "--pot", "--year", str(year)).stdout)
    assert pot["lines"]["wijkkansen"]["allocated_cents"] == 7_500_000
    assert app.run("budget", "show", "--wijk", "Nergens", "--year", str(year), check=False).returncode == 1
    assert app.run("budget", "show", "--year", str(year), check=False).returncode == 2

    app.run("budget", "transfer", "--amount", "1000", "--line", "handgeld", "--from", "Zuid", "--to", "Oost", "--year", str(year),
            "--half", "1", "--motivation", "Oost heeft meer aanvragen", "--decided-by", "wethouder_buurten: W. Test")
    assert budget(app, "zuid")["lines"]["handgeld"]["allocated_cents"] == 725_000
    assert budget(app, "oost")["lines"]["handgeld"]["allocated_cents"] == 925_000
    overdrawn = app.run("budget", "transfer", "--amount", "99999", "--line", "handgeld", "--from", "Zuid", "--to", "Oost",
                        "--year", str(year), "--half", "2", "--motivation", "te veel", "--decided-by", "w", check=False)
    assert overdrawn.returncode == 1 and "nog € 7.250,00 over" in overdrawn.stderr

    city = requests.get(f"{app.base}/wijken", timeout=10)
    assert city.status_code == 200 and "Hilversumse Meent" in city.text and "Wijkkansen" in city.text
    assert requests.get(f"{app.base}/wijken/hilversumse-meent", timeout=10).status_code == 200
    assert requests.get(f"{app.base}/wijken/nergens", timeout=10).status_code == 404
    assert requests.get(f"{app.base}/wijken/oost?jaar=abc", timeout=10).status_code == 400
    open_data = requests.get(f"{app.base}/open-data/budget.json", timeout=10).json()
    assert len(open_data) == 9 and open_data[-1]["wijk"] == "wijkkansen"
    form = requests.get(f"{app.base}/initiatieven/nieuw", timeout=10)
    assert form.status_code == 200 and 'name="bedrag"' in form.text and "error-summary" not in form.text
