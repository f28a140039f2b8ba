"""What CLDR (the Unicode locale data, through Babel) knows of a language's numbers and calendar:
scale words in every plural form ("0 χιλιάδες", "0 milyon", "0万"), decimal and group symbols,
the words of units (percentages, distances, calibres), month and weekday names in
every grammatical form. Figures and dates read a language with these, so a language without
hand-written data still has them; figures.yml and dates.yml add only what CLDR lacks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache

from babel import Locale, UnknownLocaleError

from .letters import UNSPACED

_PATTERN_NOISE = re.compile(r"[0#¤'\u200e\u200f\u061c]")  # digits, currency sign, quotes, direction marks
_PLACEHOLDER = re.compile(r"\{\d\}")
# Units whose words make a number no figure: it measures something else ("152 mm", "30 %", "40 km").
_NOT_COUNTED_UNITS = (
    "concentr-percent", "length-kilometer", "length-meter", "length-centimeter", "length-millimeter",
    "area-square-kilometer", "area-hectare", "mass-kilogram", "mass-tonne", "duration-year", "duration-month",
    "duration-week", "duration-day", "duration-hour", "duration-minute", "duration-second")


@cache
def locale(code: str | None) -> Locale | None:
    """Babel's locale for a language code, or None when CLDR has none."""
    if not code:
        return None
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _compact(found: Locale, widths: tuple[str, ...] = ("long", "short")) -> Iterator[tuple[str, str, str]]:
    """(plural form, magnitude, pattern) of each of the locale's compact number formats."""
    for width in widths:
        formats = found.compact_decimal_formats.get(width) or {}
        for plural in formats:
            for magnitude, number_pattern in formats[plural].items():
                yield plural, magnitude, number_pattern.pattern


def _date_patterns(found: Locale) -> list[str]:
    """The locale's date formats and date-time skeletons, as CLDR writes them ("y年M月d日")."""
    return [str(p.pattern) for p in found.date_formats.values()] + \
        [str(p) for p in (found._data.get("datetime_skeletons") or {}).values()]


def _word(pattern: str) -> str:
    return " ".join(_PATTERN_NOISE.sub("", pattern).replace("\u00a0", " ").split()).lower()


