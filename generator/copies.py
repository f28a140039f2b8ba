"""Near-copies: an article whose text is almost another's (a re-post with a changed headline, an
added line, a different footer). It stays published, is marked on the ledger, and counts once
where sources are counted (a claim's outlets).

Each article's text is cut into word shingles (NEAR_WORDS words in a row) and sketched by the
SKETCH smallest shingle hashes (a bottom-k MinHash). Articles sharing sketch values are candidates
(bucketed by value, never all pairs); a candidate whose sketches estimate a similarity near NEAR is
compared in full, and is a near-copy when the Jaccard similarity of the two shingle sets reaches
NEAR. The later file (in file-name order, as for exact duplicates) is the copy."""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import replace

from .buckets import shared_pairs
from .models import Article

NEAR = 0.8  # Jaccard similarity of word shingles from which one article is a copy of another
NEAR_WORDS = 5  # words per shingle
SKETCH = 64  # smallest shingle hashes kept per article
CANDIDATE = 40  # shared sketch values (of 64) that make two articles worth comparing: about J >= 0.45
BUCKET_LIMIT = 200  # a hash in more sketches than this (boilerplate) does not make pairs
SLACK = 0.15  # pairs whose sketches estimate a similarity this far below NEAR are not compared in full
_WORD = re.compile(r"\w+")


def shingles(article: Article) -> set[int]:
    words = [w.casefold() for s in article.sentences for w in _WORD.findall(s.text)]
    return {zlib.crc32(" ".join(words[i:i + NEAR_WORDS]).encode()) for i in range(len(words) - NEAR_WORDS + 1)}


def mark_near_copies(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Published articles whose text is a near-copy of an earlier one's get `copy_of` set."""
    published = [i for i, a in enumerate(articles) if a.status == "published"]
    # Each article's shingle hashes, sorted, kept compactly (4 bytes each) for the exact comparison.
    hashes = {i: array("I", sorted(shingles(articles[i]))) for i in published}
    sketches = {i: hashes[i][:SKETCH] for i in published}
    shared = shared_pairs(((i, sketches[i]) for i in published), BUCKET_LIMIT)
    copy_of: dict[int, int] = {}
    for (a, b), count in sorted(shared.items()):
        if count < CANDIDATE or b in copy_of or _estimate(sketches[a], sketches[b]) < NEAR - SLACK:
            continue
        first, second = set(hashes[a]), set(hashes[b])
        if len(first & second) >= NEAR * len(first | second):
            copy_of[b] = copy_of.get(a, a)
    return tuple(replace(article, copy_of=articles[copy_of[i]].source.name) if i in copy_of else article
                 for i, article in enumerate(articles))


def _estimate(first: Sequence[int], second: Sequence[int]) -> float:
    """The Jaccard similarity two bottom-k sketches estimate: of the k smallest hashes of both
    articles together, the share both have."""
    union = sorted(set(first) | set(second))[:SKETCH]
    both = set(first) & set(second)
    return sum(1 for value in union if value in both) / len(union) if union else 0.0
