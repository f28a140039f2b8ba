"""Key figures: the quantities a sentence states, with what they count (data in data/figures.yml).

A figure is a number (digits in any of the corpus's notations, a number word before a scale word,
or a vague amount such as "Tausende") that is attached to a counted noun, or carries a scale word, a
qualifier or a unit of measure. Dates, years, ordinals, durations and bare numbers ("Channel 24")
are not figures. Candidates are found token by token, never by running a date parser over text."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial

from . import cldr
from .letters import LETTER
from .models import Figure

ALL = "*"
CATEGORIES = ("troops", "casualties", "shells", "missiles", "containers", "money", "other")
PENDING = "?"  # what a figure counts before the sentence model says (languages without counted nouns)

# Digits with thousands groups ("10.000", "12,000", "14 000", "14’000") or without, and an optional
# decimal part ("4,8", "1.5"); a letter or digit may not touch it on the left.
# Arabic "٬" and "٫", full-width "，" and "．" are read as "," and "." (_ASCII_MARKS); digits of any script
# (Arabic-Indic, Devanagari, full-width) are digits.
_SEPARATOR = r"[.,’'\u00a0\u202f \u066b\u066c\uff0c\uff0e]"  # between thousands groups, or before decimals
_DECIMAL = "[.,\u066b\uff0e]"
_NUMBER = rf"\d{{1,3}}(?:{_SEPARATOR}\d{{3}})+(?![\d])(?:{_DECIMAL}\d+)?|\d+(?:{_DECIMAL}\d+)?"
DIGIT_RUN = re.compile(_NUMBER)  # a number written with digits (figure_training reads every one)
_ASCII_MARKS = str.maketrans({"\u066b": ".", "\u066c": ",", "\uff0c": ",", "\uff0e": "."})
_SEPARATORS = re.compile(_SEPARATOR)
# A word's letters include combining marks (Devanagari vowel signs, Thai and Arabic marks)
_TOKEN = re.compile(rf"(?P<number>{_NUMBER})|(?P<word>{LETTER}+(?:['’]{LETTER}+)?)|(?P<sign>[$€£%٪])")
_DATE = re.compile(r"\b\d{1,4}[-./]\d{1,2}[-./]\d{2,4}\b")
_RANGE_DASH = re.compile(r"\s*[-–—~∼]\s*$")  # "10 000–12 000", "200∼250발"
_CURRENCY = "$€£"
_CASUALTY_WINDOW = 8  # words after a troop figure in which "killed" or "wounded" makes it casualties
_CASUALTY_BEFORE = 4  # ... and words before it
_NOUN_BEFORE = 8  # words back in which a figure naming no noun finds the one it counts
_NOT_COUNTED = ("duration", "calibre")  # what a number before these words counts is no figure
_CLAUSE = re.compile(r"[,;:()]")  # after the figure, a casualty word past one of these is another clause's
_QUALIFIER_CHARS = 40
_SHORT = 3  # stems up to this length match a word's start only, longer ones anywhere in it
_WHOLE = "="  # a stem that starts with it matches the whole word only ("=kr", "=perso")
_GLUED_SCALE = 4  # a scale word this long is read glued to the word after it, where words have no spaces
_INFLECTED_STEM = 3  # a CLDR scale word this long may take an ending ("binden") ...
_ENDING = 5  # ... of up to this many letters when it has five letters or more ("miljardilla") ...
_SHORT_ENDING = 3  # ... else of up to this many ("bin" + "den"; not "mil" + "ícias")


@dataclass(frozen=True)
class FigureRules:
    scales: dict[str, dict[str, float]]
    number_words: dict[str, dict[str, float]]
    vague: dict[str, dict[str, float]]
    qualifiers: dict[str, dict[str, tuple[str, ...]]]  # language -> qualifier -> phrases
    qualifiers_after: dict[str, dict[str, tuple[str, ...]]]
    counts: dict[str, dict[str, tuple[str, ...]]]  # language -> category -> stems
    durations: dict[str, tuple[str, ...]]
    measures: dict[str, tuple[str, ...]]
    range_words: dict[str, tuple[str, ...]]
    few: dict[str, dict[str, float]] = field(default_factory=dict)  # "einige", "many": vague, before a noun
    partitives: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "von ihnen", "of whom"
    between: dict[str, dict[str, str]] = field(default_factory=dict)  # "zwischen" -> "und"
    partitive_default: str | None = None  # what "of them" counts when no figure came before
    partitives_before: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "di cui 3 mila": before it
    not_counted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # calibres: "152-мм", like durations
    conjunctions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "missiles and 200 pieces"
    range_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "tra i 12 e i 13 milioni"
    ordinal_suffixes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "17:e", "18º": no figures
    sides: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # language -> side -> words
    no_currency: dict[str, tuple[str, ...]] = field(default_factory=dict)  # money words naming no currency


@dataclass(slots=True)
class _Token:
    kind: str  # number, word, sign
    text: str
    start: int
    end: int
    lower: str = ""  # the text lower-cased, once: every rule compares it

    def __post_init__(self) -> None:
        self.lower = self.text.lower()


def figure_rules(data: object) -> FigureRules:
    """The rules from figures.yml's parsed YAML; a ValueError names the section that is wrong."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of sections")

    def section(name: str) -> dict:
        value = data.get(name) or {}
        if not isinstance(value, dict):
            raise ValueError(f"{name}: expected a mapping of language codes")
        return {str(k): v for k, v in value.items()}

    def numbers(name: str) -> dict[str, dict[str, float]]:
        try:
            return {lang: {str(w).lower(): float(v) for w, v in (words or {}).items()}
                    for lang, words in section(name).items()}
        except (TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"{name}: every word needs a number ({error})") from error

    def by_language(name: str) -> dict[str, dict[str, tuple[str, ...]]]:
        result: dict[str, dict[str, tuple[str, ...]]] = {}
        for label, languages in section(name).items():
            if not isinstance(languages, dict):
                raise ValueError(f"{name}: {label}: expected a mapping of language codes")
            for lang, words in languages.items():
                result.setdefault(str(lang), {})[label] = tuple(str(w).lower() for w in words or [])
        return result

    def stems(name: str) -> dict[str, tuple[str, ...]]:
        return {lang: tuple(str(w).lower() for w in words or []) for lang, words in section(name).items()}

    between = {lang: {str(w).lower(): str(m).lower() for w, m in (pairs or {}).items()}
               for lang, pairs in section("between").items()}
    counts = by_language("counts")
    default = data.get("partitive_default")
    if default is not None and default not in CATEGORIES:
        raise ValueError(f"partitive_default: {default!r} is no category; use {', '.join(CATEGORIES)}")
    unknown = {c for categories in counts.values() for c in categories} - set(CATEGORIES)
    if unknown:
        raise ValueError(f"counts: unknown categories {sorted(unknown)}; use {', '.join(CATEGORIES)}")
    return FigureRules(numbers("scales"), numbers("number_words"), numbers("vague"), by_language("qualifiers"),
                       by_language("qualifiers_after"), counts, stems("durations"), stems("measures"),
                       stems("range_words"), numbers("few"), stems("partitives"), between, default,
                       stems("partitives_before"), stems("not_counted"), stems("conjunctions"),
                       stems("range_articles"), stems("ordinal_suffixes"), by_language("sides"),
                       stems("no_currency"))


