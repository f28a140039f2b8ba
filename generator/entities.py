"""People, organisations, countries and places from content/entities.yml, found in each sentence.

Every alias is split into words (hyphens and apostrophes split words, as they do in the text, so
"NATO" is found in "NATO-Generalsekretär") and stored in a trie of words. A sentence is read word by
word; at each word the trie is walked as far as the text allows and the longest alias wins, so the
cost grows with the number of words times the longest alias, whatever the input: no regular
expression built from the aliases, nothing that can backtrack on a hostile 100,000-character word.

A word of the text is looked up as it is and without up to two of the endings its language may
attach (genitive "Putins", "Путина", Korean particles "북한군은"), from the `endings` of the file.
Case: an all-capitals alias ("USA", "FN", "NATO") must be written exactly so (Danish "fn", English
"us" are other words); an alias word starting with a capital needs a capital in the text ("Kim" the
name, not Polish "kim", "who").

Candidates are names the file lacks: runs of two or more capitalised words, and acronyms, that are
not at the start of the sentence, not a known alias and not in the language's `candidates` stoplist
(a run may hold the language's `name_connectors`: "Ministerio de Asuntos Exteriores"); a single
capitalised word only in a language that does not capitalise every noun."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .ids import slugify
from .knowledge import DataError, load_yaml
from .models import Entity, Mention, NameCandidate

TYPES = ("person", "organisation", "country", "place")
NEUTRAL = "*"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A word: letters, digits and the combining marks of decomposed text ("Oekrai\u0308ne" is one word).
_WORD = re.compile(r"[\w\u0300-\u036f]+")
# What may separate the words of one name: spaces, hyphens, apostrophes, a dot ("U.S."), nothing else.
_GAP = re.compile(r"[\s\-\u2010-\u2015'\u2019.]{1,3}")
# Between the words of a candidate: one space (a hyphen makes a compound such as "Indo-Pacifische",
# a dot or comma ends a name).
_CANDIDATE_GAP = re.compile(r"[ \u00a0]")
# After these, a capital starts a quote or a clause, as at the start of a sentence.
_OPENERS = frozenset(':"“„«»‚‘\'(–—-')
_STRIP_MAX = 60  # longer words are looked up only as they are: no name is that long
_STEM_MIN = 2  # an ending is taken off only if at least this much of the word is left
_ACRONYM_MAX = 6
_CONNECTORS_MAX = 2  # "Ministerio de Asuntos Exteriores", "Korea Institute for the ..."


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _all_caps(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


@dataclass(frozen=True)
class _Alias:
    entity: Entity
    words: tuple[str, ...]  # as written in entities.yml

    def fits(self, written: Sequence[str]) -> bool:
        """The case rules: all-capitals words exactly, capitalised words with a capital."""
        for alias, text in zip(self.words, written, strict=True):
            if _all_caps(alias):
                if not text.startswith(alias):
                    return False
            elif alias[:1].isupper() and not text[:1].isupper():
                return False
        return True


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    aliases: list[_Alias] = field(default_factory=list)


class EntityFinder:
    """The entities of entities.yml, indexed once; finds their mentions and candidate names."""

    def __init__(self, entities: Sequence[Entity], endings: dict[str, Sequence[str]] | None = None,
                 stoplist: dict[str, Iterable[str]] | None = None, capitalised_nouns: Iterable[str] = (),
                 connectors: dict[str, Iterable[str]] | None = None) -> None:
        self.entities = tuple(entities)
        self._root = _Node()
        for entity in self.entities:
            for alias in entity.aliases:
                self._add(entity, alias)
        self._endings = {lang: tuple(sorted({_fold(e) for e in ends if e}, key=len))
                         for lang, ends in (endings or {}).items()}
        self._all_endings = tuple(sorted({e for ends in self._endings.values() for e in ends}, key=len))
        stop = {lang: {_fold(w) for w in words} for lang, words in (stoplist or {}).items()}
        neutral = stop.pop(NEUTRAL, set())
        self._stop = {lang: words | neutral for lang, words in stop.items()}
        self._stop_any = neutral.union(*stop.values())
        self._stop_neutral = neutral
        self._capitalised_nouns = frozenset(capitalised_nouns)
        self._connectors = {lang: frozenset(_fold(w) for w in words) for lang, words in (connectors or {}).items()}

    def _add(self, entity: Entity, alias: str) -> None:
        words = tuple(_WORD.findall(alias))
        if not words:
            raise ValueError(f"entity {entity.name!r}: alias {alias!r} has no letters")
        node = self._root
        for word in words:
            node = node.children.setdefault(_fold(word), _Node())
        other = next((a for a in node.aliases if a.entity.slug != entity.slug), None)
        if other is not None:
            raise ValueError(f"entity {entity.name!r}: alias {alias!r} is already an alias of {other.entity.name!r}")
        node.aliases.append(_Alias(entity, words))

    def _forms(self, word: str, endings: tuple[str, ...]) -> set[str]:
        """The word folded, and without one or two endings of its language."""
        folded = _fold(word)
        forms = {folded}
        if len(folded) > _STRIP_MAX:
            return forms
        for stem in [folded[: -len(e)] for e in endings if folded.endswith(e) and len(folded) - len(e) >= _STEM_MIN]:
            forms.add(stem)
            forms.update(stem[: -len(e)] for e in endings if stem.endswith(e) and len(stem) - len(e) >= _STEM_MIN)
        return forms

    def find(self, text: str, language: str | None = None) -> tuple[Mention, ...]:
        """The entities named in `text`, in order; where aliases overlap, the longest, and after it
        the other entities named inside it."""
        words = list(_WORD.finditer(text))
        endings = self._endings.get(language or "", self._all_endings if language is None else ())
        forms: dict[int, set[str]] = {}
        mentions = []
        position = 0
        while position < len(words):
            found = self._longest(text, words, position, endings, forms)
            if found is None:
                position += 1
                continue
            end, alias = found
            start, stop = words[position].start(), words[end - 1].end()
            mentions.append(Mention(alias.entity.slug, alias.entity.name, text[start:stop], start, stop))
            # Another entity named inside a description ("delegatie van de Republiek Korea") is named too.
            inner = position + 1
            while alias.entity.holds_names and inner < end:
                nested = self._longest(text, words, inner, endings, forms)
                if nested is None or nested[0] > end or nested[1].entity.slug == alias.entity.slug:
                    inner += 1
                    continue
                first, last = words[inner].start(), words[nested[0] - 1].end()
                mentions.append(Mention(nested[1].entity.slug, nested[1].entity.name, text[first:last], first, last))
                inner = nested[0]
            position = end
        return tuple(mentions)

    def _longest(self, text: str, words: list[re.Match[str]], first: int, endings: tuple[str, ...],
                 forms: dict[int, set[str]]) -> tuple[int, _Alias] | None:
        best: tuple[int, _Alias] | None = None
        stack = [(self._root, first)]
        while stack:
            node, at = stack.pop()
            if at > first and (best is None or at > best[0]):
                written = [w.group() for w in words[first:at]]
                fitting = next((a for a in node.aliases if a.fits(written)), None)
                if fitting is not None:
                    best = (at, fitting)
            if at >= len(words) or not node.children:
                continue
            if at > first and not _GAP.fullmatch(text, words[at - 1].end(), words[at].start()):
                continue
            if at not in forms:
                forms[at] = self._forms(words[at].group(), endings)
            stack.extend((child, at + 1) for form in forms[at] if (child := node.children.get(form)) is not None)
        return best

    def candidates(self, text: str, language: str | None, mentions: Sequence[Mention] = ()
                   ) -> tuple[NameCandidate, ...]:
        """Capitalised runs and acronyms in `text` that no alias covers (see the module's docstring)."""
        stop = self._stop.get(language or "", self._stop_any if language is None else self._stop_neutral)
        covered = sorted((m.start, m.end) for m in mentions)
        next_mention = 0  # words and mentions both go left to right: one pass over each
        connectors = self._connectors.get(language or "", frozenset())
        found: list[NameCandidate] = []
        run: list[re.Match[str]] = []
        pending: list[re.Match[str]] = []  # connectors after the run ("Korea Institute for ...")
        nouns = language is None or language in self._capitalised_nouns

        def close() -> None:
            if len(run) >= 2:
                found.append(NameCandidate(text[run[0].start():run[-1].end()], run[0].start(), nouns))
            elif run and not nouns:
                found.append(NameCandidate(run[0].group(), run[0].start(), True))
            run.clear()
            pending.clear()

        previous_end = 0
        for index, word in enumerate(_WORD.finditer(text)):
            letters = word.group()
            opens = index == 0 or not _OPENERS.isdisjoint(text[previous_end:word.start()])
            previous_end = word.end()
            while next_mention < len(covered) and covered[next_mention][1] <= word.start():
                next_mention += 1
            inside = next_mention < len(covered) and covered[next_mention][0] <= word.start()
            named = (not opens and not inside and letters[:1].isupper() and not letters.isdigit()
                     and _fold(letters) not in stop)
            if named and _all_caps(letters) and len(letters) <= _ACRONYM_MAX:
                close()
                found.append(NameCandidate(letters, word.start(), False))
                continue
            joined = bool(run) and _CANDIDATE_GAP.fullmatch(text, (pending or run)[-1].end(), word.start()) is not None
            if joined and not named and _fold(letters) in connectors and len(pending) < _CONNECTORS_MAX:
                pending.append(word)
                continue
            if run and (not named or not joined):
                close()
            if named:
                run.extend(pending)
                pending.clear()
                run.append(word)
        close()
        return tuple(found)


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise DataError(f"{where}: expected a list of words")
    return [str(v) for v in value]


def _mapping(data: dict, key: str, where: str) -> dict[str, list[str]]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise DataError(f"{where}: '{key}' must map language codes to lists of words")
    return {str(lang): _strings(words, f"{where}: {key}: {lang}") for lang, words in value.items()}


def load_entities(path: Path) -> EntityFinder:
    """Read and check entities.yml (no file: no entities); errors name the file and the entry."""
    if not path.is_file():
        return EntityFinder(())
    data = load_yaml(path)
    entries = data.get("entities") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(entries, list):
        raise DataError(f"{path}: expected an 'entities:' list")
    entities, slugs = [], set()
    for position, entry in enumerate(entries, start=1):
        where = f"{path}: entity {position}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise DataError(f"{where}: expected a mapping with a name")
        name = entry["name"].strip()
        where = f"{where} ({name})"
        if entry.get("type") not in TYPES:
            raise DataError(f"{where}: type {entry.get('type')!r} must be one of {', '.join(TYPES)}")
        slug = str(entry.get("slug") or slugify(name))
        if not _SLUG.fullmatch(slug) or slug in slugs:
            raise DataError(f"{where}: slug {slug!r} must be unique, lower-case letters, digits and hyphens")
        slugs.add(slug)
        aliases = dict.fromkeys([name, *_strings(entry.get("aliases"), f"{where}: aliases")])
        entities.append(Entity(slug, name, entry["type"], tuple(aliases), entry.get("holds_names") is True))
    nouns = _strings(data.get("capitalised_nouns"), f"{path}: capitalised_nouns")
    try:
        return EntityFinder(entities, _mapping(data, "endings", str(path)), _mapping(data, "candidates", str(path)),
                            nouns, _mapping(data, "name_connectors", str(path)))
    except ValueError as error:
        raise DataError(f"{path}: {error}") from error
