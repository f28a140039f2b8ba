"""Reading calendar dates written with digits or month names. Month names, filler words ("de") and
patterns for other notations ("2024년 10월 28일") come from languages.yml through a Calendar.
`parse_date` reads one date (datelines, front matter); `Calendar.find` lists every date of a
sentence at the precision written (the timeline)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import cldr
from .letters import WORD_CHAR as _W

_SHORT_MONTH = 3  # month words this short are read only in their own language ("set", "mar", "lis"), in
# sentences; a dateline's day, month and year are read with any language's (parse_date)
_NUMERIC = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)"), ("d", "m", "y")),
    (re.compile(r"(?<![\d.])(\d{4})\.(\d{1,2})\.(\d{1,2})(?!\d)(?!\.\d)"), ("y", "m", "d")),  # "2024.12.23"
    (re.compile(r"(?<![\d/])(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)(?!/\d)"), ("y", "m", "d")),
    (re.compile(r"(?<!\d)(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日"), ("y", "m", "d")),  # Japanese, Chinese
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
            rf"(?<!\d)(\d{{1,2}})\.?{gap}({_W}{{2,20}})\.?,?{gap}(\d{{4}})(?!\d)"))
        object.__setattr__(self, "_month_day", re.compile(
            rf"(?<!\w)({_W}{{2,20}})\.?\s{{1,3}}(\d{{1,2}}),?\s{{1,3}}(\d{{4}})(?!\d)"))
        # The year first, as Hungarian and Lithuanian write it ("2025. január 13.", "2025 m. sausio 13 d.").
        object.__setattr__(self, "_year_month_day", re.compile(
            rf"(?<!\d)(\d{{4}})\.?{gap}({_W}{{2,20}})\.?\s{{1,3}}(\d{{1,2}})(?!\d)"))
        object.__setattr__(self, "_extra", tuple(re.compile(p) for p in self.patterns))
        # Dates without a year, and months of a year ("28. Oktober", "13 июня", "im September 2023").
        object.__setattr__(self, "_day_only", re.compile(rf"(?<![\d.,])(\d{{1,2}})\.?{gap}({_W}{{2,20}})(?!\w)"))
        object.__setattr__(self, "_month_only", re.compile(
            rf"(?<!\w)({_W}{{2,20}})\.?\s{{1,3}}(\d{{1,2}})(?![\d.,]\d)(?!\w)"))
        object.__setattr__(self, "_month_year", re.compile(
            rf"(?<!\w)({_W}{{2,20}})\.?,?{gap}(\d{{4}})(?!\d)"))

    def month(self, word: str, own: Mapping[str, int] | None = None) -> int | None:
        """The month a word names (any case, an abbreviation's point dropped). With `own` (the
        sentence language's months), a short word (three letters or fewer) of another language is
        not taken: Italian "set" and Spanish "mar" are English and Spanish words too."""
        word = word.lower().rstrip(".")
        if own is None:
            return self.months.get(word)
        return own.get(word) or (self.months.get(word) if len(word) > _SHORT_MONTH else None)

    def find(self, text: str, own: Mapping[str, int] | None = None, extra: Iterable[re.Pattern[str]] = ()
             ) -> list[DateMatch]:
        """Every date written in `text` with digits or month names, in text order, at the precision
        written: day, month and year; month and year; or day and month without a year. Impossible
        dates ("32-10-2024", "29. Februar 2023") are returned with `valid` False, so that their
        numbers are not read again as something else. `own`: the sentence language's month names
        (see `month`)."""
        found: list[DateMatch] = []
        taken = Spans()

        def add(start: int, end: int, year: int | None, month: int | None, day: int | None) -> None:
            year = gregorian(year) if year is not None else None
            if taken.take(start, end):
                found.append(DateMatch(start, end, year, month, day, _possible(year, month, day)))

        for pattern, order in _NUMERIC:
            for m in pattern.finditer(text):
                parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
                add(m.start(), m.end(), parts["y"], parts["m"], parts["d"])
        for pattern in (*self._extra, *extra):  # `extra`: the sentence language's own (CLDR's)
            for m in pattern.finditer(text):
                add(m.start(), m.end(), *(_group(m, part) for part in "ymd"))
        for m in self._day_month.finditer(text):
            if month := self.month(m.group(2), own):
                add(m.start(), m.end(), int(m.group(3)), month, int(m.group(1)))
        for m in self._month_day.finditer(text):
            if month := self.month(m.group(1), own):
                add(m.start(), m.end(), int(m.group(3)), month, int(m.group(2)))
        for m in self._month_year.finditer(text):
            if month := self.month(m.group(1), own):
                add(m.start(), m.end(), int(m.group(2)), month, None)
        for m in self._day_only.finditer(text):
            if month := self.month(m.group(2), own):
                add(m.start(), m.end(), None, month, int(m.group(1)))
        for m in self._month_only.finditer(text):
            if month := self.month(m.group(1), own):
                add(m.start(), m.end(), None, month, int(m.group(2)))
        return sorted(found, key=lambda d: d.start)


class Spans:
    """Stretches of a text already read, kept sorted: taking one that overlaps none costs a
    bisection, so a long text with thousands of dates stays fast."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, start)
        return not ((i > 0 and self._ends[i - 1] > start) or (i < len(self._starts) and self._starts[i] < end))

    def take(self, start: int, end: int) -> bool:
        """Take the stretch if it overlaps none taken; whether it was taken."""
        if not self.free(start, end):
            return False
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: where, its parts as written (None where the text gives none) and
    whether such a day exists."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    valid: bool = True


def _possible(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether a date can exist; a day without a year is checked against a leap year (29 February),
    a day without a month ("4일") against a month of 31 days."""
    if month is None:
        return year is None and day is not None and 1 <= day <= 31
    if not 1 <= month <= 12:
        return False
    return _valid(2000 if year is None else year, month, day or 1) is not None


def _group(match: re.Match[str], name: str) -> int | None:
    """A named part of a languages.yml date pattern, or None where the pattern has no such part."""
    value = match.groupdict().get(name)
    return int(value) if value else None


BUDDHIST_ERA = (2400, 2700, 543)  # years in this span are Buddhist-era years (Thai "2567" is 2024)


def gregorian(year: int) -> int:
    """The Gregorian year of a year as written: a Buddhist-era year (Thai press writes "พ.ศ. 2567")
    is 543 years ahead; no news of this story names a Gregorian year past 2400."""
    low, high, offset = BUDDHIST_ERA
    return year - offset if low <= year <= high else year


# A stamp's day, an abbreviated month with inner points and a year of two or four digits ("18 ต.ค. 67").
_DOTTED = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s{{1,3}}({_W}{{1,4}}(?:\.{_W}{{1,4}}){{1,3}})\.?\s{{1,3}}(\d{{4}}|\d{{2}})(?!\d)")
_SHORT_YEARS = 40  # a two-digit year up to this is of this century; a later one of the Buddhist era's 26th
# century ("67" is 2567, 2024), which Thai stamps write: no news of this story names 2041 or later


def _full_year(written: str, month: str) -> int | None:
    """A stamp's year: two digits are of this century, or past _SHORT_YEARS of the Buddhist era where
    the month is Thai; else no year."""
    year = int(written)
    if len(written) > 2:
        return year
    if year <= _SHORT_YEARS:
        return 2000 + year
    return 2500 + year if unicodedata.name(month[0], "").startswith("THAI") else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(gregorian(year), month, day).isoformat()
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
            year, month, day = (_group(m, part) for part in "ymd")
            if year and month and day and (found := _valid(year, month, day)):
                return found
    # a three-letter month of any language only between a day and a year ("20. нов 2025"): Dutch "2024
    # van 12" is no date
    for pattern, groups, least in ((calendar._day_month, "dmy", 3), (calendar._month_day, "mdy", 4),
                                   (calendar._year_month_day, "ymd", 4)):
        for m in pattern.finditer(text):
            parts = dict(zip(groups, m.groups(), strict=True))
            month = calendar.months.get(parts["m"].lower()) or cldr.any_month(parts["m"], least=least)
            if month and (found := _valid(int(parts["y"]), month, int(parts["d"]))):
                return found
    for m in _DOTTED.finditer(text):
        month, year = cldr.any_month(m.group(2), least=3), _full_year(m.group(3), m.group(2))
        if month and year and (found := _valid(year, month, int(m.group(1)))):
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
