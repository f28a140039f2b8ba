"""Date expressions in a sentence, for the timeline: absolute dates at the precision written
("28-10-2024", "im September 2023", "2022" after a year word), dates without a year ("28. Oktober",
"13 июня"), weekdays ("am Montag") and relative words ("heute", "sidste år", "last week").

Candidates are found first (month names and numeric patterns through dates.Calendar; weekdays,
relative words and year words from data/dates.yml) and only then read: no date parser runs over
whole text, so German "die" and "mit" are never taken for Dienstag and Mittwoch. Which day a
mention means is worked out for the whole article in chronology.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .dates import Calendar, Spans
from .models import DateMention

UNITS = ("day", "week", "month", "year", "same")
_YEARS = (1000, 2999)  # a four-digit number after a year word is a year only in this span
_WEEKDAY_GAP = re.compile(r"[\s,.]{1,3}")  # between a weekday and the date it names ("Montag. 28. Oktober")


@dataclass(frozen=True)
class DateWords:
    """One language's words from dates.yml."""

    weekdays: dict[str, int]  # form (lower case) -> 0 (Monday) .. 6
    relative: dict[str, tuple[int, str]]  # phrase (lower case) -> (shift, unit)
    years_before: tuple[str, ...] = ()
    years_after: tuple[str, ...] = ()
    particles: bool = False
    months_before: tuple[str, ...] = ()  # words that make a lone month name a date ("im September")


