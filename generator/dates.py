"""Reading calendar dates written with digits or month names. Month names, filler words ("de") and
patterns for other notations ("2024년 10월 28일") come from languages.yml through a Calendar."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_NUMERIC = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)"), ("d", "m", "y")),
)


@dataclass(frozen=True)
class Calendar:
    """Month names of every language (lower case -> 1..12), filler words and extra patterns."""

    months: Mapping[str, int] = field(default_factory=dict)
    fillers: Iterable[str] = ()
    patterns: Iterable[str] = ()

    def __post_init__(self) -> None:
        filler = "|".join(re.escape(f) for f in sorted(self.fillers, key=len, reverse=True))
        gap = rf"\s{{1,3}}(?:(?:{filler})\s{{1,3}})?" if filler else r"\s{1,3}"
        # Month names are short: bounded repetition keeps these linear on a 100,000-letter word.
        object.__setattr__(self, "_day_month", re.compile(
            rf"(?<!\d)(\d{{1,2}})\.?{gap}(\w{{2,20}})\.?,?{gap}(\d{{4}})(?!\d)"))
        object.__setattr__(self, "_month_day", re.compile(
            r"(?<!\w)(\w{2,20})\.?\s{1,3}(\d{1,2}),?\s{1,3}(\d{4})(?!\d)"))
        object.__setattr__(self, "_extra", tuple(re.compile(p) for p in self.patterns))


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str, calendar: Calendar) -> str | None:
    """The first valid calendar date in `text` as YYYY-MM-DD, or None."""
    for pattern, order in _NUMERIC:
        for m in pattern.finditer(text):
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            if found := _valid(parts["y"], parts["m"], parts["d"]):
                return found
    for pattern in calendar._extra:
        for m in pattern.finditer(text):
            if found := _valid(int(m.group("y")), int(m.group("m")), int(m.group("d"))):
                return found
    for m in calendar._day_month.finditer(text):
        month = calendar.months.get(m.group(2).lower())
        if month and (found := _valid(int(m.group(3)), month, int(m.group(1)))):
            return found
    for m in calendar._month_day.finditer(text):
        month = calendar.months.get(m.group(1).lower())
        if month and (found := _valid(int(m.group(3)), month, int(m.group(2)))):
            return found
    return None


def normalise_date(value: object, calendar: Calendar) -> str | None:
    """A front-matter date (a YAML date, or a string in any supported form) as ISO, or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}(-\d{2})?", value.strip()):
            year, _, month = value.strip().partition("-")
            if not month or 1 <= int(month) <= 12:
                return value.strip()
        return parse_date(value, calendar)
    return None
