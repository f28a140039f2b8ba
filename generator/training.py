"""Training the topic classifier at build time from the labelled examples, cached by what it depends
on: the examples' text, topics.yml (slugs, thresholds, concept terms), the embedding model and this
code. A build with the same inputs loads the model it trained before; a changed example trains a new
one. The examples' vectors go through the same store as the articles' (vectors.py)."""

from __future__ import annotations

import fcntl
import hashlib
import zipfile
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import numpy as np

from .classify import Classifier
from .embed import Backend, embed
from .examples import Example, example_files, load_examples
from .knowledge import DataError
from .models import Topic
from .topic_model import (
    DEBRIS,
    DIM,
    Neighbours,
    Network,
    TopicModel,
    document_features,
    fit_concepts,
    fit_topics,
    round_trip,
    term_features,
)
from .vectors import VectorStore, text_key

# A concept is learnt only from this many term-matched examples (and as many without).
MIN_CONCEPT_EXAMPLES = 8
# Trained models kept in the model folder besides the one being written.
KEPT_MODELS = 3

Progress = Callable[[str], None]
T = TypeVar("T")


def model_key(examples: Path, topics: Sequence[Topic], embedding: str) -> str:
    """Hash of everything a trained model depends on."""
    digest = hashlib.sha256(embedding.encode())
    # the model; how examples are read and grouped; the term matches among their features
    for module in ("topic_model.py", "examples.py", "classify.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(metadata.version("scikit-learn").encode())
    for topic in topics:  # thresholds are applied when predicting: changing one trains nothing
        digest.update(repr((topic.slug, [(c.id, sorted(c.terms.items())) for c in topic.concepts])).encode())
    for path in example_files(examples):
        digest.update(str(path.relative_to(examples)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


@contextmanager
def _locked(path: Path):
    """One process trains a model at a time (parallel test workers, two builds at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# The examples' vectors as shipped with them (`python -m generator vectors` writes it): a fresh
# checkout's first build reads them instead of embedding 10,000 sentences (about five minutes).
SHIPPED_VECTORS = "vectors.npz"


def shipped_vectors(folder: Path, model: str) -> dict[bytes, np.ndarray]:
    """The vectors shipped in the examples folder for `model`, by text key (none when absent,
    damaged or made by another model)."""
    path = folder / SHIPPED_VECTORS
    try:
        with np.load(path) as data:
            if str(data["model"]) != model:
                return {}
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError):
        return {}
    if keys.dtype != np.uint8 or keys.ndim != 2:
        return {}
    return {k.tobytes(): v for k, v in zip(keys, vectors, strict=True)}


def write_shipped_vectors(folder: Path, texts: Sequence[str], vectors: dict[str, np.ndarray], model: str) -> Path:
    """Write the examples' vectors next to them (float16, keyed like the store)."""
    chosen = sorted(dict.fromkeys(texts))
    # Keys as raw bytes in a uint8 matrix: numpy's fixed-width bytes type drops trailing NULs.
    keys = np.frombuffer(b"".join(text_key(model, t) for t in chosen), dtype=np.uint8).reshape(len(chosen), -1)
    path = folder / SHIPPED_VECTORS
    np.savez_compressed(path, model=np.array(model), keys=keys,
                        vectors=np.stack([vectors[t] for t in chosen]).astype(np.float16))
    return path


def vectors_of(texts: Sequence[str], store: VectorStore, model: Backend, progress: Progress | None = None,
               what: str = "sentences", shipped: dict[bytes, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Every text's vector, embedding (and storing) those neither the store nor `shipped` has."""
    found = store.get(texts)
    if shipped:
        taken = {t: v.astype(np.float32) for t in dict.fromkeys(texts)
                 if t not in found and (v := shipped.get(text_key(model.name, t))) is not None}
        store.put(taken)
        found.update(taken)
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    step = 512
    for start in range(0, len(missing), step):
        if progress and len(missing) > step:
            progress(f"embedding {what}: {start} of {len(missing)}")
        part = missing[start:start + step]
        new = dict(zip(part, round_trip(embed(part, model).vectors), strict=True))
        store.put(new)
        found.update(new)
    return found


def concept_names(topics: Sequence[Topic]) -> tuple[str, ...]:
    """Every concept as "<topic>/<concept>", in topics.yml's order."""
    return tuple(f"{t.slug}/{c.id}" for t in topics for c in t.concepts)


def term_languages(topics: Sequence[Topic]) -> frozenset[str]:
    """Languages that have concept terms of their own."""
    return frozenset(lang for t in topics for c in t.concepts for lang in c.terms if lang != "*")


def example_features(examples: Sequence[Example], vectors: dict[str, np.ndarray], topics: Sequence[Topic]
                     ) -> np.ndarray:
    """Features of every example: articles' sentences with their context, standalone ones alone."""
    terms, languages, names = Classifier(topics), term_languages(topics), concept_names(topics)
    found = [{f"{m.topic}/{m.concept}" for m in terms.matches(e.text, e.language)} for e in examples]
    hits = term_features(found, [e.language in languages for e in examples], names)
    features = np.zeros((len(examples), DIM * 3 + 2 * hits.shape[1]), dtype=np.float32)
    groups: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        groups.setdefault(example.group, []).append(index)
    for members in groups.values():
        members.sort(key=lambda i: examples[i].position or 0)
        features[members] = document_features(np.stack([vectors[examples[i].text] for i in members]), hits[members])
    return features


def train(examples: Sequence[Example], features: np.ndarray, topics: Sequence[Topic], embedding: str,
          source: Path) -> TopicModel:
    """Both networks, fitted on the examples."""
    outputs = [t.slug for t in topics]
    labels = np.array([[t in e.topics for t in outputs] + [e.debris] for e in examples], dtype=bool)
    for column, slug in enumerate(outputs):
        if not labels[:, column].any():
            raise DataError(f"{source}: topic {slug!r} has no labelled example")
    own = features[:, :DIM]
    unit = own / np.linalg.norm(own, axis=1, keepdims=True)
    memory = Neighbours(round_trip(unit), labels)  # as stored: a model trained now votes as one read back
    return TopicModel(fit_topics(features, labels, [*outputs, DEBRIS]),
                      _concepts(examples, features, topics), embedding, concept_names(topics), memory)


def _concepts(examples: Sequence[Example], features: np.ndarray, topics: Sequence[Topic]) -> Network | None:
    """The concept network, taught by the terms: examples whose own language's terms name a concept
    are its positives, the other examples in languages that have terms its negatives."""
    terms = Classifier(topics)
    languages = {lang for t in topics for c in t.concepts for lang in c.terms if lang != "*"}
    chosen = [i for i, e in enumerate(examples) if e.language in languages and not e.debris]
    found = [{(m.topic, m.concept) for m in terms.matches(examples[i].text, examples[i].language)} for i in chosen]
    names, columns = [], []
    for topic in topics:
        for concept in topic.concepts:
            column = [(topic.slug, concept.id) in f for f in found]
            if MIN_CONCEPT_EXAMPLES <= sum(column) <= len(column) - MIN_CONCEPT_EXAMPLES:
                names.append(f"{topic.slug}/{concept.id}")
                columns.append(column)
    if not names:
        return None
    return fit_concepts(features[chosen], np.array(columns, dtype=bool).T, names)


def trained_model(examples: Path, topics: Sequence[Topic], store: VectorStore, model: Backend,
                  folder: Path | None, progress: Progress | None = None) -> TopicModel:
    """The model for these examples and topics: from `folder` when trained before, else trained now
    (and kept there). Errors in the examples name the file and the entry."""
    return kept_model(folder, f"topic-model-{model_key(examples, topics, model.name)}.npz",
                      lambda: _train_now(examples, topics, store, model, progress), TopicModel.to_bytes,
                      TopicModel.from_bytes)


def kept_model(folder: Path | None, name: str, train: Callable[[], T], dump: Callable[[T], bytes],
               load: Callable[[bytes], T]) -> T:
    """A trained model: read from `folder`/`name` when trained before, else `train()`ed and kept
    there (one process trains at a time; a damaged file is trained again). The newest KEPT_MODELS
    of its kind (the name up to its last "-") stay: switching between two topics files trains each
    once."""
    if folder is None:
        return train()
    path = folder / name
    with _locked(folder / "training.lock"):
        if path.is_file():
            try:
                return load(path.read_bytes())
            except (OSError, ValueError, KeyError, zipfile.BadZipFile):
                pass  # damaged: train again
        trained = train()
        kind = name.rsplit("-", 1)[0]
        for old in sorted(folder.glob(f"{kind}-*.npz"), key=lambda p: p.stat().st_mtime)[:-KEPT_MODELS]:
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(dump(trained))
        tmp.replace(path)
        return trained


def _train_now(folder: Path, topics: Sequence[Topic], store: VectorStore, model: Backend,
               progress: Progress | None) -> TopicModel:
    examples = load_examples(folder, [t.slug for t in topics])
    if not examples:
        raise DataError(f"{folder}: no labelled examples (the classifier is trained on them)")
    if progress:
        progress(f"training the topic classifier on {len(examples)} examples")
    vectors = vectors_of([e.text for e in examples], store, model, progress, "examples",
                         shipped_vectors(folder, model.name))
    return train(examples, example_features(examples, vectors, topics), topics, model.name, folder)


def cross_validate(examples: Sequence[Example], features: np.ndarray, topics: Sequence[Topic], embedding: str,
                   folds: int = 5) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """Each example's topics as predicted by a model trained without its language (GroupKFold by
    language), at topics.yml's thresholds: (language, labelled, predicted) per example. This is how
    the training settings and thresholds were chosen (docs/evaluation.md)."""
    from sklearn.model_selection import GroupKFold

    languages = np.array([e.language for e in examples])
    predicted: list[frozenset[str]] = [frozenset()] * len(examples)
    outputs = [t.slug for t in topics]
    for train_rows, test_rows in GroupKFold(n_splits=folds).split(features, groups=languages):
        model = train([examples[i] for i in train_rows], features[train_rows], topics, embedding, Path("."))
        found = model.probabilities(features[test_rows])
        for row, index in enumerate(test_rows):
            debris = found[row, len(outputs)] >= 0.5
            predicted[index] = frozenset(slug for column, (slug, topic) in enumerate(zip(outputs, topics, strict=True))
                                         if not debris and found[row, column] >= topic.threshold)
    return [(e.language, e.topics, p) for e, p in zip(examples, predicted, strict=True)]
