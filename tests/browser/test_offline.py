"""The site makes no network request when read: served locally, and as the offline flavour opened
from the file system (file://) with search working. Every non-local request is blocked and counted."""

from tests.browser.conftest import search


def _block_the_network(context, allowed: tuple[str, ...]) -> list[str]:
    blocked: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(allowed):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    return blocked


def test_served_site_renders_and_searches_with_the_network_blocked(browser, base_url):
    context = browser.new_context()
    blocked = _block_the_network(context, (base_url, "data:", "blob:"))
    page = context.new_page()
    for path in ("", "topics/troop-deployment/", "sources/", "sources/002-936c4cfa7d2d837d/"):
        page.goto(base_url + path)
        assert page.locator("h1").first.inner_text()
    assert search(page, "soldat")
    context.close()
    assert blocked == []


def test_offline_flavour_from_file_renders_and_searches(browser, offline_site):
    context = browser.new_context()
    blocked = _block_the_network(context, ("file:", "data:", "blob:", "about:"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_site / "index.html").as_uri())
    assert page.locator("h1").first.inner_text().startswith("Briefing")
    page.goto((offline_site / "topics" / "munitions-transfers" / "index.html").as_uri())
    citation = page.locator("figure.briefing-quote figcaption a").first
    citation.click()
    assert "/sources/" in page.url and "index.html#L" in page.url
    links = search(page, "Granate")
    assert any("003-4af742517c27e9f8" in link for link in links), links[:5]
    context.close()
    assert blocked == [] and errors == []


def test_the_offline_flavour_bundles_its_shim_and_no_cdn(offline_site):
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/iframe-worker-shim.js" in html
    assert "unpkg.com" not in html and "fonts.googleapis" not in html
    assert (offline_site / "search" / "search_index.js").is_file()
