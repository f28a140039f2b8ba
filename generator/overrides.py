"""Analyst corrections (content/overrides.yml): a maintainer moves a sentence to or off a topic,
hides it from topic pages, corrects a figure or a date, or splits or merges claims, without code.

A sentence is addressed as a citation addresses it: the file name and the line it starts on, with
`sentence: N` (1-based) or a `text:` prefix when several sentences start on that line. Every entry
carries a `reason`, which the pages show beside what it changed.

A file that is not YAML, or not an `overrides:` list, stops the build (as a malformed sources.yml
does). A bad entry (an unknown key, a file or line that has no sentence, an unknown topic, a bad
ISO date, an unknown claim) is a warning naming the file, the entry's number and the reason, and
only that entry is skipped: `mkdocs build --strict` fails, a plain build loses nothing else.

Corrections are applied to the finished articles (after the corpus-wide link stage) and to the
claims (after claims.py groups them), so the per-article cache layers do not depend on this file;
corpus.py folds the file's bytes into the corpus version that every page memo key holds."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .claims import POSITIVE, Claim, Report, claimant_key
from .figures import CATEGORIES
from .knowledge import DataError, load_yaml
from .models import Article, Correction, DateMention, Figure, Problem, Sentence, Topic

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ADDRESS = {"file", "line", "sentence", "text"}
_SENTENCE_ACTIONS = {"hide", "add_topics", "remove_topics", "figure", "date"}
_KEYS = {"reason", *_ADDRESS, *_SENTENCE_ACTIONS, "split_claim", "reports", "merge_claims"}
_FIGURE_KEYS = {"words", "value", "high", "counts"}
_DATE_KEYS = {"words", "iso"}


class _Invalid(ValueError):
    """One entry is wrong: the message says why (load_overrides adds the file and the entry)."""


@dataclass(frozen=True)
class Address:
    """A sentence as a citation names it: file name and line, and which of the line's sentences."""

    file: str
    line: int
    sentence: int | None = None  # 1-based among the sentences that start on the line
    text: str | None = None  # or: the one whose text starts with this

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}"


@dataclass(frozen=True)
class FigureFix:
    words: str  # as written in the sentence
    value: float
    high: float | None = None
    counts: str | None = None  # None: what the extracted figure counts


@dataclass(frozen=True)
class DateFix:
    words: str  # as written in the sentence
    iso: str  # YYYY-MM-DD, YYYY-MM or YYYY


@dataclass(frozen=True)
class Override:
    """One entry of overrides.yml, checked for its shape (apply_* check it against the corpus)."""

    entry: int  # 1-based position in the file
    reason: str
    address: Address | None = None  # the sentence of a sentence override
    hide: bool = False
    add_topics: tuple[str, ...] = ()
    remove_topics: tuple[str, ...] = ()
    figure: FigureFix | None = None
    date: DateFix | None = None
    split_claim: str | None = None  # a claim's anchor, and the reports taken out of it
    reports: tuple[Address, ...] = ()
    merge_claims: tuple[str, ...] = ()  # anchors of the claims made one


@dataclass(frozen=True)
class Overrides:
    """The entries of overrides.yml that have the right shape, the problems of the others, and a
    digest of the file (for the page memo keys)."""

    entries: tuple[Override, ...] = ()
    problems: tuple[Problem, ...] = ()
    digest: str = ""  # "" when there is no file
    name: str = "overrides.yml"

    def problem(self, entry: int, message: str) -> Problem:
        return Problem(self.name, f"entry {entry}: {message}; the entry is skipped")


def load_overrides(path: Path | None) -> Overrides:
    """Read overrides.yml; a missing file is no overrides. A file that is not an `overrides:` list
    raises DataError; a malformed entry is a problem and is left out."""
    if path is None or not path.is_file():
        return Overrides()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    data = load_yaml(path)
    if data is None:  # only comments
        return Overrides(digest=digest, name=path.name)
    entries = data.get("overrides") if isinstance(data, dict) else None
    if not isinstance(data, dict) or set(data) - {"overrides"} or not isinstance(entries, list | None):
        raise DataError(f"{path}: expected an 'overrides:' list and nothing else")
    found, problems = [], []
    for number, entry in enumerate(entries or (), start=1):
        try:
            found.append(_override(number, entry))
        except _Invalid as error:
            problems.append(Problem(path.name, f"entry {number}: {error}; the entry is skipped"))
    return Overrides(tuple(found), tuple(problems), digest, path.name)


