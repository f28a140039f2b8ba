"""Near-copies: an article whose text is almost another's (a re-post with a changed headline, an
added line, a different footer). It stays published, is marked on the ledger, and counts once
where sources are counted (a claim's outlets).

Each article's text is cut into word shingles (NEAR_WORDS words in a row) and sketched by the
SKETCH smallest shingle hashes (a bottom-k MinHash). Articles sharing sketch values are candidates
(bucketed by value, never all pairs); a candidate pair is a near-copy when the Jaccard similarity
of the two shingle sets reaches NEAR. The later file (in file-name order, as for exact duplicates)
is the copy."""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from .models import Article

NEAR = 0.8  # Jaccard similarity of word shingles from which one article is a copy of another
NEAR_WORDS = 5  # words per shingle
SKETCH = 64  # smallest shingle hashes kept per article
CANDIDATE = 8  # shared sketch values that make two articles worth comparing in full
BUCKET_LIMIT = 200  # a hash in more sketches than this (boilerplate) does not make pairs
_WORD = re.compile(r"\w+")


def shingles(article: Article) -> set[int]:
    words = [w.casefold() for s in article.sentences for w in _WORD.findall(s.text)]
    return {zlib.crc32(" ".join(words[i:i + NEAR_WORDS]).encode()) for i in range(len(words) - NEAR_WORDS + 1)}


def mark_near_copies(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Published articles whose text is a near-copy of an earlier one's get `copy_of` set."""
    published = [i for i, a in enumerate(articles) if a.status == "published"]
    sketches = {i: sorted(shingles(articles[i]))[:SKETCH] for i in published}
    buckets: dict[int, list[int]] = defaultdict(list)
    for i in published:
        for value in sketches[i]:
            buckets[value].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        if len(members) <= BUCKET_LIMIT:
            for x, a in enumerate(members):
                for b in members[x + 1:]:
                    shared[a, b] += 1
    copy_of: dict[int, int] = {}
    for (a, b), count in sorted(shared.items()):
        if count < CANDIDATE or b in copy_of:
            continue
        first, second = shingles(articles[a]), shingles(articles[b])
        if len(first & second) >= NEAR * len(first | second):
            copy_of[b] = copy_of.get(a, a)
    return tuple(replace(article, copy_of=articles[copy_of[i]].source.name) if i in copy_of else article
                 for i, article in enumerate(articles))
