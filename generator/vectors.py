"""Sentence vectors kept between builds, keyed by the embedding model and the sentence's text, so a
warm build, a one-article rebuild or a change of topics.yml embeds only sentences never seen before.

One SQLite file per model in the cache folder (git-ignored local state: deleting it only costs the
embedding time of a cold build). Vectors are stored as float16: 768 bytes a sentence, and the
classifier's scores move by less than 0.001. Every process of a build (its workers too) reads and
writes it (SQLite's write-ahead log: readers never wait for a writer), so a sentence one worker
embedded is found by the other."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

# Keys looked up in one query (SQLite's default limit on parameters is 32,766).
_CHUNK = 900
# How long a build waits for another one writing the same store (two builds at once, test workers).
LOCK_SECONDS = 60.0


def store_path(folder: Path, model: str) -> Path:
    """Where a model folder keeps the vectors of `model`."""
    return folder / f"vectors-{''.join(c if c.isalnum() else '-' for c in model).strip('-')}.sqlite"


def text_key(model: str, text: str) -> bytes:
    """The store's key of a text under a model."""
    return hashlib.blake2b(f"{model}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


class VectorStore:
    """Vectors by text for one model; `path=None` keeps them in this process only."""

    def __init__(self, path: Path | None, model: str, dim: int) -> None:
        self.model, self.dim, self.path = model, dim, path
        self._memory: dict[bytes, np.ndarray] = {}
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, timeout=LOCK_SECONDS, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB) WITHOUT ROWID")
            self._db.commit()
        except sqlite3.Error:  # a damaged file or a read-only folder: keep vectors in this process only
            self._db = None

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors (float32) of those of `texts` the store has."""
        keys = {text_key(self.model, t): t for t in dict.fromkeys(texts)}
        found = {keys[k]: v for k in keys if (v := self._memory.get(k)) is not None}
        wanted = [k for k in keys if keys[k] not in found]
        if self._db is None or not wanted:
            return found
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk).fetchall()
            except sqlite3.Error:
                return found  # a damaged or locked store: embed again rather than fail the build
            for key, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float16)
                if vector.shape == (self.dim,):
                    found[keys[key]] = vector.astype(np.float32)
        return found

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep these vectors (in this process and, with a path, on disk)."""
        rows = [(text_key(self.model, t), np.asarray(v, dtype=np.float16).tobytes()) for t, v in vectors.items()]
        if self._db is None:
            self._memory.update((k, np.frombuffer(b, dtype=np.float16).astype(np.float32)) for k, b in rows)
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)
        except sqlite3.Error:  # locked past LOCK_SECONDS, or damaged: these are embedded again next time
            self._memory.update((k, np.frombuffer(b, dtype=np.float16).astype(np.float32)) for k, b in rows)

    def put_keyed(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        """Keep vectors already keyed (text_key) and stored as float16, where the store has none
        (shipped vectors: `python -m tests.ship_vectors`)."""
        rows = [(bytes(k), np.asarray(v, dtype=np.float16).tobytes()) for k, v in zip(keys, vectors, strict=True)]
        if self._db is None:
            for key, blob in rows:
                self._memory.setdefault(key, np.frombuffer(blob, dtype=np.float16).astype(np.float32))
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)", rows)
        except sqlite3.Error:
            pass  # locked or damaged: the vectors are embedded when needed

    def keys(self) -> Iterable[bytes]:
        if self._db is None:
            return iter(self._memory)
        return (row[0] for row in self._db.execute("SELECT key FROM vectors"))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
