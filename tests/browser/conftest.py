"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, with axe-core checks."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.browser import visueel

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# still synchronous and on their own connection.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def nieuwe_pagina(browser):
    """Open pages in fresh browser contexts (separate cookies: one per person)."""
    contexten = []

    def maak(mobiel: bool = False):
        viewport = {"width": 390, "height": 844} if mobiel else {"width": 1280, "height": 900}
        context = browser.new_context(viewport=viewport, locale="nl-NL")
        context.set_default_timeout(15_000)
        contexten.append(context)
        return context.new_page()

    yield maak
    for context in contexten:
        context.close()


_axe = Axe()


@pytest.fixture
def toegankelijk(request):
    """Assert that the current page state has no WCAG 2.1 A/AA violations found by axe-core,
    and that people can read it at 320, 768 and 1280 px (tests/browser/visueel.py)."""
    teller = iter(range(1, 1000))

    def controleer(page):
        resultaat = _axe.run(page, options=WCAG_AA)
        assert resultaat.violations_count == 0, resultaat.generate_report()
        visueel.controleren(page, f"{request.node.name}-{next(teller):02d}")

    return controleer
