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
# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Tibetan, Burmese, Khmer).
UNSPACED = re.compile(r"[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# Characters each of which writes a word or a syllable (Chinese characters, kana, full-width forms): a
# window of text measured in characters takes fewer of them.
DENSE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
