"""Keeping the panel alive, against the real executable and a real SMTP server: a resident signs up,
confirms by the mailed link, is invited, answers, and after the survey is published hears the outcome
and the decision with the same numbers as the report. Confirmation links work once and expire;
recruitment codes and the yearly re-confirmation work from the command line."""
import json
import re
import signal
import sqlite3
import time

import requests

from chromium import axe_violations, describe
from test_browser import browser, browsers  # noqa: F401  (fixtures)
from test_mail import sink, use_smtp  # noqa: F401  (a fixture)

SURVEY = "bankje-e2e"
SURVEY_FILE = """id: bankje-e2e
kind: buurttoetsing
title: {nl: Een bankje bij de vijver, en: A bench by the pond}
feedback: {nl: De wijkwethouder besluit in maart., en: The district alderman decides in March.}
verdict: {threshold: 0.5, min_n: 5}
closes: CLOSES
questions:
  - id: steun
    type: scale
    text: Steunt u een bankje bij de vijver?
    scale: {min: 1, max: 5, labels: {1: Helemaal oneens, 5: Helemaal eens}}
    required: true
    support: {supports: [4, 5], opposes: [1, 2]}
"""


def write_survey(app, closes):
    folder = app.env["DRAAGVLAK_SURVEYS"]
    with open(f"{folder}/{SURVEY}.yaml", "w") as f:
        f.write(SURVEY_FILE.replace("CLOSES", closes))


