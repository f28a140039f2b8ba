"""Date expressions in a sentence, for the timeline: absolute dates at the precision written
("28-10-2024", "im September 2023", "2022" after a year word), dates without a year ("28. Oktober",
"13 июня"), weekdays ("am Montag") and relative words ("heute", "sidste år", "last week").

Candidates are found first (month names and numeric patterns through dates.Calendar; weekdays,
relative words and year words from data/dates.yml) and only then read: no date parser runs over
whole text, so German "die" and "mit" are never taken for Dienstag and Mittwoch. Which day a
mention means is worked out for the whole article in chronology.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache, partial

from . import cldr
from .dates import Calendar, Spans, gregorian
from .letters import WORD_CHAR
from .models import DateMention

UNITS = ("day", "week", "month", "year", "same")
_YEARS = (1000, 2999)  # a four-digit number after a year word is a year only in this span
# Before a word of a language that glues prepositions to it (cldr.PREFIXES): no letter, or one or two
# prefix letters after no letter ("ביום ראשון")
_PREFIXED = rf"(?<![^\W{cldr.PREFIXES}])(?<![^\W{cldr.PREFIXES}]\w)(?<!\w\w\w)"
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
    ahead_before: tuple[str, ...] = ()  # right before or after a weekday, put it ahead ("på måndag")
    ahead_next: tuple[str, ...] = ()  # ... and past the article's own day ("kommenden Mittwoch")
    ahead_tense: tuple[str, ...] = ()  # before a lone weekday in its sentence, put it ahead ("will", "*rá")
    ahead_not: tuple[str, ...] = ()  # a tense word that says "reportedly", not "will" ("skal ha")
    ahead_back: tuple[str, ...] = ()  # right before or after a weekday (or the form itself): it is past
    tense_after: bool = False  # the tense word comes after the weekday (Korean: the verb ends the sentence)
    months_since: tuple[str, ...] = ()  # before a month alone: the latest such month ("seit Januar")
    months_last: tuple[str, ...] = ()  # before a month alone: the latest such month before this one ("last May")
    months_and: tuple[str, ...] = ()  # between two months: the second is a date too ("w styczniu i lutym")
    unspaced: bool = False  # words are not set apart by spaces (Japanese): phrases match anywhere
    inflected: bool = False  # weekday names take endings ("hétfőn", "teisipäeval", "у среду"): read by stem
    prefixed: bool = False  # a word may carry one or two glued letters in front (Hebrew "ביום ראשון")


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
        if not isinstance(months, dict) or not all(isinstance(months.get(k) or [], list)
                                                   for k in ("before", "since", "last", "and")):
            raise ValueError(f"{code}: months: expected `before`, `since`, `last` and `and` lists")
        ahead = entry.get("ahead") or {}
        if not isinstance(ahead, dict) or not all(isinstance(ahead.get(k) or [], list)
                                                  for k in ("before", "next", "tense", "not", "back")):
            raise ValueError(f"{code}: ahead: expected `before`, `next`, `tense`, `not` and `back` lists")
        result[code] = DateWords(
            weekdays, relative, _lower(years.get("before")), _lower(years.get("after")), bool(entry.get("particles")),
            months_before=_lower(months.get("before")), months_since=_lower(months.get("since")),
            months_last=_lower(months.get("last")), months_and=_lower(months.get("and")),
            ahead_before=_lower(ahead.get("before")), ahead_next=_lower(ahead.get("next")),
            ahead_tense=_lower(ahead.get("tense")), ahead_not=_lower(ahead.get("not")),
            ahead_back=_lower(ahead.get("back")), tense_after=ahead.get("side") == "after")
    return result


def _lower(words: object) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in words or [])


def _wildcard(phrase: str) -> str:
    """A phrase as a pattern: a `*` at its start or end stands for the rest of that word; a `~` after
    a word for an ending of up to RELATIVE_ENDING letters."""
    core = r"\s+".join(re.escape(w[:-1]) + rf"\w{{0,{RELATIVE_ENDING}}}" if w.endswith("~") else re.escape(w)
                       for w in phrase.strip("*").split())
    return ("\\w+" if phrase.startswith("*") else "") + core + ("\\w*" if phrase.endswith("*") else "")


RELATIVE_ENDING = 3  # letters a word of an inflected relative phrase may end with ("τον επόμενο μήνα")


def _stems(phrase: str) -> tuple[str, ...]:
    """The words of a relative phrase, each of four letters or more as its stem (less the letters an
    inflection changes, at least three) and `~`, an ending; shorter words as they are ("ez az év")."""
    return tuple(f"{stem(w, 3)}~" if len(w) >= 4 else w for w in phrase.split())


def _is_form(word: str, pattern: str) -> bool:
    """Whether a word is the word of _stems' `pattern`, or its stem with a short ending."""
    if not pattern.endswith("~"):
        return word == pattern
    return word.startswith(pattern[:-1]) and len(word) - len(pattern) + 1 <= RELATIVE_ENDING


