"""The topic classifier's networks and features (numpy only to predict; scikit-learn only to train).

Features of a sentence come from sentence embeddings, so any language the embedding model knows is
covered: its own vector, the mean of its neighbours' (the sentences before and after it in the
article: "The men were issued Russian uniforms" after a sentence naming North Korean soldiers), and
the article's first sentence (its headline). A standalone example is its own neighbour and headline.
Where the sentence's language has concept terms (topics.yml), the concepts they match in it and in
its neighbours are features too, with a flag saying the language has terms: the network learns to
use them there and to do without them elsewhere (cross-validated by language, they add about two
points of F1 in the languages with terms and change nothing in the others).

Two networks and a memory:
- `topics`: one output per topic and one for page debris (bylines, captions, credits, menus, notices,
  timestamps), a multi-label network with one hidden layer, trained on the labelled examples;
- `neighbours`: the examples' own vectors and labels; a sentence's K most similar examples vote
  (weighted by similarity), and the vote is averaged with the network's probability (cross-validated
  by language on the examples, the average adds one to two points of F1 per topic over the network
  alone);
- `concepts`: one output per concept, a logistic regression on the sentence's own vector, taught by
  the concepts' terms (an example whose own language's terms name a concept is one of its
  positives). It names the concepts that explain a quote no term matched: a Greek sentence gets
  "missiles" without Greek terms."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DEBRIS = "debris"
DIM = 384  # the embedding's dimension: the sentence's own vector is the features' first DIM columns


def round_trip(vectors: np.ndarray) -> np.ndarray:
    """Vectors as the store keeps them (float16), so a fresh embedding and a stored one classify alike."""
    return np.asarray(vectors, dtype=np.float16).astype(np.float32)


def _neighbours(rows: np.ndarray) -> np.ndarray:
    """The mean of each row's neighbours (the one neighbour at either end; itself when alone)."""
    if len(rows) < 2:
        return rows
    padded = np.vstack([rows[1:2], rows, rows[-2:-1]])  # an end's missing neighbour: its other one
    return (padded[:-2] + padded[2:]) / 2


def document_features(vectors: np.ndarray, terms: np.ndarray | None = None) -> np.ndarray:
    """Features of each sentence of one document (rows in reading order): the sentence, the mean of
    its neighbours, the first sentence; then, when given, its term features (term_features) and
    their neighbours' mean."""
    headline = np.repeat(vectors[:1], len(vectors), axis=0)
    parts = [vectors, _neighbours(vectors), headline]
    if terms is not None:
        parts += [terms, _neighbours(terms)]
    return np.hstack(parts).astype(np.float32)


def term_features(found: Sequence[set[str]], has_terms: Sequence[bool], names: Sequence[str]) -> np.ndarray:
    """One column per concept ("<topic>/<concept>": 1 where a term of it matched) and a last one
    saying whether the sentence's language has terms at all."""
    columns = {name: i for i, name in enumerate(names)}
    rows = np.zeros((len(found), len(names) + 1), dtype=np.float32)
    for row, (concepts, has) in enumerate(zip(found, has_terms, strict=True)):
        for concept in concepts:
            if concept in columns:
                rows[row, columns[concept]] = 1.0
        rows[row, -1] = float(has)
    return rows


@dataclass(frozen=True)
class Network:
    """Standardised features, optional hidden ReLU layers, one sigmoid output per name."""

    outputs: tuple[str, ...]
    columns: int  # reads the first `columns` feature columns
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # (weights, biases); the last gives the outputs

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """(rows, outputs) probabilities."""
        values = (features[:, :self.columns] - self.mean) / self.scale
        for number, (weights, biases) in enumerate(self.layers):
            values = values @ weights + biases
            if number < len(self.layers) - 1:
                values = np.maximum(values, 0.0)
        return 1.0 / (1.0 + np.exp(-np.clip(values, -30, 30)))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        found = {f"{prefix}mean": self.mean, f"{prefix}scale": self.scale}
        for number, (weights, biases) in enumerate(self.layers):
            found[f"{prefix}w{number}"], found[f"{prefix}b{number}"] = weights, biases
        return found

    @staticmethod
    def from_arrays(arrays: dict[str, np.ndarray], prefix: str, outputs: Sequence[str], columns: int,
                    layers: int) -> Network:
        return Network(tuple(outputs), columns, arrays[f"{prefix}mean"], arrays[f"{prefix}scale"],
                       tuple((arrays[f"{prefix}w{i}"], arrays[f"{prefix}b{i}"]) for i in range(layers)))


# The examples' vote: how many of the most similar examples vote, how sharply similarity weighs
# (softmax temperature over cosine similarities), and the vote's share of the probability.
NEIGHBOURS = 15
SHARPNESS = 50.0
VOTE_SHARE = 0.5


