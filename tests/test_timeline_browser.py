"""The timeline page as a person sees it, in headless Chromium with the network blocked."""

from __future__ import annotations

from pathlib import Path

import pytest

from curation.timelines import render, timeline
from tests.timeline_browser import headless_chromium, open_file, requested_urls
from tests.timeline_fixture import HOSTILE_TITLE, write_fixture

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("timeline-page")
    ds = write_fixture(root / "dataset")
    df = timeline(ds, modalities=None, include_negated=True, include_undated=True)
    path = root / "timeline.html"
    path.write_bytes(render(df, "html", title="Timeline: fixture"))
    return path, list(df["summary"])


def test_page_shows_the_events_escapes_a_hostile_title_and_fetches_nothing(page: tuple[Path, list[str]]) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    path, summaries = page
    with headless_chromium() as driver:
        open_file(driver, path)
        body = driver.find_element(By.TAG_NAME, "body").text
        for summary in summaries:
            assert summary in body
        assert "2022" in body and "March 2022" in body and "undated" in body
        # Evidence is folded away until asked for, without any script.
        aid = driver.find_element(By.XPATH, "//li[.//span[contains(., 'gave aid to Ukraine')]]")
        quote = aid.find_element(By.TAG_NAME, "blockquote")
        assert not quote.is_displayed()
        aid.find_element(By.TAG_NAME, "summary").click()
        assert quote.is_displayed()
        assert "generators" in quote.text
        assert quote.find_element(By.TAG_NAME, "mark").text == "reached"
        # The hostile title is shown as text and never ran.
        assert HOSTILE_TITLE in aid.text
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 - reading the alert is the check
        assert driver.execute_script("return document.scripts.length") == 0
        urls = requested_urls(driver)
        assert urls and all(u.startswith("file://") for u in urls), urls


def test_coarse_dates_are_spans_and_days_are_points(page: tuple[Path, list[str]]) -> None:
    from selenium.webdriver.common.by import By

    path, _ = page
    with headless_chromium() as driver:
        open_file(driver, path)
        svg = driver.find_element(By.CSS_SELECTOR, "section.axis svg")
        spans = svg.find_elements(By.CSS_SELECTOR, "rect.span")
        points = svg.find_elements(By.TAG_NAME, "circle")
        # The fixture has a year, a month and a quarter event; four days; one undated (not on the axis).
        assert (len(spans), len(points)) == (3, 4)
        widths = {}
        for rect in spans:
            tip = rect.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "title")
            label = tip.get_attribute("textContent").split(" · ", 1)[0]
            widths[label] = float(rect.get_attribute("width"))
        assert widths["2022"] > 8 * widths["March 2022"]
        assert widths["Q2 2023"] > 2.5 * widths["March 2022"]
        # Hovering shows the evidence: the mark's <title> holds it.
        tips = [t.get_attribute("textContent") for t in svg.find_elements(By.CSS_SELECTOR, "a > title")]
        assert any("Artillery units of the invading army" in t for t in tips)
