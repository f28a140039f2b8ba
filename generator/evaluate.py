"""Precision and recall per topic against hand labels (tests/data/dev/seed_labels.yml and others).

A labeled sentence is compared with the generator's sentences on the same line that share most of
its words; a labeled sentence the generator set aside or lost counts as predicted with no topic."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .clean import words
from .corpus import Corpus

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
    return set(words(text))


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


@dataclass(frozen=True)
class LabeledSentence:
    language: str
    text: str
    topics: frozenset[str]


def load_sentence_set(folder: Path) -> list[LabeledSentence]:
    """Labeled sentences of a folder of `<code>.yml` files (tests/data/heldout, tests/data/tuning)."""
    result = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        language = str(data.get("language", path.stem))
        result += [LabeledSentence(language, str(e["text"]), frozenset(e.get("topics") or ()))
                   for e in data.get("sentences") or []]
    return result


@dataclass(frozen=True)
class SetScores:
    by_language: dict[str, list[Score]]  # language -> per-topic scores
    overall: list[Score]
    language_accuracy: dict[str, float]  # share of sentences whose language was identified right

    def weakest_language(self) -> str:
        return min(self.by_language, key=lambda lang: min(min(s.precision, s.recall) for s in self.by_language[lang]))


def _scores(topics: Sequence[str], pairs: Sequence[tuple[frozenset[str], frozenset[str]]]) -> list[Score]:
    return [Score(t, sum(1 for want, got in pairs if t in got and t in want),
                  sum(1 for want, got in pairs if t in got and t not in want),
                  sum(1 for want, got in pairs if t not in got and t in want)) for t in topics]


def score_sentences(sentences: Sequence[LabeledSentence], classifier: object, identifier: object,
                    disagreements: list[str] | None = None) -> SetScores:
    """Classify each sentence as the pipeline does (its language detected first) and score it;
    `disagreements`, if given, collects a line per sentence whose topics differ from its labels."""
    topics = [t.slug for t in classifier.topics]
    pairs: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    right: dict[str, list[bool]] = {}
    for sentence in sentences:
        detected = identifier.paragraph(sentence.text)
        matches = classifier.matches(sentence.text, detected)
        got = frozenset(classifier.topics_of(matches))
        if disagreements is not None and got != sentence.topics:
            why = ", ".join(f"{m.word}→{m.concept}" for m in matches)
            disagreements.append(f"{sentence.language}/{detected} want {sorted(sentence.topics)} got {sorted(got)} "
                                 f"[{why}] {sentence.text}")
        pairs.setdefault(sentence.language, []).append((sentence.topics, got))
        right.setdefault(sentence.language, []).append(detected == sentence.language)
    return SetScores(
        by_language={lang: _scores(topics, p) for lang, p in pairs.items()},
        overall=_scores(topics, [pair for p in pairs.values() for pair in p]),
        language_accuracy={lang: sum(r) / len(r) for lang, r in right.items()},
    )


def report_sentences(result: SetScores) -> str:
    topics = [s.topic for s in result.overall]
    head = f"{'language':<9} {'langid':>6} " + " ".join(f"{t[:22]:>22}" for t in topics)
    lines = [head, f"{'':<9} {'':>6} " + " ".join(f"{'precision / recall':>22}" for _ in topics)]
    for lang, scores in result.by_language.items():
        cells = " ".join(f"{s.precision:>10.2f} / {s.recall:<9.2f}" for s in scores)
        lines.append(f"{lang:<9} {result.language_accuracy[lang]:>6.2f} {cells}")
    cells = " ".join(f"{s.precision:>10.2f} / {s.recall:<9.2f}" for s in result.overall)
    lines.append(f"{'all':<9} {'':>6} {cells}")
    lines.append(f"weakest language: {result.weakest_language()}")
    return "\n".join(lines)


@dataclass(frozen=True)
class KeyDate:
    """A date of an answer key (the `dates:` section of tests/data/facts/*.yml)."""

    file: str
    line: int
    words: str
    iso: str | None  # None: not an event (impossible, or nothing to place it by)
    inferred: frozenset[str]


@dataclass(frozen=True)
class KeyScore:
    """What was found against what an answer key expects: sets of comparable tuples."""

    found: frozenset[tuple]
    expected: frozenset[tuple]

    @property
    def hits(self) -> frozenset[tuple]:
        return self.found & self.expected

    @property
    def precision(self) -> float:
        return len(self.hits) / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return len(self.hits) / len(self.expected) if self.expected else 1.0

    def report(self, name: str, note: str, verbose: bool = False, order: Callable[[tuple], object] | None = None
               ) -> str:
        """The score's row of the eval table and a line on the key; with `verbose`, every entry found
        but not keyed and keyed but not found (file:line, then the rest), sorted by `order`."""
        lines = [f"{name:<24} {self.precision:>9.3f} {self.recall:>7.3f} {len(self.hits):>4} "
                 f"{len(self.found - self.expected):>4} {len(self.expected - self.found):>4}", note]
        if verbose:
            for label, entries in (("not in the key", self.found - self.expected),
                                   ("missed", self.expected - self.found)):
                lines += [f"  {label}: {f}:{line} {' '.join(str(v) for v in rest)}"
                          for f, line, *rest in sorted(entries, key=order)]
        return "\n".join(lines)


@dataclass(frozen=True)
class DateScore(KeyScore):
    """Timeline events against a key, matched on (file, line, ISO date). Key entries without an ISO
    date are not events and count for nothing; two expressions of one line naming the same date
    are one event."""

    flags_right: int = 0  # matched events whose inferred parts (year, month, day) agree with the key


def load_key_dates(path: Path) -> list[KeyDate]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [KeyDate(str(e["file"]), int(e["line"]), str(e["words"]), None if e.get("iso") is None else str(e["iso"]),
                    frozenset(e.get("inferred") or ())) for e in (data.get("dates") or [])]


def score_dates(corpus: Corpus, key: Sequence[KeyDate]) -> DateScore:
    """The timeline of `corpus` (as the page places it) against `key`."""
    from .chronology import events_of  # only the date score needs the timeline

    inferred: dict[tuple[str, int, str], set[str]] = {}
    for article in corpus.published:
        for event in events_of(article, corpus.as_of)[0]:
            at = (article.source.name, event.sentence.line, event.iso)
            inferred[at] = inferred.get(at, set(event.inferred)) & set(event.inferred)
    # Expressions of one line naming one date are one event: what is inferred for it is what no
    # expression writes (as chronology.py counts it).
    expected: dict[tuple[str, int, str], set[str]] = {}
    for k in key:
        if k.iso is not None:
            expected[(k.file, k.line, k.iso)] = expected.get((k.file, k.line, k.iso), set(k.inferred)) & k.inferred
    flags = sum(1 for event in inferred.keys() & expected.keys() if inferred[event] == expected[event])
    return DateScore(frozenset(inferred), frozenset(expected), flags)


def report_dates(result: DateScore, verbose: bool = False) -> str:
    return result.report("dates", f"{len(result.expected)} dated events in the key; inferred parts agree on "
                                  f"{result.flags_right} of {len(result.hits)} found", verbose)
