"""Cleanup: repair what scraping broke inside a line, and set aside lines that are not article text
(with the reason, so nothing is dropped silently). Metadata found in set-aside lines is kept."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from . import cldr
from .blocks import Block
from .dates import Calendar, parse_date
from .knowledge import LineRule
from .models import CleanText, Line, Metadata, SetAside

_BROKEN_ENTITY = re.compile(r"&\s{0,3}(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10})\s{0,3};")
_TAG = re.compile(r"<\s{0,3}/?\s{0,3}[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,500})?/?>")
_DETACHED_STOP = re.compile(r"(?<=\w)[ \t]+(?=[.,](?:\s|$))")  # "sagte Biden ." -> "sagte Biden."
_DETACHED_HYPHEN = re.compile(r"(?<=\w) -(?=\w)")  # "Kursk -regionen" -> "Kursk-regionen"
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_WORD = re.compile(r"\w+")
_BULLETS = re.compile(r"^[▶►▸•·*>\-–—\s]{1,10}")
_TERMINAL = ".!?:;…\"'“”»«„)"

# A repeated headline shares this share of the headline's words, in order.
_HEADLINE_SIMILARITY = 0.8
# Only the first lines of an article are checked for a repeated headline.
_HEADLINE_WINDOW = 12
# Words after a repeated headline that are taken for a byline (author names).
_MAX_BYLINE_WORDS = 4
_HEADING_MAX_CHARS = 150
_TITLE_MAX_CHARS = 300


def _unescape(match: re.Match[str]) -> str:
    entity = f"&{match.group(1)};"
    value = html.unescape(entity)
    return match.group(0) if value == entity else value


def repair(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair entities, markup fragments, detached punctuation and invisible characters in a line."""
    repairs = []
    steps = (
        ("invisible or control characters removed", _INVISIBLE, ""),
        ("HTML entity decoded", _BROKEN_ENTITY, _unescape),
        ("markup fragment removed", _TAG, ""),
        ("detached punctuation joined", _DETACHED_STOP, ""),
        ("detached hyphen joined", _DETACHED_HYPHEN, "-"),
    )
    for label, pattern, replacement in steps:
        new = pattern.sub(replacement, text)
        if new != text:
            repairs.append(label)
            text = new
    return _SPACES.sub(" ", text).strip(), tuple(repairs)


def words(text: str) -> list[str]:
    """The words of a text, case-folded: what "the same text" means across spacing and punctuation."""
    return _WORD.findall(text.casefold())


def text_key(text: str) -> str:
    """A key under which texts that differ only in case, spacing or punctuation are equal."""
    return " ".join(words(text))


def match_line_rule(text: str, rules: Sequence[LineRule], calendar: Calendar
                    ) -> tuple[LineRule, dict[str, str]] | None:
    """The first rule matching the whole line (leading bullets and arrows aside), with the metadata
    its named groups captured."""
    text = _BULLETS.sub("", text)
    for rule in rules:
        found = rule.pattern.fullmatch(text)
        if not found:
            continue
        captured = {k: v.strip() for k, v in found.groupdict().items() if v and v.strip()}
        month = captured.pop("month", None)
        if month is not None and month.lower().rstrip(".") not in calendar.months and not cldr.any_month(month):
            continue  # "Kiev, 5 morti (ANSA)": no month, no dateline
        for key in ("date", "updated"):
            if key in captured:
                iso = parse_date(captured[key], calendar)
                if iso is None:
                    break  # not a date after all: the line is not a dateline
                captured[key] = iso
        else:
            return rule, captured
    return None


def _repeats_headline(headline: list[str], line: str) -> tuple[bool, str | None]:
    """Whether `line` repeats the headline, and the byline appended to it if any."""
    line_words = words(line)
    if not headline or not line_words or len(line_words) > len(headline) + _MAX_BYLINE_WORDS + 2:
        return False, None
    blocks = SequenceMatcher(None, headline, line_words, autojunk=False).get_matching_blocks()
    if sum(b.size for b in blocks) / len(headline) < _HEADLINE_SIMILARITY:
        return False, None
    real = [b for b in blocks if b.size]
    tail_start = real[-1].b + real[-1].size if real else 0
    spans = list(_WORD.finditer(line))[tail_start:]
    if 0 < len(spans) <= _MAX_BYLINE_WORDS and all(s.group(0)[:1].isupper() for s in spans):
        return True, line[spans[0].start():].strip()
    return True, None


def _is_heading_like(text: str) -> bool:
    return len(text) <= _HEADING_MAX_CHARS and not text.rstrip().endswith(tuple(_TERMINAL))


def _metadata(found: Mapping[str, str], title: str | None, author: str | None) -> Metadata:
    url = found.get("url")
    outlet = found.get("outlet")
    if not outlet and url:
        host = urlsplit(url).hostname or ""
        outlet = host.removeprefix("www.") or None
    return Metadata(
        title=title,
        date=found.get("date"),
        updated=found.get("updated"),
        outlet=outlet,
        url=url,
        author=author or found.get("author"),
        place=found.get("place"),
        credited_source=found.get("credited"),
    )


def clean(blocks: Sequence[Block], rules: Sequence[LineRule], calendar: Calendar,
          front_matter: Sequence[str] = (), title: str | None = None) -> CleanText:
    """Repair lines, set debris aside with its reason, find the headline and the metadata.

    `front_matter` holds the file's front-matter lines (listed as set aside); `title` one given there.
    """
    set_aside = [SetAside(n, text, "front matter") for n, text in enumerate(front_matter, start=1)]
    found: dict[str, str] = {}
    kept: list[tuple[Line, int]] = []  # (line, block index)
    for index, block in enumerate(blocks):
        for number, raw in block.lines:
            text, repairs = repair(raw)
            if not text:
                continue
            hit = match_line_rule(text, rules, calendar)
            if hit:
                rule, captured = hit
                for key, value in captured.items():
                    found.setdefault(key, value)
                set_aside.append(SetAside(number, raw, rule.reason))
                continue
            heading = block.heading or (len(block.lines) == 1 and _is_heading_like(text))
            kept.append((Line(number, text, repairs, heading), index))

    headline_words: list[str] = []
    author = None
    seen: dict[str, int] = {}
    lines: list[tuple[Line, int]] = []
    for position, (line, index) in enumerate(kept):
        if position == 0 and len(line.text) <= _TITLE_MAX_CHARS:
            title = title or line.text
            headline_words = words(line.text)
            line = Line(line.number, line.text, line.repairs, heading=True)
        elif position < _HEADLINE_WINDOW and headline_words:
            repeated, byline = _repeats_headline(headline_words, line.text)
            if repeated:
                author = author or byline
                reason = f"repeated headline with byline {byline!r}" if byline else "repeated headline"
                set_aside.append(SetAside(line.number, line.text, reason))
                continue
        key = text_key(line.text)
        if key and key in seen:
            set_aside.append(SetAside(line.number, line.text, f"repeats line {seen[key]}"))
            continue
        seen.setdefault(key, line.number)
        lines.append((line, index))

    paragraphs: dict[int, list[int]] = {}
    for line, index in lines:
        paragraphs.setdefault(index, []).append(line.number)
    return CleanText(
        lines=tuple(line for line, _ in lines),
        set_aside=tuple(sorted(set_aside, key=lambda s: s.line)),
        metadata=_metadata(found, title, author),
        paragraphs=tuple(tuple(numbers) for numbers in paragraphs.values()),
    )
