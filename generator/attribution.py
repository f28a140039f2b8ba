"""Who said it: the claimant a sentence attributes its statement to, the outlet that relays it, and
the stance (confirms, denies, cannot confirm, reports). Words are data (data/speech.yml).

A sentence is attributed when it holds a speech word ("sagte", "aldus", "according to"); its
claimant is the name nearest that word, a person before an organisation, an outlet next to a relay
word ("laut TASS") only when nobody else is named. Names come from entities.yml mentions when there
are any, else from capitalised runs and acronyms. A sentence that refers to its claimant ("Er
sagte", "Ihm zufolge", a first-person "ich kann bestätigen") takes the claimant of a neighbouring
attributed sentence of its article, and says so."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .models import Attribution

ALL = "*"
STANCES = ("cannot confirm", "denies", "confirms")  # tried in this order; none of them: "reports"
_SECTIONS = ("speech", "relay", "anaphora", "first_person", "titles", "function_words", "cannot_confirm", "denies",
             "confirms")
_TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]")
_WINDOW = 8  # tokens on either side of a speech word in which its claimant is looked for
_STANCE_WINDOW = 2  # ... of a stance word alone ("haltlose Gerüchte"), which is often no verb
_PERSON_BONUS = 3  # a person this many tokens further away still wins over an organisation
_OUTLET_PENALTY = 4  # an outlet is the claimant only when no other name is near
_BEFORE = 0.25  # of two names as near, the one after the speech word ("sagte X" in German, Dutch, Danish)
ROLE_LETTERS = 5
_GAP_WORD = "…"
_GAP = 6  # words a split verb's parts may have between them ("gab NATO-Generalsekretär Mark Rutte … bekannt")
_ROLE_REACH = 30  # sentences back in which a role word ("des Generalsekretärs") looks for who held it
_CUES = 4  # speech words of a sentence looked at: keeps a hostile sentence of them linear


@dataclass(frozen=True)
class Name:
    """A name in a sentence: its span, its text, and what it is when entities.yml knows it."""

    start: int
    end: int
    text: str
    entity: str | None = None  # the entity's slug
    kind: str = "unknown"  # person, organisation, country, place, outlet or unknown
    canonical: str | None = None  # the entity's name in entities.yml


_REFERENCE = Name(0, 0, "")  # stands for a word that refers to a claimant named elsewhere


@dataclass(frozen=True)
class _Phrases:
    """Lower-cased phrases (tuples of words; a last word ending in "*" is a prefix; "…" stands for up
    to _GAP words, for verbs split around their object: "gab … bekannt"), by first word."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]
    prefixes: tuple[tuple[str, ...], ...]

    @staticmethod
    def of(entries: Iterable[str]) -> _Phrases:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        prefixes = []
        for entry in entries:
            words = tuple(entry.lower().split())
            if not words:
                continue
            if len(words) == 1 and words[0].endswith("*"):
                prefixes.append(words)
            else:
                by_first.setdefault(words[0], []).append(words)
        return _Phrases({k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}, tuple(prefixes))

    def find(self, lowers: Sequence[str]) -> list[tuple[int, int]]:
        """(first token, end token) of every match, left to right."""
        found = []
        for i, word in enumerate(lowers):
            for phrase in self.by_first.get(word, ()):
                if (end := _match_end(phrase, lowers, i)) is not None:
                    found.append((i, end))
                    break
            else:
                if any(word.startswith(p[0][:-1]) for p in self.prefixes):
                    found.append((i, i + 1))
        return found


def _match_end(phrase: tuple[str, ...], lowers: Sequence[str], i: int) -> int | None:
    """Where `phrase` ends when it starts at token `i`, or None."""
    if _GAP_WORD in phrase:
        cut = phrase.index(_GAP_WORD)
        head, tail = phrase[:cut], phrase[cut + 1:]
        if _match_end(head, lowers, i) is None:
            return None
        for start in range(i + len(head), min(len(lowers), i + len(head) + _GAP + 1)):
            if (end := _match_end(tail, lowers, start)) is not None:
                return end
        return None
    if i + len(phrase) > len(lowers):
        return None
    if all(w[:-1] and lowers[i + k].startswith(w[:-1]) if w.endswith("*") else lowers[i + k] == w
           for k, w in enumerate(phrase)):
        return i + len(phrase)
    return None


@dataclass(frozen=True)
class SpeechRules:
    """speech.yml: per language, each section's phrases."""

    sections: dict[str, dict[str, tuple[str, ...]]]  # section -> language -> entries


