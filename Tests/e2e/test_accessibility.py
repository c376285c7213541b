"""Every kind of page, public and staff, checked by axe-core in headless Chromium at 360 px and 1280 px:
no violation of WCAG 2.1 A or AA (nor of axe's best practices for landmarks and headings). One server
holds a survey of every question type, a closed survey with answers, initiatives in several states and
staff accounts of the roles that see the pages; one browser visits them all. Each page is saved as a
screenshot in Tests/e2e/artifacts/a11y-<page>-<width>.png."""
import datetime
import re
import shutil
import signal
import time
from dataclasses import dataclass
from typing import Callable

import pytest
import requests
from selenium.webdriver.common.by import By

from chromium import axe_violations, block_scripts, click_through, describe, screenshot, set_viewport, start_chromium
from conftest import ROOT, Draagvlak, free_port

EVERY_TYPE = "browser-alle-vraagtypen"
CLOSED = "browser-afgesloten"
PASSWORD = "e2e-wachtwoord-toegankelijk"
ACCOUNTS = {"beheerder": ("admin", None), "buco-oost": ("buurtcoordinator", "Oost"), "wethouder": ("wethouder_buurten", None)}

MONITOR = """\
id: peiling
kind: enquete
title: Buurtpeiling
opens: {opens}
closes: {closes}
repeat: {{every: 6 months, waves: 2}}
questions:
  - {{id: veilig, type: yesno, text: Voelt u zich veilig in uw buurt?, support: {{supports: [ja], opposes: [nee]}}}}
"""

CLOSED_SURVEY = """\
id: browser-afgesloten
kind: buurttoetsing
title: Bankjes langs de Vaartweg
intro: Bewoners willen zes bankjes langs de Vaartweg. Wat vindt u daarvan?
participation: adviseren
feedback: De buurtcoördinator laat u weten wat er met de uitkomst gebeurt.
closes: {closes}
questions:
  - id: steun
    type: scale
    text: Steunt u het plan voor bankjes langs de Vaartweg?
    scale: {{min: 1, max: 5, labels: {{1: Helemaal oneens, 3: Neutraal, 5: Helemaal eens}}}}
    required: true
    support: {{supports: [4, 5], opposes: [1, 2]}}
  - id: gebruik
    type: single
    text: Zou u er gebruik van maken?
    options:
      - {{code: vaak, text: Vaak}}
      - {{code: soms, text: Soms}}
      - {{code: nooit, text: Nooit}}
"""


@dataclass
class Site:
    app: Draagvlak
    links: list  # personal links to the every-type survey, one per visit that answers
    closed_link: str
    status_url: str  # the owner's page of an initiative
    deciding: str  # an initiative awaiting the buurtcoördinator's signature
    reviewing: str  # an initiative the buurtcoördinator is reviewing (the criteria form)


def initiative(app, title, amount):
    form = {"titel": title, "omschrijving": "Een plek om elkaar te ontmoeten, voor jong en oud.", "wijk": "Oost",
            "soort": "regulier", "bedrag": amount, "wederkerigheid": "Wij zorgen voor het onderhoud.",
            "naam": "An de Vries", "email": "an@example.org"}
    reply = requests.post(f"{app.base}/initiatieven/nieuw", data=form, allow_redirects=False, timeout=10)
    assert reply.status_code == 303, reply.text
    location = reply.headers["Location"]
    page = requests.get(app.base + location, timeout=10).text
    return app.base + location, re.search(r"(INI-\d{4}-\d{3})", page).group(1)


