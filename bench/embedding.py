"""Embedding cost benchmark: prints figures, not a test.

Usage: python bench/embedding.py [--sentences 1000]

Embeds a sample of the labelled examples (real-length news sentences in 40 languages) the ways a
build does: in the build's own process with every core (OpenMP, a batch at a time), and in two
worker processes with one thread each (the pool of a build with 50 or more articles to analyse).
Prints milliseconds per sentence, sentences per second, tokens per sentence, and the share of
sentences the per-sentence cap cut."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKER = """
import json, sys, time
sys.path.insert(0, {root!r})
from generator.embed import backend, embed
texts = json.load(open(sys.argv[1], encoding="utf-8"))
model = backend(1)
embed(texts[:8], model)  # load and warm up
started = time.perf_counter()
embed(texts, model)
print(time.perf_counter() - started)
"""


def sample(count: int) -> list[str]:
    from generator.examples import load_examples

    texts = sorted({e.text for e in load_examples(ROOT / "content" / "examples") if e.kind is None})
    random.Random(0).shuffle(texts)
    return texts[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1000)
    args = parser.parse_args()
    import json
    import tempfile

    from generator.embed import MAX_TOKENS, backend, cap, embed

    texts = sample(args.sentences)
    model = backend()
    tokens = [model.tokens(t) for t in texts]
    print(f"sentences                          {len(texts)} (content/examples, 40 languages)")
    print(f"tokens per sentence                mean {statistics.mean(tokens):.1f}, median "
          f"{statistics.median(tokens):.0f}, max {max(tokens)}")
    print(f"cut by the cap ({MAX_TOKENS} tokens)         {sum(cap(t, model)[1] for t in texts)}")
    embed(texts[:8], model)
    started = time.perf_counter()
    embed(texts, model)
    seconds = time.perf_counter() - started
    print(f"one process, {os.cpu_count()} threads              {1000 * seconds / len(texts):.1f} ms a sentence, "
          f"{len(texts) / seconds:.1f} sentences/s")
    with tempfile.TemporaryDirectory() as tmp:
        halves = [texts[: len(texts) // 2], texts[len(texts) // 2:]]
        files = []
        for number, half in enumerate(halves):
            path = Path(tmp) / f"half{number}.json"
            path.write_text(json.dumps(half), encoding="utf-8")
            files.append(path)
        script = Path(tmp) / "worker.py"
        script.write_text(WORKER.format(root=str(ROOT)), encoding="utf-8")
        started = time.perf_counter()
        workers = [subprocess.Popen([sys.executable, str(script), str(f)], stdout=subprocess.PIPE, text=True,
                                    env={**os.environ, "OMP_NUM_THREADS": "1"}) for f in files]
        inside = [float(w.communicate()[0].strip()) for w in workers]
        wall = time.perf_counter() - started
    print(f"two workers, one thread each       {1000 * max(inside) / (len(texts) / 2):.1f} ms a sentence a worker, "
          f"{len(texts) / max(inside):.1f} sentences/s together (embedding only; {wall:.1f} s with start-up)")


if __name__ == "__main__":
    main()
