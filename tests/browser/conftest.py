"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

No browser is downloaded: Playwright launches /usr/bin/chromium (INSCOPE_CHROMIUM overrides).
Without it the tests are skipped with the reason, unless INSCOPE_REQUIRE_BROWSER=1 (CI), when
they fail. Screenshots of the main pages go to ARTIFACTS_DIR (default artifacts/screenshots/).
Requests to any host but the live server are refused, so map tiles never load: the pages
must work without them.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("INSCOPE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        reason = f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium)."
        if os.environ.get("INSCOPE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " INSCOPE_REQUIRE_BROWSER=1 is set, so this is a failure.")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread while the browser is
    # open; the tests' ORM calls between browser steps are synchronous, so Django's async-safety
    # check is lifted for this module only (and never leaks into later tests or subprocesses).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(full_database, live_server):
    """The live server over a database holding the page tree and reference data, as after `migrate`."""
    return live_server


def _local_only(live_url):
    host = urlparse(live_url).hostname

    def handle(route):
        if urlparse(route.request.url).hostname == host:
            route.continue_()
        else:
            route.abort()

    return handle


@pytest.fixture
def browser_page(chromium, site):
    context = chromium.new_context(viewport=DESKTOP)
    context.route("**/*", _local_only(site.url))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # A Content-Security-Policy violation is only a console message; count it as an error.
    page.on(
        "console",
        lambda message: page.errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium, site):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.route("**/*", _local_only(site.url))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    folder = Path(os.environ.get("ARTIFACTS_DIR") or "artifacts/screenshots")
    folder.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