def _override(number: int, entry: object) -> Override:
    if not isinstance(entry, dict):
        raise _Invalid("expected a mapping")
    unknown = sorted(str(k) for k in set(entry) - _KEYS)
    if unknown:
        raise _Invalid(f"unknown {'key' if len(unknown) == 1 else 'keys'} {', '.join(unknown)}")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise _Invalid("every override needs a reason (shown to readers)")
    kinds = [k for k in ("split_claim", "merge_claims") if k in entry]
    if _ADDRESS & set(entry) or _SENTENCE_ACTIONS & set(entry):
        kinds.append("sentence")
    if len(kinds) != 1:
        raise _Invalid("expected one of: a sentence (file, line) with hide, add_topics, remove_topics, figure or "
                       "date; split_claim with reports; merge_claims")
    reason = " ".join(reason.split())
    if kinds == ["merge_claims"]:
        anchors = _strings(entry["merge_claims"], "merge_claims")
        if len(set(anchors)) < 2:
            raise _Invalid("merge_claims needs at least two different claim anchors")
        return Override(number, reason, merge_claims=anchors)
    if kinds == ["split_claim"]:
        if not isinstance(entry["split_claim"], str) or not isinstance(entry.get("reports"), list) \
                or not entry["reports"]:
            raise _Invalid("split_claim needs a claim anchor and a list of reports ({file, line}) to take out")
        return Override(number, reason, split_claim=entry["split_claim"].strip(),
                        reports=tuple(_address(r, "reports") for r in entry["reports"]))
    if "reports" in entry:
        raise _Invalid("reports belongs to split_claim")
    actions = _SENTENCE_ACTIONS & set(entry)
    if not actions:
        raise _Invalid("a sentence override needs hide, add_topics, remove_topics, figure or date")
    hide = entry.get("hide", False)
    if not isinstance(hide, bool):
        raise _Invalid("hide must be true or false")
    add = _strings(entry.get("add_topics", []), "add_topics")
    remove = _strings(entry.get("remove_topics", []), "remove_topics")
    if set(add) & set(remove):
        raise _Invalid(f"a topic both added and removed: {', '.join(sorted(set(add) & set(remove)))}")
    address = _address({k: v for k, v in entry.items() if k in _ADDRESS}, "the sentence")
    return Override(number, reason, address=address, hide=hide, add_topics=add, remove_topics=remove,
                    figure=_figure(entry.get("figure")), date=_date(entry.get("date")))


def _address(value: object, what: str) -> Address:
    if not isinstance(value, dict) or set(value) - _ADDRESS:
        raise _Invalid(f"{what}: expected file and line (and sentence or text)")
    file, line, sentence, text = (value.get(k) for k in ("file", "line", "sentence", "text"))
    if not isinstance(file, str) or not file.strip():
        raise _Invalid(f"{what}: expected a file name")
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        raise _Invalid(f"{what}: line must be a number from 1")
    if sentence is not None and (not isinstance(sentence, int) or isinstance(sentence, bool) or sentence < 1):
        raise _Invalid(f"{what}: sentence must be a number from 1")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise _Invalid(f"{what}: text must be the start of the sentence")
    return Address(file.strip(), line, sentence, text)


