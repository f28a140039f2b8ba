"""The held-out facts set (issue 4): tests/data/facts/made_up6/, thirteen made-up articles (ko, da,
de, en, uk, pl, ru, es, no, sv, it, nl, fr), written and keyed by a helper who saw no code and no
data files, committed before any program ran on them (fb96cb0), and not used to choose words or
rules: its misses are never listed. Measured four times in session 8: at 600e97f, before that
session's changes (figures 0.85 / 0.79, dates 0.90 / 0.82); at 9ead396, after tuning on made_up3,
made_up4 and made_up5 (figures 0.87 / 0.84, dates 0.93 / 0.92); and at 1008826, after tuning on
made_up7 (figures 0.869 / 0.848, value alone 0.93 / 0.90; dates 0.927 / 0.916); and once more at
the final code, after a review's fixes for false figures on ordinary text (figures 0.861 / 0.840,
dates 0.927 / 0.916). The floors hold
what was measured, so that a change that loses ground here fails. made_up4/, held out in session 7,
is a development set now (tests/test_facts_dev.py holds the issue's 0.9 on every development set)."""

from __future__ import annotations

import pytest

from generator.evaluate import load_key_dates, score_dates
from generator.figure_eval import load_key_figures, score_figures
from tests.conftest import ROOT, corpus_of

HELD_OUT = ROOT / "tests/data/facts/made_up6"


@pytest.fixture(scope="module")
def corpus():
    return corpus_of(HELD_OUT)


def test_held_out_figures(corpus):
    result = score_figures(corpus, load_key_figures(HELD_OUT / "expected.yml"))
    values = {f[:3] for f in result.found} & {k[:3] for k in result.expected}
    print(f"held-out figures: precision {result.precision:.2f}, recall {result.recall:.2f}; value only: "
          f"precision {len(values) / len(result.found):.2f}, recall {len(values) / len(result.expected):.2f}")
    assert result.precision >= 0.85 and result.recall >= 0.83  # measured 0.861, 0.840


def test_held_out_dates(corpus):
    result = score_dates(corpus, load_key_dates(HELD_OUT / "expected.yml"))
    print(f"held-out dates: precision {result.precision:.2f}, recall {result.recall:.2f}, "
          f"inferred parts right {result.flags_right} of {len(result.hits)}")
    # Measured 0.927 / 0.916 in session 8. Session 11 (issue 18): a line of a date and a time alone
    # ("14/04/2025 09:32") is the page's stamp, the article's date, and no event, as issue 18 asks;
    # this key, older, keys one such line as an event: 0.92 / 0.896 with the rule, 0.92 / 0.91 without
    # (measured once each way; its misses were not listed). Session 12: a stamp of a date with a month's
    # name and a time is a stamp too; the key's three stamp lines are commented out as made_up3's and
    # made_up4's are (a stamp is no event, issue 18): 0.917 / 0.892.
    assert result.precision >= 0.9 and result.recall >= 0.89
    assert result.flags_right == len(result.hits)
