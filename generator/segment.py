"""Sentences: split a paragraph with its language's splitter (sentencex), then re-join splits made
after an abbreviation listed for that language in languages.yml, between a day and its month
("am 28. Oktober", months also from languages.yml), or after a point before a lower-case letter,
which starts no sentence in a script the paragraph writes capitals in ("apie 12 mln. artilerijos sviedinių"). Each
sentence keeps its pieces per original line, so a citation lands on the line where the sentence
starts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence

from sentencex import segment as sentencex_segment

from .models import Line, Sentence

_LAST_WORD = re.compile(r"(\w[\w.]*)\.[\"'”»)]*$")
_HAS_WORD = re.compile(r"\w")
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}\.$")
_FIRST_WORD = re.compile(r"\w+")


_TAIL = 60  # characters at the end of a sentence the re-joining rules read


def _starts_lower(letter: str, text: str, capitals: dict[str, bool]) -> bool:
    """Whether a piece starting with `letter` continues the sentence before it: a lower-case letter of
    a script the paragraph also writes capitals in (Unicode gives Georgian capitals no text uses)."""
    if not letter.islower():
        return False
    script = unicodedata.name(letter, "").split(" ")[0]
    if script not in capitals:
        capitals[script] = any(c.isupper() and unicodedata.name(c, "").startswith(script) for c in text)
    return capitals[script]


def paragraph_text(lines: Sequence[Line]) -> tuple[str, list[tuple[int, int, int]]]:
    """The paragraph's lines joined by spaces, and (line number, start, end) of each line in it."""
    spans, parts, position = [], [], 0
    for line in lines:
        spans.append((line.number, position, position + len(line.text)))
        parts.append(line.text)
        position += len(line.text) + 1
    return " ".join(parts), spans


def split_sentences(text: str, language: str, abbreviations: Collection[str],
                    months: Collection[str] = ()) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`; `months` are lower-case month names."""
    offsets: list[tuple[int, int]] = []
    capitals: dict[str, bool] = {}  # script -> whether the paragraph writes capitals in it
    position = 0
    for piece in sentencex_segment(language or "en", text):
        stripped = piece.strip()
        if not stripped:
            continue
        start = text.find(stripped, position)
        if start < 0:  # the splitter changed the text: keep the rest whole rather than guess
            start = position
            stripped = text[position:].strip()
        end = start + len(stripped)
        position = end
        # the end of the sentence so far (all a rule reads: a sentence may grow long, and is read once)
        previous = text[max(offsets[-1][0], offsets[-1][1] - _TAIL):offsets[-1][1]] if offsets else ""
        after_abbreviation = (m := _LAST_WORD.search(previous)) and m.group(1).lower() in abbreviations
        first = _FIRST_WORD.match(stripped)
        day_and_month = bool(_DAY_NUMBER.search(previous) and first and first.group(0).lower() in months)
        lower = previous.endswith(".") and bool(first) and _starts_lower(first.group(0)[0], text, capitals)
        if offsets and (after_abbreviation or day_and_month or lower or not _HAS_WORD.search(stripped)):
            offsets[-1] = (offsets[-1][0], end)
        else:
            offsets.append((start, end))
        if end >= len(text):
            break
    return offsets


def sentences_of(lines: Sequence[Line], language: str | None, abbreviations: Collection[str],
                 months: Collection[str] = ()) -> tuple[Sentence, ...]:
    """The sentences of a paragraph, each with the original lines it spans."""
    text, spans = paragraph_text(lines)
    result = []
    for start, end in split_sentences(text, language or "en", abbreviations, months):
        pieces = tuple(
            (number, text[max(start, s):min(end, e)].strip())
            for number, s, e in spans
            if max(start, s) < min(end, e) and text[max(start, s):min(end, e)].strip()
        )
        result.append(Sentence(text=text[start:end], line=pieces[0][0], end_line=pieces[-1][0],
                               language=language, pieces=pieces))
    return tuple(result)
