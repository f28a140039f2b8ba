"""Multi-label topic classification per sentence from the terms in topics.yml.

Term syntax (case-insensitive, whole words): `word` matches the word; `stem*` words starting with
the stem; `*part*` words containing it (compounds: "*geschoss*" in "Artilleriegeschosse"); `*end`
words ending with it; several words form a phrase ("security council", "un-sicherheitsrat*").

A sentence is matched with the terms of its own language and the language-neutral terms (key "*"):
the same letters mean different things across languages (English "met", Dutch "met"). A sentence
whose language has no terms is matched with the language-neutral terms only: the classifier decides
its topics and names its concepts (decide.py).

Matching works on the sentence's words, looked up in per-language indexes (dictionaries for words,
stems and endings, substring tests for inner parts), so its cost grows linearly with the text: no
regular expression built from the terms can backtrack on a hostile 100,000-character word."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .models import Match, Topic

NEUTRAL = "*"
ANY_LANGUAGE = ""
_TERM_WORD = re.compile(r"(\*?)(\w+)(\*?)")
_TEXT_WORD = re.compile(r"\w+")
# Between the words of a phrase: spaces, hyphens, apostrophes and the like, nothing longer.
_PHRASE_GAP = re.compile(r"[\W_]{1,3}")


@dataclass(frozen=True)
class WordSpec:
    """One word of a term: its letters and whether other letters may come before or after them."""

    core: str
    open_start: bool
    open_end: bool

    def matches(self, word: str) -> bool:
        if self.open_start and self.open_end:
            return self.core in word
        if self.open_end:
            return word.startswith(self.core)
        if self.open_start:
            return word.endswith(self.core)
        return word == self.core


@dataclass(frozen=True)
class Term:
    topic: str
    concept: str
    text: str
    words: tuple[WordSpec, ...]


def parse_term(text: str) -> tuple[WordSpec, ...]:
    """The words of a term (`*` marks where a word may go on); punctuation separates words."""
    return tuple(WordSpec(m.group(2).casefold(), bool(m.group(1)), bool(m.group(3)))
                 for m in _TERM_WORD.finditer(text))


@dataclass
class _Index:
    """Terms of one language, keyed by how their first word is looked up."""

    exact: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    stems: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    endings: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    parts: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    longest: int = 0

    def add(self, term: Term) -> None:
        first = term.words[0]
        table = (self.parts if first.open_start and first.open_end else self.stems if first.open_end
                 else self.endings if first.open_start else self.exact)
        table[first.core].append(term)
        self.longest = max(self.longest, len(first.core))

    def candidates(self, word: str) -> list[Term]:
        found = list(self.exact.get(word, ()))
        for length in range(1, min(len(word), self.longest) + 1):
            found.extend(self.stems.get(word[:length], ()))
            found.extend(self.endings.get(word[-length:], ()))
        for part, terms in self.parts.items():
            if part in word:
                found.extend(terms)
        return found


class Classifier:
    """Indexes each language's terms once; labels sentences with concepts and topics."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.topics = tuple(topics)
        by_language: dict[str, list[Term]] = defaultdict(list)
        for topic in topics:
            for concept in topic.concepts:
                for language, texts in concept.terms.items():
                    for text in texts:
                        if words := parse_term(text):
                            by_language[language].append(Term(topic.slug, concept.id, text, words))
        self._indexes: dict[str, _Index] = {}
        for language in [*sorted(set(by_language) - {NEUTRAL}), ANY_LANGUAGE]:
            index = _Index()
            for lang, terms in by_language.items():
                if lang in (language, NEUTRAL):
                    for term in terms:
                        index.add(term)
            self._indexes[language] = index

    def matches(self, text: str, language: str | None = None) -> tuple[Match, ...]:
        """Concept terms found in `text`: the first occurrence of each concept of each topic."""
        index = self._indexes.get(language or ANY_LANGUAGE, self._indexes[ANY_LANGUAGE])
        words = list(_TEXT_WORD.finditer(text))
        folded = [w.group(0).casefold() for w in words]
        found: dict[tuple[str, str], Match] = {}
        for position, word in enumerate(folded):
            for term in index.candidates(word):
                key = (term.topic, term.concept)
                if key in found or not self._phrase_at(term, words, folded, position, text):
                    continue
                last = words[position + len(term.words) - 1]
                found[key] = Match(term.topic, term.concept, text[words[position].start():last.end()], term.text)
        return tuple(found.values())

    @staticmethod
    def _phrase_at(term: Term, words: list[re.Match[str]], folded: list[str], position: int, text: str) -> bool:
        if position + len(term.words) > len(words):
            return False
        for offset, spec in enumerate(term.words[1:], start=1):
            previous, current = words[position + offset - 1], words[position + offset]
            if not _PHRASE_GAP.fullmatch(text, previous.end(), current.start()):
                return False
            if not spec.matches(folded[position + offset]):
                return False
        return True