def _alternatives(phrases: list[str]) -> str:
    # Longest first, so "später am Montag" is not cut to "am Montag"; spaces match any whitespace.
    return "|".join(_wildcard(p) for p in sorted(phrases, key=len, reverse=True))


class _View:
    """The words of the languages one sentence is read with, compiled."""

    def __init__(self, words: list[DateWords]) -> None:
        self.weekdays = {form: n for w in words for form, n in w.weekdays.items()}
        self.relative = {p: v for w in words for p, v in w.relative.items()}
        # CLDR's relative phrases of several words, inflected ("τον επόμενο μήνα" of "επόμενος μήνας",
        # "v příštím měsíci" of "příští měsíc"): each word by its stem and a short ending
        self.relative_stems = {_stems(p): v for w in words if w.inflected for p, v in w.relative.items()
                               if len(p.split()) > 1}
        # Stems of inflected weekday names, longest first: a form less its last two letters (at least five)
        self.stems = sorted(((stem(form, 5), n) for w in words if w.inflected for form, n in w.weekdays.items()
                             if len(form) >= 5), key=lambda item: -len(item[0]))
        right = "" if words and all(w.particles for w in words) else r"(?!\w)"
        left = "" if words and all(w.unspaced for w in words) else \
            _PREFIXED if any(w.prefixed for w in words) else r"(?<!\w)"
        phrases = [*self.weekdays, *self.relative, *(f"{s}*" for s, _ in self.stems),
                   *(" ".join(words) for words in self.relative_stems)]
        self.words = re.compile(rf"{left}(?:{_alternatives(phrases) or '(?!)'}){right}",
                                re.IGNORECASE)
        before = _alternatives([p for w in words for p in w.years_before])
        after = _alternatives([p for w in words for p in w.years_after])
        self.years = [re.compile(pattern, re.IGNORECASE) for pattern, words in (
            (rf"(?<!\w)(?:{before})\s{{1,3}}(\d{{4}})(?!\d)", before),
            (rf"(?<![\d.,])(\d{{4}})\.?\s{{0,2}}(?:{after})(?!\w)", after)) if words]  # "2022. aastast"
        self.ahead_near = _Beside([p for w in words for p in w.ahead_before])
        self.ahead_next = _Beside([p for w in words for p in w.ahead_next])
        self.back_near = _Beside([p for w in words for p in w.ahead_back])
        self.back_forms = {p for w in words for p in w.ahead_back}
        self.tense_after = bool(words) and all(w.tense_after for w in words)
        tense = [p for w in words for p in w.ahead_tense]
        # "*rá": a word ending so (Spanish "abordará"); "예정*": a word starting so (Korean "예정이다").
        either = _alternatives(tense)
        self.ahead_tense = re.compile(rf"(?<!\w)(?:{either})(?!\w)", re.IGNORECASE) if either else None
        cancel = _alternatives([p for w in words for p in w.ahead_not])
        self.ahead_not = re.compile(rf"(?<!\w)(?:{cancel})(?!\w)", re.IGNORECASE) if cancel else None
        since = _alternatives([p for w in words for p in w.months_since])
        self.since = re.compile(rf"(?:{since})(?!\w)", re.IGNORECASE) if since else None
        last = _alternatives([p for w in words for p in w.months_last])
        self.last = re.compile(rf"(?:{last})(?!\w)", re.IGNORECASE) if last else None
        lone = _alternatives([p for w in words for p in w.months_before])
        # A lookahead, so that "в конце октября" is tried at "конце" after failing at "в".
        self.months = re.compile(rf"(?<!\w)(?=(?:{lone})\s{{1,3}}(\w{{2,20}})(?!\w))", re.IGNORECASE) if lone else None
        joined = _alternatives([p for w in words for p in w.months_and])
        self.and_month = re.compile(rf"\s{{1,3}}(?:{joined})\s{{1,3}}(\w{{2,20}})(?!\w)",
                                    re.IGNORECASE) if joined else None


    def relative_of(self, phrase: str) -> tuple[int, str] | None:
        """The (shift, unit) a matched phrase says: a phrase, else an inflected phrase by its stems."""
        found = self.relative.get(phrase)
        if found is None and self.relative_stems:
            words = phrase.split()
            found = next((v for stems, v in self.relative_stems.items() if len(stems) == len(words)
                          and all(_is_form(w, s) for w, s in zip(words, stems, strict=True))), None)
        return found

    def weekday(self, phrase: str) -> int | None:
        """The weekday a matched phrase names: a form, else a form's stem with an ending."""
        found = self.weekdays.get(phrase)
        if found is None and self.stems:
            found = next((n for s, n in self.stems if phrase.startswith(s)
                          and len(phrase) - len(s) <= _WEEKDAY_ENDING), None)
        return found

    def future(self, text: str) -> list[int]:
        """Where the sentence's future-tense words start; none when a "reportedly" form is in it
        ("skal ha blitt drept"). Found once per sentence."""
        if self.ahead_tense is None or (self.ahead_not is not None and self.ahead_not.search(text)):
            return []
        return [m.start() for m in self.ahead_tense.finditer(text)]

    def ahead(self, text: str, start: int, end: int, future: Callable[[], list[int]]) -> int:
        """+2 when a `next` word beside the weekday or day at text[start:end] puts it after the
        article's date ("lundi prochain", "kommenden Mittwoch"); +1 when a `before` word beside it
        ("på måndag", "ce mercredi", "오는 10일") or a future tense before it in its sentence
        ("abordará el jueves", "will meet on Monday"; after it in Korean) puts it ahead; 0 when a word
        beside it says it is past ("last Monday", "i mandags", "지난 3일") or nothing says ahead."""
        if text[start:end].lower() in self.back_forms or self.back_near.beside(text, start, end):
            return 0
        if self.ahead_next.beside(text, start, end):
            return 2  # "kommenden Mittwoch" in Wednesday's paper is a week on
        if self.ahead_near.beside(text, start, end):
            return 1  # "ce mercredi", "på onsdag" in Wednesday's paper is that day
        found = future()
        return int(bool(found) and (found[-1] > start if self.tense_after else found[0] < start))


