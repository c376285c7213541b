"""Answering in a real browser (headless Chromium), on a 360-px-wide phone screen and a 1280-px desktop,
with JavaScript and without: conditional questions appear and disappear as the respondent answers
(or, without JavaScript, stay visible and are ignored by the server when their condition does not
hold), a multi-page survey keeps its answers, mistakes are shown, and what is stored is what was
chosen. Every step is saved as a screenshot in Tests/e2e/artifacts/."""
import csv
import shutil

import pytest
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from chromium import click_through, screenshot, set_viewport, start_chromium
from conftest import ROOT, Draagvlak, free_port

SURVEY = "enquete-digitaal-platform"
EVERY_TYPE = "browser-alle-vraagtypen"  # Tests/e2e/fixtures: every question type, three pages, nl and en


@pytest.fixture(scope="module")
def browsers():
    """One Chromium with JavaScript and one without, started when first needed and shared by every
    test in the module (starting a browser takes seconds)."""
    started = {}

    def browser(javascript=True):
        if javascript not in started:
            started[javascript] = start_chromium(javascript)
        return started[javascript]

    yield browser
    for driver in started.values():
        driver.quit()


@pytest.fixture
def browser(browsers):
    driver = browsers(True)
    driver.delete_all_cookies()
    set_viewport(driver, 360)
    return driver


@pytest.fixture(scope="module")
def every_type(tmp_path_factory):
    """A server with only the every-question-type survey, and a personal link for each of ten members."""
    folder = tmp_path_factory.mktemp("every-type")
    surveys = folder / "surveys"
    surveys.mkdir()
    shutil.copy(ROOT / "Tests/e2e/fixtures" / f"{EVERY_TYPE}.yaml", surveys)
    app = Draagvlak(folder / "data", free_port(), surveys)
    app.run("demo", "--count", "10")
    links_csv = folder / "links.csv"
    app.run("invite", EVERY_TYPE, "--links-csv", str(links_csv))
    app.start()
    app.unused_links = list(app.links(links_csv).values())
    yield app
    app.server.kill()
    app.server.wait()


def press(browser, action, then_step):
    """Presses a form button and waits until the page shows step `then_step`."""
    browser.find_element(By.CSS_SELECTOR, f'button[value="{action}"]').click()
    WebDriverWait(browser, 10, ignored_exceptions=[WebDriverException]).until(
        lambda driver: then_step in driver.find_element(By.CSS_SELECTOR, ".step").text)


def press_and_wait(browser, action):
    """Presses a form button and waits until the page it leads to has replaced this one."""
    click_through(browser, browser.find_element(By.CSS_SELECTOR, f'button[value="{action}"]'))


def click_label(browser, input_id):
    browser.find_element(By.CSS_SELECTOR, f'label[for="{input_id}"]').click()


def set_date(browser, input_id, value):
    # As a date picker does it: the typing order of a date field depends on the machine's locale.
    # WebDriver can set it even when the page itself may run no script.
    browser.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
        browser.find_element(By.ID, input_id), value)


def shows(browser, question):
    return browser.find_element(By.ID, f"vraag-{question}").is_displayed()


def fits_the_screen(browser, width):
    assert browser.execute_script("return window.innerWidth") == width
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width, "sideways scrolling"