def speech_rules(data: object) -> SpeechRules:
    """Checks the shape of speech.yml; raises ValueError naming the section and language."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of sections")
    sections: dict[str, dict[str, tuple[str, ...]]] = {}
    for section in _SECTIONS:
        by_language = data.get(section) or {}
        if not isinstance(by_language, dict):
            raise ValueError(f"{section}: expected a mapping of language codes to lists")
        sections[section] = {}
        for language, entries in by_language.items():
            if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
                raise ValueError(f"{section}: {language}: expected a list of words or phrases")
            sections[section][str(language)] = tuple(entries)
    return SpeechRules(sections)


class _View:
    """The phrases of one language (with the "*" ones), compiled once."""

    def __init__(self, rules: SpeechRules, languages: Iterable[str]) -> None:
        wanted = set(languages)

        def phrases(section: str) -> _Phrases:
            entries = rules.sections[section]
            return _Phrases.of(e for lang, es in entries.items() if lang in wanted for e in es)
        self.speech, self.relay, self.titles = phrases("speech"), phrases("relay"), phrases("titles")
        self.anaphora, self.first_person = phrases("anaphora"), phrases("first_person")
        # Single words, looked up per token: titles, function words, and the words a speech or stance
        # phrase starts with (a sentence with none of these is no attribution: one pass decides it).
        self.title_words = frozenset(w for w, ps in self.titles.by_first.items() if any(len(p) == 1 for p in ps))
        self.function_word_set = frozenset(w for w, ps in phrases("function_words").by_first.items()
                                           if any(len(p) == 1 for p in ps))
        openers = [self.speech, *(p for p in (phrases(s) for s in ("cannot_confirm", "denies", "confirms")))]
        self.triggers = frozenset(w for p in openers for w in p.by_first)
        self.trigger_stems = tuple(p[0][:-1] for ph in openers for p in ph.prefixes)
        self.stances = tuple((stance, phrases(stance.replace(" ", "_"))) for stance in STANCES)


@dataclass(frozen=True)
class Found:
    """One sentence's attribution before its article is looked at (claimant may be missing)."""

    cue: str
    stance: str
    claimant: Name | None
    relay: Name | None
    refers: bool  # the sentence refers to a claimant named elsewhere ("Er", "Ihm zufolge", "ich")
    first_person: bool
    role: str | None = None  # the role word it refers by, lower-cased ("generalsekretärs"), not a pronoun
    office: str | None = None  # the title its organisation claimant comes with ("NATO-Generalsekretär")


