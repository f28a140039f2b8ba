"""Listing pages past their size: a topic shows its top quotes and links to one page per month (and
further parts), the ledger links to one page per month; nothing is lost or listed twice."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from synth import write_corpus

from generator.corpus import Settings, build_corpus
from generator.ledger_views import ledger_pages
from generator.render import Renderer
from generator.views import Limits, month_of, page_path, relative, split, topic_pages
from tests.conftest import ROOT, SEEDS, TOPICS
from tests.helpers import build, read_page, synthetic_project

LIMITS = Limits(page_quotes=40, page_rows=6, top_quotes=5)
N = 24


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("split") / "articles"
    write_corpus(folder, N, SEEDS)
    (folder / "empty.txt").write_bytes(b"")
    return build_corpus(Settings(articles=folder, topics=TOPICS, content_root=folder.parent))


def test_split_keeps_order_and_weight_limits():
    parts = split([3, 1, 2, 5, 1, 1, 9], 5, lambda n: n)
    assert parts == [[3, 1], [2], [5], [1, 1], [9]]
    assert [n for part in parts for n in part] == [3, 1, 2, 5, 1, 1, 9]


def test_a_topic_past_its_limit_shows_top_quotes_and_every_quote_once_on_a_month_page(corpus):
    for topic in corpus.topics:
        pages = topic_pages(corpus, topic, LIMITS)
        main_uri, main = pages[0].src_uri, pages[0].view()
        assert main_uri == page_path("topics", topic.slug)
        expected = Counter((a.source.name, s.line) for a in corpus.published for s in a.sentences
                           if topic.slug in s.topics)
        assert sum(expected.values()) > LIMITS.page_quotes  # the fixture is big enough to split
        assert main["groups"] == [] and 0 < len(main["top"]) <= LIMITS.top_quotes
        listed: Counter[tuple[str, int]] = Counter()
        for spec in pages[1:]:
            uri, view = spec.src_uri, spec.view()
            assert spec.template == "topic_part.md.j2"
            assert re.fullmatch(rf"topics/{topic.slug}/(\d{{4}}-\d{{2}}|undated)(/\d+)?/index\.md", uri)
            quotes = [(a.source.name, q.sentence.line) for a, _, qs in view["groups"] for q in qs]
            assert len(quotes) <= LIMITS.page_quotes or len(view["groups"]) == 1
            assert {month_of(a) for a, _, _ in view["groups"]} == {view["month"]}
            listed.update(quotes)
        assert listed == expected
        # The month table counts what the month pages hold.
        assert sum(quotes for _, _, _, quotes in main["months"]) == sum(expected.values())


def test_the_ledger_past_its_limit_lists_every_file_once_by_month(corpus):
    pages = ledger_pages(corpus, LIMITS)
    main = pages[0].view()
    assert [r["article"].source.name for r in main["rows"]] == ["empty.txt"]  # the file with a problem
    parts = [spec.view() for spec in pages[1:]]
    listed = Counter(r["article"].source.name for view in parts for r in view["rows"])
    assert listed == Counter(a.source.name for a in corpus.articles)
    assert all(len(view["rows"]) <= LIMITS.page_rows for view in parts)
    assert {spec.src_uri for spec in pages[1:]} >= {"sources/undated/index.md"}


def test_small_corpora_keep_one_page(seed_corpus):
    renderer = Renderer(ROOT / "site_templates")
    pages = renderer.render_site(seed_corpus)
    assert not [uri for uri in pages if re.search(r"/(\d{4}-\d{2}|undated)/", uri)]


def test_split_site_builds_strict_with_working_links(tmp_path):
    project = synthetic_project(tmp_path / "project", N)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      site_language: en\n", "      site_language: en\n      page_quotes: 40\n      page_rows: 6\n"
        "      top_quotes: 5\n"), encoding="utf-8")
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr.replace("WARNING -  briefing", ""), result.stderr
    site = tmp_path / "site"
    topic = read_page(site / "topics/troop-deployment/index.html")
    month_links = [href for href, _ in topic.links if re.fullmatch(r"(\d{4}-\d{2}|undated)/", href)]
    assert month_links
    for href in month_links:
        part = site / "topics/troop-deployment" / href / "index.html"
        page = read_page(part)
        assert page.quotes, part
        # Citations from a month page land on a line anchor of a source page.
        for link, _ in page.links:
            if "#L" in link and "/sources/" in f"/{link}":
                target, anchor = link.split("#")
                assert anchor in read_page((part.parent / target / "index.html").resolve()).ids
                break
    entity = read_page(site / "entities/russia/index.html")
    entity_months = [href for href, _ in entity.links if re.fullmatch(r"(\d{4}-\d{2}|undated)/", href)]
    assert entity_months and all(read_page(site / "entities/russia" / h / "index.html").quotes for h in entity_months)
    ledger = read_page(site / "sources/index.html")
    assert any(re.fullmatch(r"(\d{4}-\d{2}|undated)/", href) for href, _ in ledger.links)
    # Month pages are reached from their listing page, not from the navigation shown on every page.
    overview = read_page(site / "index.html")
    assert not [h for h, _ in overview.links if re.search(r"(topics/[^/]+|sources)/(\d{4}-\d{2}|undated)/", h)]
    largest = max(p.stat().st_size for p in site.rglob("*.html"))
    assert largest < 1_000_000



_SEGMENT = st.sampled_from(["topics", "sources", "troop-deployment", "2024-10", "undated", "2", "a-b"])


@given(st.lists(_SEGMENT, max_size=5), st.lists(_SEGMENT, max_size=5))
def test_relative_links_equal_posixpath_relpath(from_parts, to_parts):
    """Between generated files (every page is <folders>/index.md), as posixpath.relpath has it."""
    from_page, to_page = "/".join([*from_parts, "index.md"]), "/".join([*to_parts, "index.md"])
    expected = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    assert relative(from_page, to_page) == expected
