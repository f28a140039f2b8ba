"""Figures and dates in languages without hand-written data (issue 18): the development set
tests/data/facts/dev_cldr1/ (el tr ja ar hi fi vi fa) and dev_cldr2/ (zh pt he th hu lt sr et),
made-up articles written and keyed by two helpers who saw no code and no data file, committed
(3615434) before any program ran on them. Figures are read with CLDR's words and the sentence model
(figure_model.py), dates with CLDR's calendar words (timeline.py). The floors hold what was measured
at the end of session 12 (docs/facts.md), so a change that loses ground here fails; the issue asks
0.85, which these do not reach yet. The held-out set (heldout_cldr1, heldout_cldr2) is never
scored in a test: its misses are not to be read."""

from __future__ import annotations

import pytest
import yaml

from generator.evaluate import load_key_dates, score_dates
from generator.figure_eval import load_key_figures, score_figures
from generator.figures import whose
from generator.knowledge import load_knowledge
from tests.conftest import ROOT, corpus_of

FACTS = ROOT / "tests/data/facts"
# set: (figures precision, recall), (dates precision, recall), a little under what was measured
FLOORS = {
    "dev_cldr1": ((0.83, 0.70), (0.80, 0.75)),  # measured 0.854 / 0.729, dates 0.833 / 0.781 (session 12)
    "dev_cldr2": ((0.83, 0.77), (0.88, 0.77)),  # measured 0.856 / 0.794, dates 0.915 / 0.794
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
    right, found = _sides(corpus, folder / "expected.yml")
    print(f"{name}: whose casualties right for {right} of {found} casualty figures found")
    assert right >= 0.8 * found  # measured 17 of 19 (dev_cldr1), 18 of 20 (dev_cldr2)


def _sides(corpus, key_file) -> tuple[int, int]:
    """How many casualty figures found (file, line and value as keyed) have the key's side."""
    rules = load_knowledge().figures.rules
    key = yaml.safe_load(key_file.read_text(encoding="utf-8"))["figures"]
    wanted = {(k["file"], int(k["line"]), float(k["value"])): (k.get("side") or "unknown").replace("_", "-")
              for k in key if k["counts"] == "casualties" and k.get("value") is not None}
    right = found = 0
    for article in corpus.published:
        for sentence in article.sentences:
            for figure in sentence.figures:
                at = (article.source.name, sentence.line, figure.value)
                if figure.counts == "casualties" and at in wanted:
                    side = figure.side or whose(rules, figure, sentence.text, sentence.language) or "unknown"
                    found += 1
                    right += side == wanted[at]
    return right, found