def body_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def mail_to(sink, address, subject_start, count=1, timeout=60):
    """Waits for `count` messages to `address` whose subject starts with `subject_start`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [m for m in sink.messages()
                 if m["To"].addresses[0].addr_spec == address and m["Subject"].startswith(subject_start)]
        if len(found) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no message '{subject_start}' to {address}: {[(m['To'], m['Subject']) for m in sink.messages()]}")


def sign_up(app, address, language="nl"):
    reply = requests.post(f"{app.base}/panel/aanmelden", data={
        "_lang": "nl", "email": address, "wijk": "Oost", "postcode": "1222 AB", "birth_year": "1984",
        "gender": "onbekend", "language": language, "consent": "ja", "website": "",
    }, allow_redirects=False, timeout=10)
    assert reply.status_code == 303 and reply.headers["Location"].startswith("/panel/aanmelden/verstuurd"), reply.text[:500]


def confirmation_link(sink, address, language="nl"):
    subject = "Please confirm" if language == "en" else "Bevestig uw aanmelding"
    text = body_text(mail_to(sink, address, subject)[-1])
    return re.search(r"(http://127\.0\.0\.1:\d+/panel/bevestigen/[A-Za-z0-9_-]{43})\s", text).group(1)


def percent(share):
    """As the server writes it: a whole percentage, halves rounded away from zero."""
    return f"{int(share * 100 + 0.5)}%"


def test_from_sign_up_to_feedback_with_the_reports_numbers(app, sink, tmp_path):
    use_smtp(app, sink)
    app.run("demo", "--count", "30")
    write_survey(app, "2099-12-31")
    app.start()

    newcomer = "nieuwe.bewoner@example.org"
    sign_up(app, newcomer)
    link = confirmation_link(sink, newcomer)
    before = app.run("panel", "stats").stdout
    assert "30 active members" in before and "sign-up 0" in before, "no member before confirmation"
    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and "Ja, ik word lid" in page.text
    confirmed = requests.post(link, allow_redirects=False, timeout=10)
    assert confirmed.status_code == 303 and "/mijn-panel?welkom=1" in confirmed.headers["Location"]
    welcome = requests.get(app.base + confirmed.headers["Location"], timeout=10)
    assert welcome.status_code == 200 and "Welkom bij het burgerpanel!" in welcome.text
    stats = app.run("panel", "stats").stdout
    assert "31 active members" in stats and "sign-up 1" in stats, stats

    links_csv = tmp_path / "links.csv"
    invited = app.run("invite", SURVEY, "--links-csv", str(links_csv))
    assert "31 invited" in invited.stdout, invited.stdout
    links = app.links(links_csv)
    newcomer_id = next(member for member in links if member.startswith("aanm-"))
    invitation = mail_to(sink, newcomer, "Uw mening gevraagd")[0]
    assert links[newcomer_id] in body_text(invitation)

    answers = {newcomer_id: "5"}
    demo = sorted(member for member in links if member.startswith("demo-"))
    answers.update(zip(demo[:11], ["5", "4", "4", "2", "1", "5", "3", "4", "2", "5", "1"]))
    for member, value in answers.items():
        reply = requests.post(links[member], data={"steun": value}, allow_redirects=False, timeout=10)
        assert reply.status_code == 303, reply.text[:500]

    # Nothing is published while the survey is open.
    decision = tmp_path / "besluit.txt"
    decision.write_text("Het bankje komt er in april.\n\nDe gemeente plaatst het aan de zuidkant van de vijver.\n")
    refused = app.run("survey", "publish", SURVEY, "--decision", str(decision), check=False)
    assert refused.returncode == 1 and "still open" in refused.stderr
    assert not [m for m in sink.messages() if m["Subject"].startswith("Wat er met uw mening")]

    # The survey closes (here: its file says it closed) and the server reloads it.
    write_survey(app, "2020-01-31")
    app.server.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while "new version" not in app.server_log.read_text() and time.time() < deadline:
        time.sleep(0.05)
    assert "new version" in app.server_log.read_text()
    published = app.run("survey", "publish", SURVEY, "--decision", str(decision))
    assert "published" in published.stdout and f"{len(answers)} to respondents, 0 to other invitees" in published.stdout, published.stdout

    report = json.loads(app.run("report", SURVEY, "--format", "json").stdout)
    draagvlak = report["draagvlak"]
    feedback = mail_to(sink, newcomer, "Wat er met uw mening is gedaan: Een bankje bij de vijver")
    assert len(feedback) == 1
    text = body_text(feedback[0])
    assert f"{report['responded']} van de {report['invited']} uitgenodigde panelleden vulden de vragenlijst in." in text
    assert report["responded"] == len(answers) and report["invited"] == 31
    lower, upper = draagvlak["ci95"]
    sentence = " ".join(text.split())
    assert f"Van de {draagvlak['n']} mensen die de vraag over steun beantwoordden, is {percent(draagvlak['support_share'])} voor" in sentence
    assert f"Met 95% zekerheid ligt de steun tussen {percent(lower)} en {percent(upper)}." in sentence
    assert "Het bankje komt er in april." in text and "zuidkant van de vijver" in text
    assert "Vooraf schreven wij: De wijkwethouder besluit in maart." in text
    assert f"{app.base}/uitkomsten/{SURVEY}" in text
    respondents = {m["To"].addresses[0].addr_spec for m in sink.messages() if m["Subject"].startswith("Wat er met uw mening")}
    assert len(respondents) == len(answers), "every respondent, nobody else"

    # The personal link in the feedback opens the member's page with the decision.
    personal = re.search(r"(http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{43}/mijn-panel)\s", text).group(1)
    mine = requests.get(personal, timeout=10)
    assert mine.status_code == 200 and "Een bankje bij de vijver" in mine.text and "Het bankje komt er in april." in mine.text
    public = requests.get(f"{app.base}/uitkomsten/{SURVEY}", timeout=10)
    assert public.status_code == 200 and "Wat de gemeente besloot" in public.text and "zuidkant van de vijver" in public.text

    # Publishing again sends nothing twice; invitees only when asked for.
    before = len(sink.messages())
    again = app.run("survey", "publish", SURVEY, "--decision", str(decision))
    assert "decision updated" in again.stdout and "0 to respondents, 0 to other invitees" in again.stdout
    assert len(sink.messages()) == before
    everyone = app.run("survey", "publish", SURVEY, "--decision", str(decision), "--all-invitees")
    assert f"0 to respondents, {31 - len(answers)} to other invitees" in everyone.stdout, everyone.stdout
    sink.wait_for(before + 31 - len(answers))
    assert len(sink.messages()) == before + 31 - len(answers)


def test_expired_and_reused_confirmation_links_are_refused(app, sink):
    use_smtp(app, sink)
    app.run("outbox", "status")  # creates the data folder with an empty database
    app.start()
    sign_up(app, "eenmalig@example.org", language="en")
    link = confirmation_link(sink, "eenmalig@example.org", language="en")
    assert requests.post(link, allow_redirects=False, timeout=10).status_code == 303
    reused = requests.post(link, allow_redirects=False, timeout=10)
    assert reused.status_code == 404 and "Deze link werkt niet" in reused.text
    assert requests.get(link, timeout=10).status_code == 404

    sign_up(app, "te.laat@example.org")
    late = confirmation_link(sink, "te.laat@example.org")
    with sqlite3.connect(app.data / "draagvlak.sqlite", timeout=10) as db:
        db.execute("UPDATE pending_signup SET expires_at = '2000-01-01T00:00:00.000Z'")
    expired = requests.get(late, timeout=10)
    assert expired.status_code == 410 and "Deze link is verlopen" in expired.text
    assert requests.post(late, allow_redirects=False, timeout=10).status_code == 410
    assert requests.post(late, allow_redirects=False, timeout=10).status_code == 404, "its data was deleted"
    stats = app.run("panel", "stats").stdout
    assert "1 active members" in stats and "sign-up 1" in stats, stats
    log = app.server_log.read_text()
    assert "/panel/bevestigen/…" in log and late.rsplit("/", 1)[1] not in log and "te.laat@" not in log


def test_recruitment_codes_lead_to_the_sign_up_and_count_as_letters(app, sink, tmp_path):
    use_smtp(app, sink)
    codes_csv = tmp_path / "codes.csv"
    issued = app.run("panel", "recruit-codes", "3", "--csv", str(codes_csv))
    assert "3 code(s) written" in issued.stdout
    rows = codes_csv.read_text().splitlines()
    assert rows[0] == "code,link" and len(rows) == 4
    code, link = rows[1].split(",")
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}", code) and link == f"{app.base}/panel/aanmelden/{code}"
    assert app.run("panel", "recruit-codes", "0", check=False).returncode == 2
    app.start()
    form = requests.get(link, timeout=10)
    assert form.status_code == 200 and f'value="{code}"' in form.text
    reply = requests.post(f"{app.base}/panel/aanmelden", data={
        "_lang": "nl", "email": "per.brief@example.org", "wijk": "Centrum", "birth_year": "1960", "gender": "vrouw",
        "language": "nl", "consent": "ja", "code": code.lower(),
    }, allow_redirects=False, timeout=10)
    assert reply.status_code == 303
    assert requests.post(confirmation_link(sink, "per.brief@example.org"), allow_redirects=False, timeout=10).status_code == 303
    assert "recruitment letter 1" in app.run("panel", "stats").stdout


def test_the_yearly_reconfirmation_asks_once_and_deactivates_who_did_not_answer(app, sink):
    use_smtp(app, sink)
    app.run("demo", "--count", "5")
    assert "would ask 0 member(s)" in app.run("panel", "reconfirm").stdout, "everyone just joined"
    database = app.data / "draagvlak.sqlite"
    with sqlite3.connect(database, timeout=10) as db:
        db.execute("UPDATE member SET created_at = '2020-01-01T00:00:00.000Z'")
    dry = app.run("panel", "reconfirm").stdout
    assert "would ask 5 member(s)" in dry and "nothing changed" in dry
    assert not sink.messages()
    sent = app.run("panel", "reconfirm", "--send").stdout
    assert "asked 5 member(s)" in sent and "5 sent" in sent, sent
    assert "asked 0 member(s)" in app.run("panel", "reconfirm", "--send").stdout, "asked once"

    app.start()
    message = mail_to(sink, "demo-0001@example.org", "Doet u nog mee met het burgerpanel?")[0]
    confirm = re.search(r"(http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{43}/bevestigen)\s", body_text(message)).group(1)
    assert "Ja, ik blijf lid" in requests.get(confirm, timeout=10).text
    assert "U blijft lid" in requests.post(confirm, timeout=10).text

    with sqlite3.connect(database, timeout=10) as db:
        db.execute("UPDATE member SET reconfirm_asked_at = '2020-06-01T00:00:00.000Z' WHERE id <> 'demo-0001'")
    done = app.run("panel", "reconfirm", "--send", "--deactivate-after", "30").stdout
    assert "deactivated 4 member(s)" in done, done
    assert "1 active members" in app.run("panel", "stats").stdout


def test_the_sign_up_and_the_members_page_are_accessible_on_a_phone(app, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def submit_and_wait_for(text):
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        WebDriverWait(browser, 10).until(lambda driver: text in driver.page_source)

    app.run("outbox", "status")
    app.start()
    browser.get(f"{app.base}/panel/aanmelden")
    violations = axe_violations(browser)
    assert violations == [], describe(violations)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
    honeypot = browser.find_element(By.ID, "veld-website")
    assert not honeypot.is_displayed() or honeypot.rect["x"] < 0, "the honeypot is out of sight"
    # Walking the page with the Tab key reaches every field but never the honeypot.
    from selenium.webdriver.common.keys import Keys
    reached = []
    for _ in range(30):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        reached.append(browser.switch_to.active_element.get_attribute("id"))
    assert "veld-email" in reached and "veld-consent-ja" in reached and "veld-website" not in reached, reached

    submit_and_wait_for("Er ging iets mis")
    violations = axe_violations(browser)
    assert violations == [], "the page with errors too: " + describe(violations)

    browser.find_element(By.ID, "veld-email").send_keys("telefoon@example.org")
    browser.find_element(By.CSS_SELECTOR, "#veld-wijk option:nth-child(3)").click()
    browser.find_element(By.ID, "veld-birth_year").send_keys("1979")
    browser.find_element(By.CSS_SELECTOR, 'label[for="veld-gender-3"]').click()
    browser.find_element(By.CSS_SELECTOR, 'label[for="veld-language-0"]').click()
    browser.find_element(By.CSS_SELECTOR, 'label[for="veld-consent-ja"]').click()
    submit_and_wait_for("Kijk in uw e-mail")

    deadline = time.time() + 20
    link = None
    while link is None and time.time() < deadline:
        for path in (app.data / "outbox").glob("*.eml"):
            text = path.read_bytes().decode().replace("=\r\n", "")
            found = re.search(r"(http://127\.0\.0\.1:\d+/panel/bevestigen/[A-Za-z0-9_-]{43})", text)
            link = link or (found.group(1) if found else None)
        time.sleep(0.2)
    assert link, "the confirmation mail was written to the outbox folder"
    browser.get(link)
    violations = axe_violations(browser)
    assert violations == [], describe(violations)
    submit_and_wait_for("Welkom bij het burgerpanel!")
    violations = axe_violations(browser)
    assert violations == [], describe(violations)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