SIDE_WINDOW = 2  # words after a casualty figure's words in which a word may name whose they are
# (not further: "1,200 soldiers were killed in Russian strikes" names who killed them)


def whose(rules: FigureRules, figure: Figure, text: str, language: str | None) -> str | None:
    """Whose casualties `figure` (of `text`) counts: the side (`sides:` of figures.yml) a word names
    in its words or the SIDE_WINDOW words after them, the nearest first; None when none is named."""
    start = text.find(figure.words)
    after = text[start + len(figure.words):].split()[:SIDE_WINDOW] if start >= 0 else []
    window = " ".join((figure.words, *after)).lower()
    found = []
    for lang in (ALL, language or ""):
        for side, words in rules.sides.get(lang, {}).items():
            found += [(m.start(), side) for w in words if (m := re.search(rf"(?<!\w){re.escape(w)}", window))]
    return min(found)[1] if found else None


class FigureFinder:
    """Finds figures in sentences; built once from the rules and the month names of every language."""

    def __init__(self, rules: FigureRules, months: Iterable[str]) -> None:
        self.rules = rules
        self.months = frozenset(m.lower().rstrip(".") for m in months)
        self._languages = {lang for section in (rules.scales, rules.counts, rules.qualifiers) for lang in section}
        self._views: dict[str | None, _View] = {}

    def find(self, text: str, language: str | None) -> tuple[Figure, ...]:
        view = self._view(language)
        tokens = [_Token(m.lastgroup or "", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        dated = [m.span() for m in _DATE.finditer(text)]  # in order, not overlapping
        starts = [a for a, _ in dated]
        found: list[Figure] = []
        taken = -1  # index of the last token used by a figure
        has_money = cache(partial(view.sentence_has_money, tokens))  # read once, and only when needed
        for index, token in enumerate(tokens):
            inside = bisect_right(starts, token.start) - 1
            if index <= taken or (inside >= 0 and token.start < dated[inside][1]):
                continue
            figure, last = self._figure_at(text, tokens, index, view, found[-1].counts if found else None,
                                           taken + 1, has_money)
            if figure is not None:
                found.append(figure)
                taken = last
        return tuple(found)

    def _figure_at(self, text: str, tokens: list[_Token], index: int, view: _View, previous: str | None = None,
                   floor: int = 0, has_money: Callable[[], bool] | None = None) -> tuple[Figure | None, int]:
        """The figure that starts at `tokens[index]`, and the index of its last token; `previous`:
        what the sentence's figure before it counts (for a partitive: "2.600 von ihnen"); `floor`: the
        first token after that figure."""
        token = tokens[index]
        value: float | None = None
        vague = False
        last = index
        if token.kind == "number":
            value = _parse_number(token.text)
            if value is None or _named(text, token):
                return None, index
        elif token.kind == "word" and (token.lower in view.vague or token.lower in view.few):
            vague, value = True, None
        elif view.model and token.kind == "word" and (alone := view.long_scale(token.lower)) \
                and (index == 0 or tokens[index - 1].kind != "number"):
            # "ألف خبير" a thousand experts, "χιλιάδες στρατιώτες" thousands of soldiers, "כאלף" about a
            # thousand: the model decides
            vague = alone in view.plural_scales
            value = None if vague else view.scales[alone]
        elif token.kind == "word" and token.lower in view.number_words:
            value = view.number_words[token.lower]
            unit = tokens[index + 1] if index + 1 < len(tokens) else None
            if 20 <= value < 100 and value % 10 == 0 and unit is not None and text[token.end:unit.start] == "-" \
                    and view.number_words.get(unit.lower, 10) < 10:
                value, last = value + view.number_words[unit.lower], index + 1  # "twenty-five"
        elif token.kind == "word" and token.lower in view.scales and len(token.lower) > _SHORT \
                and (index == 0 or tokens[index - 1].kind != "number"):
            value = view.scales[token.lower]  # "tausend Pioniere", "тисяча загиблих": a number word
        elif token.kind == "word" and (value := view.compound(token.lower)) is not None:
            pass  # "zwölftausend", "tvåhundra": a number word and a scale word in one
        else:
            return None, index
        scaled = False
        glued_qualifier: str | None = None  # "5천여": a qualifier glued to the last scale letter
        glued_category: str | None = None  # "3천명이": the counter glued to it
        following = tokens[last + 1] if last + 1 < len(tokens) else None
        if value is not None and (run := _letter_scales(tokens, index, value, view)) is not None:
            value, last, rest = run  # "1천200만", "3천5백만", "2조7천억", "5천여", "3천명이"
            scaled = True
            glued_qualifier = next((label for label, phrases in view.qualifiers_after.items() if rest in phrases), None)
            glued_category = view.category(rest) if rest and glued_qualifier is None else None
        elif value is not None and following is not None and _close(text, token, following) \
                and (multiplier := view.scale(following.lower)) is not None:
            value *= multiplier  # "4,8 Millionen", "10mila", "6 млн", "3,3 miljardilla"
            scaled, last = True, last + 1
        elif vague and following is not None and following.lower in view.scales and _close(text, token, following):
            last = index + 1  # "several hundred", "flere tusen": the scale word belongs to the vague amount
        if value is not None and not math.isfinite(value):
            return None, index
        if vague and last == index and token.lower not in view.vague and not view.model:
            return None, index  # "viele Teenager", "einige von ihnen": no amount a reader could compare
        # A number word alone is a figure only right before a counted noun ("zwei Soldaten", "två ryska
        # transportplan"), or two capitalised words before one of a story category ("two North Korean
        # soldiers"); not "Two sources said troops", "the two leaders discussed tank deliveries".
        if token.kind == "word" and not vague and not scaled and not view.model \
                and view.compound(token.lower) is None and (
                value == 1 or not _noun_near(text, tokens, _word_range_end(tokens, last, view), view)):
            return None, index
        if token.kind == "number" and self._is_date_or_ordinal(text, tokens, index, view):
            return None, index
        high = None
        after = last + 1
        between = None
        if value is not None and not vague:
            high, after, high_scale, between = self._range_end(text, tokens, index, last, view)
            if high is not None:
                last = after - 1
                if high_scale and not scaled:
                    value *= high_scale  # "od 10 do 12 tysięcy": the scale word covers both ends
                    scaled = True
                elif not scaled and value * 1000 <= high < value * 10000 and after - 1 == index + 1 \
                        and _SEPARATORS.search(tokens[index + 1].text):
                    value *= 1000  # "12–14 000": the thousands are written once
        partitive = self._partitive(text, tokens, last, view)
        if partitive is not None:  # "2.600 von ihnen": what was counted before
            antecedent = previous or self._counted(text, tokens, index, index, view, reach=0)[0]
            category, noun_end = antecedent or self.rules.partitive_default, partitive
        else:
            category, noun_end = self._counted(text, tokens, after, index, view, reach=5 if vague else 4, floor=floor)
            if glued_category not in (None, *_NOT_COUNTED) and category in (None, "other"):
                category, noun_end = glued_category, None
        if vague and any(t.kind == "number" and not _named(text, t)
                         for t in tokens[index + 1:max(noun_end or index, index + 1) + 1]):
            return None, index  # "flere end 10.000 soldater", "some 13,000": the word qualifies a number
        sign = tokens[index - 1] if index > 0 else None
        money = sign is not None and sign.kind == "sign" and sign.text in _CURRENCY and sign.end == token.start
        qualifier, start = self._qualifier(text, tokens, index - 1 if money else index, view)  # "up to $2,000"
        if between is not None and qualifier is None:
            start = tokens[between].start  # "mellem 4 og 6 milliarder dollar"
        if vague and qualifier is None and index > 0 and view.number_words.get(tokens[index - 1].lower) == 1:
            start = tokens[index - 1].start  # "eine Reihe von", "a number of": the article belongs to it
        start_token = next((i for i in range(index, -1, -1) if tokens[i].start <= start), index)
        after_qualifier, last_after = self._qualifier_after(tokens, noun_end if noun_end else last, view)
        if money and category != "money":
            category, noun_end = "money", None  # "£3bn a year", "$2,000 per soldier": the sign says what is counted
        if category in _NOT_COUNTED:
            return None, index
        if category is None and previous is not None and self._partitive_before(text, tokens[start_token], view):
            category = previous  # "di cui almeno 3 mila": what the figure before counts
        if category is None:
            if vague and not view.model:
                return None, index
            if token.kind == "number" and _is_year(token.text) and not scaled:
                return None, index
            if view.model:
                category = PENDING  # figure_model decides
            elif not (scaled or qualifier):
                return None, index
            else:
                money_here = has_money() if has_money is not None else view.sentence_has_money(tokens)
                category = view.noun_before(text, tokens, floor, start_token) or ("money" if money_here else "other")
        behind = start_token if partitive is not None else _CASUALTY_BEFORE  # "Getötet wurden ... 2.600 von ihnen"
        if (category == "troops" or (category == "other" and noun_end is None)) \
                and view.casualty_near(text, tokens, start_token, (noun_end or last) + 1, behind):
            # "600.000 russische Soldaten wurden … getötet oder verwundet", "lost 2,300 soldiers"; not
            # things counted by name ("lost 400 square kilometres", "lost 300 tanks")
            category = "casualties"
        if money:
            start = min(start, sign.start)
        end_index = max(last, noun_end or last, last_after or last)
        words = text[start:tokens[end_index].end]
        if category == "money" and not money and not view.names_currency(tokens):
            return None, index  # "50 Milliarden aus russischen Mitteln": money its sentence names no currency of
        return Figure(words=words, value=None if vague else value, high=high,
                      qualifier=qualifier or after_qualifier or glued_qualifier, counts=category, vague=vague,
                      magnitude=view.magnitude(token.lower) if vague else None), end_index

    def _is_date_or_ordinal(self, text: str, tokens: list[_Token], index: int, view: _View) -> bool:
        token = tokens[index]
        if view.ordinal is not None and view.ordinal.match(text, token.end):
            return True  # "17:e", "18º", "810-ю", "20e", "17th"
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if after is not None and after.kind == "word" and after.lower.rstrip(".") in self.months:
            return True  # "28. Oktober", "28 oktober", "13 июня"
        if before is not None and before.kind == "word" and before.lower.rstrip(".") in self.months:
            return True  # "Oktober 28", "im September 2023"
        if view.model and _measured(text, tokens, index, view):
            return True  # "2024年", "28日", "15 Ιουνίου", "30 %", "152 mm", "yüzde 30"
        # "28." as an ordinal: a full stop right after it, then a lower-case word ("am 3. kam er")
        return text[token.end:token.end + 1] == "." and after is not None and after.text[:1].islower()

    def _range_end(self, text: str, tokens: list[_Token], first: int, last: int, view: _View
                   ) -> tuple[float | None, int, float | None, int | None]:
        """The high end of a range right after a number ("10 000–12 000", "10 bis 12 Tausend",
        "between $2.5 billion and $3.5 billion"), and the index of its "between" word if any."""
        nxt = last + 1
        opener = first - 1 if first > 0 and tokens[first - 1].kind != "sign" else first - 2
        if opener > 0 and tokens[opener].lower in view.range_articles:
            opener -= 1  # "tra i 12 e i 13 milioni"
        middle = view.between.get(tokens[opener].lower) if opener >= 0 else None
        skip = 1 if nxt + 2 < len(tokens) and (tokens[nxt + 1].kind == "sign"  # "and $3.5 billion"
                                               or tokens[nxt + 1].lower in view.range_articles) else 0
        between = None
        if nxt < len(tokens) and tokens[nxt].kind == "number" and \
                _RANGE_DASH.match(text[tokens[last].end:tokens[nxt].start]):
            end = nxt
        elif nxt + 1 + skip < len(tokens) and tokens[nxt].lower in view.range_words \
                and (tokens[nxt + 1 + skip].kind == "number" or tokens[nxt + 1 + skip].lower in view.number_words):
            end = nxt + 1 + skip  # "10 bis 12", "$5bn to $6bn", "tien tot twaalf"
        elif middle is not None and nxt + 1 + skip < len(tokens) and tokens[nxt].lower == middle \
                and tokens[nxt + 1 + skip].kind == "number":
            end, between = nxt + 1 + skip, opener
        else:
            return None, last + 1, None, None
        high = _parse_number(tokens[end].text) if tokens[end].kind == "number" else view.number_words[tokens[end].lower]
        scale = None
        if high is not None and end + 1 < len(tokens) and tokens[end + 1].lower in view.scales:
            scale = view.scales[tokens[end + 1].lower]
            high *= scale
            end += 1
        if high is None or not math.isfinite(high):
            return None, last + 1, None, None
        return high, end + 1, scale, between

    @staticmethod
    def _partitive_before(text: str, first: _Token, view: _View) -> bool:
        """A partitive right before the figure and its qualifier ("di cui almeno 3 mila")."""
        before = text[max(0, first.start - 30):first.start].rstrip().lower()
        return any(before.endswith(phrase) and not before[-len(phrase) - 1:-len(phrase)].isalnum()
                   for phrase in view.partitives_before)

    @staticmethod
    def _partitive(text: str, tokens: list[_Token], last: int, view: _View) -> int | None:
        """The index of the last word of a partitive right after the figure ("von ihnen"), or None."""
        rest = text[tokens[last].end:tokens[last].end + 30].lstrip().lower()
        for phrase in view.partitives:
            if rest.startswith(phrase) and not rest[len(phrase):len(phrase) + 1].isalnum():
                words = len(_TOKEN.findall(phrase))
                return last + words if last + words < len(tokens) else None
        return None

    def _counted(self, text: str, tokens: list[_Token], after: int, first: int, view: _View, reach: int = 3,
                 floor: int = 0) -> tuple[str | None, int | None]:
        """What the figure counts: a noun in the `reach` words after it, else the two before (back to
        `floor`, the end of the figure before it). A counter after it ("명", "발": short words that
        count anything) gives way to a noun right before it ("탄도미사일 100발", "사상자 최소 3천 명")."""
        before = None
        coordinated = first > 0 and tokens[first - 1].lower in view.conjunctions  # "missiles and 200 guns"
        if first > 0 and view.category(tokens[first - 1].lower) == "calibre":
            return "calibre", None  # "калібру 122 і 152 мм"
        for position in range(first - 1, first - 1 if coordinated else max(first - 3, floor - 1), -1):
            category = view.category(tokens[position].lower)
            if category not in (None, "other", *_NOT_COUNTED):
                before = category
                break
        for position in range(after, min(after + reach, len(tokens))):
            if tokens[position].kind == "number" and not _named(text, tokens[position]):
                break  # "sedan 2023 skickat minst 9 500 containrar": the noun is the next number's
            category = view.category(tokens[position].lower)
            if category in _NOT_COUNTED and position > after:
                continue  # "dont plus de 500 la semaine dernière": a time past the words right after it
            if category is not None:
                if view.is_counter(tokens[position].lower):
                    return before or category, position
                head = view.head(text, tokens, position)
                return (category, position) if head is None else (view.category(tokens[head].lower), head)
        return before, None

    @staticmethod
    def _qualifier(text: str, tokens: list[_Token], index: int, view: _View) -> tuple[str | None, int]:
        start = tokens[index].start
        window = max(0, start - _QUALIFIER_CHARS)  # no qualifier phrase is longer
        head = text[window:start].rstrip().lower()
        best: tuple[str | None, int] = (None, start)
        for label, phrase in view.qualifier_phrases:
            if head.endswith(phrase) and (
                    (len(head) == len(phrase) and window == 0) or
                    (len(head) > len(phrase) and not head[-len(phrase) - 1].isalnum())):
                candidate = window + len(head) - len(phrase)
                if candidate < best[1]:
                    best = (label, candidate)
        return best

    @staticmethod
    def _qualifier_after(tokens: list[_Token], last: int, view: _View) -> tuple[str | None, int | None]:
        if last + 1 < len(tokens):
            word = tokens[last + 1].lower
            for label, phrases in view.qualifiers_after.items():
                if any(word.startswith(p) for p in phrases):  # Korean particles follow: "이상이"
                    return label, last + 1
        return None, None

    def _view(self, language: str | None) -> _View:
        """A language with counted nouns in figures.yml is read with them; another that CLDR knows
        with its scale words and units, every number left for the sentence model to say what it
        counts (PENDING); a sentence of no known language with the words of every language."""
        if language not in self._views:
            if language in self.rules.counts:
                self._views[language] = _View(self.rules, [ALL, language], language)
            elif language and cldr.locale(language) is not None:
                self._views[language] = _View(self.rules, [ALL, language], language, model=True)
            else:
                self._views[language] = _View(self.rules, sorted(self._languages | {ALL}))
        return self._views[language]


class _View:
    """The rules of the languages one sentence is read with, merged."""

    def __init__(self, rules: FigureRules, languages: list[str | None], own: str | None = None,
                 model: bool = False) -> None:
        def merged(section: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
            return {w: v for lang in languages for w, v in section.get(lang or "", {}).items()}

        self.model = model  # no counted nouns: the sentence model says what each number counts
        # figures.yml's words, and CLDR's beside them where figures.yml has no counted nouns
        self.scales = {**(cldr.scales(own) if model else {}), **merged(rules.scales)}
        self.long_scales = cldr.long_scales(own) if model else frozenset()
        self.units = cldr.unit_words(own) if model else frozenset()
        self.units_before = cldr.unit_words(own, before=True) if model else frozenset()
        self.date_suffixes = tuple(cldr.date_suffixes(own)) if model else ()
        self.own_months = frozenset(cldr.months(own)) if model else frozenset()
        self.plural_scales = cldr.plural_scales(own) if model else frozenset()
        if model:  # Hindi writes "हजार" as well as CLDR's "हज़ार": a nukta is often left out
            self.scales.update({w.replace("\u093c", ""): v for w, v in self.scales.items() if "\u093c" in w})
        self._scales_by_length = sorted(self.scales.items(), key=lambda item: -len(item[0])) if model else []
        self.unspaced = model and cldr.unspaced(own)
        self.currencies = cldr.currency_words(own) if self.unspaced else ()
        self.prefixing = model and cldr.prefixing(own)
        self.number_words = merged(rules.number_words)
        self.vague = merged(rules.vague)
        self.few = merged(rules.few)
        self.partitives = sorted({p for lang in languages for p in rules.partitives.get(lang or "", ())},
                                 key=len, reverse=True)
        self.partitives_before = {p for lang in languages for p in rules.partitives_before.get(lang or "", ())}
        self.between = {w: m for lang in languages for w, m in rules.between.get(lang or "", {}).items()}
        self.qualifier_phrases = sorted(
            ((label, phrase) for lang in languages for label, phrases in rules.qualifiers.get(lang or "", {}).items()
             for phrase in phrases), key=lambda item: -len(item[1]))
        self.qualifiers_after: dict[str, tuple[str, ...]] = {}
        for lang in languages:
            for label, phrases in rules.qualifiers_after.get(lang or "", {}).items():
                self.qualifiers_after[label] = self.qualifiers_after.get(label, ()) + phrases
        self.stems: list[tuple[str, str]] = [(kind, s) for lang in languages for kind, section in
                                             (("duration", rules.durations), ("calibre", rules.not_counted))
                                             for s in section.get(lang or "", ())]
        for category in CATEGORIES:
            for lang in languages:
                self.stems.extend((category, s) for s in rules.counts.get(lang or "", {}).get(category, ()))
        self.stems.extend(("other", s) for lang in languages for s in rules.measures.get(lang or "", ()))
        self.money = tuple(s for category, s in self.stems if category == "money")
        self.no_currency = tuple(s for lang in languages for s in rules.no_currency.get(lang or "", ()))
        self.range_words = {w for lang in languages for w in rules.range_words.get(lang or "", ())}
        self.range_articles = {w for lang in languages for w in rules.range_articles.get(lang or "", ())}
        self.conjunctions = {w for lang in languages for w in rules.conjunctions.get(lang or "", ())}
        # A suffix ends its word, but Korean particles may follow one that ends in Hangul ("20대 초반으로").
        suffixes = sorted({re.escape(w) + ("" if "\uac00" <= w[-1] <= "\ud7a3" else r"(?!\w)")
                           for lang in languages for w in rules.ordinal_suffixes.get(lang or "", ())},
                          key=len, reverse=True)
        self.ordinal = re.compile("|".join(suffixes), re.IGNORECASE) if suffixes else None
        self._categories: dict[str, str | None] = {}
        self._compounds: dict[str, float | None] = {}

    def scale(self, word: str) -> float | None:
        """The scale a word after a number names: its own, or, in a language read with CLDR's words, an
        inflected form ("miljardilla", "binden": a scale word and a short ending) or an abbreviation
        ("εκατ" of "εκατομμύρια")."""
        found = self.scales.get(word)
        if found is not None or not self._scales_by_length:
            return found
        if self.unspaced:  # Thai glues the next word on: "ล้านดอลลาร์" million dollars, "แสนล้านบาท"
            return self._glued_scale(word)
        if len(word) < _INFLECTED_STEM:
            return None
        for scale, value in self._scales_by_length:
            if len(scale) >= _INFLECTED_STEM and word.startswith(scale) \
                    and len(word) - len(scale) <= (_ENDING if len(scale) >= 5 else _SHORT_ENDING):
                return value
            if len(word) >= 4 and scale.startswith(word) and value >= 1.0e6:
                return value
        return None

    def long_scale(self, word: str) -> str | None:
        """The long scale word a word is, also after a glued Hebrew prefix letter ("כאלף")."""
        if word in self.long_scales:
            return word
        if self.prefixing and len(word) > 2 and word[0] in cldr.PREFIXES and word[1:] in self.long_scales:
            return word[1:]
        return None

    def _glued_scale(self, word: str) -> float | None:
        """The scale words a word of a language without spaces starts with, multiplied ("แสนล้าน":
        a hundred thousand millions), where what follows them is nothing, a currency ("ล้านดอลลาร์")
        or the first scale word is long enough to be no start of another word (Thai "พัน", thousand,
        starts "พันธมิตร", allies; "ล้าน", million, starts no common word)."""
        value, rest, first = None, word, ""
        while rest:
            scale = next(((s, v) for s, v in self._scales_by_length if rest.startswith(s)), None)
            if scale is None:
                break
            first = first or scale[0]
            value, rest = (value or 1.0) * scale[1], rest[len(scale[0]):]
        if value is None or not (not rest or len(first) >= _GLUED_SCALE or rest.startswith(self.currencies)):
            return None
        return value

    def names_currency(self, tokens: Sequence[_Token]) -> bool:
        """Whether a sentence's tokens name a currency: a sign, or a money word that is a currency
        (not one of `no_currency`: "Mittel", "Hilfe")."""
        return any(t.kind == "sign" and t.text in _CURRENCY or (
            t.kind == "word" and self.category(t.lower) == "money" and not any(s in t.lower for s in self.no_currency))
            for t in tokens)

    def magnitude(self, word: str) -> float | None:
        """The order of magnitude of a vague amount ("Tausende"), for sorting only."""
        return self.vague.get(word) or self.few.get(word)

    def compound(self, word: str) -> float | None:
        """A number word and a scale word written as one ("zwölftausend", "tvåhundra", "tweeduizend")."""
        if word not in self._compounds:
            self._compounds[word] = next(
                (self.number_words[word[:-len(scale)]] * value for scale, value in self.scales.items()
                 if len(scale) > 3 and word.endswith(scale) and word[:-len(scale)] in self.number_words), None)
        return self._compounds[word]

    def letter_scale(self, char: str) -> float | None:
        """A scale written as one letter of a non-Latin script (Korean 십, 백, 천, 만, 억, 조)."""
        return None if char.isascii() else self.scales.get(char)

    def category(self, word: str) -> str | None:
        """The category of the longest stem the word holds ("Raketenwerfer": the launcher, not the
        rocket); between stems of one length, the first listed."""
        if word not in self._categories:
            best, length = None, 0
            for category, stem in self.stems:
                if len(stem) > length and _matches(word, stem):
                    best, length = category, len(stem)
            self._categories[word] = best
        return self._categories[word]

    def head(self, text: str, tokens: list[_Token], position: int) -> int | None:
        """The next word, when it is a counted noun of another kind right after the one at `position`:
        the last noun of a compound is its head ("rocket launchers", "pocisków balistycznych")."""
        found = self.category(tokens[position].lower)
        following = position + 1
        if following >= len(tokens) or tokens[following].kind != "word" or \
                not text[tokens[position].end:tokens[following].start].isspace():
            return None
        category = self.category(tokens[following].lower)
        # a participle is no head ("50 Panzer verloren"), and money stays money ("50 billion euro package")
        if category in (None, found, "casualties", *_NOT_COUNTED) or found in ("money", *_NOT_COUNTED) or \
                self.is_counter(tokens[following].lower):
            return None
        return following

    def noun_before(self, text: str, tokens: list[_Token], floor: int, first: int) -> str | None:
        """What the nearest counted noun before a figure that names none counts ("North Korean
        casualties had reached nearly 4,000"): a few words back, in the same clause, not past the
        figure before it (whose noun it is) or any number."""
        end = tokens[first].start if first < len(tokens) else len(text)
        for token in reversed(tokens[max(floor, first - _NOUN_BEFORE):first]):
            if token.kind == "number" or _CLAUSE.search(text, token.end, end):
                return None
            category = self.category(token.lower)
            if category not in (None, "other", *_NOT_COUNTED):
                return category
        return None

    def is_counter(self, word: str) -> bool:
        """A one- or two-letter counted stem that is the whole word or its start (Korean "명", "발")."""
        return any(len(stem) <= 2 and word.startswith(stem) for category, stem in self.stems if category != "calibre")

    def casualty_near(self, text: str, tokens: list[_Token], first: int, after: int,
                      before: int = _CASUALTY_BEFORE) -> bool:
        """A casualty word in the words after the figure, or a few before it ("вбито або поранено
        понад 3 тисячі"), in its own stretch: another number ends it ("11’000 soldati … 3’000 tra
        morti"), and so does a comma or the like after it unless a casualty word follows right after
        it ("4.700 soldados, muertos o heridos"; not "3 tys. żołnierzy, którzy mają uzupełnić straty")."""
        ahead = []
        end = tokens[after - 1].end if after > 0 else 0
        for token in tokens[after:after + _CASUALTY_WINDOW]:
            if token.kind == "number" or (_CLAUSE.search(text, end, token.start)
                                          and self.category(token.lower) != "casualties"):
                break
            ahead.append(token)
            end = token.end
        behind = []
        for token in reversed(tokens[max(0, first - before):first]):
            if token.kind == "number":
                break
            behind.append(token)
        return any(self.category(t.lower) == "casualties" for t in (*ahead, *behind))

    def sentence_has_money(self, tokens: list[_Token]) -> bool:
        return any(_matches(t.lower, stem) for t in tokens for stem in self.money)


def _letter_scales(tokens: list[_Token], index: int, value: float, view: _View) -> tuple[float, int, str] | None:
    """A number written with one-letter scales glued to its digits, as Korean writes them: below
    10,000 the scales add up within a group ("3천5백" is 3,500), 만, 억 and 조 multiply the group before
    them ("1천200만" is 12,000,000, "2조7천억" 2.7 × 10¹²). Returns the value, the index of the last
    token read and what follows the last scale letter in its word ("여" in "5천여", "명이" in
    "3천명이"); None when no such scale is glued to the number at `index`."""
    total, group, pending = 0.0, 0.0, value
    last, rest, letters = index, "", 0
    while last + 1 < len(tokens) and tokens[last + 1].start == tokens[last].end and not rest:
        part = tokens[last + 1]
        if part.kind == "number":
            if pending is not None or (amount := _parse_number(part.text)) is None:
                break
            pending, last = amount, last + 1  # "1만5천", "4천600"
            continue
        if part.kind != "word" or view.letter_scale(part.lower[0]) is None:
            break
        previous = 0.0  # the scale letter right before, in this word
        for position, char in enumerate(part.lower):
            scale = view.letter_scale(char)
            if scale is None:
                rest = part.lower[position:]
                break
            letters += 1
            if scale > previous >= 1.0e4 and not group and pending is None:
                total *= scale  # "2.9万亿": 万 times 亿
            elif scale >= 1.0e4:
                total += ((group + (pending or 0.0)) or 1.0) * scale
                group = 0.0
            else:
                group += (1.0 if pending is None else pending) * scale
            pending, previous = None, scale
        last += 1
    if not letters:
        return None
    return total + group + (pending or 0.0), last, rest


def _words_after(text: str, tokens: list[_Token], last: int, count: int) -> list[_Token]:
    """The tokens of the `count` words after `tokens[last]`; a hyphen joins two tokens into one word
    ("vijftig Noord-Koreaanse ballistische raketten")."""
    found: list[_Token] = []
    words = 0
    for position in range(last + 1, min(len(tokens), last + 1 + 4 * count)):  # a long hyphen chain: no word
        joined = position > last + 1 and text[tokens[position - 1].end:tokens[position].start] == "-"
        if not joined:
            words += 1
            if words > count:
                break
        found.append(tokens[position])
    return found


def _word_range_end(tokens: list[_Token], last: int, view: _View) -> int:
    """The high end of a range of number words ("tien tot twaalf treinen"), else `last`."""
    if last + 2 < len(tokens) and tokens[last + 1].lower in view.range_words \
            and tokens[last + 2].lower in view.number_words:
        return last + 2
    return last


def _noun_near(text: str, tokens: list[_Token], last: int, view: _View) -> bool:
    """A counted noun in the two words after `tokens[last]`, or a story category's noun third after
    two capitalised words (a hyphen joins two tokens into one word)."""
    words: list[list[_Token]] = []
    for token in _words_after(text, tokens, last, 3):
        if words and text[words[-1][-1].end:token.start] == "-":
            words[-1].append(token)
        else:
            words.append([token])
    for number, word in enumerate(words, start=1):
        categories = {view.category(t.lower) for t in word if t.kind == "word"} - {None, *_NOT_COUNTED}
        if categories and (number <= 2 or (categories - {"other"} and all(
                w[0].text[:1].isupper() for w in words[:2]))):
            return True
    return False


def _measured(text: str, tokens: list[_Token], index: int, view: _View) -> bool:
    """In a language read with CLDR's words: the number at `index` is part of a date ("2024年",
    "28日", "15 Ιουνίου") or measures something other than a count ("30 %", "152 mm", "yüzde 30",
    "48 ώρες"): a unit or month word right after it (glued or after a space), or right before it."""
    token = tokens[index]
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    before = tokens[index - 1] if index > 0 else None
    if after is not None and after.kind != "number" and text[token.end:after.start].strip() == "":
        word = after.lower.rstrip(".")
        if word in view.units or word in view.own_months:
            return True
        if after.start == token.end and view.date_suffixes and word.startswith(view.date_suffixes):
            return True
        if after.start == token.end and not word.isascii() and any(
                word.startswith(u) for u in view.units if not u.isascii()) and not any(
                word.startswith(s) for s in view.scales):
            return True  # "48時間", "3か月"
    if before is not None and before.kind != "number" and text[before.end:token.start].strip() == "":
        word = before.lower.rstrip(".")
        return word in view.units_before or word in view.own_months
    return False


def _matches(word: str, stem: str) -> bool:
    """A stem written "=kr" is a whole word; one of up to three letters starts the word; a longer one
    may stand anywhere in it."""
    if stem[0] == _WHOLE:
        return word == stem[1:]
    return word.startswith(stem) if len(stem) <= _SHORT else stem in word


def _close(text: str, number: _Token, word: _Token) -> bool:
    """A scale word right after the number: attached ("10mila", "1만") or after one space."""
    return number.end == word.start or (text[number.end:word.start].isspace() and word.start - number.end <= 2)


def number_value(text: str) -> float | None:
    """The value of a number written with digits of any script ("12.000", "١٢٬٠٠٠", "1,5"), or None
    (for words: "수백", "χιλιάδες")."""
    try:
        return _parse_number(text)
    except ValueError:
        return None


def _parse_number(text: str) -> float | None:
    """"10.000" -> 10000, "4,8" -> 4.8, "12,000" -> 12000, "14 000" -> 14000, "1.5" -> 1.5; None for
    what is no quantity ("9" * 400 is past a float)."""
    value = _digits(text.translate(_ASCII_MARKS))
    return value if value is not None and math.isfinite(value) else None


def _digits(text: str) -> float | None:
    groups = _SEPARATORS.split(text)
    separators = _SEPARATORS.findall(text)
    if not separators:
        return float(text)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3 and groups[0] != "0":
        return float("".join(groups))  # every group after the first has three digits: thousands
    if len(separators) == 1 and separators[0] in ".,":
        return float(f"{groups[0]}.{groups[1]}")
    # thousands groups, then a decimal part ("1.234,5")
    if separators[-1] in ".," and all(len(g) == 3 for g in groups[1:-1]):
        return float("".join(groups[:-1]) + "." + groups[-1])
    return None


def _named(text: str, token: _Token) -> bool:
    """A number glued to letters by a hyphen is part of a name: "KN-23", "Су-34", "F-16"; not after a
    Hebrew prefix letter ("כ-3,000" about 3,000, "מ-8,000")."""
    return token.start >= 2 and text[token.start - 1] == "-" and text[token.start - 2].isalpha() \
        and not "\u0590" <= text[token.start - 2] <= "\u05ff"


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100
