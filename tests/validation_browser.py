"""Headless Chromium for the validation report's tests, with the network blocked and watched.

Every request the browser would send to the network goes to a local "canary"
proxy that only counts connections; host names resolve to nothing. The tests
then assert the canary saw no connection and that the page's own requests
(from Chromium's performance log) were all to the file itself.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Chromium's own background traffic (updates, sync, field trials) would reach the canary
# without the page asking for anything; these switches silence it so the count means "the page".
QUIET_SWITCHES = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--metrics-recording-only", "--no-default-browser-check", "--hide-scrollbars", "--force-device-scale-factor=1",
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,InterestFeedContentSuggestions",
    "--no-pings", "--dns-prefetch-disable",
)


# Chromium itself calls home however it is started: component updates, its clock, accounts
# (Google's service hosts), and a preconnect to the default search engine (DuckDuckGo in
# Debian's build). Those come from the browser process, not from the page: the page's own
# requests are read from the performance log instead (see page_requests). Anything else
# reaching the canary is a leak. The report itself names no host that it would fetch.
BROWSER_SERVICE_HOST = re.compile(r"(^|\.)(google\.com|googleapis\.com|gvt1\.com|duckduckgo\.com)$")


def request_host(line: str) -> str | None:
    """The host a proxy request line asks for (``CONNECT h:443`` or ``GET http://h/...``)."""
    m = re.match(r"[A-Z]+ (?:[a-z]+://)?([^/:\s]+)", line)
    return m.group(1).lower() if m else None


def chromium_paths() -> tuple[str, str]:
    """Paths of chromium and chromedriver, or skip the test with the reason."""
    browser = next((p for p in (shutil.which(n) for n in CHROMIUM_NAMES) if p), None)
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("headless Chromium and chromedriver are not installed (run `make browser`: Debian's "
                    "chromium and chromium-driver packages)")
    return browser, driver


class Canary:
    """A TCP listener standing in for a proxy: it accepts, counts and closes every connection."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.requests: list[str] = []  # first line of each request, to say what leaked
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            try:
                conn.settimeout(3)
                self.requests.append(conn.recv(300).split(b"\r\n", 1)[0].decode("latin-1"))
            except OSError:
                self.requests.append("(no request line)")
            conn.close()

    @property
    def leaks(self) -> list[str]:
        """Requests that did not come from Chromium's own services: the page's, if any."""
        # An empty line is a preconnect: Chromium opened a socket to the proxy ahead of time and
        # closed it without asking for anything (seen in CI under load), so nothing could be fetched.
        return [r for r in self.requests
                if r.strip() and not BROWSER_SERVICE_HOST.search(request_host(r) or "")]

    def close(self) -> None:
        """Stop listening."""
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def blocking_switches(canary: Canary) -> list[str]:
    """Switches that send every request to the canary and resolve no host name."""
    return [f"--proxy-server=http://127.0.0.1:{canary.port}", "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


@contextmanager
def offline_chromium(tmp_path: Path, *, width: int = 1280, height: int = 1800,
                     javascript: bool = True) -> Iterator[tuple[Any, Canary]]:
    """A Selenium-driven headless Chromium with the network blocked, and its canary.

    ``javascript=False`` switches scripts off for every page (a content setting:
    WebDriver still reads the page, the page's own scripts do not run).
    """
    browser, driver_path = chromium_paths()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")  # Selenium Manager must not phone home either
    canary = Canary()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for switch in (*QUIET_SWITCHES, *blocking_switches(canary), f"--window-size={width},{height}",
                   f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(switch)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver, canary
    finally:
        driver.quit()
        canary.close()


def page_requests(driver: Any, page_url: str) -> list[str]:
    """URLs of every request made by the document at ``page_url`` (from Chromium's performance log).

    The log also holds the blank tab Chromium opens before the page; requests
    are attributed by the document that made them.
    """
    import json

    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent" and msg["params"].get("documentURL") == page_url:
            urls.append(msg["params"]["request"]["url"])
    return urls


