"""Analyst corrections (overrides.py, content/overrides.yml): each kind of override on real
sentences of the seeds, every validation error named with the file and the entry, and a real
`mkdocs build --strict` showing each correction with its reason on the page it changes."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.knowledge import DataError
from generator.models import Article, Correction, DateMention, Figure, Match, Metadata, Paragraph, Sentence, SourceFile
from generator.overrides import (
    Overrides,
    apply_to_articles,
    apply_to_claims,
    correct,
    iso_date,
    load_overrides,
)
from tests.conftest import ROOT
from tests.helpers import build, copy_project, read_page
from tests.test_serve import differing, serve

TOPICS = ("troop-deployment", "munitions-transfers", "diplomatic-reactions")
DA, DE = "002_936c4cfa7d2d837d.txt", "001_fb418dfe53a9ab0a.txt"
GERMAN_003 = "003_4af742517c27e9f8.txt"
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }} | *bold* {: .evil}"


def load(tmp_path: Path, entries: object) -> Overrides:
    path = tmp_path / "overrides.yml"
    path.write_text(yaml.safe_dump({"overrides": entries}, allow_unicode=True), encoding="utf-8")
    return load_overrides(path)


def one(tmp_path: Path, entry: dict) -> Overrides:
    return load(tmp_path, [entry])


# --- The file -------------------------------------------------------------------------------------

def test_a_missing_file_is_no_overrides(tmp_path):
    assert load_overrides(tmp_path / "overrides.yml") == Overrides()
    assert load_overrides(None) == Overrides()


def test_the_shipped_file_is_only_comments():
    shipped = load_overrides(ROOT / "content" / "overrides.yml")
    assert shipped.entries == () and shipped.problems == () and shipped.digest


@pytest.mark.parametrize("text", ["- just a list\n", "overrides: {file: a}\n", "overrides: []\nother: 1\n",
                                  "overrides: [\n"])
def test_a_file_that_is_not_an_overrides_list_stops_the_build(tmp_path, text):
    path = tmp_path / "overrides.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="overrides.yml"):
        load_overrides(path)


@pytest.mark.parametrize(("entry", "message"), [
    ({"file": DA, "line": 5, "hide": True, "reason": "x", "colour": "red"}, "unknown key colour"),
    ({"file": DA, "line": 5, "hide": True}, "needs a reason"),
    ({"file": DA, "line": 5, "hide": True, "reason": "  "}, "needs a reason"),
    ({"file": DA, "line": 0, "hide": True, "reason": "x"}, "line must be a number from 1"),
    ({"file": DA, "line": "5", "hide": True, "reason": "x"}, "line must be a number from 1"),
    ({"line": 5, "hide": True, "reason": "x"}, "expected a file name"),
    ({"file": DA, "line": 5, "reason": "x"}, "needs hide, add_topics"),
    ({"file": DA, "line": 5, "hide": "yes", "reason": "x"}, "hide must be true or false"),
    ({"file": DA, "line": 5, "add_topics": ["a"], "remove_topics": ["a"], "reason": "x"}, "both added and removed"),
    ({"file": DA, "line": 5, "date": {"words": "x", "iso": "2024-13"}, "reason": "x"}, "'2024-13' is not an ISO"),
    ({"file": DA, "line": 5, "date": {"words": "x", "iso": "2023-02-30"}, "reason": "x"}, "not an ISO date"),
    ({"file": DA, "line": 5, "date": {"words": "x"}, "reason": "x"}, "date: expected words"),
    ({"file": DA, "line": 5, "figure": {"words": "x", "value": -1}, "reason": "x"}, "at least 0"),
    ({"file": DA, "line": 5, "figure": {"words": "x", "value": 1, "counts": "goats"}, "reason": "x"},
     "counts 'goats' must be one of"),
    ({"file": DA, "line": 5, "figure": {"words": "x", "value": 5, "high": 2}, "reason": "x"}, "high is below"),
    ({"merge_claims": ["claim-a"], "reason": "x"}, "at least two different"),
    ({"split_claim": "claim-a", "reason": "x"}, "needs a claim anchor and a list of reports"),
    ({"split_claim": "claim-a", "reports": [{"file": DA}], "reason": "x"}, "reports: line must be"),
    ({"merge_claims": ["claim-a", "claim-b"], "file": DA, "line": 3, "hide": True, "reason": "x"}, "expected one of"),
    ("hide everything", "expected a mapping"),
])
def test_a_malformed_entry_is_a_warning_naming_the_file_and_entry_and_is_skipped(tmp_path, entry, message):
    good = {"file": DA, "line": 5, "hide": True, "reason": "fine"}
    overrides = load(tmp_path, [good, entry])
    assert [o.entry for o in overrides.entries] == [1]
    [problem] = overrides.problems
    assert problem.file == "overrides.yml" and problem.level == "warning"
    assert str(problem).startswith("overrides.yml: entry 2: ")
    assert message in problem.message and problem.message.endswith("the entry is skipped")


@pytest.mark.parametrize(("iso", "ok"), [("2024", True), ("2024-10", True), ("2024-10-28", True),
                                         ("2024-02-29", True), ("2023-02-29", False), ("2024-1", False),
                                         ("24-10-28", False), ("2024-10-28T00:00", False), ("0000", False)])
def test_iso_dates(iso, ok):
    assert iso_date(iso) is ok


def test_an_unquoted_yaml_date_is_read_as_its_iso_text(tmp_path):
    path = tmp_path / "overrides.yml"
    entry = f"{{file: {DA}, line: 4, date: {{words: sidste år, iso: 2023-06-19}}, reason: r}}"
    path.write_text(f"overrides:\n  - {entry}\n", encoding="utf-8")
    [entry] = load_overrides(path).entries
    assert entry.date is not None and entry.date.iso == "2023-06-19"


# --- One sentence -----------------------------------------------------------------------------------

SENTENCE = Sentence(
    text="Laut Pentagon sind schätzungsweise 10.000 Soldaten seit Oktober in Kursk.", line=4, end_line=4,
    language="de", topics=("troop-deployment",),
    matches=(Match("troop-deployment", "soldiers", "Soldaten", "Soldat"),),
    figures=(Figure("schätzungsweise 10.000 Soldaten", 10000.0, "troops", qualifier="about"),),
    dates=(DateMention("seit Oktober", month=10),),
)


def corrected(tmp_path: Path, change: dict) -> Sentence:
    [override] = one(tmp_path, {"file": DA, "line": 4, "reason": "because", **change}).entries
    return correct(SENTENCE, override, TOPICS)


@pytest.mark.parametrize(("change", "topics", "kinds"), [
    ({"add_topics": ["diplomatic-reactions"]}, ("troop-deployment", "diplomatic-reactions"), ["added"]),
    ({"add_topics": ["munitions-transfers"]}, ("troop-deployment", "munitions-transfers"), ["added"]),
    ({"remove_topics": ["troop-deployment"]}, (), ["removed"]),
    ({"remove_topics": ["troop-deployment"], "add_topics": ["munitions-transfers"]}, ("munitions-transfers",),
     ["removed", "added"]),
    ({"hide": True}, (), ["hidden"]),
])
def test_topic_moves_and_hiding(tmp_path, change, topics, kinds):
    sentence = corrected(tmp_path, change)
    assert sentence.topics == topics
    assert [c.kind for c in sentence.corrections] == kinds
    assert all(c.reason == "because" and c.entry == 1 for c in sentence.corrections)
    assert sentence.text == SENTENCE.text and sentence.line == 4  # the quote and its citation stay
    assert sentence.hidden is (kinds == ["hidden"])


def test_a_hidden_sentence_gives_nothing_to_any_listing(tmp_path):
    sentence = corrected(tmp_path, {"hide": True})
    assert (sentence.matches, sentence.figures, sentence.dates, sentence.entities, sentence.attribution) == (
        (), (), (), (), None)
    assert sentence.corrections[0].note == "hidden from topic pages by an analyst: because"
    assert sentence.corrections[0].was == "troop-deployment"


@pytest.mark.parametrize(("figure", "value", "high", "counts", "was", "now"), [
    ({"words": "schätzungsweise 10.000 Soldaten", "value": 11000}, 11000.0, None, "troops", "10,000", "11,000"),
    ({"words": "schätzungsweise 10.000 Soldaten", "value": 9000, "high": 12000, "counts": "casualties"},
     9000.0, 12000.0, "casualties", "10,000", "9,000–12,000"),
    ({"words": "in Kursk", "value": 1, "counts": "other"}, 1.0, None, "other", "not found by the extractor", "1"),
])
def test_figure_corrections_keep_the_words_and_the_original(tmp_path, figure, value, high, counts, was, now):
    sentence = corrected(tmp_path, {"figure": figure})
    fixed = next(f for f in sentence.figures if f.words == figure["words"])
    assert (fixed.value, fixed.high, fixed.counts) == (value, high, counts)
    [note] = sentence.corrections
    assert (note.kind, note.words, note.was, note.now) == ("figure", figure["words"], was, now)
    assert note.note == f"figure “{figure['words']}” corrected by an analyst to {now} (was {was}): because"


@pytest.mark.parametrize(("date", "mention", "was"), [
    ({"words": "seit Oktober", "iso": "2024-10"}, DateMention("seit Oktober", 2024, 10), "worked out from the article"),
    ({"words": "in Kursk", "iso": "2024-10-28"}, DateMention("in Kursk", 2024, 10, 28), "no date"),
    ({"words": "Pentagon", "iso": "2024"}, DateMention("Pentagon", 2024), "no date"),
])
def test_date_corrections_are_written_in_full(tmp_path, date, mention, was):
    sentence = corrected(tmp_path, {"date": date})
    assert mention in sentence.dates and mention.written == date["iso"]
    [note] = sentence.corrections
    assert (note.kind, note.was, note.now) == ("date", was, date["iso"])


@pytest.mark.parametrize(("change", "message"), [
    ({"add_topics": ["weather"]}, "unknown topic weather"),
    ({"add_topics": ["troop-deployment"]}, "already on the topic troop-deployment"),
    ({"remove_topics": ["munitions-transfers"]}, "not on the topic munitions-transfers"),
    ({"figure": {"words": "20.000 Soldaten", "value": 1}}, "'20.000 Soldaten' is not in the sentence"),
    ({"figure": {"words": "in Kursk", "value": 1}}, "say what it counts"),
    ({"date": {"words": "im November", "iso": "2024-11"}}, "'im November' is not in the sentence"),
])
def test_a_correction_that_does_not_fit_the_sentence_is_refused(tmp_path, change, message):
    [override] = one(tmp_path, {"file": DA, "line": 4, "reason": "r", **change}).entries
    with pytest.raises(ValueError, match=re.escape(message)):
        correct(SENTENCE, override, TOPICS)


# --- On the seed corpus -------------------------------------------------------------------------------

def applied(tmp_path, seed_corpus, entries):
    overrides = load(tmp_path, entries)
    articles, problems = apply_to_articles(seed_corpus.articles, overrides, seed_corpus.topics)
    return {a.source.name: a for a in articles}, [p.message for p in problems]


def test_sentences_are_addressed_as_citations_are(tmp_path, seed_corpus):
    entries = [{"file": DA, "line": 9, "sentence": 2, "hide": True, "reason": "second"},
               {"file": GERMAN_003, "line": 41, "text": "Dann", "add_topics": ["diplomatic-reactions"], "reason": "t"},
               {"file": DA, "line": 5, "remove_topics": ["diplomatic-reactions"], "reason": "only one"}]
    articles, problems = applied(tmp_path, seed_corpus, entries)
    assert problems == []
    on_9 = [s for s in articles[DA].sentences if s.line == 9]
    assert [s.hidden for s in on_9] == [False, True]
    assert on_9[1].text.startswith("Det militære samarbejde")
    dann = next(s for s in articles[GERMAN_003].sentences if s.text.startswith("Dann"))
    assert dann.topics == ("diplomatic-reactions",)
    assert next(s for s in articles[DA].sentences if s.line == 5).topics == ()
    # Nothing else changed.
    untouched = [a.source.name for a in seed_corpus.articles if a.source.name not in (DA, GERMAN_003)]
    assert all(articles[n] == seed_corpus.by_name[n] for n in untouched)


@pytest.mark.parametrize(("address", "message"), [
    ({"file": "gone.txt", "line": 3}, "gone.txt is not in the articles folder"),
    ({"file": DA, "line": 999}, "line 999: no sentence starts on that line"),
    ({"file": DA, "line": 2}, "line 2 is set aside by cleanup (repeated headline)"),
    ({"file": "000_827722a80c1387b6.txt", "line": 6}, "is set aside by cleanup"),
    ({"file": DA, "line": 9}, "2 sentences start on that line; add sentence: N or text:"),
    ({"file": DA, "line": 9, "sentence": 3}, "only 2 sentence(s) start on that line"),
    ({"file": DA, "line": 9, "text": "Nothing"}, "0 sentences start with 'Nothing'"),
    ({"file": DA, "line": 9, "sentence": 1, "text": "Nothing"}, "0 sentences start with"),
])
def test_an_entry_whose_sentence_is_not_there_is_a_warning(tmp_path, seed_corpus, address, message):
    articles, problems = applied(tmp_path, seed_corpus, [{**address, "hide": True, "reason": "r"}])
    assert len(problems) == 1 and message in problems[0] and problems[0].startswith("entry 1: ")
    assert articles == seed_corpus.by_name


def test_a_line_inside_a_sentence_names_where_it_starts(tmp_path):
    sentence = Sentence("Eine Zeile und noch eine.", line=3, end_line=4, topics=("troop-deployment",))
    source = SourceFile(name="a.txt", id="a", raw=b"", lines=("", "", "Eine Zeile", "und noch eine."))
    article = Article(source=source, metadata=Metadata(), paragraphs=(Paragraph((3, 4), (sentence,)),))
    overrides = load(tmp_path, [{"file": "a.txt", "line": 4, "hide": True, "reason": "r"},
                                {"file": "a.txt", "line": 3, "hide": True, "reason": "r"}])
    [found], problems = apply_to_articles((article,), overrides, ())
    assert [p.message for p in problems] == [
        "entry 1: a.txt, line 4 is inside a sentence that starts on line 3; the entry is skipped"]
    assert found.sentences[0].hidden and found.sentences[0].topics == ()


def test_several_entries_on_one_sentence_apply_in_order(tmp_path, seed_corpus):
    articles, problems = applied(tmp_path, seed_corpus, [
        {"file": DA, "line": 5, "add_topics": ["troop-deployment"], "reason": "one"},
        {"file": DA, "line": 5, "add_topics": ["troop-deployment"], "reason": "again"},
        {"file": DA, "line": 5, "remove_topics": ["diplomatic-reactions"], "reason": "two"}])
    assert problems == ["entry 2: the sentence is already on the topic troop-deployment; the entry is skipped"]
    sentence = next(s for s in articles[DA].sentences if s.line == 5)
    assert sentence.topics == ("troop-deployment",)
    assert [(c.entry, c.kind) for c in sentence.corrections] == [(1, "added"), (3, "removed")]


# --- Claims ---------------------------------------------------------------------------------------------

RUTTE_NL, RUTTE_DE = "claim-004-3a5bf95db61d80b1-l16-4", "claim-000-827722a80c1387b6-l8"
CONFIRMED = "claim-004-3a5bf95db61d80b1-l12-3"  # Rutte confirms: three articles, two denials beside it


def claims_after(tmp_path, seed_corpus, entries):
    overrides = load(tmp_path, entries)
    claims, problems = apply_to_claims(seed_corpus.claims, overrides, seed_corpus.articles)
    return {c.anchor: c for c in claims}, [p.message for p in problems]


def test_the_seed_claims_the_tests_use(seed_corpus):
    claims = seed_corpus.claims_by_anchor
    assert len(claims[RUTTE_NL].reports) == len(claims[RUTTE_DE].reports) == 1
    assert [r.article.source.name for r in claims[CONFIRMED].reports] == [
        "004_3a5bf95db61d80b1.txt", "000_827722a80c1387b6.txt", DE]
    assert claims[CONFIRMED].answered_by


def test_merging_claims_makes_one_with_every_report(tmp_path, seed_corpus):
    claims, problems = claims_after(tmp_path, seed_corpus, [
        {"merge_claims": [RUTTE_NL, RUTTE_DE], "reason": "the same call"}])
    assert problems == []
    assert RUTTE_DE not in claims and len(claims) == len(seed_corpus.claims) - 1
    merged = claims[RUTTE_NL]  # the anchor of the earliest report
    assert {r.anchor for r in merged.reports} == {RUTTE_NL, RUTTE_DE}
    assert [n.note for n in merged.notes] == [f"merged from {RUTTE_DE} by an analyst: the same call"]


def test_splitting_a_claim_takes_reports_out_and_links_follow(tmp_path, seed_corpus):
    claims, problems = claims_after(tmp_path, seed_corpus, [
        {"split_claim": CONFIRMED, "reports": [{"file": DE, "line": 1, "sentence": 1}], "reason": "relayed"}])
    assert problems == []
    original = seed_corpus.claims_by_anchor[CONFIRMED]
    kept, part = claims[CONFIRMED], claims["claim-001-fb418dfe53a9ab0a-l1"]
    assert len(kept.reports) == 2 and [r.article.source.name for r in part.reports] == [DE]
    assert kept.answered_by == original.answered_by and part.answered_by == ()
    assert kept.notes[0].note == "reports split off into claim-001-fb418dfe53a9ab0a-l1 by an analyst: relayed"
    assert part.notes[0].note == f"split off {CONFIRMED} by an analyst: relayed"
    for anchor in original.answered_by:  # the denials still answer the claim
        assert claims[anchor].answers == (CONFIRMED,)


def test_taking_out_the_first_report_moves_the_links_to_the_claim_that_keeps_them(tmp_path, seed_corpus):
    claims, problems = claims_after(tmp_path, seed_corpus, [
        {"split_claim": CONFIRMED, "reports": [{"file": "004_3a5bf95db61d80b1.txt", "line": 12, "sentence": 3}],
         "reason": "r"}])
    assert problems == []
    kept = claims["claim-000-827722a80c1387b6-l7"]
    assert kept.answered_by == seed_corpus.claims_by_anchor[CONFIRMED].answered_by
    assert claims[CONFIRMED].answered_by == () and len(claims[CONFIRMED].reports) == 1
    for anchor in kept.answered_by:
        assert claims[anchor].answers == ("claim-000-827722a80c1387b6-l7",)


@pytest.mark.parametrize(("entry", "message"), [
    ({"merge_claims": [RUTTE_NL, "claim-nope"]}, "unknown claim 'claim-nope'"),
    ({"merge_claims": [CONFIRMED, "claim-001-fb418dfe53a9ab0a-l6"]}, "cannot be merged with the claim it answers"),
    ({"split_claim": "claim-nope", "reports": [{"file": DE, "line": 1}]}, "unknown claim"),
    ({"split_claim": CONFIRMED, "reports": [{"file": DE, "line": 3}]}, "is not a report of"),
    ({"split_claim": RUTTE_NL, "reports": [{"file": "004_3a5bf95db61d80b1.txt", "line": 16, "sentence": 4}]},
     "would leave"),
])
def test_a_claim_entry_that_cannot_apply_is_a_warning(tmp_path, seed_corpus, entry, message):
    claims, problems = claims_after(tmp_path, seed_corpus, [{**entry, "reason": "r"}])
    assert len(problems) == 1 and message in problems[0]
    assert claims == {c.anchor: c for c in seed_corpus.claims}


def test_an_entry_may_name_a_claim_by_any_of_its_reports_anchors(tmp_path, seed_corpus):
    """A claim's anchor changes when an earlier report joins it; entries written before still apply."""
    alias = "claim-000-827722a80c1387b6-l7"  # the German report of the confirmation
    assert alias in seed_corpus.claims_by_anchor[CONFIRMED].aliases
    claims, problems = claims_after(tmp_path, seed_corpus, [
        {"split_claim": alias, "reports": [{"file": DE, "line": 1, "sentence": 1}], "reason": "relayed"}])
    assert problems == [] and len(claims[CONFIRMED].reports) == 2
    claims, problems = claims_after(tmp_path, seed_corpus, [{"merge_claims": [CONFIRMED, alias], "reason": "r"}])
    assert problems == [f"entry 1: {CONFIRMED}, {alias} are already one claim; the entry is skipped"]