def act(session, app, initiative_id, action, **fields):
    page = session.get(f"{app.base}/admin/initiatieven/{initiative_id}", timeout=10).text
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    reply = session.post(f"{app.base}/admin/initiatieven/{initiative_id}", data={"_csrf": csrf, "action": action, **fields},
                         allow_redirects=False, timeout=30)
    assert reply.status_code == 303, f"{action}: {reply.status_code}\n{reply.text}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("a11y")
    surveys = folder / "surveys"
    surveys.mkdir()
    shutil.copy(ROOT / "Tests/e2e/fixtures" / f"{EVERY_TYPE}.yaml", surveys)
    # A monitor of two waves, both open, so the trend page has something to show.
    opens = datetime.date.today() - datetime.timedelta(days=200)
    (surveys / "peiling.yaml").write_text(MONITOR.format(opens=opens, closes=opens + datetime.timedelta(days=300)))
    closed_file = surveys / f"{CLOSED}.yaml"
    closed_file.write_text(CLOSED_SURVEY.format(closes="2099-12-31"))
    app = Draagvlak(folder / "data", free_port(), surveys)
    app.run("demo", "--count", "400")
    for username, (role, wijk) in ACCOUNTS.items():
        app.add_user(username, role, PASSWORD, *(("--wijk", wijk) if wijk else ()))
    links_csv = folder / "links.csv"
    app.run("invite", EVERY_TYPE, "--sample", "20", "--links-csv", str(links_csv))
    links = list(app.links(links_csv).values())
    closed_csv = folder / "closed.csv"
    app.run("invite", CLOSED, "--links-csv", str(closed_csv))
    closed_links = list(app.links(closed_csv).values())
    app.start()

    # Enough answers for the results page to show its charts and breakdowns; then the survey closes.
    for index, link in enumerate(closed_links[:150]):
        answer = {"steun": str(1 + index % 5 if index % 3 else 5), "gebruik": ["vaak", "soms", "nooit"][index % 3]}
        assert requests.post(link, data=answer, allow_redirects=False, timeout=10).status_code == 303
    closed_file.write_text(CLOSED_SURVEY.format(closes="2020-01-31"))
    app.server.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while requests.get(f"{app.base}/uitkomsten/{CLOSED}", timeout=10).status_code != 200:
        assert time.time() < deadline, f"{CLOSED} did not close after SIGHUP:\n{app.server_log.read_text()}"
        time.sleep(0.1)

    # Two initiatives of Oost: one waiting for the buurtcoördinator's signature, one under review.
    status_url, deciding = initiative(app, "Bankjes bij het buurthuis", "1.500")
    _, reviewing = initiative(app, "Moestuin aan de Larenseweg", "1.800")
    buco = app.login("buco-oost", PASSWORD)
    act(buco, app, deciding, "start_review")
    act(buco, app, deciding, "record_criteria", residents_initiated="ja", testable_support="ja", complementary="ja",
        own_effort="ja", fits_wijk_themes="ja", note="Gesproken met de buren")
    act(buco, app, deciding, "skip_buurttoetsing", motivation="Klein bedrag, de buren tekenden mee")
    act(buco, app, reviewing, "start_review")

    yield Site(app, links, closed_links[-1], status_url, deciding, reviewing)
    app.server.kill()
    app.server.wait()


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium(javascript=True)
    driver.signed_in_as = None
    yield driver
    driver.quit()


@dataclass
class Page:
    name: str
    visit: Callable  # (browser, site): brings the browser to the page, by address or by filling in a form
    account: str = None  # the staff account signed in, None for a visitor
    expect: str = ""  # text the page shows, so a wrong page is not what gets checked
    without_scripts: bool = False


def go(path):
    return lambda browser, site: browser.get(site.app.base + path)


def submit_form(browser, button="button[type=submit]"):
    click_through(browser, browser.find_element(By.CSS_SELECTOR, f"main {button}"))


def survey_page(number, lang="nl"):
    """A fresh personal link of the every-type survey, answered up to page `number`."""
    def visit(browser, site):
        browser.get(site.links.pop() + ("?lang=en" if lang == "en" else ""))
        if number >= 2:
            browser.find_element(By.CSS_SELECTOR, 'label[for="q-vaak-0"]').click()
            submit_form(browser, 'button[value="next"]')
        if number >= 3:
            browser.find_element(By.CSS_SELECTOR, 'label[for="q-tevreden-0"]').click()
            browser.find_element(By.CSS_SELECTOR, 'label[for="q-lid-0"]').click()
            submit_form(browser, 'button[value="next"]')
        if number >= 4:
            submit_form(browser, 'button[value="submit"]')
    return visit


def survey_errors(browser, site):
    browser.get(site.links.pop())
    browser.find_element(By.ID, "q-minuten").send_keys("-3")
    submit_form(browser, 'button[value="next"]')


def member_page(suffix):
    def visit(browser, site):
        browser.get(site.links[0] + suffix)
    return visit


def initiative_errors(browser, site):
    browser.get(site.app.base + "/initiatieven/nieuw")
    browser.find_element(By.ID, "veld-bedrag").send_keys("30.000")
    browser.find_element(By.ID, "veld-email").send_keys("geen-adres")
    submit_form(browser)


