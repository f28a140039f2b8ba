"""Floors on the second held-out development set (tests/data/anylang_dev2: 60 made-up articles in 30
languages, written after the first set had been measured five times; never trained on, its errors
are never read, docs/evaluation.md says how often it was measured). The floors are its first
measurement, rounded down: precision about 0.8, below the issue's 0.9. A module of its own, so the
test workers measure the two sets side by side."""

from pathlib import Path

from tests.helpers import assert_floor, measure_labelled

DEV2 = Path(__file__).parent / "data" / "anylang_dev2"
FLOORS = {"troop-deployment": (0.79, 0.93), "munitions-transfers": (0.82, 0.93), "diplomatic-reactions": (0.81, 0.9)}
LANGUAGE_FLOOR = 0.4  # Hungarian munitions precision


def test_the_second_set_holds_its_floors():
    scores, unmatched, found = measure_labelled(DEV2)
    assert len(found.languages) >= 25
    # labels of lines cleanup sets aside (stamps, captions, cookie notices) match no sentence: 99 of
    # 1,502 since stamps with a month's name and a time are set aside too (session 12), 74 before
    assert len(unmatched) < 0.07 * len(found.pairs)
    for topic in FLOORS:
        assert_floor(scores, topic, FLOORS)
    language, low = found.weakest()
    assert low >= LANGUAGE_FLOOR, f"{language}: {low:.2f}"
