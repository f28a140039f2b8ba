"""Claims are stable under new articles (issue "What an analyst trusts"): adding an article on the
story never removes a claim's anchor from the pages that showed it, nor any of its reports or
sources; adding an article off the story changes no claim. Both articles are made up
(tests/fixtures/claims_stability/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.claim_views import corroborated
from generator.render import Renderer
from tests.conftest import SEEDS, corpus_of

ROOT = Path(__file__).resolve().parent.parent
EXTRA = Path(__file__).parent / "fixtures" / "claims_stability"


def _corpus_with(tmp_path: Path, *extra: str):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    for name in extra:
        shutil.copy(EXTRA / name, folder / f"zz_{name}")
    return corpus_of(folder)


def _reports(claim) -> set[tuple[str, str]]:
    return {(r.article.source.name, r.anchor) for r in claim.reports}


def _outlets(claim) -> set[str]:
    return {r.article.outlet.name if r.article.outlet else r.article.source.name for r in claim.reports}


def _claim_ids(pages: dict[str, str]) -> dict[str, set[str]]:
    """Each topic page's claim anchors (the ids a reader links to)."""
    return {uri: set(re.findall(r'id="(claim-[a-z0-9-]+)"', text)) for uri, text in pages.items()
            if uri.startswith("topics/")}


@pytest.fixture(scope="module")
def before(seed_corpus):
    return seed_corpus, Renderer(ROOT / "site_templates").render_site(seed_corpus)


@pytest.mark.parametrize("extra", ["on_story_en.txt", "unrelated_en.txt"])
def test_an_added_article_keeps_every_claim_its_anchor_reports_and_sources(tmp_path, before, extra):
    old, old_pages = before
    new = _corpus_with(tmp_path, extra)
    by_anchor = new.claims_by_anchor
    for claim in old.claims:
        now = by_anchor.get(claim.anchor)
        assert now is not None, f"{claim.anchor} is gone"
        assert _reports(claim) <= _reports(now) and _outlets(claim) <= _outlets(now), claim.anchor
        assert now.sources >= claim.sources and not (corroborated(claim) and not corroborated(now))
    new_pages = Renderer(ROOT / "site_templates").render_site(new)
    shown, now_shown = _claim_ids(old_pages), _claim_ids(new_pages)
    for uri, anchors in shown.items():
        assert anchors <= now_shown[uri], f"{uri} lost {sorted(anchors - now_shown[uri])}"


def test_the_on_story_article_joins_claims_and_the_unrelated_one_changes_none(tmp_path, before):
    old, _ = before
    on_story = _corpus_with(tmp_path / "on", "on_story_en.txt")
    added = [c for c in on_story.claims if any(r.article.source.name == "zz_on_story_en.txt" for r in c.reports)]
    assert any(len({r.article.source.name for r in c.reports}) > 1 for c in added), "it joins no seed claim"
    unrelated = _corpus_with(tmp_path / "off", "unrelated_en.txt")

    def shape(corpus):
        return sorted((c.anchor, c.stance, tuple(sorted(_reports(c))), c.answered_by, c.answers)
                      for c in corpus.claims)
    assert shape(unrelated) == shape(old)