def wrong_code(browser, site):
    browser.get(site.app.base + "/c")
    browser.find_element(By.ID, "code").send_keys("ABCD-EFGH-JKMN")
    submit_form(browser)


def wrong_password(browser, site):
    browser.get(site.app.base + "/admin/login")
    browser.find_element(By.ID, "username").send_keys("beheerder")
    browser.find_element(By.ID, "password").send_keys("niet-het-wachtwoord")
    submit_form(browser)


def staff_path(path):
    return lambda browser, site: browser.get(site.app.base + path.format(site=site))


PAGES = [
    Page("home", go("/"), expect="Burgerpanel"),
    Page("enquete-1", survey_page(1), expect="Stap 1 van 3"),
    Page("enquete-1-zonder-js", survey_page(1), expect="Stap 1 van 3", without_scripts=True),
    Page("enquete-1-en", survey_page(1, "en"), expect="Step 1 of 3"),
    Page("enquete-fouten", survey_errors, expect="Stap 1 van 3"),
    Page("enquete-2", survey_page(2), expect="Stap 2 van 3"),
    Page("enquete-3", survey_page(3), expect="Stap 3 van 3"),
    Page("enquete-3-zonder-js", survey_page(3), expect="Stap 3 van 3", without_scripts=True),
    Page("bedankt", survey_page(4), expect="Dank u wel"),
    Page("onbekende-link", go("/s/dit-is-geen-geldige-link"), expect="Deze pagina bestaat niet"),
    Page("enquete-gesloten", lambda browser, site: browser.get(site.closed_link), expect="Bankjes langs de Vaartweg"),
    Page("privacy", member_page("/privacy"), expect="Uw gegevens"),
    Page("privacy-en", member_page("/privacy?lang=en"), expect="Your data"),
    Page("afmelden", member_page("/afmelden"), expect="Afmelden"),
    Page("wissen", member_page("/wissen"), expect="wissen"),
    Page("uitkomsten", go(f"/uitkomsten/{CLOSED}"), expect="Uitkomsten"),
    Page("initiatief-formulier", go("/initiatieven/nieuw"), expect="Buurtinitiatief indienen"),
    Page("initiatief-fouten", initiative_errors, expect="Er ontbreekt nog iets"),
    Page("initiatief-status", lambda browser, site: browser.get(site.status_url), expect="Status"),
    Page("wijken", go("/wijken"), expect="Wijkbudgetten"),
    Page("wijk-oost", go("/wijken/oost"), expect="Wijkthermometer Oost"),
    Page("briefcode", go("/c"), expect="Code uit uw brief invullen"),
    Page("briefcode-fout", wrong_code, expect="Deze code is niet geldig"),
    Page("inloggen", go("/admin/login"), expect="Inloggen"),
    Page("inloggen-fout", wrong_password, expect="Inloggen"),
    Page("staf-beheerder", staff_path("/admin"), "beheerder", expect="Medewerkers"),
    Page("staf-vragenlijsten", staff_path("/admin/surveys"), "beheerder", expect="Vragenlijsten"),
    Page("staf-voorbeeld", staff_path(f"/admin/surveys/{EVERY_TYPE}/preview"), "beheerder", expect="Stap 1 van 3"),
    Page("staf-panel", staff_path("/admin/panel"), "beheerder", expect="Samenstelling"),
    Page("staf-post", staff_path("/admin/outbox"), "beheerder", expect="Uitgaande post"),
    Page("staf-rapport", staff_path(f"/admin/surveys/{CLOSED}/report"), "beheerder", expect="Uitkomsten"),
    Page("staf-trend", staff_path("/admin/series/peiling/trend"), "beheerder", expect="Trend: Buurtpeiling"),
    Page("staf-buco", staff_path("/admin"), "buco-oost", expect="Medewerkers"),
    Page("staf-initiatieven", staff_path("/admin/initiatieven"), "buco-oost", expect="Initiatieven"),
    Page("staf-initiatief-besluit", staff_path("/admin/initiatieven/{site.deciding}"), "buco-oost", expect="Tekenen"),
    Page("staf-initiatief-criteria", staff_path("/admin/initiatieven/{site.reviewing}"), "buco-oost", expect="Criteria vastleggen"),
    Page("staf-beslissen", staff_path("/admin/beslissen"), "buco-oost", expect="Te beslissen"),
    Page("staf-geweigerd", staff_path("/admin/panel"), "buco-oost", expect="Geen toegang"),
    Page("staf-budget", staff_path("/admin/budget"), "wethouder", expect="Budgetbesluiten"),
]