def _strings(value: object, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Invalid(f"{what}: expected a list of names")
    return tuple(v.strip() for v in value)


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or value < 0:
        raise _Invalid(f"{what} must be a number of at least 0")
    return float(value)


def _figure(value: object) -> FigureFix | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - _FIGURE_KEYS or not isinstance(value.get("words"), str) \
            or not value["words"].strip():
        raise _Invalid("figure: expected words (as written) and value, optionally high and counts")
    counts = value.get("counts")
    if counts is not None and counts not in CATEGORIES:
        raise _Invalid(f"figure: counts {counts!r} must be one of {', '.join(CATEGORIES)}")
    high = _number(value["high"], "figure: high") if value.get("high") is not None else None
    low = _number(value.get("value"), "figure: value")
    if high is not None and high < low:
        raise _Invalid("figure: high is below value")
    return FigureFix(value["words"].strip(), low, high, counts)


def _date(value: object) -> DateFix | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != _DATE_KEYS or not isinstance(value["words"], str) \
            or not value["words"].strip():
        raise _Invalid("date: expected words (as written) and iso")
    iso = str(value["iso"])  # YAML reads an unquoted 2024-10-28 as a date
    if not iso_date(iso):
        raise _Invalid(f"date: {iso!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return DateFix(value["words"].strip(), iso)


def iso_date(iso: str) -> bool:
    """Whether `iso` is a real date written YYYY-MM-DD, YYYY-MM or YYYY."""
    match = _ISO.fullmatch(iso)
    if not match:
        return False
    year, month, day = (int(p) if p else None for p in match.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return bool(year)


def _pick(article: Article, address: Address) -> int:
    """The index (among the article's sentences) of the sentence `address` names."""
    sentences = article.sentences
    starting = [i for i, s in enumerate(sentences) if s.line == address.line]
    if not starting:
        within = [i for i, s in enumerate(sentences) if s.line <= address.line <= s.end_line]
        if within:
            raise _Invalid(f"{address} is inside a sentence that starts on line {sentences[within[0]].line}")
        aside = next((s for s in article.set_aside if s.line == address.line), None)
        if aside is not None:
            raise _Invalid(f"{address} is set aside by cleanup ({aside.reason}): it is on no topic page")
        raise _Invalid(f"{address}: no sentence starts on that line")
    if address.text is not None:
        chosen = [i for i in starting if sentences[i].text.startswith(address.text)]
        if len(chosen) != 1:
            raise _Invalid(f"{address}: {len(chosen)} sentences start with {address.text!r}")
        return chosen[0]
    if address.sentence is not None:
        if address.sentence > len(starting):
            raise _Invalid(f"{address}: only {len(starting)} sentence(s) start on that line")
        return starting[address.sentence - 1]
    if len(starting) > 1:
        raise _Invalid(f"{address}: {len(starting)} sentences start on that line; add sentence: N or text:")
    return starting[0]


def _article(by_name: dict[str, Article], address: Address) -> Article:
    article = by_name.get(address.file)
    if article is None:
        raise _Invalid(f"{address.file} is not in the articles folder")
    if article.status != "published":
        raise _Invalid(f"{address.file} is not published ({article.status})")
    return article


def _shown(value: float | None, high: float | None = None) -> str:
    if value is None:
        return "vague"
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{number}–{_shown(high)}" if high is not None else number


def correct(sentence: Sentence, override: Override, topics: Sequence[str]) -> Sentence:
    """The sentence with one override applied (topics: every topic slug, in the site's order)."""
    reason, entry = override.reason, override.entry
    unknown = sorted(set(override.add_topics + override.remove_topics) - set(topics))
    if unknown:
        raise _Invalid(f"unknown topic {', '.join(unknown)} (topics: {', '.join(topics)})")
    notes: list[Correction] = []
    if override.figure:
        fix = override.figure
        found = [i for i, f in enumerate(sentence.figures) if f.words == fix.words]
        if not found and fix.words not in sentence.text:
            raise _Invalid(f"figure: {fix.words!r} is not in the sentence")
        if not found and fix.counts is None:
            raise _Invalid(f"figure: {fix.words!r} is not a figure found in the sentence: say what it counts")
        old = sentence.figures[found[0]] if found else None
        new = Figure(words=fix.words, value=fix.value, counts=fix.counts or (old.counts if old else "other"),
                     qualifier=old.qualifier if old else None, high=fix.high)
        figures = list(sentence.figures)
        if old is not None:
            figures[found[0]] = new
        else:
            figures.append(new)
        was = "not found by the extractor" if old is None else _shown(old.value, old.high)
        sentence = replace(sentence, figures=tuple(figures))
        notes.append(Correction(entry, "figure", reason, words=fix.words, was=was, now=_shown(fix.value, fix.high)))
    if override.date:
        fix = override.date
        found = [i for i, d in enumerate(sentence.dates) if d.words == fix.words]
        if not found and fix.words not in sentence.text:
            raise _Invalid(f"date: {fix.words!r} is not in the sentence")
        parts = [int(p) for p in fix.iso.split("-")]
        new = DateMention(fix.words, *parts)  # year, month, day: written in full, placed as it is
        dates = list(sentence.dates)
        old = dates[found[0]] if found else None
        if old is not None:
            dates[found[0]] = new
        else:
            dates.append(new)
        was = "no date" if old is None else (old.written or "worked out from the article")
        sentence = replace(sentence, dates=tuple(dates))
        notes.append(Correction(entry, "date", reason, words=fix.words, was=was, now=fix.iso))
    for slug in override.remove_topics:
        if slug not in sentence.topics:
            raise _Invalid(f"the sentence is not on the topic {slug}")
        sentence = replace(sentence, topics=tuple(t for t in sentence.topics if t != slug))
        notes.append(Correction(entry, "removed", reason, topic=slug))
    for slug in override.add_topics:
        if slug in sentence.topics:
            raise _Invalid(f"the sentence is already on the topic {slug}")
        sentence = replace(sentence, topics=tuple(t for t in topics if t in {*sentence.topics, slug}))
        notes.append(Correction(entry, "added", reason, topic=slug))
    if override.hide:
        # Left out of every listing (topics, overview, claims, figures, timeline, entities): what made
        # it appear there is set aside; the source page still shows the text, marked.
        notes.append(Correction(entry, "hidden", reason, was=", ".join(sentence.topics) or None))
        sentence = replace(sentence, topics=(), matches=(), figures=(), dates=(), attribution=None, entities=(),
                           candidates=())
    return replace(sentence, corrections=(*sentence.corrections, *notes))


def apply_to_articles(articles: tuple[Article, ...], overrides: Overrides, topics: Sequence[Topic]
                      ) -> tuple[tuple[Article, ...], tuple[Problem, ...]]:
    """The articles with every sentence override applied, in the file's order; and the problems of
    the entries that could not be applied (each skipped)."""
    slugs = [t.slug for t in topics]
    by_name = {a.source.name: a for a in articles}
    problems = []
    for override in overrides.entries:
        if override.address is None:
            continue
        try:
            article = _article(by_name, override.address)
            index = _pick(article, override.address)
            target = article.sentences[index]
            corrected = correct(target, override, slugs)
        except _Invalid as error:
            problems.append(overrides.problem(override.entry, str(error)))
            continue
        by_name[article.source.name] = _with_sentence(article, index, corrected)
    return tuple(by_name[a.source.name] for a in articles), tuple(problems)


def _with_sentence(article: Article, index: int, sentence: Sentence) -> Article:
    paragraphs, seen = [], 0
    for paragraph in article.paragraphs:
        count = len(paragraph.sentences)
        if seen <= index < seen + count:
            sentences = list(paragraph.sentences)
            sentences[index - seen] = sentence
            paragraph = replace(paragraph, sentences=tuple(sentences))
        paragraphs.append(paragraph)
        seen += count
    return replace(article, paragraphs=tuple(paragraphs))


@dataclass(frozen=True)
class ClaimNote:
    """An analyst's split or merge of a claim, shown in its block."""

    entry: int
    kind: str  # split (this claim was taken out of another), kept (reports were taken out of it), merged
    reason: str
    others: tuple[str, ...]  # the other claims' anchors

    @property
    def note(self) -> str:
        others = ", ".join(self.others)
        if self.kind == "split":
            return f"split off {others} by an analyst: {self.reason}"
        if self.kind == "kept":
            return f"reports split off into {others} by an analyst: {self.reason}"
        return f"merged from {others} by an analyst: {self.reason}"


def _order(report: Report) -> tuple:
    # As find_claims orders reports: earliest first.
    return (report.article.metadata.date or "9999", report.article.source.name, report.sentence.line, report.ordinal)


def _regrouped(reports: Sequence[Report], like: Claim, notes: tuple[ClaimNote, ...], links: bool) -> Claim:
    """A claim of `reports` (earliest first), its claimants recounted; `like`'s keys, and its
    denials and answers when `links`."""
    reports = sorted(reports, key=_order)
    named: dict[str, str] = {}
    for report in reports:
        key, attribution = claimant_key(report.sentence), report.sentence.attribution
        if key is not None and attribution is not None and attribution.claimant:
            named.setdefault(key, attribution.name or attribution.claimant)
    stances = {r.sentence.attribution.stance if r.sentence.attribution else "reports" for r in reports}
    stance = "confirms" if "confirms" in stances else like.stance
    return Claim(reports[0].anchor, stance, tuple(reports), tuple(named.values()), like.keys,
                 like.answered_by if links else (), like.answers if links else (), (*like.notes, *notes))


def apply_to_claims(claims: Sequence[Claim], overrides: Overrides, articles: Sequence[Article]
                    ) -> tuple[tuple[Claim, ...], tuple[Problem, ...]]:
    """The claims with every split and merge applied, in the file's order; and the problems of the
    entries that could not be applied (each skipped). A claim's anchor stays its earliest report's;
    links to a claim whose anchor changed follow it."""
    by_anchor = {c.anchor: c for c in claims}
    by_name = {a.source.name: a for a in articles}
    moved: dict[str, str] = {}  # old anchor -> the anchor of the claim that keeps its links
    problems = []
    for override in overrides.entries:
        try:
            if override.split_claim is not None:
                changes = _split(by_anchor, by_name, override)
            elif override.merge_claims:
                changes = _merge(by_anchor, override)
            else:
                continue
        except _Invalid as error:
            problems.append(overrides.problem(override.entry, str(error)))
            continue
        removed, added, renamed = changes
        for anchor in removed:
            del by_anchor[anchor]
        for claim in added:
            by_anchor[claim.anchor] = claim
        for old, new in renamed.items():
            moved.update({k: new for k, v in moved.items() if v == old})
            moved[old] = new
    if moved:
        def follow(anchors: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(sorted({moved.get(a, a) for a in anchors} & set(by_anchor)))
        by_anchor = {a: replace(c, answered_by=follow(c.answered_by), answers=follow(c.answers))
                     for a, c in by_anchor.items()}
    return tuple(sorted(by_anchor.values(), key=lambda c: c.anchor)), tuple(problems)


def _claim_of(by_anchor: dict[str, Claim], anchor: str) -> Claim:
    claim = by_anchor.get(anchor) or next((c for c in by_anchor.values() if anchor in c.aliases), None)
    if claim is None:
        raise _Invalid(f"unknown claim {anchor!r} (a claim's anchor is in its link: #claim-…)")
    return claim


def _split(by_anchor: dict[str, Claim], by_name: dict[str, Article], override: Override
           ) -> tuple[list[str], list[Claim], dict[str, str]]:
    claim = _claim_of(by_anchor, override.split_claim or "")
    taken: list[Report] = []
    for address in override.reports:
        article = _article(by_name, address)
        sentence = article.sentences[_pick(article, address)]
        found = [r for r in claim.reports if r.article.source.name == address.file and r.sentence == sentence]
        if not found:
            raise _Invalid(f"{address} is not a report of {claim.anchor}")
        taken += [r for r in found if r not in taken]
    kept = [r for r in claim.reports if r not in taken]
    if not kept:
        raise _Invalid(f"taking out every report would leave {claim.anchor} empty")
    rest = _regrouped(kept, claim, (), links=True)
    part = _regrouped(taken, claim, (), links=False)
    reason, entry = override.reason, override.entry
    rest = replace(rest, notes=(*rest.notes, ClaimNote(entry, "kept", reason, (part.anchor,))))
    part = replace(part, notes=(*claim.notes, ClaimNote(entry, "split", reason, (rest.anchor,))))
    return [claim.anchor], [rest, part], {claim.anchor: rest.anchor}


def _merge(by_anchor: dict[str, Claim], override: Override) -> tuple[list[str], list[Claim], dict[str, str]]:
    merged = list({c.anchor: c for c in (_claim_of(by_anchor, a) for a in override.merge_claims)}.values())
    if len(merged) < 2:
        raise _Invalid(f"{', '.join(override.merge_claims)} are already one claim")
    if len({c.stance in POSITIVE for c in merged}) > 1:
        raise _Invalid("a denial or 'cannot confirm' cannot be merged with the claim it answers")
    reports = [r for c in merged for r in c.reports]
    first = min(merged, key=lambda c: _order(c.reports[0]))
    links = replace(first, answered_by=tuple(sorted({a for c in merged for a in c.answered_by})),
                    answers=tuple(sorted({a for c in merged for a in c.answers})),
                    keys=frozenset.intersection(*(c.keys for c in merged)),
                    notes=tuple(n for c in merged for n in c.notes))
    claim = _regrouped(reports, links, (), links=True)
    others = tuple(c.anchor for c in merged if c.anchor != claim.anchor)
    claim = replace(claim, notes=(*claim.notes, ClaimNote(override.entry, "merged", override.reason, others)))
    return [c.anchor for c in merged], [claim], {c.anchor: claim.anchor for c in merged}
