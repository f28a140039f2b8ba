"""The held-out facts set (issue 4): ten made-up articles in no, sv, es, it, pl, ru, ko, de, nl and
en, written and keyed by a helper who saw no code and no data files (tests/data/facts/made_up3/).
Measured once, at 8c06279, and not used to
choose words or rules. The issue asks for 0.9; the floors hold what was measured, so that a change
that loses ground here fails (see README, "Key figures" and "Timeline")."""

from __future__ import annotations

import pytest

from generator.evaluate import load_key_dates, score_dates
from generator.figure_eval import load_key_figures, score_figures
from tests.conftest import ROOT, corpus_of

HELD_OUT = ROOT / "tests/data/facts/made_up3"


@pytest.fixture(scope="module")
def corpus():
    return corpus_of(HELD_OUT)


def test_held_out_figures(corpus):
    result = score_figures(corpus, load_key_figures(HELD_OUT / "expected.yml"))
    values = {f[:3] for f in result.found} & {k[:3] for k in result.expected}
    print(f"held-out figures: precision {result.precision:.2f}, recall {result.recall:.2f}; value only: "
          f"precision {len(values) / len(result.found):.2f}, recall {len(values) / len(result.expected):.2f}")
    assert result.precision >= 0.72 and result.recall >= 0.66  # measured 0.74, 0.68


def test_held_out_dates(corpus):
    result = score_dates(corpus, load_key_dates(HELD_OUT / "expected.yml"))
    print(f"held-out dates: precision {result.precision:.2f}, recall {result.recall:.2f}, "
          f"inferred parts right {result.flags_right} of {len(result.hits)}")
    assert result.precision >= 0.74 and result.recall >= 0.70  # measured 0.77, 0.72
    assert result.flags_right == len(result.hits)