# --- The site ---------------------------------------------------------------------------------------------

EXAMPLE = [
    {"file": DA, "line": 5, "hide": True, "reason": "a subheading " + HOSTILE},
    {"file": DA, "line": 9, "sentence": 1, "add_topics": ["munitions-transfers"], "remove_topics": ["troop-deployment"],
     "reason": "about disguise"},
    {"file": DE, "line": 4, "sentence": 1, "figure": {"words": "schätzungsweise 10.000 nordkoreanische Soldaten",
                                                       "value": 11000}, "reason": "fig checked"},
    {"file": GERMAN_003, "line": 41, "text": "Dann", "date": {"words": "Dann", "iso": "2023-09"},
     "reason": "Kim's visit"},
    {"merge_claims": [RUTTE_NL, RUTTE_DE], "reason": "the same call"},
    {"split_claim": CONFIRMED, "reports": [{"file": DE, "line": 1, "sentence": 1}], "reason": "relayed by ABC"},
]


def write(project: Path, entries: list) -> None:
    (project / "content/overrides.yml").write_text(yaml.safe_dump({"overrides": entries}, allow_unicode=True),
                                                   encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("overrides"))
    write(project, EXAMPLE)
    result = build(project, project / "site", strict=True)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_hidden_sentence_is_off_its_topic_pages_and_marked_on_its_source_page(site):
    text = "internationale reaktioner og sikkerhedsmæssige bekymringer"
    topic = read_page(site / "topics/diplomatic-reactions/index.html")
    assert all(text not in quote for _, quote in topic.quotes)
    source = read_page(site / "sources/002-936c4cfa7d2d837d/index.html")
    assert "L5" in source.ids
    assert f"{text} hidden from topic pages by an analyst: a subheading {HOSTILE}" in source.text


