"""Floors on the held-out development set (tests/data/anylang_dev: 84 made-up articles in 28
languages, never trained on; its errors are never read, docs/evaluation.md says how often it was
measured; the second set is in test_anylang_dev2.py). The issue "Any language" asks 0.9 precision
and recall per topic and 0.75 in every language: the floors are what measurement 5 found, rounded
down, so a change that loses ground fails CI; where they are below the target the target is not met
(troop precision 0.900 sits on the target; the floor under it is 0.89)."""

from pathlib import Path

import pytest

from tests.helpers import assert_floor, measure_labelled

DEV = Path(__file__).parent / "data" / "anylang_dev"
# (precision, recall) per topic over every language
FLOORS = {"troop-deployment": (0.89, 0.97), "munitions-transfers": (0.9, 0.96), "diplomatic-reactions": (0.92, 0.92)}
# the lowest precision or recall of any topic in any one language (measurement 5: 0.65, Ukrainian
# diplomatic recall)
LANGUAGE_FLOOR = 0.64


@pytest.fixture(scope="module")
def measured():
    return measure_labelled(DEV)


def test_the_set_covers_25_languages_and_every_topic(measured):
    scores, unmatched, found = measured
    assert len(found.languages) >= 25
    assert all(s.true_positives + s.false_negatives >= 300 for s in scores)
    assert len(unmatched) < 0.12 * len(found.pairs)  # labels the generator's sentences do not match


@pytest.mark.parametrize("topic", sorted(FLOORS))
def test_precision_and_recall_floor_over_all(measured, topic):
    assert_floor(measured[0], topic, FLOORS)


def test_no_language_falls_below_the_floor(measured):
    language, low = measured[2].weakest()
    assert low >= LANGUAGE_FLOOR, f"{language}: {low:.2f}"
