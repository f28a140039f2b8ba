"""A synthetic corpus of N articles, deterministically recombined from the seed articles.

Each article is one seed's lines in their order, a few dropped, one to three lines of other seeds
put in, with its numbers and dates varied; three in four carry a front-matter date spread over
36 months (the rest are dated by their text or not at all). The same (seeds, n, seed) gives the
same files, byte for byte.

Usage: python bench/synth.py OUT_DIR N [--seeds content/articles]"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

_NUMBER = re.compile(r"\d+")
FIRST_MONTH = (2023, 1)
MONTHS = 36


def _vary_number(rng: random.Random, match: re.Match[str]) -> str:
    digits = match.group()
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(2022, 2025))  # a year
    if len(digits) <= 2:
        return str(rng.randint(1, 28))  # a day, a small count: every month has 28 days
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def _month(index: int) -> tuple[int, int]:
    year, month = FIRST_MONTH
    total = year * 12 + month - 1 + index
    return total // 12, total % 12 + 1


def synthetic_article(seeds: list[list[str]], index: int, seed: int = 0) -> str:
    """The text of synthetic article number `index` (deterministic)."""
    rng = random.Random(f"{seed}:{index}")
    base = rng.randrange(len(seeds))
    lines = list(seeds[base])
    head, body = lines[:2], lines[2:]
    body = [line for line in body if rng.random() > 0.2]
    for _ in range(rng.randint(1, 3)):
        other = seeds[rng.randrange(len(seeds))]
        body.insert(rng.randint(0, len(body)), other[rng.randrange(len(other))])
    return with_date(rng, "\n".join(_NUMBER.sub(lambda m: _vary_number(rng, m), line) for line in head + body) + "\n")


def with_date(rng: random.Random, text: str) -> str:
    """Three in four articles get a front-matter date, spread over MONTHS months."""
    if rng.random() < 0.75:
        year, month = _month(rng.randrange(MONTHS))
        text = f"---\ndate: {year}-{month:02d}-{rng.randint(1, 28):02d}\n---\n" + text
    return text


def load_seeds(seeds_dir: Path = Path("content/articles")) -> list[list[str]]:
    """The seed articles' lines, in file-name order."""
    return [p.read_text(encoding="utf-8").splitlines() for p in sorted(seeds_dir.glob("*.txt"))]


def write_corpus(out: Path, n: int, seeds_dir: Path = Path("content/articles"), seed: int = 0) -> list[Path]:
    """Write n synthetic articles into `out` (created); returns their paths."""
    seeds = load_seeds(seeds_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        path = out / f"synthetic-{index:05d}.txt"
        path.write_text(synthetic_article(seeds, index, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seeds", type=Path, default=Path("content/articles"))
    args = parser.parse_args()
    print(f"wrote {len(write_corpus(args.out, args.n, args.seeds))} articles to {args.out}")


if __name__ == "__main__":
    main()
