"""The validation report as a reviewer sees it: headless Chromium, network blocked, no JavaScript needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from curation.validate import render_report
from curation.validate.frames import to_frame
from curation.validate.run import validate_frames
from tests.validation_browser import offline_chromium, page_requests
from tests.validation_data import SCRIPT_TITLE, rows, tables

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1280, 1800


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report with a failed check whose example row comes from the article titled like a script."""
    data = rows()
    # The third event (in the article whose title is a script tag) is dated after its publication.
    data["events"][2].update(event_date=date(2024, 2, 1), event_date_end=date(2024, 2, 1))
    frames = {n: to_frame(t) for n, t in tables(data).items()}
    result = validate_frames(frames, suites_for={"events"})
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_report(result), encoding="utf-8")
    return path


def test_report_shows_summary_failure_and_example_offline(report_file: Path, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    with offline_chromium(tmp_path, width=WIDTH, height=HEIGHT) as (driver, canary):
        driver.get(report_file.as_uri())
        status = driver.find_element(By.ID, "status")
        assert status.is_displayed() and status.text == "FAILED"
        cards = driver.find_elements(By.CSS_SELECTOR, ".cards .card")
        assert len(cards) == 5 and all(c.is_displayed() for c in cards)
        failure = driver.find_element(By.CSS_SELECTOR, "section.check.blocking")
        assert failure.is_displayed() and "events.not_after_publication" in failure.text
        assert "1 of 3 rows failed" in failure.text
        example = failure.find_element(By.CSS_SELECTOR, "tr.example")
        assert example.is_displayed()
        assert example.find_element(By.TAG_NAME, "mark").text == "accused"  # the trigger, marked in its evidence
        # The article titled like a script shows as text, and nothing ran.
        link = example.find_element(By.CSS_SELECTOR, "a[href^='#article-']")
        assert link.text == SCRIPT_TITLE
        assert driver.find_elements(By.TAG_NAME, "script") == []
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 (reading it is what raises when there is none)
        # The example links to its article and to the evidence in it.
        link.click()
        target = driver.find_element(By.ID, driver.current_url.split("#", 1)[1])
        assert target.is_displayed() and SCRIPT_TITLE in target.text
        evidence_link = example.find_element(By.LINK_TEXT, "evidence in article")
        evidence_link.click()
        evidence = driver.find_element(By.ID, driver.current_url.split("#", 1)[1])
        assert "blocking the border crossing" in evidence.text
        # The javascript: URL in the data is shown as text, never a link.
        assert not driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
        urls = page_requests(driver, report_file.as_uri())
    # The page asked for itself and nothing else; nothing else reached the network either.
    assert urls == [report_file.as_uri()]
    assert canary.leaks == [], canary.leaks


def test_report_screenshot_is_a_rendered_page(report_file: Path, tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "report.png"
    with offline_chromium(tmp_path, width=WIDTH, height=HEIGHT) as (driver, canary):
        driver.get(report_file.as_uri())
        assert driver.save_screenshot(str(png))
        viewport = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    assert canary.leaks == []
    with Image.open(png) as img:
        rgb = img.convert("RGB")
        assert rgb.size == tuple(viewport)
        assert rgb.width >= 1000 and rgb.height >= 1000
        small = rgb.resize((rgb.width // 4, rgb.height // 4))
        pixels = list(small.get_flattened_data())
    non_white = sum(1 for p in pixels if sum(p) < 720) / len(pixels)
    assert non_white > 0.03, f"the page looks blank ({non_white:.1%} non-white)"
    assert len(set(pixels)) > 50
    # The red FAILED banner is drawn near the top of the page.
    top = pixels[: small.width * (small.height // 6)]
    assert any(r > 150 and g < 80 and b < 80 for r, g, b in top), "no red status banner at the top"


def test_report_reads_without_javascript(report_file: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    with offline_chromium(tmp_path, javascript=False) as (driver, canary):
        # First prove scripts are off: this page's script would rewrite its paragraph.
        driver.get("data:text/html,<p id=x>static</p><script>document.getElementById('x').textContent='ran'</script>")
        assert driver.find_element(By.ID, "x").text == "static"
        driver.get(report_file.as_uri())
        assert driver.find_element(By.ID, "status").text == "FAILED"
        assert "events.not_after_publication" in driver.find_element(By.ID, "failures").text + driver.find_element(
            By.CSS_SELECTOR, "section.check").text
        assert driver.find_element(By.CSS_SELECTOR, "tr.example").is_displayed()
        assert SCRIPT_TITLE in driver.find_element(By.CSS_SELECTOR, "tr.example").text
        # The collapsed list of all checks opens with a click, no script needed.
        details = driver.find_element(By.CSS_SELECTOR, "#checks + details")
        details.find_element(By.TAG_NAME, "summary").click()
        assert details.get_attribute("open") is not None
        assert details.find_element(By.TAG_NAME, "table").is_displayed()
    assert canary.leaks == [], canary.leaks
