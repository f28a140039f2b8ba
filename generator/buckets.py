"""Pairs of items that share keys, found through buckets of items per key, never by comparing all
pairs: claims.py (reports sharing claim keys) and copies.py (articles sharing sketch values)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from itertools import combinations


def shared_pairs(keyed: Iterable[tuple[int, Iterable[Hashable]]], limit: int) -> Counter[tuple[int, int]]:
    """For each pair (a, b), a < b, of items that share a key: how many keys they share. `keyed`
    gives each item's index, in increasing order, and its keys. A key of more than `limit` items
    makes no pairs: it is too common to tell items apart, and its pairs grow with its square."""
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for index, keys in keyed:
        for key in keys:
            buckets[key].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        if len(members) <= limit:
            shared.update(combinations(members, 2))  # members are in index order: pairs (a, b), a < b
    return shared
