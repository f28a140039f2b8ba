"""The held-out facts set (issue 4): tests/data/facts/made_up4/, ten made-up articles in da, nl, ko,
fr, uk, es, en, de, no and it, written and keyed by a helper who saw no code and no data files,
committed before any program ran on them, and not used to choose words or rules (its misses were
never listed). Measured three times in session 7: at 237e4c9 before that session's changes (figures
0.88 / 0.73, dates 0.85 / 0.65), at 2ebc688 after tuning on made_up3 (0.89 / 0.74, 0.90 / 0.69) and
at dc28ce4 after tuning on made_up5 (0.88 / 0.76, value alone 0.97 / 0.84; dates 0.90 / 0.70).
The issue asks for 0.9; the floors hold what
was measured, so that a change that loses ground here fails (see README, "Key figures" and
"Timeline"). made_up3/, held out in session 6, is a tuning set now (tests/test_figures.py and
test_timeline.py score it with the other tuning sets)."""

from __future__ import annotations

import pytest

from generator.evaluate import load_key_dates, score_dates
from generator.figure_eval import load_key_figures, score_figures
from tests.conftest import ROOT, corpus_of

HELD_OUT = ROOT / "tests/data/facts/made_up4"


@pytest.fixture(scope="module")
def corpus():
    return corpus_of(HELD_OUT)


def test_held_out_figures(corpus):
    result = score_figures(corpus, load_key_figures(HELD_OUT / "expected.yml"))
    values = {f[:3] for f in result.found} & {k[:3] for k in result.expected}
    print(f"held-out figures: precision {result.precision:.2f}, recall {result.recall:.2f}; value only: "
          f"precision {len(values) / len(result.found):.2f}, recall {len(values) / len(result.expected):.2f}")
    assert result.precision >= 0.87 and result.recall >= 0.74  # measured 0.884, 0.762


def test_held_out_dates(corpus):
    result = score_dates(corpus, load_key_dates(HELD_OUT / "expected.yml"))
    print(f"held-out dates: precision {result.precision:.2f}, recall {result.recall:.2f}, "
          f"inferred parts right {result.flags_right} of {len(result.hits)}")
    assert result.precision >= 0.88 and result.recall >= 0.69  # measured 0.905, 0.704
    assert result.flags_right == len(result.hits)
