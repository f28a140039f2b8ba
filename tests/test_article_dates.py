"""One date per article, the same on every page (issue "What an analyst trusts"): its own, or
inferred and marked so; a dateline or page stamp dates the article and is no timeline event; a
background year is no event; the overview's "as of" is the newest article's date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
INFERRED = "000_827722a80c1387b6.txt"  # no date of its own: "28. Oktober", no year anywhere
STAMPED = "004_3a5bf95db61d80b1.txt"  # "Bijgewerkt: 28 november 2024" on line 1, "28-10-2024" on line 8


@pytest.fixture(scope="module")
def pages(seed_corpus) -> dict[str, str]:
    return Renderer(ROOT / "site_templates").render_site(seed_corpus)


def _plain(markdown: str) -> str:
    """The text as a reader sees it: character references decoded."""
    import html

    return html.unescape(markdown)


def test_an_article_without_a_date_of_its_own_shows_one_inferred_date_everywhere(seed_corpus, pages):
    article = seed_corpus.by_name[INFERRED]
    assert article.metadata.date is None and article.shown_date == "2024-10-28" and article.date_from
    label = article.date_label
    assert label.startswith("2024-10-28 (inferred from ")
    source = _plain(pages[f"sources/{article.source.id}/index.md"])
    assert f"<td>Date</td>\n<td>{label}</td>" in source
    ledger = _plain(pages["sources/index.md"])
    row = next(row for row in ledger.split("<tr>") if f">{INFERRED}</a></td>" in row)
    assert f'title="inferred from {article.date_from}">2024-10-28 (inferred)' in row and "undated" not in row
    timeline = _plain(pages["timeline/index.md"])
    cited = rf'<a href="[^"]+" title="([^"]+)">{INFERRED}, line \d+</a>'
    quoted = re.findall(cited, timeline)
    assert quoted and all(title.endswith(label) for title in quoted)
    topics = [_plain(text) for uri, text in pages.items() if uri.startswith("topics/")]
    titles = [t for text in topics for t in re.findall(cited, text)]
    assert titles and all(title.endswith(label) for title in titles)


def test_an_article_with_no_date_at_all_is_undated_on_every_page(seed_corpus, pages):
    undated = [a for a in seed_corpus.published if not a.shown_date]
    assert undated, "the seeds have an article without any date (002)"
    for article in undated:
        assert "<td>Date</td>\n<td>undated</td>" in _plain(pages[f"sources/{article.source.id}/index.md"])


def test_datelines_and_page_stamps_date_the_article_and_are_no_events(seed_corpus, pages):
    article = seed_corpus.by_name[STAMPED]
    assert (article.shown_date, article.metadata.updated) == ("2024-10-28", "2024-11-28")
    events, _ = seed_corpus.events(article)
    assert {e.sentence.line for e in events}.isdisjoint({1, 8})
    timeline = _plain(pages["timeline/index.md"])
    assert "Bijgewerkt: 28 november 2024</blockquote>" not in timeline and 'datetime="2024-11-28"' not in timeline
    assert "(updated 2024-11-28)" in _plain(pages[f"sources/{article.source.id}/index.md"])


def test_a_background_year_is_no_event(seed_corpus, pages):
    article = seed_corpus.by_name["003_4af742517c27e9f8.txt"]  # "seit Juli 2000" on line 43
    events, _ = seed_corpus.events(article)
    assert 43 not in {e.sentence.line for e in events if e.iso.startswith("2000")}
    assert not any(e.iso < "2019" for e in events)
    assert 'datetime="2000' not in pages["timeline/index.md"]


def test_the_overview_is_as_of_the_newest_articles_date(seed_corpus, pages):
    newest = max(a.shown_date for a in seed_corpus.published if a.shown_date)
    assert f"As of {newest}," in _plain(pages["index.md"])
    newest_event = max(re.findall(r'datetime="([\d-]+)"', pages["timeline/index.md"]))
    assert newest_event <= newest


def test_as_of_is_no_date_an_article_only_names(tmp_path):
    """A deadline an undated article names ("bis zum 31. Dezember 2030") is not the site's date."""
    from tests.conftest import corpus_of

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("---\ndate: 2024-11-04\n---\nNordkoreanische Soldaten sind in Kursk.\n",
                                 encoding="utf-8")
    (folder / "b.txt").write_text("Der Vertrag über die Lieferungen läuft bis zum 31. Dezember 2030.\n",
                                  encoding="utf-8")
    assert corpus_of(folder).as_of == "2024-11-04"


def test_a_pages_memo_key_changes_with_the_date_it_shows(seed_corpus):
    """An inferred date can move when a newer article arrives: the pages that show it re-render."""
    from dataclasses import replace

    from generator.corpus import article_digest

    article = seed_corpus.by_name[INFERRED]
    assert article_digest(article, "v") != article_digest(replace(article, shown_date="2025-10-28"), "v")
