"""Reading calendar dates written as numbers or with month names (month names come from YAML)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

_NUMERIC = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)"), ("d", "m", "y")),
)
# Month names are short: bounded repetition keeps these linear on a hostile 100,000-letter word.
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\.?\s{1,3}(\w{2,20})\.?,?\s{1,3}(\d{4})(?!\d)")
_WORDS_US = re.compile(r"(?<!\w)(\w{2,20})\.?\s{1,3}(\d{1,2}),?\s{1,3}(\d{4})(?!\d)")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str, months: Mapping[str, int]) -> str | None:
    """The first valid calendar date in `text` as YYYY-MM-DD, or None.

    `months` maps lower-cased month names and abbreviations of every language to 1..12.
    """
    for pattern, order in _NUMERIC:
        for m in pattern.finditer(text):
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            if found := _valid(parts["y"], parts["m"], parts["d"]):
                return found
    for m in _WORDS.finditer(text):
        month = months.get(m.group(2).lower())
        if month and (found := _valid(int(m.group(3)), month, int(m.group(1)))):
            return found
    for m in _WORDS_US.finditer(text):
        month = months.get(m.group(1).lower())
        if month and (found := _valid(int(m.group(3)), month, int(m.group(2)))):
            return found
    return None


def normalise_date(value: object, months: Mapping[str, int]) -> str | None:
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
        return parse_date(value, months)
    return None
