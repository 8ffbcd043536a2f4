"""Headless Chromium for the timeline page tests: open a file as a person would, with the network off.

Debian's ``chromium`` and ``chromium-driver`` (``make browser``). Every host
name resolves to nothing, so a page that tried to fetch anything would fail
to; the performance log records every request the page made, so a test can
also check that it made none.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def _find(names: tuple[str, ...]) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@contextmanager
def headless_chromium() -> Iterator[Any]:
    """A selenium driver on headless Chromium with the network blocked, or skip the test."""
    webdriver = pytest.importorskip("selenium.webdriver")
    binary, driver_path = _find(CHROMIUM_NAMES), _find(("chromedriver",))
    if binary is None or driver_path is None:
        pytest.skip("headless Chromium is absent: run `make browser` (Debian chromium and chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--window-size=1280,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(60)
        yield driver
    finally:
        driver.quit()


def requested_urls(driver: Any) -> list[str]:
    """Every url the browser asked for since the last call (from the performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def open_file(driver: Any, path: Path) -> None:
    """Open a local file in the browser."""
    driver.get(path.resolve().as_uri())
