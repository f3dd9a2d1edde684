"""Real-browser fixtures: one headless chromium per run and a fresh tab per test."""

import os
from pathlib import Path

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real chromium through Playwright")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole run."""
    if not CHROMIUM.exists():
        reason = "chromium is not installed (apt-get install chromium); CI installs it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh tab: every address it asks for in ``page.requested``, every failed request and
    script error in ``page.problems``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requested, tab.problems = [], []
    tab.on("request", lambda r: tab.requested.append(r.url))
    tab.on("requestfailed", lambda r: tab.problems.append(f"{r.url} {r.failure}"))
    tab.on("pageerror", lambda e: tab.problems.append(f"script error: {e}"))
    tab.set_default_timeout(60_000)
    yield tab
    context.close()
