"""Thirteen languages as data: every concept has words in each, boilerplate per language, language
identification on short lines, sentence splitting and dates in each language's own notation."""

from pathlib import Path

import pytest
import yaml

from generator.clean import match_line_rule
from generator.dates import parse_date
from generator.knowledge import load_knowledge
from generator.language import LanguageIdentifier
from generator.segment import split_sentences
from generator.topics import load_topics
from tests.conftest import TOPICS

KNOWLEDGE = load_knowledge()
LANGUAGES = sorted(KNOWLEDGE.languages)
DATA = Path(__file__).parent / "data"
IDENTIFIER = LanguageIdentifier(KNOWLEDGE.languages)


def test_the_thirteen_languages_are_configured():
    assert set(LANGUAGES) == {"en", "de", "da", "nl", "no", "sv", "fr", "es", "it", "pl", "uk", "ru", "ko"}


def test_every_concept_has_words_in_every_language():
    missing = [f"{topic.slug}/{concept.id}: {lang}" for topic in load_topics(TOPICS) for concept in topic.concepts
               for lang in LANGUAGES if not concept.terms.get(lang) and not concept.terms.get("*")]
    assert not missing, "concepts lacking a language:\n" + "\n".join(missing)


def test_every_language_has_its_own_boilerplate_rules():
    groups = {rule.group for rule in KNOWLEDGE.line_rules}
    assert set(LANGUAGES) <= groups, sorted(set(LANGUAGES) - groups)


KINDS = {"navigation": "navigation", "comments": "comments", "advertisement": "advertisement",
         "notice": "cookie or subscription notice", "caption": "caption or credit"}
DEBRIS = yaml.safe_load((DATA / "newlang" / "debris.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("lang", "text", "kind"),
                         [(lang, d["text"], d["kind"]) for lang, items in DEBRIS.items() for d in items])
def test_made_up_debris_in_each_language_is_set_aside(lang, text, kind):
    hit = match_line_rule(text, KNOWLEDGE.line_rules, KNOWLEDGE.calendar)
    assert hit is not None and hit[0].reason == KINDS[kind], (lang, text)


def test_short_lines_are_identified_in_every_language():
    """Hand-written headlines and captions (tests/data/langid): 20 per language, each alone. Any of
    lingua's 75 languages may be the answer (see test_language.py): 0.94 on average, was 0.95."""
    data = yaml.safe_load((DATA / "langid" / "short_lines.yml").read_text(encoding="utf-8"))
    per_language = {lang: sum(IDENTIFIER.paragraph(line) == lang for line in lines) / len(lines)
                    for lang, lines in data.items()}
    assert set(per_language) == set(LANGUAGES)
    assert sum(per_language.values()) / len(per_language) >= 0.93, per_language
    assert min(per_language.values()) >= 0.8, per_language


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("nl", "Het gebeurde op 28 okt. 2024 in Brussel. Dat is nieuw.", "Het gebeurde op 28 okt. 2024 in Brussel."),
        ("no", "Det skjedde 28. oktober i Kursk, sa hr. Støre. Mer følger.",
         "Det skjedde 28. oktober i Kursk, sa hr. Støre."),
        ("sv", "Enligt bl.a. Seoul skickades ca. 12 000 soldater. Nytt stycke.",
         "Enligt bl.a. Seoul skickades ca. 12 000 soldater."),
        ("es", "El Sr. Albares habló el 28 de octubre. Otra frase.", "El Sr. Albares habló el 28 de octubre."),
        ("it", "Il sig. Tajani ha parlato il 28 ottobre. Altra frase.", "Il sig. Tajani ha parlato il 28 ottobre."),
        ("pl", "Wysłano m.in. ok. 10 tys. żołnierzy 28 października. Nowe zdanie.",
         "Wysłano m.in. ok. 10 tys. żołnierzy 28 października."),
        ("uk", "Це сталося 28 жовтня 2024 р. у Курській області. Нове речення.",
         "Це сталося 28 жовтня 2024 р. у Курській області."),
        ("ru", "Это произошло 13 июня, сообщил ген. Иванов. Новое предложение.",
         "Это произошло 13 июня, сообщил ген. Иванов."),
        ("ko", "북한군이 2024년 10월 28일 쿠르스크에 배치됐다. 국정원이 밝혔다.",
         "북한군이 2024년 10월 28일 쿠르스크에 배치됐다."),
    ],
)
def test_sentences_in_each_language(lang, text, first):
    known = KNOWLEDGE.languages[lang]
    start, end = split_sentences(text, lang, known.abbreviations, known.months)[0]
    assert text[start:end] == first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28 okt. 2024", "2024-10-28"),
        ("13 июня 2024", "2024-06-13"),
        ("28 жовтня 2024", "2024-10-28"),
        ("28 października 2024", "2024-10-28"),
        ("28 de octubre de 2024", "2024-10-28"),
        ("il 28 ottobre 2024", "2024-10-28"),
        ("28. oktober 2024", "2024-10-28"),
        ("2024년 10월 28일", "2024-10-28"),
        ("28 septembre 2024", "2024-09-28"),
        ("2024년 2월 30일", None),
    ],
)
def test_dates_in_each_language(text, expected):
    assert parse_date(text, KNOWLEDGE.calendar) == expected
