"""axe-core (from npm) in Chromium: no serious or critical violation on any page type, light or dark."""

import pytest

from tests.helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {"overview": "", "topic": "topics/munitions-transfers/", "source": "sources/003-4af742517c27e9f8/",
              "ledger": "sources/", "entities": "entities/", "entity": "entities/mark-rutte/",
              "figures": "figures/", "timeline": "timeline/", "claims": "topics/troop-deployment/", "about": "about/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_or_critical_violations(page, base_url, kind, scheme):
    assert AXE.is_file(), "run `npm ci` (the README's test command does it)"
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + PAGE_TYPES[kind])
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target}`)""")
    assert violations == [], violations


def test_every_quote_has_its_language_and_every_citation_a_name(page, base_url):
    for slug in ("troop-deployment", "munitions-transfers", "diplomatic-reactions"):
        page.goto(base_url + f"topics/{slug}/")
        quotes = page.locator("figure.briefing-quote blockquote")
        assert quotes.count() > 5
        assert all(q.get_attribute("lang") for q in quotes.all())
        names = [a.inner_text() for a in page.locator("figure.briefing-quote figcaption a").all()]
        assert names and all(", line " in n for n in names)
