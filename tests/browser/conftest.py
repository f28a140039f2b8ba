"""Browser tests: the built seed site, served on 127.0.0.1 (and the offline flavour opened from
file://), read by Debian's Chromium through Playwright. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from generator.pdf import CHROMIUM, CHROMIUM_ARGS, QuietHandler
from tests.helpers import ROOT, build

ARTIFACTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, seed_project) -> Path:
    site = tmp_path_factory.mktemp("browser") / "site"
    result = build(seed_project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory, seed_project) -> Path:
    site = tmp_path_factory.mktemp("browser-offline") / "site"
    result = build(seed_project, site, BRIEFING_OFFLINE="true")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def base_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (the README's test command does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records console errors and every request that leaves the machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.external_requests = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((base_url, "data:", "file:", "blob:"))
            else page.external_requests.append(r.url))
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


def search(page, query: str) -> list[str]:
    """Type a query into Material's search as a reader does; the result links."""
    page.click("input.md-search__input")
    # Material builds the index in a worker (11 stemmers): a query typed before it is ready is lost.
    page.wait_for_function("""() => { const meta = document.querySelector('.md-search-result__meta');
        return meta && meta.textContent.trim() !== '' && !/initializ/i.test(meta.textContent); }""", timeout=30_000)
    page.evaluate("window.__briefingSearchLinks = undefined")
    page.keyboard.type(query, delay=20)
    # Playwright inserts letters outside the US layout (Cyrillic) without key events; a reader's
    # keyboard sends them, and Material searches on keyup: one key press stands in for that.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    # Each key press re-renders the list: results for "t" or "tro" may still be on screen. Read the
    # links in one go, and only once two reads 300 ms apart agree, so no read meets a list being swapped.
    return page.wait_for_function("""() => {
        const links = [...document.querySelectorAll('.md-search-result__item a')]
            .map(a => a.getAttribute('href') || '');
        const now = JSON.stringify(links), then = window.__briefingSearchLinks;
        window.__briefingSearchLinks = now;
        return now === then && links.length ? links : null; }""", polling=300, timeout=15_000).json_value()
