"""Layout a reader sees at 1280 px (issue "What an analyst trusts"): no table is wider than the
content column, so nothing needs a sideways scroll (the figures' Source column, the ledger's
topics); language names are in the site's language."""

from __future__ import annotations

import pytest

# Every page type that holds a table: figures, the ledger, a source page, an entity page, a topic.
PAGES = ["figures/", "sources/", "sources/004-3a5bf95db61d80b1/", "entities/", "entities/mark-rutte/",
         "topics/troop-deployment/", ""]

WIDEST = """() => {
  const column = document.querySelector('.md-content__inner');
  const room = column.getBoundingClientRect().width;
  return [room, Array.from(column.querySelectorAll('table')).map(t => [t.scrollWidth, t.innerText.slice(0, 60)])];
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_table_is_wider_than_the_content_column_at_1280_px(page, base_url, path):
    page.goto(base_url + path)
    room, tables = page.evaluate(WIDEST)
    too_wide = [(round(width), text) for width, text in tables if width > room + 1]
    assert not too_wide, f"{path}: content column {room:.0f} px; wider tables: {too_wide}"


def test_language_names_are_in_the_sites_language(page, base_url):
    page.goto(base_url + "sources/")
    text = page.inner_text(".md-content")
    assert "German" in text and "Dutch" in text and "Danish" in text
    assert "Deutsch" not in text and "Nederlands" not in text and "Dansk" not in text
