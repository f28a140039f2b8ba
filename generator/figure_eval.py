"""Scoring key figures against a hand-made key (`figures:` of a YAML answer key such as
tests/data/facts/seeds_expected.yml): a figure is right when the file, the line, the value and what
it counts agree (a vague amount's value is none)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .corpus import Corpus
from .evaluate import KeyScore

Key = tuple[str, int, float | None, str]  # file, line, value, what it counts


@dataclass(frozen=True)
class FigureScore(KeyScore):
    """Figures against a key, matched on (file, line, value, what it counts)."""

    def on_lines(self, lines: set[tuple[str, int]]) -> FigureScore:
        """The score over the key's figures on `lines` only (for example the lines a page quotes)."""
        return FigureScore(self.found, frozenset(k for k in self.expected if (k[0], k[1]) in lines))


def load_key_figures(path: Path) -> list[Key]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(str(k["file"]), int(k["line"]), None if k.get("value") is None else float(k["value"]), str(k["counts"]))
            for k in data.get("figures") or []]


def score_figures(corpus: Corpus, key: Sequence[Key]) -> FigureScore:
    """The figures of `corpus` against `key`. A line cleanup sets aside as a repeated headline is
    not quoted, but the key lists its figures: each figure of the article's first line whose words
    the repeat holds too counts as found on the repeat (the reader finds it, cited, on that first
    line)."""
    found: set[tuple] = set()
    for article in corpus.published:
        for sentence in article.sentences:
            found.update((article.source.name, sentence.line, f.value, f.counts) for f in sentence.figures)
        first = article.sentences[0] if article.sentences else None
        for aside in article.set_aside:
            if first is not None and aside.reason.startswith("repeated headline"):
                found.update((article.source.name, aside.line, f.value, f.counts) for f in first.figures
                             if f.words in aside.text)
    return FigureScore(frozenset(found), frozenset(key))


def report_figures(result: FigureScore, verbose: bool = False) -> str:
    return result.report("figures", f"{len(result.expected)} figures in the key (file, line, value and what it "
                                    f"counts must agree; a repeated headline's are those of the first line it "
                                    f"repeats)", verbose, order=str)