def test_conditions_show_live_and_pages_keep_answers_at_360_px(app, browser):
    app.run("demo", "--count", "10")
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    link = next(iter(app.links(links_csv).values()))
    app.start()

    browser.get(link)
    assert "Stap 1 van 3" in browser.page_source
    fits_the_screen(browser, 360)

    conditional = browser.find_element(By.ID, "vraag-laatst_meegedaan")
    assert not conditional.is_displayed()
    click_label(browser, "q-meegedaan-0")  # ja
    assert conditional.is_displayed()
    click_label(browser, "q-meegedaan-1")  # nee
    assert not conditional.is_displayed()
    click_label(browser, "q-meegedaan-0")

    browser.find_element(By.ID, "q-jaren_in_hilversum").send_keys("12")
    click_label(browser, "q-informatiebronnen-0")
    set_date(browser, "q-laatst_meegedaan", "2026-05-03")
    press(browser, "next", "Stap 2 van 3")

    why = browser.find_element(By.ID, "vraag-waarom_niet_nuttig")
    assert not why.is_displayed()
    click_label(browser, "q-nut-0")  # 1: not useful at all
    assert why.is_displayed()

    press(browser, "back", "Stap 1 van 3")
    assert browser.find_element(By.ID, "q-jaren_in_hilversum").get_attribute("value") == "12"
    assert browser.find_element(By.ID, "q-meegedaan-0").is_selected()
    assert browser.find_element(By.ID, "vraag-laatst_meegedaan").is_displayed()
    assert browser.find_element(By.ID, "q-laatst_meegedaan").get_attribute("value") == "2026-05-03"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "zonder-js"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_question_type_answered_in_the_browser(every_type, browsers, javascript, width):
    """The Dutch survey on the phone, the English one (chosen with the language link) on the desktop."""
    name = f"enquete-{'js' if javascript else 'zonder-js'}-{width}"
    english = width > 600
    step = "Step {} of 3" if english else "Stap {} van 3"
    browser = browsers(javascript)
    browser.delete_all_cookies()
    set_viewport(browser, width)
    link = every_type.unused_links.pop()

    browser.get(link)
    if english:
        click_through(browser, browser.find_element(By.CSS_SELECTOR, ".language-switch a"))
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        assert "Sport and exercise in your neighbourhood" in browser.find_element(By.TAG_NAME, "h1").text
    else:
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert step.format(1) in browser.find_element(By.CSS_SELECTOR, ".step").text
    fits_the_screen(browser, width)
    # The script hides a question whose condition does not hold yet; without it, it stays in view.
    assert shows(browser, "sporten") is not javascript
    screenshot(browser, f"{name}-1-begin")

    # Mistakes: a required question left open and a number above its maximum, summarised at the top
    # with links to the questions, and marked at each question.
    browser.find_element(By.ID, "q-minuten").send_keys("4000")
    press_and_wait(browser, "next")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert [a.get_attribute("href").split("#")[1] for a in summary.find_elements(By.TAG_NAME, "a")] == ["q-vaak-0", "q-minuten"]
    assert len(browser.find_elements(By.CSS_SELECTOR, ".question.has-error")) == 2
    assert browser.find_element(By.ID, "q-minuten").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "q-minuten").get_attribute("value") == "4000", "what was typed stays"
    fits_the_screen(browser, width)
    screenshot(browser, f"{name}-1-fouten")
    summary.find_element(By.TAG_NAME, "a").click()

    # A condition on this page: "sporten" only for those who exercise. Ticking a sport and then
    # answering "never" hides it again with JavaScript; without, it stays and the server ignores it.
    click_label(browser, "q-vaak-1")  # wekelijks
    assert shows(browser, "sporten")
    click_label(browser, "q-sporten-1")  # zwemmen
    click_label(browser, "q-vaak-2")  # nooit
    assert shows(browser, "sporten") is not javascript
    minutes = browser.find_element(By.ID, "q-minuten")
    minutes.clear()
    minutes.send_keys("150")
    press(browser, "next", step.format(2))

    assert shows(browser, "gemist") is not javascript
    click_label(browser, "q-tevreden-1")  # 2 of 5
    assert shows(browser, "gemist")
    browser.find_element(By.ID, "q-gemist").send_keys("Een trapveld")
    click_label(browser, "q-lid-0")  # ja
    fits_the_screen(browser, width)
    screenshot(browser, f"{name}-2")

    # Back and forth keeps what was given on both pages.
    press(browser, "back", step.format(1))
    assert browser.find_element(By.ID, "q-vaak-2").is_selected()
    assert browser.find_element(By.ID, "q-minuten").get_attribute("value") == "150"
    press(browser, "next", step.format(2))
    assert browser.find_element(By.ID, "q-tevreden-1").is_selected()
    assert browser.find_element(By.ID, "q-gemist").get_attribute("value") == "Een trapveld"
    assert browser.find_element(By.ID, "q-lid-0").is_selected()
    press(browser, "next", step.format(3))

    # A condition across pages: the membership fee only for members, which the answer on page 2 decides.
    assert shows(browser, "contributie")
    browser.find_element(By.ID, "q-contributie").send_keys("12,50")
    set_date(browser, "q-laatst_gezwommen", "2026-05-03")
    browser.find_element(By.ID, "q-opmerkingen").send_keys(f"Getest in de browser: {name}")
    fits_the_screen(browser, width)
    screenshot(browser, f"{name}-3")
    click_through(browser, browser.find_element(By.CSS_SELECTOR, 'button[value="submit"]'))
    assert browser.current_url.endswith("/bedankt") or "/bedankt?" in browser.current_url, browser.current_url
    assert ("Thank you" if english else "Dank u wel") in browser.find_element(By.TAG_NAME, "h1").text
    fits_the_screen(browser, width)
    screenshot(browser, f"{name}-4-bedankt")

    exported = every_type.run("report", EVERY_TYPE, "--format", "csv").stdout
    row = next(r for r in csv.DictReader(exported.splitlines()) if r["opmerkingen"] == f"Getest in de browser: {name}")
    assert (row["vaak"], row["minuten"], row["tevreden"], row["gemist"], row["lid"]) == ("nooit", "150", "2", "Een trapveld", "ja")
    assert (row["contributie"], row["laatst_gezwommen"]) == ("12.5", "2026-05-03")
    # Hidden by its condition ("vaak != nooit"), so not asked: empty, not "not chosen".
    assert (row["sporten_fietsen"], row["sporten_zwemmen"], row["sporten_wandelen"]) == ("", "", "")