class _Beside:
    """Words right before or right after a stretch of text."""

    def __init__(self, phrases: list[str]) -> None:
        either = _alternatives(phrases)
        self.before = re.compile(rf"(?<!\w)(?:{either})\s{{1,3}}\Z", re.IGNORECASE) if either else None
        self.after = re.compile(rf"\s{{1,3}}(?:{either})(?!\w)", re.IGNORECASE) if either else None

    def beside(self, text: str, start: int, end: int) -> bool:
        if self.before is None or self.after is None:
            return False
        return bool(self.before.search(text[max(0, start - 40):start]) or self.after.match(text, end))


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
        dates = self.calendar.find(text, self._months(language), _cldr_patterns(language)
                                   if language not in self.months else ())
        taken = Spans()
        for d in dates:
            taken.take(d.start, d.end)
        found: list[tuple[int, DateMention]] = []
        starts = {d.start: d for d in dates}
        merged: set[int] = set()  # starts of dates a weekday was joined to
        future = cache(partial(view.future, text))  # read once, and only when a weekday or day needs it
        week: tuple[int, int] | None = None  # the week phrase just found ("vorige week"), for a weekday after it
        weekday_end = -1  # the end of the weekday just found, for a week phrase after it

        for m in view.words.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            phrase = " ".join(m.group().lower().split())
            day = view.weekday(phrase)
            relative = view.relative_of(phrase) if day is None else None
            if day is not None:
                after = _WEEKDAY_GAP.match(text, m.end())
                named = starts.get(after.end()) if after else None
                if named is not None and not named.valid:
                    continue  # "am Montag, 32. Oktober": the weekday of an impossible date is none either
                if named is not None and named.day is not None:
                    # "в четверг, 13 июня": the weekday checks the date's year (chronology.py)
                    found.append((m.start(), DateMention(text[m.start():named.end], named.year, named.month,
                                                         named.day, weekday=day)))
                    taken.take(m.start(), m.end())
                    merged.add(named.start)
                    continue
                if week is not None and _WEEKDAY_GAP.fullmatch(text, week[1], m.start()):
                    # "vorige week woensdag": one day, in the week the phrase names
                    found.append((week[0], DateMention(text[week[0]:m.end()], weekday=day,
                                                       shift=found.pop()[1].shift, unit="week")))
                else:
                    found.append((m.start(), DateMention(m.group(), weekday=day,
                                                         direction=view.ahead(text, m.start(), m.end(), future))))
            elif relative is not None:  # (a case-folding the dictionary does not know is skipped)
                shift, unit = relative
                previous = found[-1][1] if found else None
                if unit == "week" and previous is not None and previous.weekday is not None and \
                        previous.month is None and _WEEKDAY_GAP.fullmatch(text, weekday_end, m.start()):
                    # "Wednesday last week": one day, in the week the phrase names
                    found[-1] = (found[-1][0], replace(previous, words=text[found[-1][0]:m.end()], shift=shift,
                                                       unit="week", direction=0))
                    taken.take(m.start(), m.end())
                    continue
                found.append((m.start(), DateMention(m.group(), shift=shift, unit=unit)))
            taken.take(m.start(), m.end())
            week = (m.start(), m.end()) if relative is not None and relative[1] == "week" else None
            weekday_end = m.end() if day is not None else -1
        # A day alone ("4일", "오는 10일") is counted like a weekday: back, or ahead when the text says so;
        # right after a month phrase ("지난달 28일") it is that day of that month.
        months = {start + len(m.words): i for i, (start, m) in enumerate(found) if m.unit == "month"}
        for d in dates:
            if not d.valid or d.start in merged:
                continue
            end = len(text[:d.start].rstrip())
            phrase = months.get(end) if d.month is None else None  # "지난달 28일", "来月24日"
            if phrase is not None:
                start, month = found[phrase]
                found[phrase] = (start, DateMention(text[start:d.end], day=d.day, shift=month.shift, unit="month"))
                continue
            found.append((d.start, DateMention(text[d.start:d.end], d.year, d.month, d.day,
                                               direction=0 if d.month else view.ahead(text, d.start, d.end, future))))
        own = self._months(language)
        if language not in self.words and language not in self.months and own:
            found += _lone_months(text, own, taken)  # "στον Ιούνιο", "kesäkuussa", "júniusban"; before a
            # year word takes its year ("2024. aasta oktoobrist")
        for pattern in view.years:
            for m in pattern.finditer(text):
                year = int(m.group(1))
                if _YEARS[0] <= year <= _YEARS[1] and taken.take(m.start(), m.end()):
                    found.append((m.start(), DateMention(m.group(), year)))
        for m in view.months.finditer(text) if view.months else ():
            # "im September", "we wrześniu": a month without day or year, only after a word that
            # makes it a date (English "may" alone is a verb); chronology.py finds its year
            # A word of three letters is an abbreviation ("mar" is also Spanish for sea), except
            # May's full name in most languages (may, mai, maj, mei, май).
            month = self.calendar.month(m.group(1), own)
            if month and (len(m.group(1)) > 3 or month == 5) and taken.take(m.start(), m.end(1)):
                since = -2 if view.last is not None and view.last.match(text, m.start()) else \
                    -1 if view.since is not None and view.since.match(text, m.start()) else 0
                found.append((m.start(), DateMention(text[m.start():m.end(1)], month=month, direction=since)))
                second = view.and_month.match(text, m.end(1)) if view.and_month else None
                other = self.calendar.month(second.group(1), own) if second else None
                if second and other and (len(second.group(1)) > 3 or other == 5) \
                        and taken.take(second.start(1), second.end(1)):
                    # "w styczniu i lutym": the second month shares the first's preposition
                    found.append((second.start(1), DateMention(second.group(1), month=other, direction=since)))
        return tuple(mention for _, mention in sorted(found, key=lambda item: item[0]))

    def _view(self, language: str | None) -> _View:
        """dates.yml's words of the language; for a language dates.yml lacks, CLDR's words (and every
        language's, where words are spaced); every language's words for a sentence of no known
        language."""
        if language not in self._views:
            if language in self.words:
                chosen = [self.words[language]]
            elif language and cldr.locale(language) is not None:
                # CLDR's words first; every language's words too where words are spaced, as for a
                # sentence of no known language (a misjudged language still finds "heute")
                chosen = [cldr_words(language), *([] if cldr.unspaced(language) else self.words.values())]
            else:
                chosen = list(self.words.values())
            self._views[language] = _View(chosen)
        return self._views[language]

    def _months(self, language: str | None) -> Mapping[str, int] | None:
        """The month names a sentence of `language` is read with: languages.yml's, else CLDR's with
        their inflected forms ("септембра", "júniusban")."""
        return self.months.get(language or "") or _inflected_months(language)


