"""Multi-label topic classification per sentence from the terms in topics.yml.

Term syntax (case-insensitive, whole words): `word` matches the word; `stem*` words starting with
the stem; `*part*` words containing it (compounds: "*geschoss*" in "Artilleriegeschosse"); `*end`
words ending with it; several words form a phrase ("security council").

A sentence is matched with the terms of its own language and the language-neutral terms (key "*"):
the same letters mean different things across languages (English "met", Dutch "met"). A sentence
whose language has no terms at all is matched with every language's terms rather than none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Match, Topic


def term_pattern(term: str) -> str:
    """The regular expression for one term (linear: only `\\w*` around escaped literals)."""
    words = []
    for word in term.strip().split():
        core = re.escape(word.strip("*"))
        words.append(("\\w*" if word.startswith("*") else "") + core + ("\\w*" if word.endswith("*") else ""))
    return r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)"


NEUTRAL = "*"
ANY_LANGUAGE = ""


@dataclass(frozen=True)
class _TopicMatcher:
    topic: Topic
    pattern: re.Pattern[str]
    terms: tuple[tuple[str, str], ...]  # group index -> (concept id, term)


def _matcher(topic: Topic, languages: set[str] | None) -> _TopicMatcher | None:
    terms = sorted(
        {(c.id, t) for c in topic.concepts for lang, words in c.terms.items()
         if languages is None or lang in languages for t in words if t.strip("* ")},
        key=lambda pair: (-len(pair[1].strip("*")), pair),  # most specific first
    )
    if not terms:
        return None
    alternation = "|".join(f"(?P<t{i}>{term_pattern(t)})" for i, (_, t) in enumerate(terms))
    return _TopicMatcher(topic, re.compile(alternation, re.IGNORECASE), tuple(terms))


class Classifier:
    """Compiles each topic's terms, per language, into one alternation; labels sentences with topics."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.topics = tuple(topics)
        languages = {lang for t in topics for c in t.concepts for lang in c.terms} - {NEUTRAL}
        self._matchers: dict[str, list[_TopicMatcher]] = {}
        for language in [*sorted(languages), ANY_LANGUAGE]:
            wanted = None if language == ANY_LANGUAGE else {language, NEUTRAL}
            self._matchers[language] = [m for t in topics if (m := _matcher(t, wanted))]

    def matches(self, text: str, language: str | None = None) -> tuple[Match, ...]:
        """Concept terms found in `text` (first occurrence of each concept per topic)."""
        found = []
        for matcher in self._matchers.get(language or ANY_LANGUAGE, self._matchers[ANY_LANGUAGE]):
            seen = set()
            for m in matcher.pattern.finditer(text):
                concept, term = matcher.terms[int(m.lastgroup[1:])]
                if concept not in seen:
                    seen.add(concept)
                    found.append(Match(matcher.topic.slug, concept, m.group(0), term))
        return tuple(found)
    def topics_of(self, matches: Sequence[Match]) -> tuple[str, ...]:
        """Topics whose matched concepts reach the topic's threshold (concept weights add up)."""
        result = []
        for topic in self.topics:
            weights = {c.id: c.weight for c in topic.concepts}
            score = sum(weights[m.concept] for m in matches if m.topic == topic.slug)
            if score >= topic.threshold:
                result.append(topic.slug)
        return tuple(result)
