"""No regular expression, in code or in YAML, backtracks catastrophically.

regexploit looks for exponential and cubic patterns; it does not see quadratic ones (it missed the
date pattern that took 222 s on a 100,000-letter word), so every stage also gets hostile
100,000-character strings under a hang guard: a generous 10 s timeout that catches hangs, not a
speed assertion."""

import importlib
import pkgutil
import re

import pytest
from regexploit.ast.sre import SreOpParser
from regexploit.redos import find

import generator
from generator.classify import Classifier
from generator.clean import match_line_rule, repair
from generator.dates import parse_date
from generator.entities import load_entities
from generator.escape import md_text
from generator.ingest import decode, split_lines
from generator.knowledge import load_knowledge
from generator.language import LanguageIdentifier
from generator.segment import split_sentences
from generator.topics import load_topics
from tests.conftest import ENTITIES, TOPICS

KNOWLEDGE = load_knowledge()


def all_patterns():
    found = []
    for info in pkgutil.iter_modules(generator.__path__):
        module = importlib.import_module(f"generator.{info.name}")
        found += [(f"{info.name}.{name}", value.pattern) for name, value in vars(module).items()
                  if isinstance(value, re.Pattern)]
    found += [(f"boilerplate.yml {rule.group}: {rule.reason}", rule.pattern.pattern) for rule in KNOWLEDGE.line_rules]
    return found


def test_patterns_are_collected():
    names = [name for name, _ in all_patterns()]
    assert len(names) > 50 and any(n.startswith("boilerplate.yml") for n in names)


@pytest.mark.parametrize(("name", "pattern"), all_patterns())
def test_regexploit_finds_no_redos(name, pattern):
    assert list(find(SreOpParser().parse_sre(pattern))) == [], name


HOSTILE = {
    "one long word": "a" * 100_000,
    "almost a term": "geschos" * 15_000,
    "tag openings": "<a " * 33_000,
    "day and word": "1 a" * 33_000,
    "broken entities": "& #" * 33_000,
    "pipes": "|" * 100_000,
    "words": "a " * 50_000 + "!",
    "abbreviations": "z. " * 33_000,
    "day numbers": "28. " * 25_000,
    "terms": "Soldaten Granaten " * 6_000,
    "cyrillic and hangul": "снаряд북한군" * 10_000,
    "markup": "[*_`{" * 20_000,
    "speech words and names": "sagte Rutte, er bestätigte nicht " * 3_000,
    "one long name": "Mark Rutte " * 9_000,
    "dates": "28. Oktober 2024, 1 May, heute; " * 3_000,
    "names": "NATO-Russland " * 7_000,
    "alias prefixes": "Demokratische Volksrepublik Kim Jong " * 2_700,
}
CLASSIFIER = Classifier(load_topics(TOPICS))
IDENTIFIER = LanguageIdentifier(KNOWLEDGE.languages)
DE = KNOWLEDGE.languages["de"]
ENTITY_FINDER = load_entities(ENTITIES)
STAGES = {
    "decode": lambda s: decode(s.encode("utf-8")),
    "split_lines": split_lines,
    "repair": repair,
    "line rules": lambda s: match_line_rule(s, KNOWLEDGE.line_rules, KNOWLEDGE.calendar),
    "dates": lambda s: parse_date(s, KNOWLEDGE.calendar),
    "timeline": lambda s: KNOWLEDGE.dates.find(s, "de"),
    "timeline, any language": lambda s: KNOWLEDGE.dates.find(s, None),
    "sentences": lambda s: split_sentences(s, "de", DE.abbreviations, DE.months),
    "language": IDENTIFIER.paragraph,
    "classify": lambda s: CLASSIFIER.matches(s, "de"),
    "classify, any language": lambda s: CLASSIFIER.matches(s, None),
    "escape": md_text,
    "who said it": lambda s: KNOWLEDGE.speech.find(s, "de", ()),
    "who said it, any language": lambda s: KNOWLEDGE.speech.find(s, None, ()),
    "entities": lambda s: ENTITY_FINDER.find(s, "ko"),
    "entities, any language": lambda s: ENTITY_FINDER.find(s, None),
    "entity candidates": lambda s: ENTITY_FINDER.candidates(s, "en", ENTITY_FINDER.find(s, "en")),
}


@pytest.mark.timeout(10)
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_stages_do_not_hang_on_hostile_input(stage, text):
    STAGES[stage](text)
