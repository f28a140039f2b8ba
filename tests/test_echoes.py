"""Near-identical quotes across languages (one story translated) are shown once in ranked lists,
with "also in: …" (issue "What an analyst trusts")."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from generator.echoes import echo_key
from generator.models import Attribution, Figure, Mention, Sentence
from generator.render import Renderer
from generator.views import Limits, quotes_for, ranked_quotes, shown_once

ROOT = Path(__file__).resolve().parent.parent
DUTCH, GERMAN = ("004_3a5bf95db61d80b1.txt", 20), ("000_827722a80c1387b6.txt", 12)  # "600.000 Russische soldaten"


def _sentence(text: str, *figures: Figure, entities: tuple[str, ...] = ()) -> Sentence:
    return Sentence(text, 1, 1, "en", figures=figures, entities=tuple(Mention(e, e, e, 0, 0) for e in entities))


def test_the_same_figures_about_the_same_entities_are_one_statement():
    losses = Figure("600,000", 600000, "casualties")
    assert echo_key(_sentence("a", losses)) == echo_key(_sentence("b", losses))
    assert echo_key(_sentence("a", losses)) != echo_key(_sentence("b", losses, entities=("kursk-oblast",)))
    assert echo_key(_sentence("a", Figure("600", 600, "casualties"))) != echo_key(_sentence("b", losses))
    assert echo_key(_sentence("no figure")) is None  # wording alone is never folded
    denied = replace(_sentence("b", losses), attribution=Attribution("North Korea", "denies", "denies"))
    assert echo_key(denied) != echo_key(_sentence("a", losses))  # a denial is not what it denies
    assert echo_key(_sentence("vague", Figure("Tausende", None, "troops", vague=True))) is None


def test_the_seeds_dutch_and_german_losses_are_one_quote_with_also_in(seed_corpus):
    topic = next(t for t in seed_corpus.topics if t.slug == "troop-deployment")
    quotes = ranked_quotes(topic, [q for a in seed_corpus.published for q in quotes_for(topic, a, "")])
    losses = [q for q in quotes if "casualties:600000" in (echo_key(q.sentence) or ())]
    assert sorted((q.article.source.name, q.sentence.line) for q in losses) == sorted([DUTCH, GERMAN])
    once = shown_once(quotes)
    assert len(once) == len(quotes) - 1 and losses[1] not in once
    [kept] = [q for q in once if q.sentence == losses[0].sentence]
    assert kept.also_in == (losses[1],)


def test_a_topic_pages_top_quotes_say_also_in_with_a_citation(seed_corpus):
    pages = Renderer(ROOT / "site_templates", Limits(page_quotes=5, top_quotes=60)).render_site(seed_corpus)
    top = html.unescape(pages["topics/troop-deployment/index.md"])
    german = '<a href="../../sources/000-827722a80c1387b6/#L12">German: 000_827722a80c1387b6.txt, line 12</a>'
    dutch = '<a href="../../sources/004-3a5bf95db61d80b1/#L20">Dutch: 004_3a5bf95db61d80b1.txt, line 20</a>'
    assert f"also in {german}" in top or f"also in {dutch}" in top
