"""The development set of issue 4: the made-up article sets in tests/data/facts/ that words and rules
were tuned on, each keyed by a helper who saw no code. `python -m generator eval --facts-only` scores
any of them; the issue's floor of 0.9 holds for figures and dates on every one. The held-out set
(never tuned on) is scored in test_held_out_facts.py.

| set | languages | history |
| --- | --- | --- |
| made_up | en es it ko no pl ru uk | figures first measured 0.75 / 0.70 (session 2) |
| made_up2 | de da nl fr sv en uk ko | held out, 0.82 / 0.78 (session 5) |
| made_up3 | 10 languages | held out in session 6: figures 0.74 / 0.68, dates 0.77 / 0.72 |
| made_up4 | 10 languages | held out in session 7: figures 0.88 / 0.76, dates 0.90 / 0.70 |
| made_up5 | 13 languages | first run 0.80 / 0.70, dates 0.94 / 0.73 (session 7) |
| made_up7 | 13 languages, figure-heavy | first run 0.92 / 0.80, dates 0.91 / 0.88 (session 8) |
"""

from __future__ import annotations

import pytest

from generator.evaluate import load_key_dates, score_dates
from generator.figure_eval import load_key_figures, score_figures
from tests.conftest import ROOT, corpus_of

FACTS = ROOT / "tests/data/facts"
FLOOR = 0.9
SETS = ["made_up", "made_up2", "made_up3", "made_up4", "made_up5", "made_up7"]


@pytest.mark.parametrize("name", SETS)
def test_figures_and_dates_of_each_development_set(name):
    folder = FACTS / name
    corpus = corpus_of(folder)
    figures = score_figures(corpus, load_key_figures(folder / "expected.yml"))
    print(f"{name} figures: precision {figures.precision:.2f}, recall {figures.recall:.2f}")
    assert figures.precision >= FLOOR and figures.recall >= FLOOR, (figures.precision, figures.recall)
    key = load_key_dates(folder / "expected.yml")
    if key:
        dates = score_dates(corpus, key)
        print(f"{name} dates: precision {dates.precision:.2f}, recall {dates.recall:.2f}")
        assert dates.precision >= FLOOR and dates.recall >= FLOOR, (dates.precision, dates.recall)
        assert dates.flags_right == len(dates.hits)
