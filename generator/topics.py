"""Topics from content/topics.yml: each topic is a set of concepts, each concept has a label in the
site's language and terms per language. Adding a topic or a language needs no code."""

from __future__ import annotations

import re
from pathlib import Path

from .knowledge import DataError, load_yaml
from .models import Concept, Topic

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _label(value: object, site_language: str) -> str:
    if isinstance(value, dict):
        chosen = value.get(site_language) or value.get("en") or next(iter(value.values()), "")
        return str(chosen)
    return str(value)


def load_topics(path: Path, site_language: str = "en") -> tuple[Topic, ...]:
    """Read and check the topics file; errors name the file and the entry."""
    data = load_yaml(path)
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DataError(f"{path}: expected a 'topics:' list")
    topics, slugs = [], set()
    for position, entry in enumerate(entries, start=1):
        where = f"{path}: topic {position}"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: expected a mapping")
        slug = str(entry.get("slug", ""))
        if not _SLUG.fullmatch(slug) or slug in slugs:
            raise DataError(f"{where}: slug {slug!r} must be unique, lower-case letters, digits and hyphens")
        slugs.add(slug)
        concepts = []
        for concept in entry.get("concepts") or []:
            cid = str(concept.get("id", ""))
            terms = concept.get("terms") or {}
            if not cid or not isinstance(terms, dict):
                raise DataError(f"{where} ({slug}): every concept needs an id and terms per language")
            concepts.append(Concept(
                id=cid,
                label=_label(concept.get("label", cid), site_language),
                terms={str(lang): tuple(str(t) for t in words or ()) for lang, words in terms.items()},
                weight=float(concept.get("weight", 1.0)),
                claim_key=bool(concept.get("claim_key", True)),
            ))
        if not concepts:
            raise DataError(f"{where} ({slug}): a topic needs at least one concept")
        topics.append(Topic(
            slug=slug,
            title=_label(entry.get("title", slug), site_language),
            description=_label(entry.get("description", ""), site_language),
            concepts=tuple(concepts),
            threshold=float(entry.get("threshold", 1.0)),
        ))
    return tuple(topics)
