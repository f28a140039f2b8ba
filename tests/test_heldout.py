"""The held-out set (tests/data/heldout): 13 languages, written by people who never saw topics.yml,
committed before the terms, never used to choose them. It measures; seeds and tuning sets tune.

The issue's target is 0.85 precision and recall per topic over all languages and 0.7 in each
language. First session (three measurements): troop 0.86/0.86, munitions 0.86/0.96, diplomacy
0.87/0.83, German diplomacy recall 0.50. Seventh session, one measurement after the diplomatic terms
of de, nl, da, en, fr were widened from knowledge and tuned on tests/data/tuning3: troop 0.864/0.864,
munitions 0.859/0.959, diplomacy 0.853/0.881 (0.858/0.881 once review removed terms that
misfire); lowest in one language 0.71 (Danish diplomacy recall).
The floors are the issue's targets; raise terms on the tuning sets, never by reading these sentences."""

from pathlib import Path

import pytest

from generator.classify import Classifier
from generator.evaluate import load_sentence_set, score_sentences
from generator.knowledge import load_knowledge
from generator.language import LanguageIdentifier
from generator.topics import load_topics
from tests.conftest import TOPICS

HELDOUT = Path(__file__).parent / "data" / "heldout"
FLOOR = 0.85
LANGUAGE_FLOOR = 0.7
LANGUAGE_ID_FLOOR = 0.9


@pytest.fixture(scope="module")
def result():
    classifier = Classifier(load_topics(TOPICS))
    return score_sentences(load_sentence_set(HELDOUT), classifier, LanguageIdentifier(load_knowledge().languages))


def test_the_set_covers_thirteen_languages_and_every_topic(result):
    assert len(result.by_language) == 13
    for lang, scores in result.by_language.items():
        assert all(s.true_positives + s.false_negatives >= 6 for s in scores), lang


@pytest.mark.parametrize("topic", ["troop-deployment", "munitions-transfers", "diplomatic-reactions"])
def test_floor_per_topic_over_all_languages(result, topic):
    score = next(s for s in result.overall if s.topic == topic)
    weakest = result.weakest_language()
    assert score.precision >= FLOOR, f"{topic} precision {score.precision:.2f} (weakest language: {weakest})"
    assert score.recall >= FLOOR, f"{topic} recall {score.recall:.2f} (weakest language: {weakest})"


def test_floor_per_topic_in_each_language(result):
    low = [(lang, s.topic, round(s.precision, 2), round(s.recall, 2)) for lang, scores in result.by_language.items()
           for s in scores if min(s.precision, s.recall) < LANGUAGE_FLOOR]
    assert not low, low


def test_language_identification_per_language(result):
    assert all(acc >= LANGUAGE_ID_FLOOR for acc in result.language_accuracy.values()), result.language_accuracy
