"""Headless Chromium for the browser tests: Debian's browser and driver, a phone or desktop viewport,
full-page screenshots kept as test artefacts, and axe-core's WCAG 2.1 A/AA rules run on a page."""
import base64
import json
import re
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# Screenshots of every page the browser tests visit; the folder is gitignored and kept after the run.
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

# axe-core's WCAG 2.0 and 2.1 rules at levels A and AA, plus its best practices for landmarks and
# headings (every page one main landmark, all content inside landmarks, no skipped heading levels).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    # Passes and inapplicable rules are only counted; what axe could not decide is kept for a person.
    "resultTypes": ["violations", "incomplete"],
}


def start_chromium(javascript: bool = True) -> webdriver.Chrome:
    """Debian's Chromium through its own chromedriver (Selenium would otherwise try to download one).
    Without JavaScript the browser runs no page script at all, as with JavaScript switched off in
    the settings; WebDriver can still read the page."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/lib/chromium/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--hide-scrollbars"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    driver.set_script_timeout(30)
    return driver


def click_through(driver: webdriver.Chrome, element) -> None:
    """Clicks a link or button and waits until the page it leads to has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(lambda _: gone(old))


def gone(element) -> bool:
    try:
        element.is_enabled()
        return False
    except WebDriverException:  # stale, or briefly in no document at all while the next page loads
        return True


def set_viewport(driver: webdriver.Chrome, width: int) -> None:
    """A phone (360 px, touch, twice the pixels) or a desktop screen of `width` CSS pixels. Emulated,
    because a headless window cannot be narrower than 500 px."""
    phone = width < 600
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800 if phone else 900, "deviceScaleFactor": 2 if phone else 1, "mobile": phone})


def block_scripts(driver: webdriver.Chrome, blocked: bool) -> None:
    """Keeps the page's own scripts from loading, so a JavaScript browser shows what a browser
    without JavaScript shows while axe (which needs JavaScript) can still check it."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/static/*.js"] if blocked else []})


def screenshot(driver: webdriver.Chrome, name: str) -> Path:
    """Saves the whole page, not only what fits the viewport, as artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    path = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name) + ".png")
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def axe_violations(driver: webdriver.Chrome, keep_as: str = None) -> list:
    """Runs axe-core (bundled by axe-selenium-python 3.x) on the page in the browser now and returns
    its violations. With `keep_as`, the violations and what axe could not decide by itself (text over
    an image, say) are saved as artifacts/<keep_as>.json for a person to review."""
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options=json.dumps(AXE_OPTIONS))
    if keep_as:
        ARTIFACTS.mkdir(exist_ok=True)
        kept = {kind: [{"id": rule["id"], "help": rule["help"], "nodes": [{"target": node["target"], "html": node["html"],
                                                                          "summary": node.get("failureSummary")}
                                                                         for node in rule["nodes"]]}
                       for rule in results[kind]]
                for kind in ("violations", "incomplete")}
        kept["axe"] = results["testEngine"]["version"]
        kept["url"] = results["url"]
        (ARTIFACTS / f"{keep_as}.json").write_text(json.dumps(kept, indent=2, ensure_ascii=False))
    return results["violations"]


def describe(violations: list) -> str:
    """One line per rule and element, enough to find the template at fault."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {' '.join(node['target'])}: "
                         f"{node.get('failureSummary', '').splitlines()[-1].strip() if node.get('failureSummary') else ''} "
                         f"{node['html'][:160]}")
    return "\n".join(lines)
