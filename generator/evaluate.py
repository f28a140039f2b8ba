"""Precision and recall per topic, over all and per language, against hand labels.

Labels of articles: `{file: [{line, text, topics}]}` (optionally under an `articles:` key), in one
file or a folder of files (tests/data/anylang_dev/labels/<code>.yml: the file's name gives the
language). A labelled sentence is compared with the generator's sentences on the same line that
share most of its words (characters, for scripts written without spaces); one the generator set
aside or lost counts as predicted with no topic. Labelled examples (examples.py's format) can be
scored too: each article of examples is classified as one document."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .classify import Classifier
from .clean import words
from .corpus import Corpus
from .decide import SentenceModel, decide
from .examples import Example
from .letters import UNSPACED
from .models import Sentence

# Share of words two sentences must have in common to be taken for the same sentence.
_OVERLAP = 0.6


@dataclass(frozen=True)
class Label:
    file: str
    line: int
    text: str
    topics: frozenset[str]
    language: str | None = None  # from the labels file's name when labels come per language


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


def _load_label_file(path: Path, language: str | None) -> list[Label]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = data.get("articles", data) if isinstance(data, dict) else {}
    return [Label(str(name), int(e["line"]), str(e["text"]), frozenset(e.get("topics") or ()), language)
            for name, entries in files.items() for e in entries]


def load_labels(path: Path) -> list[Label]:
    """Labels of one file, or of every `<language>.yml` of a folder."""
    if path.is_dir():
        return [label for p in sorted(path.glob("*.yml")) for label in _load_label_file(p, p.stem)]
    return _load_label_file(path, None)


def _tokens(text: str) -> set[str]:
    found = set()
    for word in words(text):
        if UNSPACED.search(word) and len(word) > 1:  # no spaces between words: compared by character pairs
            found.update(word[i:i + 2] for i in range(len(word) - 1))
        else:
            found.add(word)
    return found


def predicted_topics(corpus: Corpus, label: Label) -> frozenset[str] | None:
    """Topics the generator gave the labeled sentence; None when no sentence of it was found."""
    article = corpus.by_name.get(label.file)
    if article is None:
        return None
    wanted = _tokens(label.text)
    found: set[str] = set()
    matched = False
    for sentence in article.sentences:
        if not sentence.line <= label.line <= sentence.end_line:
            continue
        tokens = _tokens(sentence.text)
        common = len(wanted & tokens)
        if wanted and tokens and (common / len(wanted) >= _OVERLAP or common / len(tokens) >= _OVERLAP):
            matched = True
            found.update(sentence.topics)
    return frozenset(found) if matched else None


@dataclass(frozen=True)
class Evaluation:
    """Predictions for labelled sentences: per-topic scores over all and per language."""

    topics: tuple[str, ...]
    pairs: tuple[tuple[str, frozenset[str], frozenset[str]], ...]  # (language, wanted, got)

    def scores(self, language: str | None = None) -> list[Score]:
        chosen = [(want, got) for lang, want, got in self.pairs if language is None or lang == language]
        return [Score(t, sum(1 for want, got in chosen if t in got and t in want),
                      sum(1 for want, got in chosen if t in got and t not in want),
                      sum(1 for want, got in chosen if t not in got and t in want)) for t in self.topics]

    @property
    def languages(self) -> list[str]:
        return sorted({lang for lang, _, _ in self.pairs})

    def weakest(self) -> tuple[str, float]:
        """The language with the lowest precision or recall on any topic, and that figure."""
        lows = {lang: min(min(s.precision, s.recall) for s in self.scores(lang)) for lang in self.languages}
        lang = min(lows, key=lows.__getitem__)
        return lang, lows[lang]

    def report(self) -> str:
        head = f"{'language':<9} {'sentences':>9} " + " ".join(f"{t[:22]:>22}" for t in self.topics)
        lines = [head, f"{'':<9} {'':>9} " + " ".join(f"{'precision / recall':>22}" for _ in self.topics)]
        for lang in [*self.languages, None]:
            count = sum(1 for p in self.pairs if lang is None or p[0] == lang)
            cells = " ".join(f"{s.precision:>10.2f} / {s.recall:<9.2f}" for s in self.scores(lang))
            lines.append(f"{lang or 'all':<9} {count:>9} {cells}")
        if self.pairs:
            lang, low = self.weakest()
            lines.append(f"weakest language: {lang} ({low:.2f})")
        return "\n".join(lines)


def score(corpus: Corpus, labels: Sequence[Label]) -> tuple[list[Score], list[Label], dict[Label, frozenset[str]]]:
    """Per-topic scores, labels with no generator sentence, and what was predicted for each label."""
    predictions: dict[Label, frozenset[str]] = {}
    unmatched = []
    for label in labels:
        found = predicted_topics(corpus, label)
        if found is None:
            unmatched.append(label)
        predictions[label] = found or frozenset()
    return evaluation(corpus, predictions).scores(), unmatched, predictions


def evaluation(corpus: Corpus, predictions: Mapping[Label, frozenset[str]]) -> Evaluation:
    """The predictions with each label's language: its labels file's, else its article's."""
    def language(label: Label) -> str:
        if label.language:
            return label.language
        article = corpus.by_name.get(label.file)
        return (article.metadata.language if article else None) or "und"

    return Evaluation(tuple(t.slug for t in corpus.topics),
                      tuple((language(lab), lab.topics, got) for lab, got in predictions.items()))


def evaluate_examples(examples: Sequence[Example], model: SentenceModel) -> Evaluation:
    """The classifier on labelled examples: each article of examples one document, in its order."""
    groups: dict[str, list[Example]] = {}
    for example in examples:
        groups.setdefault(example.group, []).append(example)
    terms = Classifier(model.topics)
    pairs = []
    for members in groups.values():
        members.sort(key=lambda e: e.position or 0)
        sentences = [Sentence(text=e.text, line=1, end_line=1, language=e.language,
                              matches=terms.matches(e.text, e.language)) for e in members]
        vectors = model.vectors([e.text for e in members])
        decided = decide(sentences, vectors, model.model, model.topics, model.settings)
        pairs += [(e.language, e.topics, frozenset(s.topics)) for e, s in zip(members, decided, strict=True)]
    return Evaluation(tuple(t.slug for t in model.topics), tuple(pairs))


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
