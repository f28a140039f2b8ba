"""What a reader of the seed site sees of the issue "What an analyst trusts", in Chromium: one date
per article on every page, no page stamp on the timeline, figures that count the story's things and
casualties side by side, the credibility scale on hover, claims whose every report's anchor lands."""

from __future__ import annotations

INFERRED_SOURCE = "sources/000-827722a80c1387b6/"


def test_an_inferred_article_date_reads_the_same_on_its_page_and_the_ledger(page, base_url):
    page.goto(base_url + INFERRED_SOURCE)
    row = page.locator("tr", has_text="Date").first.inner_text()
    assert "2024-10-28 (inferred from" in row
    page.goto(base_url + "sources/")
    cell = page.locator("tr", has_text="000_827722a80c1387b6.txt").locator(".briefing-inferred")
    assert cell.inner_text() == "2024-10-28 (inferred)"
    assert cell.get_attribute("title").startswith("inferred from ")


def test_the_timeline_holds_no_page_stamp_and_no_background_year(page, base_url):
    page.goto(base_url + "timeline/")
    times = page.eval_on_selector_all("time", "els => els.map(e => e.getAttribute('datetime'))")
    assert times and "2024-11-28" not in times and not any(t.startswith("2000") for t in times)
    assert page.locator("blockquote", has_text="Bijgewerkt").count() == 0
    inferred = page.locator(".briefing-when em").first
    assert inferred.inner_text().endswith("inferred") and inferred.get_attribute("title").startswith("counted from")


def test_figures_are_the_storys_things_with_casualties_by_side(page, base_url):
    page.goto(base_url + "figures/")
    headings = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent.replace('¶', '').trim())")
    assert "Casualties: Russian" in headings and "Casualties" not in headings
    text = page.inner_text(".md-content")
    for not_a_figure in ("180 Kilometer", "viele Teenager", "einige von ihnen", "50 Milliarden"):
        assert not_a_figure not in text, not_a_figure


def test_the_credibility_digit_explains_the_scale_on_hover(page, base_url):
    for path in ("", "topics/troop-deployment/"):
        page.goto(base_url + path)
        title = page.locator(".briefing-credibility").first.get_attribute("title")
        assert "Admiralty" in title and "1 confirmed by independent claimants" in title, path


def test_every_report_anchor_of_a_claim_lands_on_its_block(page, base_url):
    page.goto(base_url + "topics/troop-deployment/#claim-000-827722a80c1387b6-l7")  # an alias of the confirmation
    block = page.locator("section.briefing-claim", has=page.locator("#claim-000-827722a80c1387b6-l7"))
    assert block.get_attribute("id") == "claim-004-3a5bf95db61d80b1-l12-3"
    assert block.locator(".briefing-claim-head").is_visible()
