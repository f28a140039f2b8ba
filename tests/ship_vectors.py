"""Write tests/data/vectors.npz: the sentence vectors the test suite embeds (the development sets'
sentences, figure windows, test articles), so that a fresh clone's test run embeds only what changed
since (CI ran 15 minutes, about four of them embedding these). Run after a full test run, which
fills the test session's vector store:

    python -m pytest -q -n auto --dist loadfile && python -m tests.ship_vectors

Vectors the examples ship (content/examples/vectors.npz) are left out. conftest.py puts these into
the test session's store before any build; a vector is the same whether shipped or embedded (the
store keeps float16 either way)."""

from __future__ import annotations

import sqlite3
import sys

import numpy as np

from generator.embed import backend
from generator.training import shipped_vectors
from tests.conftest import ROOT, TEST_MODELS, TEST_VECTORS


def main() -> int:
    model = backend().name
    examples = set(shipped_vectors(ROOT / "content" / "examples", model))
    store = next(TEST_MODELS.glob("vectors-*.sqlite"), None)
    if store is None:
        print(f"no vector store in {TEST_MODELS}: run the tests first", file=sys.stderr)
        return 1
    with sqlite3.connect(store) as db:
        rows = [(k, v) for k, v in db.execute("SELECT key, vector FROM vectors") if bytes(k) not in examples]
    rows.sort()
    keys = np.frombuffer(b"".join(bytes(k) for k, _ in rows), dtype=np.uint8).reshape(len(rows), -1)
    vectors = np.stack([np.frombuffer(v, dtype=np.float16) for _, v in rows])
    np.savez_compressed(TEST_VECTORS, model=np.array(model), keys=keys, vectors=vectors)
    print(f"wrote {TEST_VECTORS}: {len(rows)} vectors of {model}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
