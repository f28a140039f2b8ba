"""Language knowledge loaded from YAML: languages (months, abbreviations, detector and search names)
and the boilerplate line rules. Nothing language-specific is written in code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from .attribution import Attributor, speech_rules
from .dates import Calendar
from .figures import FigureFinder, figure_rules
from .timeline import DateFinder, date_words

DATA_DIR = Path(__file__).parent / "data"
Parsed = TypeVar("Parsed")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    lingua: tuple[str, ...]  # lingua's names for it (Norwegian: BOKMAL and NYNORSK)
    lunr: str | None
    months: dict[str, int]
    abbreviations: frozenset[str]
    date_fillers: tuple[str, ...] = ()
    date_patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineRule:
    """A whole-line pattern for scraping debris; named groups become metadata."""

    reason: str
    pattern: re.Pattern[str]
    group: str  # the YAML key it came from: a language code or "neutral"


@dataclass(frozen=True)
class Knowledge:
    languages: dict[str, Language]
    line_rules: tuple[LineRule, ...]
    calendar: Calendar  # month names, fillers and date patterns of every language
    figures: FigureFinder | None = None  # from figures.yml; None in tests that need no figures
    speech: Attributor | None = None  # from speech.yml: who said it, and the stance
    dates: DateFinder | None = None  # from dates.yml; None in tests that need no timeline


def calendar_of(languages: dict[str, Language]) -> Calendar:
    """One calendar for all languages: a month name shared by languages means the same month."""
    months: dict[str, int] = {}
    for language in languages.values():
        months.update(language.months)
    return Calendar(
        months=months,
        fillers=sorted({f for lang in languages.values() for f in lang.date_fillers}),
        patterns=[p for lang in languages.values() for p in lang.date_patterns],
    )


class DataError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


# libyaml's parser when PyYAML was built with it: the data files load about ten times faster.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> object:
    """A data file's YAML, safely; errors name the file."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506 (safe loader)
    except (OSError, yaml.YAMLError) as error:
        raise DataError(f"{path}: {error}") from error


def load_languages(path: Path) -> dict[str, Language]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping of language codes")
    languages = {}
    for code, entry in data.items():
        code = str(code)
        if not isinstance(entry, dict) or "name" not in entry:
            raise DataError(f"{path}: language {code!r} needs at least a name")
        months: dict[str, int] = {}
        for number, forms in enumerate(entry.get("months") or [], start=1):
            for form in forms if isinstance(forms, list) else [forms]:
                months[str(form).lower()] = number
        lingua = entry.get("lingua") or []
        try:
            [re.compile(p) for p in entry.get("date_patterns") or []]
        except re.error as error:
            raise DataError(f"{path}: {code}: date pattern: {error}") from error
        languages[code] = Language(
            code=code,
            name=str(entry["name"]),
            lingua=tuple(lingua if isinstance(lingua, list) else [lingua]),
            lunr=entry.get("lunr"),
            months=months,
            abbreviations=frozenset(str(a).lower() for a in entry.get("abbreviations") or []),
            date_fillers=tuple(str(f) for f in entry.get("date_fillers") or []),
            date_patterns=tuple(str(p) for p in entry.get("date_patterns") or []),
        )
    return languages


def load_line_rules(path: Path) -> tuple[LineRule, ...]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping of language codes to rule lists")
    rules = []
    # Neutral rules first: metadata lines (source, dateline) must win over generic debris rules.
    for group in sorted(data, key=lambda g: g != "neutral"):
        for entry in data[group] or []:
            for pattern in entry.get("patterns") or []:
                try:
                    compiled = re.compile(pattern, re.IGNORECASE)
                except re.error as error:
                    raise DataError(f"{path}: {group}: pattern {pattern!r}: {error}") from error
                rules.append(LineRule(str(entry["reason"]), compiled, str(group)))
    return tuple(rules)


def _parsed(path: Path, parse: Callable[[object], Parsed]) -> Parsed:
    """A data file read by `parse`, whose ValueError becomes a DataError naming the file."""
    data = load_yaml(path)  # its DataError names the file already
    try:
        return parse(data)
    except ValueError as error:
        raise DataError(f"{path}: {error}") from error


def load_knowledge(data_dir: Path = DATA_DIR) -> Knowledge:
    """Languages, boilerplate rules, figure, speech and date words from `languages.yml`,
    `boilerplate.yml`, `figures.yml`, `speech.yml` and `dates.yml` in `data_dir`."""
    languages = load_languages(data_dir / "languages.yml")
    calendar = calendar_of(languages)
    rules = _parsed(data_dir / "figures.yml", figure_rules)
    speech = _parsed(data_dir / "speech.yml", speech_rules)
    words = _parsed(data_dir / "dates.yml", date_words)
    return Knowledge(
        languages=languages,
        line_rules=load_line_rules(data_dir / "boilerplate.yml"),
        calendar=calendar,
        figures=FigureFinder(rules, calendar.months),
        speech=Attributor(speech),
        dates=DateFinder(words, calendar, {code: lang.months for code, lang in languages.items()}),
    )