def cldr_words(language: str) -> DateWords:
    """The date words CLDR has for a language dates.yml lacks: weekday names, and words for days,
    weeks, months and years relative to today."""
    unspaced = cldr.unspaced(language)
    # Weekday names are read by their stems where words take endings; not in Arabic and Hebrew script
    # ("الثلاثة", three, is no Tuesday) nor where words are not spaced
    inflected = not unspaced and cldr.script_of(language) not in ("ARABIC", "HEBREW")
    # CLDR's word for "year" before a year ("năm 2023", "سال ۲۰۲۴") or after it, inflected ("2023 yılında")
    years = tuple(sorted(cldr.field_words(language))) if not unspaced else ()
    return DateWords(dict(cldr.weekdays(language)), dict(cldr.relative_words(language)), years_before=years,
                     years_after=tuple(f"{w}*" for w in years), particles=unspaced, unspaced=unspaced,
                     inflected=inflected, prefixed=cldr.prefixing(language))


def stem(form: str, least: int = 4) -> str:
    """A month or weekday name less the letters an inflection changes: its last two, keeping `least`."""
    return form[:max(least, len(form) - 2)]


@cache
def _cldr_patterns(language: str | None) -> tuple[re.Pattern[str], ...]:
    """Dates written with digits and the letters CLDR puts after them ("2024年11月28日", "11月28日",
    "2024年11月", "28日"), or with a month's number after CLDR's word for it ("ngày 28 tháng 11 năm
    2024", "tháng 10/2024")."""
    numbered = _alternatives(sorted(cldr.numbered_months(language)))
    if numbered:
        # "tháng 10/2024", "tháng 10 năm 2024", "tháng 10": the month's number after its word; a day
        # before it, perhaps after the word for "day" ("ngày 28 tháng 11 năm 2024")
        years = _alternatives(sorted(cldr.field_words(language))) or "(?!)"
        days = _alternatives(sorted(cldr.field_words(language, "day"))) or "(?!)"
        day = rf"(?:(?<!\w)(?:{days})\s)?(?<![\d/.,])(?P<d>\d{{1,2}})\s"
        month = rf"(?:{numbered})\s(?P<m>\d{{1,2}})"
        year = rf"(?:\s?/\s?|\s(?:{years})\s)(?P<y>\d{{4}})(?!\d)"
        return tuple(re.compile(p, re.IGNORECASE) for p in (
            rf"{day}{month}{year}", rf"{day}{month}(?![\d/.,]\d)(?!\d)", rf"(?<!\w){month}{year}",
            rf"(?<!\w){month}(?![\d/.,]\d)(?!\d)"))
    suffix = cldr.field_suffixes(language)
    if not {"year", "month", "day"} <= set(suffix):
        return ()
    y, m, d = (re.escape(suffix[f]) for f in ("year", "month", "day"))
    year, month, day = r"(?P<y>\d{4})", r"(?P<m>\d{1,2})", r"(?P<d>\d{1,2})"
    # a day alone: "24日", "来月24日"; not the day of an impossible "13月24日"
    return tuple(re.compile(p) for p in (
        rf"(?<!\d){year}\s?{y}\s?{month}\s?{m}\s?{day}\s?{d}", rf"(?<!\d){month}\s?{m}\s?{day}\s?{d}",
        rf"(?<!\d){year}\s?{y}\s?{month}\s?{m}", rf"(?<!\d)(?<!\d{m}){day}\s?{d}"))