class Attributor:
    """Finds attributions in sentences of any language of speech.yml."""

    def __init__(self, rules: SpeechRules) -> None:
        self.rules = rules
        self.languages = sorted({lang for section in rules.sections.values() for lang in section} - {ALL})
        self._views: dict[str | None, _View] = {}

    def _view(self, language: str | None) -> _View:
        key = language if language in self.languages else None
        if key not in self._views:
            self._views[key] = _View(self.rules, [ALL, key] if key else [ALL, *self.languages])
        return self._views[key]

    def find(self, text: str, language: str | None, names: Sequence[Name]) -> Found | None:
        """The sentence's attribution, or None when it holds no speech word and no stance word.
        `names` are the sentence's entity mentions; where none is near a speech word, a capitalised
        run right next to it is taken ("sagte Lawow", "Frau Singh bestätigte nicht")."""
        view = self._view(language)
        tokens = list(_TOKEN.finditer(text))
        lowers = [t.group().lower() for t in tokens]
        if not any(w in view.triggers or w.startswith(view.trigger_stems) for w in lowers):
            return None  # no speech or stance word: most sentences end here
        stance = next((s for s, phrases in view.stances if phrases.find(lowers)), "reports")
        cues = view.speech.find(lowers)
        speech = bool(cues)  # a stance word alone ("haltlose Gerüchte") is no place to look for a new name
        if not cues:
            if stance == "reports":
                return None
            cues = next(phrases.find(lowers) for s, phrases in view.stances if s == stance)
        referring = [*view.anaphora.find(lowers), *view.first_person.find(lowers)]
        first_person = bool(view.first_person.find(lowers))
        cues = cues[:_CUES]
        starts, ends = [t.start() for t in tokens], [t.end() for t in tokens]
        spans = [(bisect_right(ends, n.start), max(bisect_left(starts, n.end), bisect_right(ends, n.start) + 1))
                 for n in names]
        taken = {i for first, last in spans for i in range(first, last)}
        taken.update(i for first, last in [*referring, *cues] for i in range(first, last))
        titled = [lower.rsplit("-", 1)[-1] in view.title_words for lower in lowers]
        skipped = [t or lower in view.function_word_set for t, lower in zip(titled, lowers, strict=True)]
        runs = _runs(text, tokens, skipped, taken) if speech else []
        candidates = [*zip(names, spans, strict=True), *runs]
        name_starts = {first for _, (first, _) in candidates}
        referring = [r for r in referring if r[1] not in name_starts]  # "el ministro Pedro Sánchez": a title
        relay = _relay(candidates, view.relay.find(lowers))
        best: tuple[float, Name] | None = None
        # The sentence's subject: a name before which there are only titles and function words.
        subject = next((i for i, s in enumerate(skipped) if not s), 0)
        for start, end in cues:
            for name, (first, last) in candidates:
                if name.kind == "place":  # a place is where it was said, not who said it
                    continue
                distance = first - end if first >= end else start - last if last <= start else 0
                # A known name that opens the sentence is its subject, however far the verb:
                # "Байден во время подписания … заявил", "De NAVO roept Rusland … op".
                opens = name.entity is not None and first <= subject and last <= start
                if opens:
                    distance = min(distance, 1)
                if name is relay or distance > (_WINDOW if speech else _STANCE_WINDOW) or (
                        name.entity is None and name.kind == "unknown"
                        and not _near_enough(text, tokens, titled, (first, last), (start, end), distance)):
                    continue
                score = distance - (_PERSON_BONUS if name.kind == "person" else 0) + (
                    _OUTLET_PENALTY if name.kind == "outlet" else 0) + (_BEFORE if last <= start else 0) - opens
                if best is None or score < best[0]:
                    best = (score, name)
            for first, last in referring:  # "Er betonte", "Ihm zufolge": the claimant is named elsewhere
                distance = first - end if first >= end else start - last if last <= start else 0
                score = -_PERSON_BONUS - 1 if distance == 0 else distance - 0.5  # right at the verb, it is the subject
                if distance <= _WINDOW and (best is None or score < best[0]):
                    best = (score, _REFERENCE)  # "Der Generalsekretär schlug vor, dass „Putin …“" is not Putin's
        if best is not None and best[1] is _REFERENCE:
            best = None
        claimant = best[1] if best else relay
        if claimant is relay:
            relay = None
        office = _office(claimant, candidates, lowers, titled)
        start, end = cues[0]
        cue = text[tokens[start].start():tokens[end - 1].end()]
        return Found(cue=cue, stance=stance, claimant=claimant, relay=relay if claimant else None,
                     refers=bool(referring), first_person=first_person, role=_role(lowers, referring),
                     office=office)


def _office(claimant: Name | None, candidates: Sequence[tuple[Name, tuple[int, int]]], lowers: Sequence[str],
            titled: Sequence[bool]) -> str | None:
    """The title an organisation claimant is named with, lower-cased: in its own word
    ("NATO-Generalsekretär") or up to two words before it ("Der Generalsekretär der NATO"). The
    sentence then speaks of whoever holds that office, not of the organisation."""
    if claimant is None or claimant.kind != "organisation":
        return None
    first, last = next(span for name, span in candidates if name is claimant)
    for i in (*range(first, last), *range(first - 1, max(first - 3, -1), -1)):
        if titled[i]:
            return lowers[i].rsplit("-", 1)[-1]
    return None


def _role(lowers: Sequence[str], referring: Sequence[tuple[int, int]]) -> str | None:
    """The last word of a referring phrase when it names a role ("Der Generalsekretär", "ministeren"):
    a word of ROLE_LETTERS letters or more, where pronouns ("er", "han", "він") are shorter."""
    for _, end in referring:
        word = lowers[end - 1]
        if len(word) >= ROLE_LETTERS:
            return word
    return None


def _relay(candidates: Sequence[tuple[Name, tuple[int, int]]], relays: Sequence[tuple[int, int]]) -> Name | None:
    """The name right after a relay word ("laut TASS", "schreibt Bloomberg"), or a known outlet
    right before one ("Reuters reported")."""
    for start, end in relays:
        for name, (first, last) in candidates:
            if first == end and name.kind in ("outlet", "unknown", "organisation"):
                return name
            if last == start and name.kind == "outlet":
                return name
    return None


def _near_enough(text: str, tokens: Sequence[re.Match[str]], titled: Sequence[bool], name: tuple[int, int],
                 cue: tuple[int, int], distance: int) -> bool:
    """A capitalised run entities.yml does not know is a claimant only close to the speech word: a
    run of one word right after it, with nothing but space between ("sagte Lawow"; in German every
    noun is capitalised, so "Pressekonferenz erklärt" is no name), or a longer run at most two
    words away ("Andrei Kovalenko, kommentierte")."""
    first, last = name
    word = tokens[first].group()
    if last - first >= 2 or word.isupper() and len(word) >= 2:  # several words, or an acronym ("NATO")
        return distance <= 2
    if first == cue[1]:
        return text[tokens[cue[1] - 1].end():tokens[first].start()].isspace()
    # right before the speech word, after a title: "Frau Singh bestätigte nicht"
    return (last == cue[0] and first > 0 and titled[first - 1]
            and text[tokens[first].end():tokens[cue[0]].start()].isspace())


