"""The classification floor on the hand-labeled seeds: a change that degrades it fails CI."""

from pathlib import Path

import pytest

from generator.evaluate import load_labels, score

LABELS = Path(__file__).parent / "data" / "dev" / "seed_labels.yml"
FLOOR = 0.9


@pytest.fixture(scope="module")
def scores(seed_corpus):
    return score(seed_corpus, load_labels(LABELS))


def test_every_topic_is_labeled(scores, seed_corpus):
    assert {s.topic for s in scores[0]} == {t.slug for t in seed_corpus.topics}
    assert all(s.true_positives + s.false_negatives >= 10 for s in scores[0])


@pytest.mark.parametrize("topic", ["troop-deployment", "munitions-transfers", "diplomatic-reactions"])
def test_precision_and_recall_floor(scores, topic):
    s = next(s for s in scores[0] if s.topic == topic)
    assert s.precision >= FLOOR, f"{topic} precision {s.precision:.3f}"
    assert s.recall >= FLOOR, f"{topic} recall {s.recall:.3f}"


def test_eval_command_prints_the_table(capsys):
    from generator.__main__ import main

    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    assert "troop-deployment" in out and "precision" in out
