"""Stable page ids for article files, as design.md defines them (readers bookmark these URLs)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_OUTSIDE = re.compile(r"[^a-z0-9]+")
# Ids that would collide with generated pages get a suffix like a second file would: `index`, and
# the names of the ledger's month pages (`/sources/2024-10/`, `/sources/undated/`). These are
# reserved whether or not the ledger is split, so an article's id never changes as the corpus grows.
RESERVED = frozenset({"index", "undated"})
_MONTH = re.compile(r"\d{4}-\d{2}")


def is_reserved(candidate: str) -> bool:
    return candidate in RESERVED or _MONTH.fullmatch(candidate) is not None


def base_id(file_name: str) -> str:
    """The file name without its extension, NFKD-normalised, lower-cased, runs outside [a-z0-9] as '-'."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name.lstrip(".") else file_name
    folded = unicodedata.normalize("NFKD", stem).lower()
    return _OUTSIDE.sub("-", folded).strip("-")


def slugify(name: str) -> str:
    """A URL slug for a name (entities): the id rule without its extension handling, and with accents
    dropped rather than turned into hyphens ("Thanh Niên" -> "thanh-nien")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _OUTSIDE.sub("-", folded.lower()).strip("-")


def assign_ids(file_names: Iterable[str]) -> dict[str, str]:
    """Map each file name to its id; in sorted order, a repeated id gets -2, -3, ..."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(file_names):
        base = base_id(name) or "article"
        candidate, n = base, 1
        while candidate in taken or is_reserved(candidate):
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids[name] = candidate
    return ids
