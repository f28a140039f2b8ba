"""The classification floors on the hand-labeled seeds: a change that degrades them fails CI.

The labels follow the topic definitions (re-checked for the issue "Any language"); many seed
sentences are on a topic only through their context (Rutte's statement spread over eight
sentences, "Dies ist ein weiterer Verstoß …"). The issue asks 0.9 for every topic: not reached
yet; the floors are what the classifier measures now, rounded down (docs/evaluation.md)."""

from pathlib import Path

import pytest

from generator.evaluate import load_labels, score
from tests.helpers import assert_floor

LABELS = Path(__file__).parent / "data" / "dev" / "seed_labels.yml"
# (precision, recall) per topic
FLOORS = {"troop-deployment": (0.68, 0.81), "munitions-transfers": (0.89, 0.85), "diplomatic-reactions": (0.93, 0.88)}


@pytest.fixture(scope="module")
def scores(seed_corpus):
    return score(seed_corpus, load_labels(LABELS))


def test_every_topic_is_labeled(scores, seed_corpus):
    assert {s.topic for s in scores[0]} == {t.slug for t in seed_corpus.topics}
    assert all(s.true_positives + s.false_negatives >= 10 for s in scores[0])


@pytest.mark.parametrize("topic", ["troop-deployment", "munitions-transfers", "diplomatic-reactions"])
def test_precision_and_recall_floor(scores, topic):
    assert_floor(scores[0], topic, FLOORS)


def test_eval_command_prints_the_table(capsys):
    from conftest import SEEDS

    from generator.__main__ import main

    assert main(["eval", "--articles", str(SEEDS), "--labels", str(LABELS)]) == 0
    out = capsys.readouterr().out
    assert "troop-deployment" in out and "precision" in out