class Inflected(Mapping[str, int]):
    """Month names, read also with an ending: a name less its last two letters (stem), then at most
    _ENDING letters ("septembra" of "septembar"); or the start of a name ("Ιούνιο" of "Ιούνιος")."""

    def __init__(self, names: Mapping[str, int], prefixed: bool = False) -> None:
        self.names = dict(names)
        self.prefixed = prefixed  # "באפריל": one or two glued letters before the name
        # Stems and names by their first four letters: a word is compared with those that share them
        # (linear in the words of a text, however many there are)
        self._stems: dict[str, list[tuple[str, int, int]]] = {}
        self._heads: dict[str, list[tuple[str, int]]] = {}
        for name, month in names.items():
            if len(name) >= 4 and not any(c.isdigit() or c.isspace() for c in name):  # not "tháng 10"
                self._stems.setdefault(name[:4], []).append((stem(name), len(name), month))
                self._heads.setdefault(name[:4], []).append((name, month))
        for found in self._stems.values():
            found.sort(key=lambda item: -len(item[0]))

    def __getitem__(self, word: str) -> int:
        found = self._read(word)
        for cut in (1, 2) if found is None and self.prefixed else ():
            prefix_ok = all(c in cldr.PREFIXES for c in word[:cut])
            found = self._read(word[cut:]) if prefix_ok and len(word) - cut >= 4 else None
            if found is not None:
                break
        if found is None:
            raise KeyError(word)
        return found

    def _read(self, word: str) -> int | None:
        found = self.names.get(word)
        if found is None:
            found = next((v for s, length, v in self._stems.get(word[:4], ())
                          if word.startswith(s) and len(word) - length <= _ENDING), None)
        if found is None and len(word) >= 6:  # "Ιούνιο" of "Ιούνιος"; not "helmi" (a pearl) of "helmikuu"
            found = next((v for n, v in self._heads.get(word[:4], ()) if len(n) > len(word) and n.startswith(word)),
                         None)
        return found

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


