"""Topics per sentence from the trained classifier, with the reasons a reader is shown.

A sentence is on a topic when the topic network's probability reaches the topic's threshold and the
sentence is not page furniture (the debris output). Why it is there: the concept terms that matched
its words (classify.py) or, for a topic no term of which matched, the concepts the concept network
recognises (marked as inferred)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .embed import MAX_CHARS, MAX_SENTENCES, backend, embed
from .figure_model import FigureModel, decide_figures
from .models import Article, ClassifierSettings, Match, Problem, Sentence, Topic
from .topic_model import DEBRIS, TopicModel, document_features, round_trip, term_features
from .vectors import VectorStore

_blas: list = []  # threadpoolctl's controller, made once (it looks up the loaded libraries)


def _one_blas_thread():  # noqa: ANN202 (threadpoolctl's context manager)
    """numpy's BLAS with one thread while the classifiers score an article: the same sums in every
    process (a pool worker, the build process, a test), and no BLAS threads spinning between the
    small products (in two pool workers they doubled the article stages' CPU time, for the same wall
    time: 200 articles, 23.4 s CPU and 12.4 s wall before, 14.0 s and 14.0 s with one thread)."""
    if not _blas:
        from threadpoolctl import ThreadpoolController

        _blas.append(ThreadpoolController())
    return _blas[0].limit(limits=1, user_api="blas")

# Probabilities are kept to this many decimals: enough to rank quotes, and a vector read back from
# the store gives the same sentence record as a fresh one.
DECIMALS = 4


def decide(sentences: Sequence[Sentence], vectors: np.ndarray, model: TopicModel, topics: Sequence[Topic],
           settings: ClassifierSettings, embedded: int | None = None) -> list[Sentence]:
    """The sentences (one article, in reading order) with topics, relevance, debris and inferred
    concepts. `vectors` holds the first `embedded` sentences' vectors (all when None); the others
    were past the article's cap and get no topic."""
    count = len(sentences) if embedded is None else embedded
    if count == 0:
        return list(sentences)
    languages = frozenset(lang for t in topics for c in t.concepts for lang in c.terms if lang != "*")
    found = [{f"{m.topic}/{m.concept}" for m in s.matches if not m.inferred} for s in sentences[:count]]
    terms = term_features(found, [s.language in languages for s in sentences[:count]], model.term_names)
    features = document_features(vectors[:count], terms if model.term_names else None)
    probabilities = model.probabilities(features)
    column = {name: i for i, name in enumerate(model.topics.outputs)}
    concepts = model.concepts.probabilities(features) if model.concepts else None
    decided = []
    for row, sentence in enumerate(sentences[:count]):
        debris = bool(probabilities[row, column[DEBRIS]] >= settings.debris_threshold)
        relevance = tuple((t.slug, round(float(probabilities[row, column[t.slug]]), DECIMALS))
                          for t in topics if t.slug in column)
        on = tuple(slug for slug, value in relevance if not debris and value >= _threshold(topics, slug))
        matches = list(sentence.matches)
        if concepts is not None:
            matches += _inferred(on, sentence.matches, concepts[row], model, settings.concept_threshold)
        decided.append(replace(sentence, topics=on, relevance=relevance, debris=debris, matches=tuple(matches)))
    return decided + list(sentences[count:])


def _threshold(topics: Sequence[Topic], slug: str) -> float:
    return next(t.threshold for t in topics if t.slug == slug)


def _inferred(on: Sequence[str], matched: Sequence[Match], row: np.ndarray, model: TopicModel,
              cutoff: float) -> list[Match]:
    """Concepts the network recognises, for each topic the sentence is on whose terms matched nothing."""
    assert model.concepts is not None
    explained = {m.topic for m in matched}
    found = []
    for topic in on:
        if topic in explained:
            continue
        for name, value in sorted(zip(model.concepts.outputs, row, strict=True), key=lambda p: -p[1]):
            owner, _, concept = name.partition("/")
            if owner == topic and value >= cutoff:
                found.append(Match(topic, concept, "", "", inferred=True))
    return found


@dataclass
class SentenceModel:
    """The classifier of one build in one process: the trained model, the topics and their cutoffs,
    and where sentence vectors come from (the store, else the embedding model, loaded on first use
    with `threads` threads; what it embeds goes into the store). `embedded` and `seconds` count the
    sentences embedded and the time it took, for the build log."""

    model: TopicModel
    topics: tuple[Topic, ...]
    settings: ClassifierSettings
    store: VectorStore
    threads: int | None = None
    figures: FigureModel | None = None  # what numbers count where figures.yml has no counted nouns
    embedded: int = 0
    seconds: float = 0.0

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """A vector per text."""
        found = self.store.get(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            started = time.perf_counter()
            embedded = embed(missing, backend(self.threads))
            self.seconds += time.perf_counter() - started
            self.embedded += len(missing)
            fresh = dict(zip(missing, round_trip(embedded.vectors), strict=True))
            self.store.put(fresh)
            found.update(fresh)
        if not texts:
            return np.zeros((0, self.store.dim), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def classify(self, article: Article) -> Article:
        """The article's sentences with topics, relevance, debris and inferred concepts; problems for
        what the caps left out."""
        sentences = article.sentences
        kept = sentences[:MAX_SENTENCES]
        vectors = self.vectors([s.text for s in kept])
        capped = [i for i, s in enumerate(kept) if len(s.text) > MAX_CHARS]  # also when its vector is stored
        with _one_blas_thread():
            decided = decide(sentences, vectors, self.model, self.topics, self.settings, len(kept))
            if self.figures is not None:
                decided = decide_figures(decided, vectors, self.figures, self.vectors)
        decided = iter(decided)
        paragraphs = tuple(replace(p, sentences=tuple(next(decided) for _ in p.sentences)) for p in article.paragraphs)
        name = article.source.name
        problems = [Problem(name, f"a sentence of {len(kept[i].text):,} characters: the classifier read its "
                                  "beginning only", kept[i].line, level="info") for i in capped[:10]]
        if len(sentences) > MAX_SENTENCES:
            problems.append(Problem(name, f"{len(sentences):,} sentences: the classifier read the first "
                                          f"{MAX_SENTENCES:,}; the rest are on no topic page",
                                    sentences[MAX_SENTENCES].line))
        return replace(article, paragraphs=paragraphs, problems=(*article.problems, *problems))
