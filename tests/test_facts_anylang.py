"""Figures and dates in languages without hand-written data (issue 18): the development set
tests/data/facts/dev_cldr1/ (el tr ja ar hi fi vi fa) and dev_cldr2/ (zh pt he th hu lt sr et),
made-up articles written and keyed by two helpers who saw no code and no data file, committed
(3615434) before any program ran on them. Figures are read with CLDR's words and the sentence model
(figure_model.py), dates with CLDR's calendar words (timeline.py). The floors hold what was measured
at the end of session 11 (docs/facts.md), so a change that loses ground here fails; the issue asks
0.85, which these do not reach yet. The held-out set (heldout_cldr1, heldout_cldr2) is never
scored in a test: its misses are not to be read."""

from __future__ import annotations

import pytest

from generator.evaluate import load_key_dates, score_dates
from generator.figure_eval import load_key_figures, score_figures
from tests.conftest import ROOT, corpus_of

FACTS = ROOT / "tests/data/facts"
# set: (figures precision, recall), (dates precision, recall), a little under what was measured
FLOORS = {
    "dev_cldr1": ((0.78, 0.64), (0.75, 0.66)),  # measured 0.810 / 0.667, dates 0.786 / 0.688
    "dev_cldr2": ((0.80, 0.65), (0.75, 0.49)),  # measured 0.825 / 0.680, dates 0.778 / 0.515
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figures_and_dates_in_languages_without_data(name):
    folder = FACTS / name
    corpus = corpus_of(folder)
    (fig_p, fig_r), (date_p, date_r) = FLOORS[name]
    figures = score_figures(corpus, load_key_figures(folder / "expected.yml"))
    dates = score_dates(corpus, load_key_dates(folder / "expected.yml"))
    print(f"{name}: figures {figures.precision:.3f} / {figures.recall:.3f}, dates {dates.precision:.3f} / "
          f"{dates.recall:.3f}")
    assert figures.precision >= fig_p and figures.recall >= fig_r, (figures.precision, figures.recall)
    assert dates.precision >= date_p and dates.recall >= date_r, (dates.precision, dates.recall)
