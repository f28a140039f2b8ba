"""Language identification with lingua, offline, for every language lingua knows (75).

Two detectors: every language in lingua's low-accuracy mode (about 100 MB: the high-accuracy models
of all 75 take 1.3 GB a process, more than a build's workers can afford), then, when it names one
of the languages of languages.yml, those languages in high-accuracy mode (as reliable on short
lines as before). Codes are ISO 639-1 (lingua's Bokmål and Nynorsk are `no` where languages.yml says
so). A paragraph gets the language lingua finds most likely; a sentence gets its own language only
when lingua is confident it differs (seed 003 has Russian sentences inside German paragraphs)."""

from __future__ import annotations

import re
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
# The every-language detector reads less: in low-accuracy mode, a few hundred characters decide.
BROAD_SAMPLE_CHARS = 400
# On a text this long that it names with this confidence, the every-language detector is as right as
# the high-accuracy one (0.988 both, on the examples' article openings), which is then not asked.
LONG_TEXT = 200
SETTLED = 0.95
# Paragraphs shorter than this (headings, names, captions) take their article's main language when
# their letters allow it: lingua tells "Pjöngjang" apart from Icelandic no better than chance.
SHORT_PARAGRAPH = 60


@lru_cache(maxsize=4)
def _detector(names: tuple[str, ...]) -> LanguageDetector:
    languages = [getattr(LinguaLanguage, name) for name in names]
    return LanguageDetectorBuilder.from_languages(*languages).build()


# A capitalised word inside a sentence is mostly a name ("Kim Jong Un", "Pyongyang"), and names
# mislead trigram models (to Tagalog, here); they are left out when enough other words remain.
_NAME = re.compile(r"(?<!^)(?<![.!?:]\s)\b[A-Z][\w'’-]*")
_WORD = re.compile(r"\w+")
MIN_WORDS_LEFT = 3


def _without_names(text: str) -> str:
    stripped = _NAME.sub(" ", text)
    return stripped if len(_WORD.findall(stripped)) >= MIN_WORDS_LEFT else text


@lru_cache(maxsize=1)
def _broad() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


class LanguageIdentifier:
    """Detects any language lingua knows; those of `languages.yml` in high-accuracy mode (models
    load once per process)."""

    def __init__(self, languages: Mapping[str, Language]) -> None:
        self._codes = {name: code for code, lang in languages.items() for name in lang.lingua}
        self._names = tuple(sorted(self._codes))

    def _code(self, language: LinguaLanguage) -> str:
        return self._codes.get(language.name) or language.iso_code_639_1.name.lower()

    def _ranked(self, text: str) -> list[tuple[str, float]]:
        sample = _without_names(text[:SAMPLE_CHARS])
        broad = [v for v in _broad().compute_language_confidence_values(sample[:BROAD_SAMPLE_CHARS]) if v.value > 0]
        settled = len(sample) >= LONG_TEXT and broad and broad[0].value >= SETTLED
        if not broad or broad[0].language.name not in self._codes or settled:
            return [(self._code(v.language), v.value) for v in broad]
        return self._configured(sample)

    def _configured(self, sample: str) -> list[tuple[str, float]]:
        """The languages of languages.yml, in high-accuracy mode."""
        if len(self._names) < 2:
            return [(next(iter(self._codes.values())), 1.0)] if self._codes else []
        values = _detector(self._names).compute_language_confidence_values(sample)
        return [(self._codes[v.language.name], v.value) for v in values if v.value > 0]

    def warm_up(self) -> None:
        """Load the language models now (lingua loads them on first use, about 2 s)."""
        self._ranked("Kursk")
        if len(self._names) >= 2:
            _detector(self._names).compute_language_confidence_values("Kursk")

    def paragraph(self, text: str) -> str | None:
        """The most likely language of a paragraph, or None when nothing is likely."""
        ranked = self._ranked(text)
        return ranked[0][0] if ranked else None

    def paragraphs(self, texts: list[str], fallback: str | None = None) -> list[str | None]:
        """The language of each paragraph of one article. A short one (a heading, a name, a caption)
        says little on its own: it takes the article's main language (the one most of its text is
        in) unless its letters rule that language out ("Курск" in a German article stays Russian)."""
        ranked = [self._ranked(text) for text in texts]
        shares: dict[str, int] = {}
        for text, found in zip(texts, ranked, strict=True):
            if found:
                shares[found[0][0]] = shares.get(found[0][0], 0) + len(text)
        main = max(shares, key=shares.__getitem__) if shares else fallback
        chosen = []
        for text, found in zip(texts, ranked, strict=True):
            possible = {code for code, _ in found}
            if main and len(text) < SHORT_PARAGRAPH and (main in possible or not found):
                chosen.append(main)
            else:
                chosen.append(found[0][0] if found else fallback)
        return chosen

    def sentence(self, text: str, paragraph_language: str | None) -> str | None:
        """The sentence's own language where it clearly differs from its paragraph's. In a paragraph
        of a language of languages.yml, only those languages are looked for (the Russian sentence
        of a German paragraph): the every-language detector costs five times as much, and a
        sentence is asked far more often than a paragraph."""
        if len(text.split()) < SENTENCE_MIN_WORDS:
            return paragraph_language
        configured = paragraph_language in self._codes.values()
        ranked = self._configured(_without_names(text[:SAMPLE_CHARS])) if configured else self._ranked(text)
        if ranked and ranked[0][0] != paragraph_language and ranked[0][1] >= SENTENCE_CONFIDENCE:
            return ranked[0][0]
        return paragraph_language
