"""Language identification with lingua, offline, restricted to the languages in languages.yml.

A paragraph gets the language lingua finds most likely; a sentence gets its own language only when
lingua is confident it differs (seed 003 has Russian sentences inside German paragraphs)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

from .knowledge import Language

# A sentence differs from its paragraph only when lingua gives the other language at least this
# confidence and the sentence has enough words for that to mean something.
SENTENCE_CONFIDENCE = 0.9
SENTENCE_MIN_WORDS = 4
# Enough text to tell a language; lingua's time grows with the text (4 s for 100,000 characters).
SAMPLE_CHARS = 2000


@lru_cache(maxsize=4)
def _detector(names: tuple[str, ...]) -> LanguageDetector:
    languages = [getattr(LinguaLanguage, name) for name in names]
    return LanguageDetectorBuilder.from_languages(*languages).build()


class LanguageIdentifier:
    """Detects the languages of `languages.yml` that lingua knows (models load once per process)."""

    def __init__(self, languages: Mapping[str, Language]) -> None:
        self._codes = {name: code for code, lang in languages.items() for name in lang.lingua}
        self._names = tuple(sorted(self._codes))

    def _ranked(self, text: str) -> list[tuple[str, float]]:
        if len(self._names) < 2:
            return [(next(iter(self._codes.values())), 1.0)] if self._codes else []
        values = _detector(self._names).compute_language_confidence_values(text[:SAMPLE_CHARS])
        return [(self._codes[v.language.name], v.value) for v in values if v.value > 0]

    def warm_up(self) -> None:
        """Load every language model now (lingua loads them on first use, about 2 s)."""
        self._ranked("Kursk")

    def paragraph(self, text: str) -> str | None:
        """The most likely language of a paragraph, or None when nothing is likely."""
        ranked = self._ranked(text)
        return ranked[0][0] if ranked else None

    def sentence(self, text: str, paragraph_language: str | None) -> str | None:
        """The sentence's own language where it clearly differs from its paragraph's."""
        if len(text.split()) < SENTENCE_MIN_WORDS:
            return paragraph_language
        ranked = self._ranked(text)
        if ranked and ranked[0][0] != paragraph_language and ranked[0][1] >= SENTENCE_CONFIDENCE:
            return ranked[0][0]
        return paragraph_language
