"""Letters as scripts write them: Python's `\\w` leaves out combining marks, so Devanagari "लाख",
Thai and vowelled Arabic words would be cut at every vowel sign. Patterns that read words of any
script use these classes."""

from __future__ import annotations

import re
import unicodedata


def _marks() -> str:
    """A character class body of the combining marks of the Basic Multilingual Plane."""
    codes = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


MARKS = _marks()
LETTER = rf"(?:[^\W\d_]|[{MARKS}])"  # a letter or a combining mark
WORD_CHAR = rf"(?:\w|[{MARKS}])"  # what `\w` matches, and combining marks