def sign_in(browser, site, account):
    """Signs in through the login form (or out, for a visitor), unless already signed in that way."""
    if browser.signed_in_as == account:
        return
    browser.delete_all_cookies()
    browser.signed_in_as = None
    if account is not None:
        browser.get(site.app.base + "/admin/login")
        browser.find_element(By.ID, "username").send_keys(account)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        submit_form(browser)
        assert "/admin/login" not in browser.current_url, browser.page_source
    browser.signed_in_as = account


def page_problems(browser, width):
    """What axe does not look for: in-page links to nothing, error messages no field points to, a
    missing value printed as "nil", and a page wider than the screen."""
    return browser.execute_script("""
        const problems = [];
        for (const link of document.querySelectorAll('a[href^="#"]')) {
            const id = decodeURIComponent(link.getAttribute('href').slice(1));
            if (id && !document.getElementById(id)) problems.push('a link to #' + id + ', which is not on the page');
        }
        for (const error of document.querySelectorAll('main .error')) {
            if (!error.id || !document.querySelector('[aria-describedby~="' + error.id + '"]'))
                problems.push('an error no field refers to (aria-describedby): ' + error.textContent);
        }
        for (const field of document.querySelectorAll('[aria-invalid="true"]')) {
            const described = (field.getAttribute('aria-describedby') || '').split(/\\s+/);
            if (!described.some(id => document.getElementById(id)?.classList.contains('error')))
                problems.push('a field marked invalid without its error: #' + field.id);
        }
        if (/\\bnil\\b/.test(document.querySelector('main').textContent)) problems.push('"nil" on the page');
        // A phone widens its layout to fit what is too wide, so compare with the screen's own width.
        const wide = Math.max(document.documentElement.scrollWidth, window.innerWidth);
        if (wide > arguments[0]) problems.push('the page is wider than the screen: ' + wide + ' px');
        return problems;""", width)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_meets_wcag_2_1_aa(site, browser, page):
    sign_in(browser, site, page.account)
    block_scripts(browser, page.without_scripts)
    try:
        set_viewport(browser, 360)
        page.visit(browser, site)
        assert page.expect in browser.find_element(By.TAG_NAME, "main").text, browser.page_source[:3000]
        if page.without_scripts:
            assert not browser.find_elements(By.CSS_SELECTOR, ".question[hidden]"), "the page's script ran"
        found = {}
        # The same page laid out for a phone and for a desktop (no reload: some pages answer a POST).
        for width in (360, 1280):
            set_viewport(browser, width)
            screenshot(browser, f"a11y-{page.name}-{width}")
            violations = axe_violations(browser, keep_as=f"a11y-{page.name}-{width}")
            problems = page_problems(browser, width)
            if violations or problems:
                found[width] = "\n".join([describe(violations)] + problems)
    finally:
        block_scripts(browser, False)
    assert not found, "\n".join(f"at {width} px:\n{text}" for width, text in found.items())


def test_the_checker_finds_what_it_is_meant_to_find(site, browser):
    """The rules run are WCAG 2.1's (axe-core 4; the 3.x that older axe-selenium-python bundles has
    none) and catch a page spoilt on purpose: no language, a field without a label, pale text, and
    an autocomplete purpose that does not exist (WCAG 2.1's 1.3.5)."""
    sign_in(browser, site, None)
    set_viewport(browser, 1280)
    browser.get(site.app.base + "/")
    assert not axe_violations(browser)
    assert browser.execute_script("return axe.version").startswith("4.")
    # Colours through the CSSOM: the server's Content-Security-Policy refuses style attributes.
    browser.execute_script("""
        document.documentElement.removeAttribute('lang');
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<p id="bleek">Bleek</p><input type="text" name="naamloos">'
            + '<label>Uw naam <input type="text" name="naam" autocomplete="naam-graag"></label>');
        document.getElementById('bleek').style.color = '#999';""")
    found = {violation["id"] for violation in axe_violations(browser)}
    assert {"html-has-lang", "label", "color-contrast", "autocomplete-valid"} <= found, found
