"""A benchmark corpus of N articles in 40 languages, recombined from the made-up example articles.

Each article is one example article of `content/examples/` (about 410 of them, written by helpers
in 40 languages, with bylines, captions and off-story sentences): its headline, then its sentences
in order in paragraphs of one to three, about one in seven dropped, and one to three sentences of
other articles of the same language put in; three in four carry a front-matter date spread over 36
months. So every article's text is its own, while its sentences come from a pool of about 8,800
(whose sentence vectors ship in `content/examples/vectors.npz`: the benchmark can report the
embedding apart, as issue 20 asks). The same (n, seed) gives the same files, byte for byte.

Usage: python bench/realistic.py OUT_DIR N"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import with_date  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "content" / "examples"


def load_articles(examples: Path = EXAMPLES) -> list[tuple[str, list[str]]]:
    """(language, sentence texts) of every example article, in a stable order."""
    found = []
    for path in sorted(examples.glob("*/*.yml")):
        if path.parent.name == "figures":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for article in data.get("articles") or []:
            texts = [str(s["text"]) for s in article["sentences"] if str(s.get("text", "")).strip()]
            if len(texts) >= 3:
                found.append((str(data.get("language", "und")), texts))
    return found


def article_text(pool: list[tuple[str, list[str]]], index: int, seed: int = 0) -> str:
    """The text of article number `index` (deterministic)."""
    rng = random.Random(f"realistic:{seed}:{index}")
    language, texts = pool[rng.randrange(len(pool))]
    head, body = texts[0], [t for t in texts[1:] if rng.random() > 0.15]
    same = [t for lang, t in pool if lang == language and t is not texts] or [texts]
    for _ in range(rng.randint(1, 3)):
        other = same[rng.randrange(len(same))]
        body.insert(rng.randint(0, len(body)), other[rng.randrange(1, len(other))])
    paragraphs, at = [], 0
    while at < len(body):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(body[at:at + size]))
        at += size
    return with_date(rng, "\n\n".join([head, *paragraphs]) + "\n")


def write_corpus(out: Path, n: int, seed: int = 0, first: int = 0) -> list[Path]:
    """Write articles `first` .. `first + n - 1` into `out` (created); returns their paths."""
    pool = load_articles()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(first, first + n):
        path = out / f"article-{index:05d}.txt"
        path.write_text(article_text(pool, index, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"wrote {len(write_corpus(args.out, args.n, args.seed))} articles to {args.out}")


if __name__ == "__main__":
    main()
