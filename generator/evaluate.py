"""Precision and recall per topic against hand labels (tests/data/dev/seed_labels.yml and others).

A labeled sentence is compared with the generator's sentences on the same line that share most of
its words; a labeled sentence the generator set aside or lost counts as predicted with no topic."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .corpus import Corpus

_WORD = re.compile(r"\w+")
# Share of words two sentences must have in common to be taken for the same sentence.
_OVERLAP = 0.6


@dataclass(frozen=True)
class Label:
    file: str
    line: int
    text: str
    topics: frozenset[str]


@dataclass(frozen=True)
class Score:
    topic: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0


def load_labels(path: Path) -> list[Label]:
    """Labels as {file: [{line, text, topics}]}, optionally under an `articles:` key."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = data.get("articles", data) if isinstance(data, dict) else {}
    return [Label(str(name), int(e["line"]), str(e["text"]), frozenset(e.get("topics") or ()))
            for name, entries in files.items() for e in entries]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def predicted_topics(corpus: Corpus, label: Label) -> frozenset[str] | None:
    """Topics the generator gave the labeled sentence; None when no sentence of it was found."""
    article = next((a for a in corpus.articles if a.source.name == label.file), None)
    if article is None:
        return None
    wanted = _words(label.text)
    found: set[str] = set()
    matched = False
    for sentence in article.sentences:
        if not sentence.line <= label.line <= sentence.end_line:
            continue
        words = _words(sentence.text)
        common = len(wanted & words)
        if wanted and words and (common / len(wanted) >= _OVERLAP or common / len(words) >= _OVERLAP):
            matched = True
            found.update(sentence.topics)
    return frozenset(found) if matched else None


def score(corpus: Corpus, labels: Sequence[Label]) -> tuple[list[Score], list[Label], dict[Label, frozenset[str]]]:
    """Per-topic scores, labels with no generator sentence, and what was predicted for each label."""
    predictions: dict[Label, frozenset[str]] = {}
    unmatched = []
    for label in labels:
        found = predicted_topics(corpus, label)
        if found is None:
            unmatched.append(label)
        predictions[label] = found or frozenset()
    scores = []
    for topic in corpus.topics:
        tp = sum(1 for lab, p in predictions.items() if topic.slug in p and topic.slug in lab.topics)
        fp = sum(1 for lab, p in predictions.items() if topic.slug in p and topic.slug not in lab.topics)
        fn = sum(1 for lab, p in predictions.items() if topic.slug not in p and topic.slug in lab.topics)
        scores.append(Score(topic.slug, tp, fp, fn))
    return scores, unmatched, predictions


def report(scores: Sequence[Score], unmatched: Sequence[Label],
           predictions: Mapping[Label, frozenset[str]], verbose: bool = False) -> str:
    lines = [f"{'topic':<24} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for s in scores:
        lines.append(f"{s.topic:<24} {s.precision:>9.3f} {s.recall:>7.3f} "
                     f"{s.true_positives:>4} {s.false_positives:>4} {s.false_negatives:>4}")
    lines.append(f"{len(predictions)} labeled sentences, {len(unmatched)} not found among the generator's sentences")
    if verbose:
        for label, predicted in predictions.items():
            if predicted != label.topics:
                lines.append(f"  {label.file}:{label.line} expected {sorted(label.topics)} got {sorted(predicted)}"
                             f"  {label.text[:90]!r}")
        lines.extend(f"  not found: {lab.file}:{lab.line} {lab.text[:90]!r}" for lab in unmatched)
    return "\n".join(lines)