@dataclass(frozen=True)
class Neighbours:
    """The examples' own vectors (L2-normalised) and labels, one column per output of `topics`."""

    vectors: np.ndarray  # (examples, DIM); float16 on disk, float32 once loaded
    labels: np.ndarray  # bool, (examples, outputs)

    def vote(self, features: np.ndarray) -> np.ndarray:
        """(rows, outputs): the similarity-weighted share of the nearest examples that have each label."""
        own = features[:, :DIM]
        own = own / np.maximum(np.linalg.norm(own, axis=1, keepdims=True), 1e-12)
        similarity = own @ self.vectors.T
        count = min(NEIGHBOURS, similarity.shape[1])
        nearest = np.argpartition(-similarity, count - 1, axis=1)[:, :count]
        weights = np.exp((np.take_along_axis(similarity, nearest, axis=1) - 1.0) * SHARPNESS)
        weights /= weights.sum(axis=1, keepdims=True)
        return np.einsum("nk,nkj->nj", weights, self.labels[nearest].astype(np.float32))


@dataclass(frozen=True)
class TopicModel:
    """The trained networks, the examples' memory, and the embedding model they were trained on."""

    topics: Network  # topic slugs and DEBRIS
    concepts: Network | None  # "<topic>/<concept>" names; None when no concept has enough term examples
    embedding: str
    term_names: tuple[str, ...] = ()  # the concepts whose term hits are features, in column order
    neighbours: Neighbours | None = None

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """(rows, outputs of `topics`): the network's probability, averaged with the examples' vote."""
        found = self.topics.probabilities(features)
        if self.neighbours is None or not len(features):
            return found
        return (1 - VOTE_SHARE) * found + VOTE_SHARE * self.neighbours.vote(features)

    def to_bytes(self) -> bytes:
        nets = {"topics": self.topics, **({"concepts": self.concepts} if self.concepts else {})}
        meta = {"embedding": self.embedding, "term_names": list(self.term_names),
                "networks": {name: {"outputs": list(n.outputs), "columns": n.columns, "layers": len(n.layers)}
                             for name, n in nets.items()}}
        arrays = {k: v for name, n in nets.items() for k, v in n.arrays(f"{name}.").items()}
        if self.neighbours is not None:
            arrays["neighbours.vectors"] = self.neighbours.vectors.astype(np.float16)
            arrays["neighbours.labels"] = self.neighbours.labels
        return pack(meta, arrays)

    @staticmethod
    def from_bytes(data: bytes) -> TopicModel:
        meta, arrays = unpack(data)
        nets = {name: Network.from_arrays(arrays, f"{name}.", m["outputs"], m["columns"], m["layers"])
                for name, m in meta["networks"].items()}
        neighbours = (Neighbours(arrays["neighbours.vectors"].astype(np.float32), arrays["neighbours.labels"])
                      if "neighbours.vectors" in arrays else None)
        return TopicModel(nets["topics"], nets.get("concepts"), meta["embedding"], tuple(meta["term_names"]),
                          neighbours)


def pack(meta: dict, arrays: dict[str, np.ndarray]) -> bytes:
    """A trained model as bytes: its arrays, and `meta` (JSON) beside them (an .npz archive)."""
    buffer = io.BytesIO()
    np.savez(buffer, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), **arrays)
    return buffer.getvalue()


def unpack(data: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """What `pack` wrote: the meta and the arrays."""
    with np.load(io.BytesIO(data)) as stored:
        arrays = {k: stored[k] for k in stored.files if k != "meta"}
        meta = json.loads(stored["meta"].tobytes().decode())
    return meta, arrays


# Training settings, chosen by cross-validation on the examples grouped by language (docs/evaluation.md):
HIDDEN = 256  # units of the topic network's hidden layer
ALPHA = 3.0  # its L2 penalty
CONCEPT_C = 0.01  # the concept regressions' inverse regularisation (standardised features)


def _scaler(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    return mean.astype(np.float32), np.where(scale > 0, scale, 1.0).astype(np.float32)


def fit_topics(features: np.ndarray, labels: np.ndarray, outputs: Sequence[str]) -> Network:
    """The multi-label topic network (scikit-learn's MLPClassifier), the same on every run: a fixed
    seed, and one BLAS thread (sums in another order stop early stopping at another epoch)."""
    from sklearn.neural_network import MLPClassifier
    from threadpoolctl import threadpool_limits

    mean, scale = _scaler(features)
    fitted = MLPClassifier((HIDDEN,), alpha=ALPHA, max_iter=300, early_stopping=True, random_state=0)
    with threadpool_limits(limits=1):
        fitted.fit((features - mean) / scale, labels.astype(bool))
    layers = tuple((w.astype(np.float32), b.astype(np.float32)) for w, b in zip(fitted.coefs_, fitted.intercepts_,
                                                                                 strict=True))
    return Network(tuple(outputs), features.shape[1], mean, scale, layers)


def fit_concepts(features: np.ndarray, labels: np.ndarray, outputs: Sequence[str]) -> Network:
    """One logistic regression per concept, on the sentence's own vector."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    own = features[:, :DIM]
    mean, scale = _scaler(own)
    standard = (own - mean) / scale
    weights, biases = [], []
    with threadpool_limits(limits=1):
        for column in range(labels.shape[1]):
            fitted = LogisticRegression(C=CONCEPT_C, max_iter=3000).fit(standard, labels[:, column])
            weights.append(fitted.coef_[0])
            biases.append(fitted.intercept_[0])
    layer = (np.array(weights, dtype=np.float32).T, np.array(biases, dtype=np.float32))
    return Network(tuple(outputs), DIM, mean, scale, (layer,))