@cache
def scales(code: str | None) -> dict[str, float]:
    """Scale words (lower case, an abbreviation without its point) -> what they multiply by, from the
    compact number formats long and short: Greek "χιλιάδες" 1,000, Japanese "万" 10,000, Hindi "लाख"
    100,000. One-letter Latin abbreviations ("K", "M") and words of several parts are left out."""
    found = locale(code)
    if found is None:
        return {}
    result: dict[str, float] = {}
    for _, magnitude, pattern in _compact(found):
        zeros = pattern.count("0")
        word = _word(pattern).rstrip(".")
        if word and " " not in word and zeros and not (word.isascii() and len(word) < 2):
            result.setdefault(word, float(int(magnitude) // 10 ** (zeros - 1)))
    return result


@cache
def long_scales(code: str | None) -> frozenset[str]:
    """The scale words of CLDR's long compact forms ("χιλιάδες", not the abbreviation "χιλ"): only
    these stand for a number alone ("ألف خبير" a thousand experts)."""
    found = locale(code)
    if found is None:
        return frozenset()
    return frozenset(w for _, _, pattern in _compact(found, ("long",))
                     if len(w := _word(pattern).rstrip(".")) >= 3 or not w.isascii())  # "mil", "bin"; not "k"


@cache
def plural_scales(code: str | None) -> frozenset[str]:
    """The scale words CLDR writes only in plural forms ("χιλιάδες", "آلاف", "tuhatta"): standing
    alone, without a number, they say "thousands", a vague amount. A language without a singular
    form ("万") has none."""
    found = locale(code)
    if found is None:
        return frozenset()
    forms: dict[str, set[str]] = {}
    for plural, _, pattern in _compact(found):  # "0 χιλιάδα" (one) beside "00 χιλιάδες"
        single = pattern.count("0") == 1 and plural == "one"
        forms.setdefault(_word(pattern).rstrip("."), set()).add("one" if single else "other")
    if not any("one" in f for f in forms.values()):
        return frozenset()
    return frozenset(w for w, f in forms.items() if w and "one" not in f)


@cache
def symbols(code: str | None) -> tuple[str, str]:
    """The decimal and group symbols the language writes with its default digits (Arabic "٫" and "٬")."""
    found = locale(code)
    if found is None:
        return ".", ","
    system = found.default_numbering_system
    table = found.number_symbols.get(system) or found.number_symbols.get("latn") or {}
    return table.get("decimal", "."), table.get("group", ",")


@cache
def unit_words(code: str | None, before: bool = False) -> frozenset[str]:
    """Words and signs of the units that make a number no figure (percentages, distances, areas,
    weights, durations): "%", "mm", "χιλιόμετρα", "yüzde", "tuntia"; with `before`, only those
    written before the number ("yüzde 30", "% 30", not Hindi "से" of "5 से॰", five seconds, which
    is also "from"). Words of "per" patterns ("ανά", "في") and one-letter symbols are left out."""
    found = locale(code)
    if found is None:
        return frozenset()
    per: set[str] = set()
    for width in (found._data.get("compound_unit_patterns") or {}).get("per", {}).values():
        for pattern in (width.values() if hasattr(width, "values") else (width,)):
            if isinstance(pattern, str):
                per.update(_PLACEHOLDER.sub(" ", pattern).lower().split())
    words: set[str] = set()
    for key, forms in (found._data.get("unit_patterns") or {}).items():
        if key not in _NOT_COUNTED_UNITS:
            continue
        for lengths in forms.values():
            plurals = {k: v for k, v in lengths.items() if k != "per"} if hasattr(lengths, "items") else {}
            for pattern in plurals.values():
                if isinstance(pattern, str):
                    written = (pattern.split("{0}")[0] if "{0}" in pattern else "") if before else pattern
                    words.update(w.rstrip(".") for w in _PLACEHOLDER.sub(" ", written).lower().split())
    return frozenset(w for w in words - per
                     if w in ("%", "٪") or (len(w) > 1 and not w.startswith("/")) or _ideographic(w))


def _ideographic(word: str) -> bool:
    """One CJK character ("年", "日"): a unit or date word of its own."""
    return len(word) == 1 and ("\u3040" <= word <= "\u9fff" or "\uac00" <= word <= "\ud7a3")


_FIELD = re.compile(r"(y+|M+|L+|d+)([^\W\d_A-Za-z]+)")  # a field, then letters of another script


@cache
def date_suffixes(code: str | None) -> frozenset[str]:
    """What the language writes right after the number of a year, month or day in its date formats
    (Japanese and Chinese "年", "月", "日", Korean "년", "일"): a number followed by one is part of a
    date, no figure."""
    found = locale(code)
    if found is None:
        return frozenset()
    return frozenset(m.group(2) for pattern in _date_patterns(found) for m in _FIELD.finditer(pattern))


def _names(table: object, keep: Callable[[str], bool]) -> dict[str, int]:
    """Names of a CLDR calendar table (months or days) in every form (format and stand-alone, wide
    and abbreviated), lower case, without an abbreviation's point, that `keep` keeps -> number."""
    result: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in (table.get(context, {}).get(width) or {}).items():  # type: ignore[attr-defined]
                word = name.lower().rstrip(".")
                if keep(word):
                    result.setdefault(word, int(number))
    return result


@cache
def months(code: str | None) -> dict[str, int]:
    """Month names in every form CLDR has -> 1..12."""
    found = locale(code)
    return _names(found.months, lambda w: bool(w) and not w.isdigit()) if found is not None else {}


@cache
def numbered_months(code: str | None) -> frozenset[str]:
    """The words a language writes before a month's number where its months have no names
    (Vietnamese "tháng 10", October; CLDR's forms "tháng 1" .. "tháng 12", abbreviated "thg 10")."""
    found: set[str] = set()
    for name, number in months(code).items():
        word, _, digits = name.rpartition(" ")
        if word and digits == str(number):
            found.add(word)
    return frozenset(w for w in found if all(f"{w} {n}" in months(code) for n in range(1, 13)))


@cache
def weekdays(code: str | None) -> dict[str, int]:
    """Weekday names in every form CLDR has -> 0 (Monday) .. 6."""
    found = locale(code)
    return _names(found.days, lambda w: len(w) > 2) if found is not None else {}


_FIELDS = {"y": "year", "M": "month", "L": "month", "d": "day"}


@cache
def field_suffixes(code: str | None) -> dict[str, str]:
    """The letter a language writes right after a year, a month and a day written in digits, where it
    writes one (Japanese and Chinese {"year": "年", "month": "月", "day": "日"}): from its date formats."""
    found = locale(code)
    if found is None:
        return {}
    result: dict[str, str] = {}
    for pattern in _date_patterns(found):
        for m in _FIELD.finditer(pattern):
            suffix = m.group(2)[0]
            if (len(m.group(1)) <= 2 or m.group(1)[0] == "y") and not unicodedata.name(suffix, "").startswith("LATIN"):
                result.setdefault(_FIELDS[m.group(1)[0]], suffix)  # digits, not a month's name
    return result


@cache
def relative_words(code: str | None) -> dict[str, tuple[int, str]]:
    """Words for days, weeks, months and years relative to today ("χθες", "昨日", "geçen hafta"),
    lower case -> (shift, unit)."""
    found = locale(code)
    if found is None:
        return {}
    result: dict[str, tuple[int, str]] = {}
    fields = found._data.get("date_fields") or {}
    for unit in ("day", "week", "month", "year"):
        relative = (fields.get(unit) or {}).get("relative") or {}
        for shift, phrase in relative.items():
            if isinstance(phrase, str) and phrase.strip():
                result.setdefault(" ".join(phrase.lower().split()), (int(shift), unit))
    return result


@cache
def currency_words(code: str | None) -> tuple[str, ...]:
    """The language's names and symbols of currencies, lower case, longest first ("ดอลลาร์สหรัฐ", "บาท")."""
    found = locale(code)
    if found is None:
        return ()
    names = {n.lower() for n in found.currencies.values()} | {s.lower() for s in found.currency_symbols.values()}
    return tuple(sorted((n for n in names if n and not n.isascii()), key=len, reverse=True))


@cache
def field_words(code: str | None, unit: str = "year") -> frozenset[str]:
    """The language's words for a unit of time, "year" or "day" (Vietnamese "năm", "ngày"; Persian
    "سال"; Estonian "aasta"): the words its "in {0} years" and "{0} years ago" patterns share, less
    the particles the other unit's patterns have too (Romanian "de" of "peste {0} de ani")."""
    found = locale(code)
    if found is None:
        return frozenset()
    fields = found._data.get("date_fields") or {}

    def words(field: str, direction: str) -> set[str]:
        forms = (fields.get(field) or {}).get(direction) or {}
        return {w for pattern in forms.values() if isinstance(pattern, str) and "{0}" in pattern
                for w in _PLACEHOLDER.sub(" ", pattern).lower().split()}

    other = "day" if unit == "year" else "year"
    shared = words(unit, "future") & words(unit, "past")
    return frozenset(w for w in shared - words(other, "future") - words(other, "past")
                     if sum(c.isalpha() for c in w) > 1)  # not the root locale's "y"


def unspaced(code: str | None) -> bool:
    """Whether the language writes words without spaces between them (Japanese, Chinese, Thai): its
    date words then match inside longer runs of letters."""
    names = [*weekdays(code), *months(code)]
    letters = [c for name in names for c in name if c.isalpha()]
    return bool(letters) and all(UNSPACED.match(c) for c in letters)


@cache
def _every_month() -> dict[str, int]:
    """Month names of every language with a two-letter code CLDR has (lingua's languages all have one):
    forms of three letters or more that name one month only."""
    from babel.localedata import locale_identifiers

    found: dict[str, set[int]] = {}
    for code in locale_identifiers():
        if len(code) == 2:
            for word, number in months(code).items():
                if len(word) >= 3:
                    found.setdefault(word, set()).add(number)
    return {w: next(iter(n)) for w, n in found.items() if len(n) == 1}


def any_month(word: str, least: int = 4) -> int | None:
    """The month a word of at least `least` letters names in any language CLDR has ("Νοεμβρίου",
    "marraskuuta"): for datelines, read before the article's language is known (dates.parse_date
    reads a three-letter word such as Serbian "нов" only between a day and a year). Loaded on first
    use (about a second)."""
    word = word.lower().rstrip(".")
    return _every_month().get(word) if len(word) >= least else None


def script_of(code: str | None) -> str:
    """The first word of the Unicode names of the letters of the language's month names ("GREEK",
    "ARABIC", "CJK"), or "" when they mix scripts or CLDR has none."""
    names = {unicodedata.name(c, "").split(" ")[0] for name in months(code) for c in name if c.isalpha()}
    return names.pop() if len(names) == 1 else ""


PREFIXES = "ובלמהכש"  # Hebrew letters glued to the front of a word: and, in, to, from, the, as, that


def prefixing(code: str | None) -> bool:
    """Whether the language glues one- or two-letter prepositions and articles (PREFIXES) to the front
    of its words ("ביום ראשון", "באפריל"): Hebrew."""
    letters = [c for name in months(code) for c in name if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("HEBREW") for c in letters)
