"""Answering in a real browser (headless Chromium) on a 360-px-wide phone screen: conditional
questions appear and disappear as the respondent answers, and a multi-page survey keeps its answers."""
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

SURVEY = "enquete-digitaal-platform"


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/lib/chromium/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=360,800"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # A window cannot be narrower than 500 px in headless Chromium; emulate the phone's viewport instead.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 800, "deviceScaleFactor": 2, "mobile": True})
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


def press(browser, action, then_step):
    """Presses a form button and waits until the page shows step `then_step`."""
    browser.find_element(By.CSS_SELECTOR, f'button[value="{action}"]').click()
    WebDriverWait(browser, 10, ignored_exceptions=[WebDriverException]).until(
        lambda driver: then_step in driver.find_element(By.CSS_SELECTOR, ".step").text)


def click_label(browser, input_id):
    browser.find_element(By.CSS_SELECTOR, f'label[for="{input_id}"]').click()


def test_conditions_show_live_and_pages_keep_answers_at_360_px(app, browser):
    app.run("demo", "--count", "10")
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    link = next(iter(app.links(links_csv).values()))
    app.start()

    browser.get(link)
    assert "Stap 1 van 3" in browser.page_source
    # Nothing wider than the phone: no sideways scrolling.
    assert browser.execute_script("return window.innerWidth") == 360
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360

    conditional = browser.find_element(By.ID, "vraag-laatst_meegedaan")
    assert not conditional.is_displayed()
    click_label(browser, "q-meegedaan-0")  # ja
    assert conditional.is_displayed()
    click_label(browser, "q-meegedaan-1")  # nee
    assert not conditional.is_displayed()
    click_label(browser, "q-meegedaan-0")

    browser.find_element(By.ID, "q-jaren_in_hilversum").send_keys("12")
    click_label(browser, "q-informatiebronnen-0")
    # As a date picker does it: the typing order of a date field depends on the machine's locale.
    browser.execute_script(
        "arguments[0].value = '2026-05-03'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
        browser.find_element(By.ID, "q-laatst_meegedaan"))
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
