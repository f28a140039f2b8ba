"""A maintainer drops new articles into content/articles/ and runs `mkdocs build`: nothing else.
newlang/ holds one made-up article in each language added after the seeds (no, sv, es, it, pl, uk, ko).
The English and French articles were written by someone who had not seen topics.yml, before the
English and French terms were added (tests/data/unseen) or after, without seeing them (unseen2)."""

import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers import build, copy_project, read_page

DATA = Path(__file__).parent / "data"
UNSEEN = [DATA / "unseen", DATA / "unseen2", DATA / "newlang"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    labels = {}
    for folder in UNSEEN:
        for article in folder.glob("*.txt"):
            shutil.copy(article, project / "content" / "articles" / article.name)
        labels.update(yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8")))
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site, labels


def test_new_articles_are_on_the_ledger_and_have_source_pages(built):
    site, labels = built
    ledger = read_page(site / "sources" / "index.html").text
    for name in labels:
        assert name in ledger
        page = site / "sources" / name.removesuffix(".txt").replace("_", "-") / "index.html"
        assert page.is_file(), name


def test_new_articles_land_on_the_topic_pages_their_labels_name(built):
    site, labels = built
    for name, sentences in labels.items():
        lang = name[:2]
        source_id = name.removesuffix(".txt").replace("_", "-")
        for slug in {t for s in sentences for t in s["topics"]}:
            page = read_page(site / "topics" / slug / "index.html")
            cited = [href for href, _ in page.links if f"sources/{source_id}/#L" in href]
            assert cited, f"{name} is not on {slug}"
            assert lang in {q_lang for q_lang, _ in page.quotes}


def _cited(page: Path) -> set[str]:
    """Source ids the page's citations point at."""
    return {href.split("sources/")[1].split("/")[0] for href, _ in read_page(page).links if "sources/" in href}


def test_new_articles_in_other_languages_add_their_facts(built):
    """Issue 4: each dropped-in article, in a language the seeds do not have, is cited on the timeline
    and on an entity page, and most on the figures page, with no code changed."""
    site, labels = built
    new = {name.removesuffix(".txt").replace("_", "-") for name in labels}
    timeline = _cited(site / "timeline" / "index.html")
    entity_pages = set().union(*(_cited(p) for p in (site / "entities").glob("*/index.html")))
    figures = _cited(site / "figures" / "index.html")
    assert new <= timeline, sorted(new - timeline)
    assert new <= entity_pages, sorted(new - entity_pages)
    # pl_article states no quantity; it_article's only number is a calibre ("152 millimetri")
    assert new - figures <= {"pl-article", "it-article"}, sorted(new - figures)
