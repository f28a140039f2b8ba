"""Reading the seed site as an analyst does, in Chromium."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.conftest import search

TOPICS = ["troop-deployment", "munitions-transfers", "diplomatic-reactions"]
PAGE_TYPES = {"overview": "", "topic": "topics/munitions-transfers/", "source": "sources/003-4af742517c27e9f8/",
              "ledger": "sources/", "entities": "entities/", "entity": "entities/mark-rutte/",
              "figures": "figures/", "timeline": "timeline/", "claims": "topics/troop-deployment/"}


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("Granate", "de", "sources/003-4af742517c27e9f8/"),  # the text has "Granaten"
        ("soldat", "da", "sources/002-936c4cfa7d2d837d/"),  # "soldater", "soldatens"
        ("troep", "nl", "sources/004-3a5bf95db61d80b1/"),  # "troepen"
        ("обеспокоен", "ru", "sources/003-4af742517c27e9f8/"),  # "обеспокоены"
    ],
)
def test_search_finds_other_word_forms(page, base_url, query, language, expected):
    page.goto(base_url)
    links = search(page, query)
    assert any(urlsplit(link).path.endswith("/" + expected) for link in links), (language, links[:5])


def test_a_citation_lands_on_its_source_line_in_view_and_highlighted(page, base_url):
    page.goto(base_url + "topics/munitions-transfers/")
    citation = page.locator("figure.briefing-quote figcaption a").nth(3)
    href = citation.get_attribute("href")
    line = re.search(r"#(L\d+)$", href).group(1)
    citation.click()
    page.wait_for_url(re.compile(rf".*/sources/[a-z0-9-]+/#{line}$"))
    target = page.locator(f"[id='{line}']")
    box, viewport = target.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] < viewport["height"], box
    background = page.evaluate(
        f"getComputedStyle(document.getElementById('{line}').closest('p')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background


def test_a_claim_link_on_the_overview_lands_on_the_claim_in_view(page, base_url):
    page.goto(base_url)
    link = page.locator("a[href*='#claim-']").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(re.compile(rf".*/topics/[a-z0-9-]+/#{anchor}$"))
    claim = page.locator(f"section.briefing-claim[id='{anchor}']")
    box, viewport = claim.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] < viewport["height"], box
    assert "reported by" in claim.inner_text() and claim.locator("blockquote").count() >= 2


def test_hovering_a_citation_shows_its_source(page, base_url):
    page.goto(base_url + "topics/troop-deployment/")
    citation = page.locator("figure.briefing-quote figcaption a").first
    title = citation.get_attribute("title")
    citation.hover()
    assert title.startswith(("Amstelveenweb.com", "thanhnien.vn", "0"))  # outlet or file name, then the line
    tooltip = page.locator(".md-tooltip2, .md-tooltip, [role=tooltip]").filter(has_text=title[:30]).first
    tooltip.wait_for(state="visible", timeout=5_000)
    assert title[:30] in tooltip.inner_text()


def test_the_navigation_reaches_every_topic_and_the_ledger(page, base_url):
    page.goto(base_url)
    hrefs = {urljoin(page.url, a.get_attribute("href")) for a in page.locator(".md-nav--primary a.md-nav__link").all()
             if a.get_attribute("href")}
    wanted = {base_url + f"topics/{slug}/" for slug in TOPICS} | {base_url + "sources/"}
    assert wanted <= hrefs, wanted - hrefs
    for url in sorted(wanted):
        page.goto(url)
        assert page.locator("h1").first.inner_text()
    assert not any("/sources/0" in h for h in hrefs), "source pages stay out of the navigation"


def test_dark_mode_toggles(page, base_url):
    page.goto(base_url)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")


def test_no_console_errors_broken_links_or_images_on_any_page(page, base_url, built_site):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    checked: set[str] = set()
    for relative in pages:
        page.goto(base_url + relative)
        broken_images = page.evaluate(
            "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        assert not broken_images, (relative, broken_images)
        for href in page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"):
            url = href.split("#")[0]
            if not url.startswith(base_url) or url in checked:
                continue
            checked.add(url)
            assert page.request.get(url).status == 200, (relative, href)
    assert not page.console_errors, page.console_errors
    assert not page.external_requests, page.external_requests
    assert len(checked) > 15


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_screenshots_of_each_page_type(page, base_url, screenshots, kind, scheme):
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto(base_url + PAGE_TYPES[kind])
    assert page.get_attribute("body", "data-md-color-scheme") == scheme
    path = screenshots / f"{kind}-{scheme}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