@cache
def _inflected_months(language: str | None) -> Inflected | None:
    names = cldr.months(language)
    return Inflected(names, cldr.prefixing(language)) if names else None


_STORY_YEARS = (1900, 2100)  # a number beside a lone month is its year only in this span ("1200 katona augusztusban")
_LONE_MONTH = re.compile(rf"(?<!\w){WORD_CHAR}{{4,20}}")  # not three letters: "NIS" is also Turkish for April
# A year right after a month name, perhaps past a short word or a second name: "Αύγουστο του 2023",
# "أغسطس/آب 2023"
_YEAR_AFTER = re.compile(r"(?:\s{1,3}[^\W\d_]{1,4}|/[^\W\d_]{1,12}(?:\s[^\W\d_]{1,8})?)?\s{1,3}(\d{4})(?!\d)")
# A year right before a month name: "2024. aasta ", "2024 m. ", "2023 "
_YEAR_BEFORE = re.compile(r"(?<!\d)(\d{4})(?:\.|\s?m\.)?(?:\s{1,3}[^\W\d_]{1,8})?\s{1,3}\Z")
_ENDING = 4  # letters an inflected month name may add to a CLDR form ("kesäkuussa", "júniusban")
_WEEKDAY_ENDING = 6  # letters a weekday's stem may take ("teisipäev" + "al", "hétf" + "őn")


def _lone_months(text: str, months: Mapping[str, int], taken: Spans) -> list[tuple[int, DateMention]]:
    """Month names standing alone in a language read with CLDR's names: a CLDR form, the form with a
    short ending, or the start of a wide form ("Ιούνιο" of "Ιούνιος")."""
    found = []
    for match in _LONE_MONTH.finditer(text):
        month = months.get(match.group().lower())
        if not month:
            continue
        start, end, year = match.start(), match.end(), None
        before = _YEAR_BEFORE.search(text, max(0, start - 20), start)  # "2023 augusztusa"
        after = _YEAR_AFTER.match(text, end)  # "Αύγουστο του 2023"
        if (written := _story_year(before)) is not None:
            start, year = before.start(), written
        elif (written := _story_year(after)) is not None:
            end, year = after.end(), written
        if taken.take(start, end):
            found.append((start, DateMention(text[start:end], year, month)))
    return found


def _story_year(match: re.Match[str] | None) -> int | None:
    """The year a match's first group writes, when it is one of the story's (_STORY_YEARS)."""
    year = gregorian(int(match.group(1))) if match else None
    return year if year is not None and _STORY_YEARS[0] <= year <= _STORY_YEARS[1] else None
