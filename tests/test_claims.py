"""Corroboration (issue 4): reports of one claim across articles and languages are one claim; a
denial or "cannot confirm" stands beside the claim it answers; the credibility digit counts
independent claimants."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest

from generator.claims import BUCKET_LIMIT, _shared_pairs, credibility, find_claims
from generator.models import (
    Article,
    Attribution,
    Figure,
    Match,
    Mention,
    Metadata,
    Outlet,
    Paragraph,
    Sentence,
    SourceFile,
)
from tests.helpers import build, copy_project, read_page

CONCEPTS = frozenset({"soldiers", "deployment", "shells"})


def article(name: str, date: str | None, *sentences: Sentence, outlet: str | None = None) -> Article:
    source = SourceFile(name=name, id=name.removesuffix(".txt"), raw=b"")
    return Article(source=source, metadata=Metadata(date=date), outlet=Outlet("", outlet, "F") if outlet else None,
                   paragraphs=(Paragraph(lines=(1,), sentences=sentences),))


def said(line: int, claimant: str | None, stance: str = "reports", concepts=("soldiers", "deployment"),
         figures=(), language: str = "de", entities=("kursk",), topics=("t",)) -> Sentence:
    return Sentence(text=f"sentence {line}", line=line, end_line=line, language=language,
                    matches=tuple(Match("t", c, c, c) for c in concepts), topics=topics, figures=tuple(figures),
                    entities=tuple(Mention(e, e, e, 0, 0) for e in entities),
                    attribution=Attribution(claimant=claimant, cue="sagte", stance=stance))


def troops(value: float) -> Figure:
    return Figure(words=str(value), value=value, counts="troops")


def shape(claims) -> list[tuple]:
    return sorted((c.stance, tuple(sorted(r.anchor for r in c.reports)), c.answered_by, c.answers) for c in claims)


def test_one_claimant_reported_by_three_outlets_in_two_languages_is_one_claim():
    articles = [article("a.txt", "2024-10-28", said(7, "Rutte", "confirms"), outlet="X"),
                article("b.txt", "2024-10-29", said(1, "Mark Rutte", "confirms"), outlet="Y"),
                article("c.txt", "2024-10-28", said(12, "Mark Rutte", "confirms", language="nl"), outlet="Z")]
    [claim] = find_claims(articles, CONCEPTS)
    assert (claim.sources, claim.articles, claim.languages, claim.claimants) == (3, 3, ("de", "nl"), ("Rutte",))
    assert claim.anchor == "claim-a-l7" and credibility(claim, {}.get) == 3


def test_a_denial_and_a_cannot_confirm_stand_beside_the_claim_not_in_it():
    articles = [article("a.txt", "2024-10-28", said(1, "Rutte", "confirms"), said(2, "Singh", "cannot confirm")),
                article("b.txt", "2024-10-28", said(3, "Rutte", "confirms"), said(4, None, "denies"))]
    claims = {c.anchor: c for c in find_claims(articles, CONCEPTS)}
    assert shape(claims.values()) == [
        ("cannot confirm", ("claim-a-l2",), (), ("claim-a-l1",)),
        ("confirms", ("claim-a-l1", "claim-b-l3"), ("claim-a-l2", "claim-b-l4"), ()),
        ("denies", ("claim-b-l4",), (), ("claim-a-l1",)),
    ]
    assert credibility(claims["claim-a-l1"], claims.get) == 4  # one claimant, contested
    assert credibility(claims["claim-b-l4"], claims.get) == 6  # nobody named


def test_independent_claimants_join_only_on_a_shared_figure_or_date():
    articles = [article("a.txt", "2024-10-28", said(1, "Singh", figures=[troops(10000)]), said(2, "Kim")),
                article("b.txt", "2024-10-29", said(1, "Austin", figures=[troops(10000)]), said(2, "Lee"))]
    claims = find_claims(articles, CONCEPTS)
    assert shape(claims) == [("reports", ("claim-a-l1", "claim-b-l1"), (), ()),
                             ("reports", ("claim-a-l2",), (), ()), ("reports", ("claim-b-l2",), (), ())]
    joined = next(c for c in claims if len(c.reports) == 2)
    assert joined.claimants == ("Singh", "Austin") and credibility(joined, {}.get) == 1


@pytest.mark.parametrize(("second", "joined"), [
    (said(5, "Rutte", concepts=("soldiers", "deployment")), True),
    (said(5, "Rutte", concepts=("soldiers",), entities=()), False),  # one shared key is not enough
    (said(5, "Rutte", concepts=("soldiers", "deployment"), entities=()), False),  # concepts alone are not enough
    (said(5, "Rutte", concepts=("soldiers",)), True),  # a concept and an entity
    (said(5, "Rutte", concepts=("soldiers", "deployment"), figures=[troops(1)]), True),  # one more key is fine
    (said(5, "Lavrov", concepts=("soldiers", "deployment")), False),  # another claimant, nothing strong
])
def test_what_joins_two_reports(second, joined):
    articles = [article("a.txt", "2024-10-28", said(1, "Rutte")), article("b.txt", "2024-10-28", second)]
    assert (len(find_claims(articles, CONCEPTS)) == 1) is joined


def test_articles_more_than_a_month_apart_are_not_one_claim_but_an_undated_one_can_join():
    dated = [article("a.txt", "2024-01-01", said(1, "Rutte")), article("b.txt", "2024-10-28", said(1, "Rutte"))]
    assert len(find_claims(dated, CONCEPTS)) == 2
    undated = [article("a.txt", None, said(1, "Rutte")), article("b.txt", "2024-10-28", said(1, "Rutte"))]
    assert len(find_claims(undated, CONCEPTS)) == 1


def test_grouping_does_not_depend_on_the_order_of_articles():
    articles = [article(f"{n}.txt", f"2024-10-{10 + n % 9}", said(1, random.Random(n).choice(["Rutte", "Singh"]),
                                                                random.Random(n).choice(["confirms", "denies"])))
                for n in range(12)]
    expected = shape(find_claims(articles, CONCEPTS))
    for order in itertools.islice(itertools.permutations(articles), 0, 50, 7):
        assert shape(find_claims(list(order), CONCEPTS)) == expected


def test_anchors_are_unique_when_two_claims_start_on_one_line():
    articles = [article("a.txt", None, said(1, "Rutte", concepts=("soldiers",)),
                        said(1, "Singh", concepts=("shells",)))]
    assert sorted(c.anchor for c in find_claims(articles, CONCEPTS)) == ["claim-a-l1", "claim-a-l1-2"]


def test_a_key_in_too_many_sentences_makes_no_bucket():
    """Pairs are counted per shared key; a key in more than BUCKET_LIMIT sentences makes none (they
    would grow with its square)."""
    few = [frozenset({"k", f"own{n}"}) for n in range(BUCKET_LIMIT)]
    assert len(_shared_pairs(few)) == BUCKET_LIMIT * (BUCKET_LIMIT - 1) // 2
    many = [frozenset({"k", f"own{n}"}) for n in range(BUCKET_LIMIT + 1)]
    assert len(_shared_pairs(many)) == 0


def test_background_keys_tell_no_claims_apart():
    """Keys every report of the story carries (topics.yml `claims: background:`) do not make two
    reports one claim, however few or many articles there are."""
    rutte = [article(f"{n}.txt", "2024-10-28", said(1, "Rutte", entities=("russia",))) for n in "ab"]
    assert len(find_claims(rutte, CONCEPTS)) == 1
    assert len(find_claims(rutte, CONCEPTS, background=frozenset({"entity:russia"}))) == 2


def test_reports_connected_through_a_third_are_one_claim_and_adding_it_only_joins():
    """b shares two keys with a, c two with b and none with a: a, b, c are one claim; without b,
    a and c are two, and adding b joins them: both anchors stay (one as an alias)."""
    keys = frozenset({"soldiers", "deployment", "shells", "missiles"})
    a = article("a.txt", "2024-10-28", said(1, "Rutte", entities=("kursk",)))
    b = article("b.txt", "2024-10-29", said(1, "Rutte", concepts=("soldiers", "deployment", "shells"),
                                            entities=("kursk", "nato")))
    c = article("c.txt", "2024-10-30", said(1, "Rutte", concepts=("shells",), entities=("nato",)))
    apart = find_claims([a, c], keys)
    assert sorted(x.anchor for x in apart) == ["claim-a-l1", "claim-c-l1"]
    [joined] = find_claims([a, b, c], keys)
    assert joined.anchor == "claim-a-l1" and joined.aliases == ("claim-b-l1", "claim-c-l1")


def test_an_article_off_the_story_reports_no_claim():
    off = article("z.txt", "2024-10-28", said(1, "Rutte", topics=()))
    on = article("a.txt", "2024-10-28", said(1, "Rutte"))
    assert [c.anchor for c in find_claims([on, off], CONCEPTS)] == ["claim-a-l1"]


def test_a_cannot_confirm_answers_a_confirmation_and_a_bare_denial_its_articles_main_claim():
    def confirmation():
        return said(1, "Rutte", "confirms", concepts=("soldiers", "deployment"), figures=[troops(5), troops(7)])
    rutte = [article(f"{n}.txt", "2024-10-28", confirmation()) for n in "ab"]
    singh = article("c.txt", "2024-10-28", confirmation(),
                    said(2, "Lavrov", concepts=("soldiers", "deployment", "shells")),
                    said(3, "Singh", "cannot confirm", concepts=("soldiers", "deployment", "shells")),
                    said(4, None, "denies", concepts=()))
    claims = {c.anchor: c for c in find_claims([*rutte, singh], CONCEPTS)}
    assert [r.anchor for r in claims["claim-a-l1"].reports] == ["claim-a-l1", "claim-b-l1", "claim-c-l1"]
    assert claims["claim-a-l1"].answered_by == ("claim-c-l3", "claim-c-l4")  # not Lavrov's, which shares more
    assert claims["claim-c-l2"].answered_by == ()


def test_seeds_rutte_confirmation_is_one_claim_from_three_articles_in_two_languages(seed_corpus):
    claims = {c.anchor: c for c in seed_corpus.claims}
    rutte = [c for c in claims.values() if c.stance == "confirms"
             and {("000_827722a80c1387b6.txt", 7), ("001_fb418dfe53a9ab0a.txt", 1), ("004_3a5bf95db61d80b1.txt", 12)}
             <= {(r.article.source.name, r.sentence.line) for r in c.reports}]
    assert len(rutte) == 1
    claim = rutte[0]
    assert (claim.articles, claim.languages, len(claim.claimants)) == (3, ("de", "nl"), 1)
    beside = [claims[a] for a in claim.answered_by]
    assert beside and all(c.stance in ("denies", "cannot confirm") for c in beside)
    assert not any(r.sentence.attribution.stance in ("denies", "cannot confirm") for r in claim.reports)


def test_topic_page_shows_the_claim_with_its_anchor_and_working_citations(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "site")  # --strict: every citation and claim link resolves
    assert result.returncode == 0, result.stderr
    page = read_page(tmp_path / "site/topics/troop-deployment/index.html")
    anchors = [i for i in page.ids if i.startswith("claim-")]
    assert anchors
    # the confirmation's anchor, and its other reports' anchors, which lead to it too
    assert {"claim-004-3a5bf95db61d80b1-l12-3", "claim-000-827722a80c1387b6-l7",
            "claim-001-fb418dfe53a9ab0a-l1"} <= set(anchors)
    overview = read_page(tmp_path / "site/index.html")
    claim_links = [href for href, _ in overview.links if "#claim-" in href]
    assert claim_links and all(href.split("#")[1] in anchors or "troop-deployment" not in href for href in claim_links)
    assert "reported by 3 sources" in page.text and "Beside it, not merged into it" in page.text


def test_a_near_copy_counts_once():
    original = article("a.txt", "2024-10-28", said(1, "Rutte"), outlet="X")
    copy = replace(article("b.txt", "2024-10-28", said(1, "Rutte"), outlet="Y"), copy_of="a.txt")
    other = article("c.txt", "2024-10-28", said(1, "Rutte"), outlet="Z")
    [claim] = find_claims([original, copy, other], CONCEPTS)
    assert (claim.articles, claim.sources) == (3, 2)