def test_the_hostile_reason_is_text_everywhere(site):
    for page in ("sources/002-936c4cfa7d2d837d/index.html", "sources/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "javascript:" not in html and 'class="evil"' not in html
        assert HOSTILE in read_page(site / page).text


def test_a_moved_sentence_says_so_on_both_topic_pages(site):
    moved = "For at skjule deres oprindelse"
    munitions = read_page(site / "topics/munitions-transfers/index.html")
    assert any(quote.startswith(moved) for _, quote in munitions.quotes)
    assert "added to this topic by an analyst: about disguise" in munitions.text
    troops = read_page(site / "topics/troop-deployment/index.html")
    assert not any(quote.startswith(moved) for _, quote in troops.quotes)
    assert "Moved off this topic by an analyst" in troops.text
    assert "moved off the topic troop-deployment by an analyst: about disguise" in troops.text
    assert "../../sources/002-936c4cfa7d2d837d/#L9" in [href for href, _ in troops.links]


def test_a_corrected_figure_shows_the_value_the_words_and_the_reason(site):
    figures = read_page(site / "figures/index.html")
    row = next(r for r in figures.rows if "schätzungsweise 10.000 nordkoreanische Soldaten" in r)
    assert row[0].startswith("11,000 figure “schätzungsweise 10.000 nordkoreanische Soldaten” corrected by an "
                             "analyst to 11,000 (was 10,000): fig checked")


def test_a_corrected_date_is_on_the_timeline_with_the_reason(site):
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    events = [e for e in html.split("<figure") if "Dann kam Kim nach Moskau." in e]
    assert len(events) == 1
    [event] = events
    assert '<time datetime="2023-09">2023-09</time>' in event
    assert "corrected by an analyst to 2023&#45;09 &#40;was no date&#41;&#58; Kim&#39;s visit" in event


def test_merged_and_split_claims_say_so_in_their_blocks(site):
    topic = read_page(site / "topics/diplomatic-reactions/index.html")
    assert f"merged from {RUTTE_DE} by an analyst: the same call" in topic.text
    assert "reports split off into claim-001-fb418dfe53a9ab0a-l1 by an analyst: relayed by ABC" in topic.text
    assert RUTTE_NL in topic.ids and CONFIRMED in topic.ids


def test_the_ledger_lists_every_correction_with_links(site):
    ledger = read_page(site / "sources/index.html")
    section = ledger.text[ledger.text.index("Analyst corrections"):]
    for number in range(1, 7):
        assert f"Entry {number}," in section
    hrefs = [href for href, _ in ledger.links]
    assert "002-936c4cfa7d2d837d/#L5" in hrefs and "001-fb418dfe53a9ab0a/#L4" in hrefs
    assert f"../topics/troop-deployment/#{CONFIRMED}" in hrefs


def test_a_bad_entry_fails_a_strict_build_and_a_plain_build_keeps_the_rest(tmp_path):
    project = copy_project(tmp_path)
    write(project, [{"file": "gone.txt", "line": 3, "hide": True, "reason": "removed since"}, EXAMPLE[1]])
    strict = build(project, tmp_path / "strict", strict=True)
    assert strict.returncode != 0
    assert "overrides.yml: entry 1: gone.txt is not in the articles folder; the entry is skipped" in strict.stderr
    plain = build(project, tmp_path / "plain", strict=False)
    assert plain.returncode == 0, plain.stderr
    assert "added to this topic by an analyst: about disguise" in read_page(
        tmp_path / "plain/topics/munitions-transfers/index.html").text


def test_the_overrides_option_names_the_file(tmp_path):
    project = copy_project(tmp_path)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    option = "      topics: content/topics.yml\n      overrides: corrections/analyst.yml\n"
    (project / "mkdocs.yml").write_text(config.replace("      topics: content/topics.yml\n", option), encoding="utf-8")
    write(project, [{"file": "gone.txt", "line": 1, "hide": True, "reason": "not read"}])  # content/overrides.yml
    (project / "corrections").mkdir()
    (project / "corrections/analyst.yml").write_text(yaml.safe_dump({"overrides": [EXAMPLE[1]]}), encoding="utf-8")
    result = build(project, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.stderr
    ledger = read_page(tmp_path / "site/sources/index.html")
    assert "What analysts changed through analyst.yml" in ledger.text and "Entry 1," in ledger.text


def files_of(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_warm_build_after_editing_overrides_equals_a_cold_build(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    (tmp_path / "warm").mkdir()
    project = copy_project(tmp_path / "warm")
    write(project, EXAMPLE)
    assert build(project, tmp_path / "first", **env).returncode == 0
    edited = [replace_reason(e, "edited") for e in EXAMPLE[1:]]  # the hide is gone, every reason changed
    write(project, edited)
    warm = build(project, tmp_path / "warm-site", **env)
    assert warm.returncode == 0, warm.stderr
    assert "5 from cache" in warm.stderr
    (tmp_path / "cold").mkdir()
    fresh = copy_project(tmp_path / "cold")
    write(fresh, edited)
    cold = build(fresh, tmp_path / "cold-site", **env)
    assert cold.returncode == 0, cold.stderr
    warm_files, cold_files = files_of(tmp_path / "warm-site"), files_of(tmp_path / "cold-site")
    assert warm_files.keys() == cold_files.keys()
    assert [p for p in warm_files if warm_files[p] != cold_files[p]] == []
    source = read_page(tmp_path / "warm-site/sources/002-936c4cfa7d2d837d/index.html")
    assert "hidden from topic pages" not in source.text and "edited" in source.text
    first = files_of(tmp_path / "first")
    assert first[Path("sources/002-936c4cfa7d2d837d/index.html")] != warm_files[
        Path("sources/002-936c4cfa7d2d837d/index.html")]


def test_editing_overrides_while_serving_writes_what_a_fresh_build_writes(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    write(project, EXAMPLE)
    unhide = {"replace": ["content/overrides.yml", "hide: true", "remove_topics: [diplomatic-reactions]"]}
    builds = serve(project, tmp_path / "served", [unhide])
    assert len(builds) == 2 and builds[1][0] > 0  # pages the edit did not change are reused
    source = read_page(tmp_path / "served/1/sources/002-936c4cfa7d2d837d/index.html")
    assert "hidden from topic pages" not in source.text
    assert "moved off the topic diplomatic-reactions by an analyst: a subheading" in source.text
    (tmp_path / "fresh").mkdir()
    fresh = copy_project(tmp_path / "fresh")
    shutil.copy(project / "content/overrides.yml", fresh / "content/overrides.yml")
    serve(fresh, tmp_path / "fresh-site", [])
    assert differing(tmp_path / "served/1", tmp_path / "fresh-site/0") == []


def replace_reason(entry: dict, reason: str) -> dict:
    return {**entry, "reason": reason}


def test_the_shipped_examples_apply_cleanly(tmp_path, seed_corpus):
    """The commented examples of content/overrides.yml, uncommented, are valid on the seeds."""
    lines = (ROOT / "content/overrides.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("# overrides:")
    example = "\n".join(line.removeprefix("# ") for line in lines[start:])
    path = tmp_path / "overrides.yml"
    path.write_text(example, encoding="utf-8")
    overrides = load_overrides(path)
    assert overrides.problems == () and len(overrides.entries) == 6
    _, problems = apply_to_articles(seed_corpus.articles, overrides, seed_corpus.topics)
    _, claim_problems = apply_to_claims(seed_corpus.claims, overrides, seed_corpus.articles)
    assert problems == () and claim_problems == ()


def test_corrections_are_frozen_records():
    note = Correction(1, "removed", "r", topic="troop-deployment")
    with pytest.raises(AttributeError):
        note.reason = "other"  # type: ignore[misc]
    assert replace(note, reason="s").note == "moved off the topic troop-deployment by an analyst: s"
