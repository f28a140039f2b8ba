"""Topics from content/topics.yml: each topic has a title, a description, the classifier's threshold
and concepts; each concept has a label in the site's language and, optionally, terms per language
(they explain why a quote is on a page). The labelled examples the classifier learns each topic
from live in the folder the `classifier:` section names. Adding a topic or a language needs no code."""

from __future__ import annotations

import re
from pathlib import Path

from .knowledge import DataError, load_yaml
from .models import ClassifierSettings, Concept, Topic

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
                claim_key=bool(concept.get("claim_key", True)),
            ))
        if not concepts:
            raise DataError(f"{where} ({slug}): a topic needs at least one concept")
        topics.append(Topic(
            slug=slug,
            title=_label(entry.get("title", slug), site_language),
            description=_label(entry.get("description", ""), site_language),
            concepts=tuple(concepts),
            threshold=_probability(entry.get("threshold", 0.5), f"{where} ({slug}): threshold"),
        ))
    return tuple(topics)


def _probability(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise DataError(f"{where} must be a number between 0 and 1 (the classifier's probability)")
    return float(value)


def load_classifier_settings(path: Path) -> ClassifierSettings:
    """The `classifier:` section of the topics file (defaults where it has none)."""
    data = load_yaml(path)
    section = data.get("classifier") if isinstance(data, dict) else None
    if section is None:
        return ClassifierSettings()
    if not isinstance(section, dict):
        raise DataError(f"{path}: `classifier:` must be a mapping")
    defaults = ClassifierSettings()
    return ClassifierSettings(
        examples=str(section.get("examples", defaults.examples)),
        debris_threshold=_probability(section.get("debris_threshold", defaults.debris_threshold),
                                      f"{path}: classifier: debris_threshold"),
        concept_threshold=_probability(section.get("concept_threshold", defaults.concept_threshold),
                                       f"{path}: classifier: concept_threshold"),
    )


def examples_folder(topics_file: Path, settings: ClassifierSettings) -> Path:
    """The examples folder, relative to the topics file."""
    return topics_file.parent / settings.examples


def load_claim_background(path: Path, topics: tuple[Topic, ...]) -> frozenset[str]:
    """The `claims: background:` keys of the topics file: concepts (`concept:<id>`) and entities
    (`entity:<slug>`) the story's every report carries, which tell no claims apart (claims.py)."""
    data = load_yaml(path)
    section = data.get("claims") if isinstance(data, dict) else None
    if section is None:
        return frozenset()
    keys = section.get("background") if isinstance(section, dict) else None
    if not isinstance(keys, list):
        raise DataError(f"{path}: `claims:` must be a mapping with a `background:` list")
    concepts = {c.id for t in topics for c in t.concepts}
    for key in keys:
        kind, _, name = str(key).partition(":")
        if kind not in ("concept", "entity") or not name:
            raise DataError(f"{path}: claims: background: {key!r} must be concept:<id> or entity:<slug>")
        if kind == "concept" and name not in concepts:
            raise DataError(f"{path}: claims: background: {key!r} names no concept of the topics")
    return frozenset(str(k) for k in keys)
