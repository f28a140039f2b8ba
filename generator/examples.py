"""Labelled example sentences: the definition of the topics the classifier is trained on.

Each YAML file under the examples folder (content/examples/ by default) holds one language:

    language: el
    articles:            # sentences in reading order, headline first: context matters
      - sentences:
          - {text: "…", topics: [troop-deployment]}
          - {text: "Φωτογραφία: Reuters", topics: [], kind: credit}
    sentences:           # standalone sentences, understood without context
      - {text: "…", topics: [munitions-transfers, diplomatic-reactions]}

`topics` lists topic slugs of topics.yml (several, or none); `kind` marks page furniture (byline,
timestamp, caption, credit, navigation, ad, notice, other), which the debris signal learns from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .knowledge import DataError, load_yaml

DEBRIS_KINDS = frozenset({"byline", "timestamp", "caption", "credit", "navigation", "ad", "notice", "other"})


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence. `group` names the article (or file) it comes from; `position` is its
    place in that article (None for a standalone sentence)."""

    text: str
    language: str
    topics: frozenset[str]
    kind: str | None
    group: str
    position: int | None

    @property
    def debris(self) -> bool:
        return self.kind is not None


def _entries(value: object, where: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise DataError(f"{where}: expected a list of {{text, topics}} entries")
    return value


def _example(entry: dict, where: str, language: str, group: str, position: int | None,
             slugs: frozenset[str] | None) -> Example:
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: every entry needs a non-empty `text`")
    topics = entry.get("topics") or []
    if not isinstance(topics, list):
        raise DataError(f"{where}: `topics` must be a list of topic slugs")
    unknown = [str(t) for t in topics if slugs is not None and str(t) not in slugs]
    if unknown:
        raise DataError(f"{where}: unknown topic {unknown[0]!r} (not in topics.yml)")
    kind = entry.get("kind")
    if kind is not None and str(kind) not in DEBRIS_KINDS:
        raise DataError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(DEBRIS_KINDS))}")
    return Example(text.strip(), language, frozenset(str(t) for t in topics), str(kind) if kind else None,
                   group, position)


def load_file(path: Path, slugs: frozenset[str] | None = None) -> list[Example]:
    """The examples of one file; errors name the file and the entry."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping with `language` and `articles` or `sentences`")
    language = data.get("language")
    if not isinstance(language, str) or not language:
        # YAML reads a bare `no` (Norwegian) as false
        raise DataError(f"{path}: `language` must be a language code in quotes (\"no\", not no)")
    found = []
    for number, article in enumerate(_entries(data.get("articles"), f"{path}: articles"), start=1):
        entries = _entries(article.get("sentences"), f"{path}: article {number}")
        for position, entry in enumerate(entries):
            where = f"{path}: article {number}, sentence {position + 1}"
            found.append(_example(entry, where, language, f"{path.as_posix()}#{number}", position, slugs))
    for position, entry in enumerate(_entries(data.get("sentences"), f"{path}: sentences")):
        found.append(_example(entry, f"{path}: sentence {position + 1}", language, f"{path.as_posix()}@{position}",
                              None, slugs))
    return found


FIGURES = "figures"  # the subfolder of figure examples (figure_training.py), not topic examples


def example_files(folder: Path, figures: bool = False) -> list[Path]:
    """Every topic examples file under `folder` (with `figures`: every figure examples file), in a
    stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.yml")
                  if p.is_file() and (p.relative_to(folder).parts[0] == FIGURES) == figures)


def load_examples(folder: Path, slugs: Iterable[str] | None = None) -> list[Example]:
    """Every example under `folder` (an empty list when there is none)."""
    known = frozenset(slugs) if slugs is not None else None
    return [e for path in example_files(folder) for e in load_file(path, known)]