def date_words(data: object) -> dict[str, DateWords]:
    """The languages of dates.yml's parsed YAML; a ValueError names the language and entry."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of language codes")
    result = {}
    for code, entry in data.items():
        code = str(code)
        if not isinstance(entry, dict):
            raise ValueError(f"{code}: expected a mapping with weekdays, relative and years")
        weekdays: dict[str, int] = {}
        days = entry.get("weekdays") or []
        if days and (not isinstance(days, list) or len(days) != 7):
            raise ValueError(f"{code}: weekdays: expected seven entries, Monday first")
        for number, forms in enumerate(days):
            for form in forms if isinstance(forms, list) else [forms]:
                weekdays[str(form).lower()] = number
        relative: dict[str, tuple[int, str]] = {}
        for phrase, value in (entry.get("relative") or {}).items():
            if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)
                    and value[1] in UNITS):
                raise ValueError(f"{code}: relative: {phrase!r}: expected [shift, unit], unit one of "
                                 f"{', '.join(UNITS)}; got {value!r}")
            relative[str(phrase).lower()] = (value[0], str(value[1]))
        years = entry.get("years") or {}
        if not isinstance(years, dict):
            raise ValueError(f"{code}: years: expected `before` and `after` lists")
        months = entry.get("months") or {}
        if not isinstance(months, dict) or not isinstance(months.get("before") or [], list):
            raise ValueError(f"{code}: months: expected a `before` list")
        result[code] = DateWords(weekdays, relative, tuple(str(w).lower() for w in years.get("before") or []),
                                 tuple(str(w).lower() for w in years.get("after") or []), bool(entry.get("particles")),
                                 tuple(str(w).lower() for w in months.get("before") or []))
    return result


def _alternatives(phrases: list[str]) -> str:
    # Longest first, so "später am Montag" is not cut to "am Montag"; spaces match any whitespace.
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True))


class _View:
    """The words of the languages one sentence is read with, compiled."""

    def __init__(self, words: list[DateWords]) -> None:
        self.weekdays = {form: n for w in words for form, n in w.weekdays.items()}
        self.relative = {p: v for w in words for p, v in w.relative.items()}
        right = "" if words and all(w.particles for w in words) else r"(?!\w)"
        self.words = re.compile(rf"(?<!\w)(?:{_alternatives([*self.weekdays, *self.relative]) or '(?!)'}){right}",
                                re.IGNORECASE)
        before = _alternatives([p for w in words for p in w.years_before])
        after = _alternatives([p for w in words for p in w.years_after])
        self.years = [re.compile(pattern, re.IGNORECASE) for pattern, words in (
            (rf"(?<!\w)(?:{before})\s{{1,3}}(\d{{4}})(?!\d)", before),
            (rf"(?<![\d.,])(\d{{4}})\s{{0,2}}(?:{after})(?!\w)", after)) if words]
        lone = _alternatives([p for w in words for p in w.months_before])
        # A lookahead, so that "в конце октября" is tried at "конце" after failing at "в".
        self.months = re.compile(rf"(?<!\w)(?=(?:{lone})\s{{1,3}}(\w{{2,20}})(?!\w))", re.IGNORECASE) if lone else None


class DateFinder:
    """Finds the date expressions of sentences; built once from dates.yml and the calendar."""

    def __init__(self, words: dict[str, DateWords], calendar: Calendar,
                 months: Mapping[str, Mapping[str, int]] | None = None) -> None:
        self.words = words
        self.calendar = calendar
        self.months = months or {}  # language -> its month names (languages.yml)
        self._views: dict[str | None, _View] = {}

    def find(self, text: str, language: str | None) -> tuple[DateMention, ...]:
        """The date expressions of one sentence, in text order. Impossible dates are left out."""
        view = self._view(language)
        dates = self.calendar.find(text, self.months.get(language or ""))
        taken = Spans()
        for d in dates:
            taken.take(d.start, d.end)
        found: list[tuple[int, DateMention]] = []
        starts = {d.start: d for d in dates}
        merged: set[int] = set()  # starts of dates a weekday was joined to

        for m in view.words.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            phrase = " ".join(m.group().lower().split())
            if phrase in view.weekdays:
                after = _WEEKDAY_GAP.match(text, m.end())
                named = starts.get(after.end()) if after else None
                if named is not None and not named.valid:
                    continue  # "am Montag, 32. Oktober": the weekday of an impossible date is none either
                if named is not None and named.day is not None:
                    # "в четверг, 13 июня": the weekday checks the date's year (chronology.py)
                    found.append((m.start(), DateMention(text[m.start():named.end], named.year, named.month,
                                                         named.day, weekday=view.weekdays[phrase])))
                    taken.take(m.start(), m.end())
                    merged.add(named.start)
                    continue
                found.append((m.start(), DateMention(m.group(), weekday=view.weekdays[phrase])))
            elif phrase in view.relative:  # (a case-folding the dictionary does not know is skipped)
                shift, unit = view.relative[phrase]
                found.append((m.start(), DateMention(m.group(), shift=shift, unit=unit)))
            taken.take(m.start(), m.end())
        found.extend((d.start, DateMention(text[d.start:d.end], d.year, d.month, d.day))
                     for d in dates if d.valid and d.start not in merged)
        for pattern in view.years:
            for m in pattern.finditer(text):
                year = int(m.group(1))
                if _YEARS[0] <= year <= _YEARS[1] and taken.take(m.start(), m.end()):
                    found.append((m.start(), DateMention(m.group(), year)))
        own = self.months.get(language or "")
        for m in view.months.finditer(text) if view.months else ():
            # "im September", "we wrześniu": a month without day or year, only after a word that
            # makes it a date (English "may" alone is a verb); chronology.py finds its year
            # A word of three letters is an abbreviation ("mar" is also Spanish for sea), except
            # May's full name in most languages (may, mai, maj, mei, май).
            month = self.calendar.month(m.group(1), own)
            if month and (len(m.group(1)) > 3 or month == 5) and taken.take(m.start(), m.end(1)):
                found.append((m.start(), DateMention(text[m.start():m.end(1)], month=month)))
        return tuple(mention for _, mention in sorted(found, key=lambda item: item[0]))

    def _view(self, language: str | None) -> _View:
        if language not in self._views:
            chosen = [self.words[language]] if language in self.words else list(self.words.values())
            self._views[language] = _View(chosen)
        return self._views[language]
