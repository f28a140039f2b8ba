"""What a number counts, in a language without counted nouns in figures.yml: the sentence model reads
the words around it.

A number of such a language is a figure candidate (figures.py marks it PENDING); its features are the
embedding of a window of text around it, the number marked with brackets ("… περίπου [12.000]
Βορειοκορεάτες στρατιώτες …"), and the embedding of its whole sentence. A multinomial logistic
regression says troops, casualties, shells, missiles, containers, money, other, or none (no figure:
an age, a time, a score, a number in a name). It is taught by the languages that have counted nouns:
their sentences in the labelled examples, read by figures.py's own rules (each figure its category,
every other number none), so the multilingual embedding carries the words of 13 languages to all
the others. Whose casualties a figure counts is learnt the same way from the `sides:` words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .figures import CATEGORIES, DIGIT_RUN, number_value
from .letters import DENSE
from .models import Figure, Sentence
from .topic_model import pack, unpack

NONE = "none"
LABELS = (*CATEGORIES, NONE)
SIDES = ("north-korean", "russian", "ukrainian", "civilian", "unknown")  # as figures.yml names sides
# Two windows around the number, in characters: a wide one (what the clause is about) and a narrow one
# (the counted noun right beside it; the counted noun follows the number in most languages).
WIDE = (40, 60)
NARROW = (20, 30)
C = 0.005  # the regressions' inverse regularisation (standardised features); chosen by cross-validation
UNKNOWN_AT = 0.99  # ... and its side unknown only when the side regression is that sure: the examples'
# casualties are mostly "unknown" by the sides' words, so a lower bar leaves nearly every side unknown
# (on the development set: right for 5 of 36 casualty figures at 0.5, 21 at 0.9, 31 at 0.99)
NONE_AT = 0.8  # a number is no figure when the regression gives none at least this probability (chosen on
# the development sets dev_cldr1 and dev_cldr2: recall gains more than precision loses up to here; with
# the examples of 45 languages, both sets' figures: 0.6 P 0.864 R 0.725, 0.7 0.857 / 0.746, 0.8 0.855 /
# 0.762, 0.9 0.824 / 0.777)


def window(text: str, start: int, end: int, size: tuple[int, int] = WIDE) -> str:
    """The words around text[start:end] (`size`: characters before and after, a Chinese character or
    kana counting DENSE_WEIGHT), the span marked with brackets, cut at spaces where the text has them
    (not in the middle of a word)."""
    before, after = size
    left_from = _reach(text, start, before, -1)
    left = text[left_from:start]
    if left_from > 0 and " " in left:
        left = left[left.index(" ") + 1:]
    right_to = _reach(text, end, after, 1)
    right = text[end:right_to]
    if right_to < len(text) and " " in right.strip():
        right = right[:right.rstrip().rindex(" ")]
    return f"{left}[{text[start:end]}]{right}".strip()


DENSE_WEIGHT = 3  # a character that writes a word or syllable is worth about three letters


def _reach(text: str, at: int, budget: int, step: int) -> int:
    """Where a window of `budget` from `at` ends (step -1: leftwards, 1: rightwards)."""
    limit = 0 if step < 0 else len(text)
    while budget > 0 and at != limit:
        char = text[at - 1] if step < 0 else text[at]
        budget -= DENSE_WEIGHT if DENSE.match(char) else 1
        at += step
    return at


MAX_NUMBERS = 30  # numbers of one sentence the model reads (two windows each); the rest stay undecided


def _spans(sentence: Sentence) -> list[tuple[Figure, tuple[int, int]]]:
    """The sentence's first MAX_NUMBERS pending numbers with where their digits stand (in text
    order: each is looked for after the one before)."""
    found, near = [], 0
    for figure in sentence.pending[:MAX_NUMBERS]:
        span = number_span(sentence.text, figure.words, near)
        if span is not None:
            found.append((figure, span))
            near = span[1]
    return found


def number_span(text: str, words: str, near: int = 0) -> tuple[int, int] | None:
    """Where the first run of digits of a figure's `words` stands in `text` (the first occurrence of
    the words at or after `near`)."""
    at = text.find(words, near)
    if at < 0:
        return None
    found = DIGIT_RUN.search(words)
    if found is None:
        return at, at + len(words)
    return at + found.start(), at + found.end()


@dataclass(frozen=True)
class Regression:
    """A multinomial logistic regression over standardised features."""

    outputs: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (features, outputs)
    biases: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = ((features - self.mean) / self.scale) @ self.weights + self.biases
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, features: np.ndarray, none_below: float | None = None, none: str = NONE) -> list[str]:
        """The likeliest output of each row; with `none_below`, `none` only where its probability
        reaches it (else the likeliest of the others)."""
        if not len(features):
            return []
        found = self.probabilities(features)
        if none_below is not None and none in self.outputs:
            column = self.outputs.index(none)
            others = found.copy()
            others[:, column] = -1.0
            return [none if row[column] >= none_below else self.outputs[int(alt.argmax())]
                    for row, alt in zip(found, others, strict=True)]
        return [self.outputs[i] for i in found.argmax(axis=1)]


def fit(features: np.ndarray, labels: Sequence[str], outputs: Sequence[str]) -> Regression:
    """The regression for these rows (scikit-learn; one BLAS thread, the same on every run)."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    mean = features.mean(axis=0).astype(np.float32)
    std = features.std(axis=0)
    scale = np.where(std > 0, std, 1.0).astype(np.float32)
    with threadpool_limits(limits=1):
        fitted = LogisticRegression(C=C, max_iter=3000).fit((features - mean) / scale, list(labels))
    classes = [str(c) for c in fitted.classes_]
    unknown = set(classes) - set(outputs)
    if unknown:
        raise ValueError(f"labels {sorted(unknown)} are none of {', '.join(outputs)}")
    if len(classes) == 2:  # scikit-learn keeps one column for two classes
        weights = np.hstack([-fitted.coef_.T, fitted.coef_.T])
        biases = np.array([-fitted.intercept_[0], fitted.intercept_[0]])
    else:
        weights, biases = fitted.coef_.T, fitted.intercept_
    return Regression(tuple(classes), mean, scale, weights.astype(np.float32), biases.astype(np.float32))