def _runs(text: str, tokens: Sequence[re.Match[str]], skipped: Sequence[bool], taken: set[int]
          ) -> list[tuple[Name, tuple[int, int]]]:
    """Names entities.yml does not know: runs of capitalised words separated by spaces only,
    without titles and function words ("Frau Singh" is "Singh", "NAVO-chef Mark Rutte" is "Mark
    Rutte"), outside the tokens `taken`."""
    names: list[tuple[Name, tuple[int, int]]] = []
    i = 0
    while i < len(tokens):
        if i in taken or not tokens[i].group()[0].isupper() or skipped[i]:
            i += 1
            continue
        j = i + 1
        while (j < len(tokens) and j not in taken and tokens[j].group()[0].isupper()
               and text[tokens[j - 1].end():tokens[j].start()].isspace() and not skipped[j]):
            j += 1
        start, end = tokens[i].start(), tokens[j - 1].end()
        names.append((Name(start, end, text[start:end]), (i, j)))
        i = j
    return names


def attribute(found: Sequence[Found | None], paragraph_of: Sequence[int], texts: Sequence[str] = ()
              ) -> list[Attribution | None]:
    """Each sentence's attribution within its article: a sentence that refers to a claimant named
    elsewhere takes the one of the next attributed sentence of its paragraph (first person: a
    quote attributed at its end) or of the previous attributed sentence (third person); one that
    refers by a role ("des Generalsekretärs") takes the nearest earlier claimant named with that
    role in the same sentence ("NATO-Generalsekretär Jens Stoltenberg"), if any."""
    own = [_own(f) for f in found]
    named = [a is not None and a.claimant is not None for a in own]
    previous: list[int | None] = []  # the nearest named sentence before each one
    last = None
    for i in range(len(own)):
        previous.append(last)
        last = i if named[i] else last
    following: list[int | None] = [None] * len(own)  # the nearest named one after it in its paragraph
    last = None
    for i in range(len(own) - 1, -1, -1):
        following[i] = last if last is not None and paragraph_of[last] == paragraph_of[i] else None
        last = i if named[i] else last
    people = [f is not None and f.claimant is not None and f.claimant.kind == "person" for f in found]
    for i, f in enumerate(found):
        if f is not None and f.office and f.claimant is not None and texts and (mine := own[i]) is not None:
            # "Der NATO-Generalsekretär bestätigte": the person named with that title and that
            # organisation nearest before, else after ("NATO-Generalsekretär Mark Rutte")
            holder = _holder(f.office, i, people, texts, also=f.claimant.text.lower(), forward=True)
            if holder is not None and (source := own[holder]) is not None:
                own[i] = replace(mine, claimant=source.claimant, entity=source.entity, name=source.name, carried=True)
    result: list[Attribution | None] = list(own)
    for i, f in enumerate(found):
        if f is None or named[i]:
            continue
        order = (following[i], previous[i]) if f.first_person else (previous[i], following[i])
        if f.role and texts:
            order = (_holder(f.role, i, named, texts), *order)
        source = next((own[j] for j in order if j is not None), None) if f.refers else None
        base = own[i] or Attribution(claimant=None, cue=f.cue, stance=f.stance)
        result[i] = (replace(base, claimant=source.claimant, entity=source.entity, name=source.name, carried=True)
                     if source else base)
    return result


def _holder(role: str, i: int, named: Sequence[bool], texts: Sequence[str], also: str = "",
            forward: bool = False) -> int | None:
    """The nearest earlier sentence with its own claimant that names the role too (and `also`);
    with `forward`, else the nearest later one."""
    stem = role[:-1] if len(role) > ROLE_LETTERS else role  # "generalsekretärs" finds "Generalsekretär"
    later = range(i + 1, min(len(texts), i + _ROLE_REACH + 1)) if forward else range(0)
    for j in (*range(i - 1, max(-1, i - _ROLE_REACH - 1), -1), *later):
        if named[j] and stem in texts[j].lower() and also in texts[j].lower():
            return j
    return None


def _own(found: Found | None) -> Attribution | None:
    if found is None:
        return None
    claimant = found.claimant
    return Attribution(
        claimant=claimant.text if claimant else None, cue=found.cue, stance=found.stance,
        entity=claimant.entity if claimant else None, name=claimant.canonical if claimant else None,
        relay=found.relay.text if found.relay else None)