def windows(text: str, start: int, end: int) -> tuple[str, str]:
    """The wide and the narrow window of a number."""
    return window(text, start, end, WIDE), window(text, start, end, NARROW)


def numeric(digits: str) -> list[float]:
    """What the number itself says, in any language: its size, whether it could be a year or a day of
    the month, whether it has thousands groups or decimals."""
    value = number_value(digits)
    if value is None or not np.isfinite(value):
        return [0.0, 0.0, 0.0, 0.0, 0.0]
    whole = float(value) == int(value)
    return [float(np.log10(abs(value) + 1.0)), float(whole and 1900 <= value <= 2100 and len(digits) == 4),
            float(whole and 1 <= value <= 31), float(len(digits) > 4 and not digits.isdigit()),
            float(not whole)]


def features(wide: np.ndarray, narrow: np.ndarray, sentences: np.ndarray, numbers: Sequence[str]) -> np.ndarray:
    """A candidate's features: its windows' vectors, its sentence's, and what its digits say."""
    return np.hstack([wide, narrow, sentences, np.array([numeric(n) for n in numbers], dtype=np.float32)
                      .reshape(len(numbers), -1)]).astype(np.float32)


@dataclass(frozen=True)
class FigureModel:
    """What a candidate counts (LABELS) and, for casualties, whose (SIDES)."""

    counts: Regression
    sides: Regression | None

    def to_bytes(self) -> bytes:
        parts = {"counts": self.counts, **({"sides": self.sides} if self.sides else {})}
        meta = {name: list(r.outputs) for name, r in parts.items()}
        arrays = {f"{name}.{field}": getattr(r, field) for name, r in parts.items()
                  for field in ("mean", "scale", "weights", "biases")}
        return pack(meta, arrays)

    @staticmethod
    def from_bytes(data: bytes) -> FigureModel:
        meta, arrays = unpack(data)
        found = {name: Regression(tuple(outputs), *(arrays[f"{name}.{f}"] for f in ("mean", "scale", "weights",
                                                                                    "biases")))
                 for name, outputs in meta.items()}
        return FigureModel(found["counts"], found.get("sides"))


def decide_figures(sentences: Sequence[Sentence], sentence_vectors: np.ndarray, model: FigureModel,
                   vectors: Callable[[Sequence[str]], np.ndarray]) -> list[Sentence]:
    """The sentences with their pending numbers decided: a figure with what it counts (and, for
    casualties, whose) added to their figures, or none. `sentence_vectors` holds the first sentences'
    vectors; the numbers of a sentence past them stay undecided (on no figures page). `vectors`
    embeds the windows."""
    places = [(i, figure, span) for i, s in enumerate(sentences[:len(sentence_vectors)])
              for figure, span in _spans(s)]
    if not places:
        return list(sentences)
    texts = [windows(sentences[i].text, *span) for i, _, span in places]
    matrix = features(vectors([w for w, _ in texts]), vectors([n for _, n in texts]),
                      sentence_vectors[[i for i, _, _ in places]],
                      [sentences[i].text[a:b] for i, _, (a, b) in places])
    labels = model.counts.predict(matrix, NONE_AT)
    rows = [n for n, label in enumerate(labels) if label == "casualties"]
    sides = dict(zip(rows, model.sides.predict(matrix[rows], UNKNOWN_AT, "unknown"), strict=True)) \
        if model.sides and rows else {}
    decided: dict[int, list[Figure]] = {}
    for n, ((i, figure, _), label) in enumerate(zip(places, labels, strict=True)):
        if label != NONE:
            side = sides.get(n)
            decided.setdefault(i, []).append(replace(figure, counts=label, inferred=True,
                                                     side=None if side in (None, "unknown") else side))
    # `pending` stays: cache.unclassified drops the inferred figures, and the next classifier decides again
    return [replace(s, figures=(*s.figures, *decided[i])) if i in decided else s for i, s in enumerate(sentences)]
