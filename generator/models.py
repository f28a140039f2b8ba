"""Frozen records that flow one way through the pipeline stages.

ingest -> SourceFile; clean -> CleanText; segment/language/classify -> Paragraph/Sentence;
the pipeline joins them into an Article per file and a Corpus for the whole folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input file, reported in the build log and on the ledger."""

    file: str
    message: str
    line: int | None = None
    level: str = "warning"  # "warning" fails `mkdocs build --strict`; "info" is only logged

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about an article: from front matter first, then from lines in its text."""

    title: str | None = None
    date: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    updated: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    author: str | None = None
    place: str | None = None
    credited_source: str | None = None  # a "Quelle:"/"Bron:" that names an organisation, not a URL


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of the articles folder as read from disk."""

    name: str
    id: str
    raw: bytes
    text: str | None = None  # decoded text; None when rejected
    encoding: str | None = None
    lines: tuple[str, ...] = ()  # split on CRLF, CR and LF only; line n is lines[n - 1]
    body_start: int = 1  # first line after the front matter
    front_matter: Metadata = field(default_factory=Metadata)
    markdown: bool = False
    rejected: str | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """A content line after repair: its original number and its repaired text."""

    number: int
    text: str
    repairs: tuple[str, ...] = ()
    heading: bool = False


@dataclass(frozen=True, slots=True)
class SetAside:
    """A line cleanup did not publish as content, with the reason."""

    line: int
    text: str
    reason: str
    dates: tuple[DateMention, ...] = ()  # a dateline's date (pipeline.py); other lines carry none


@dataclass(frozen=True, slots=True)
class CleanText:
    """Content lines, set-aside lines and the metadata found in the text."""

    lines: tuple[Line, ...]
    set_aside: tuple[SetAside, ...]
    metadata: Metadata
    paragraphs: tuple[tuple[int, ...], ...]  # line numbers grouped into paragraphs


@dataclass(frozen=True, slots=True)
class Match:
    """A concept of a topic found in a sentence: why the sentence is on that topic. Either a term of
    topics.yml matched its words, or (`inferred`) the classifier's concept network names the concept
    where no term did (a language without terms)."""

    topic: str
    concept: str
    word: str  # as written in the sentence ("" when inferred)
    term: str  # the term from topics.yml that matched ("" when inferred)
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity a sentence states (figures.py): the words as written and their value."""

    words: str  # from the qualifier, if any, through the counted noun, as written
    value: float | None  # None when vague ("Tausende Container"); the low end of a range
    counts: str  # troops, casualties, shells, missiles, containers, money or other
    qualifier: str | None = None  # "more than", "at least", "about", "up to", "nearly"
    high: float | None = None  # the high end of a range
    vague: bool = False
    magnitude: float | None = None  # a vague amount's order of magnitude (for sorting only)
    inferred: bool = False  # what it counts was said by the sentence model (figure_model.py), not by words
    side: str | None = None  # whose casualties, as the sentence model says (None: by the sides' words)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence says said it (attribution.py): the claimant, apart from the outlet."""

    claimant: str | None  # as written ("Mark Rutte", "Rusland"); None when the text names nobody
    cue: str  # the words that attribute it, as written ("sagte", "aldus", "kan ikke bekræfte")
    stance: str  # confirms, denies, cannot confirm or reports
    entity: str | None = None  # the claimant's slug in entities.yml, when it is known there
    relay: str | None = None  # the outlet it is relayed through, as written ("laut TASS": TASS)
    carried: bool = False  # the claimant is named in a neighbouring sentence ("Er sagte", "Ihm zufolge")
    name: str | None = None  # the claimant's canonical name in entities.yml ("Mark Rutte" for "Ruett")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a sentence (timeline.py): the words as written and what the text itself
    says of the date. Which day it means is worked out for the whole article (chronology.py): a
    date without a year, a weekday or "heute" is counted from the article's date."""

    words: str
    year: int | None = None  # parts the text writes; None where it gives none
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday: named alone ("am Montag") or before a day ("в четверг, 13 июня")
    shift: int = 0  # for a relative expression: how many units from the article's date
    # day, week, month, year, or "same" (the day named last); None: not relative. With a weekday,
    # "week": that day of the week `shift` weeks from the article's ("vorige week woensdag").
    unit: str | None = None
    # For a weekday, a day or a month named alone: +2 the first such after the article's date ("på
    # måndag", "오는 10일"), +1 the first from it (a future tense: "will meet on Monday"), -1 the latest
    # up to it ("seit Januar"), -2 (a month) the latest before the article's month ("last May"), 0 the
    # usual rule (chronology.py).
    direction: int = 0

    @property
    def written(self) -> str | None:
        """The ISO date the text gives on its own (YYYY-MM-DD, YYYY-MM or YYYY), or None."""
        if self.year is None or self.unit is not None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day is not None else "")


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity of entities.yml named in a sentence: which one, the words as written, and where
    they are in the sentence's text (`text[start:end] == words`)."""

    entity: str  # the entity's slug
    name: str  # its canonical name
    words: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """Words that look like a name entities.yml lacks, where they start in a sentence's text."""

    words: str
    start: int
    weak: bool  # one capitalised word, or a run in a language that capitalises nouns: needs several articles


@dataclass(frozen=True, slots=True)
class Correction:
    """An analyst's correction of a sentence (overrides.py, content/overrides.yml): what it changed,
    what it was before, and the reason a reader is shown."""

    entry: int  # the entry's number in overrides.yml
    kind: str  # hidden, added (to a topic), removed (from a topic), figure or date
    reason: str
    topic: str | None = None  # the topic's slug (added, removed)
    words: str | None = None  # the figure's or date's words as written (figure, date)
    was: str | None = None  # the value before, for the reader (figure, date; the topics of a hidden sentence)
    now: str | None = None  # the corrected value (figure: as shown; date: ISO)

    @property
    def note(self) -> str:
        """What the pages say of it."""
        if self.kind == "hidden":
            return f"hidden from topic pages by an analyst: {self.reason}"
        if self.kind == "added":
            return f"added to the topic {self.topic} by an analyst: {self.reason}"
        if self.kind == "removed":
            return f"moved off the topic {self.topic} by an analyst: {self.reason}"
        what = "figure" if self.kind == "figure" else "date"
        return f"{what} “{self.words}” corrected by an analyst to {self.now} (was {self.was}): {self.reason}"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: verbatim (repaired) text, where it starts and ends, its language and topics."""

    text: str
    line: int
    end_line: int
    language: str | None = None
    matches: tuple[Match, ...] = ()
    topics: tuple[str, ...] = ()  # decided by the classifier (topic_model.py), then analysts' corrections
    relevance: tuple[tuple[str, float], ...] = ()  # (topic slug, the classifier's probability) of every topic
    debris: bool = False  # the classifier takes it for page furniture (a byline, a caption): on no topic
    pieces: tuple[tuple[int, str], ...] = ()  # (line number, text on that line)
    figures: tuple[Figure, ...] = ()
    pending: tuple[Figure, ...] = ()  # numbers whose category the sentence model decides (figures.PENDING)
    attribution: Attribution | None = None
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Mention, ...] = ()  # entities.yml names found in the text (entities.py)
    candidates: tuple[NameCandidate, ...] = ()  # names found that entities.yml lacks (entities.py)
    corrections: tuple[Correction, ...] = ()  # analysts' corrections (overrides.py), in overrides.yml's order

    @property
    def hidden(self) -> bool:
        """Hidden from topic pages (and every listing) by an analyst; still on its source page."""
        return any(c.kind == "hidden" for c in self.corrections)

    def score(self, topic: str) -> float:
        """The classifier's probability that the sentence is on `topic` (0 when not classified)."""
        return next((value for slug, value in self.relevance if slug == topic), 0.0)


@dataclass(frozen=True, slots=True)
class Paragraph:
    lines: tuple[int, ...]
    sentences: tuple[Sentence, ...]
    language: str | None = None
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Outlet:
    """An outlet of the source register (content/sources.yml), or one it lacks (`known` False)."""

    slug: str
    name: str
    grade: str  # Admiralty source reliability, A to F; F for an outlet the register lacks
    state_media: bool = False
    names: tuple[str, ...] = ()  # other names, as the text writes them
    domains: tuple[str, ...] = ()
    known: bool = True


@dataclass(frozen=True, slots=True)
class Article:
    """A published (or rejected, or duplicate) article with everything the pages need."""

    source: SourceFile
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    repaired: tuple[Line, ...] = ()
    languages: tuple[str, ...] = ()
    duplicate_of: str | None = None  # file name of the article this one repeats
    problems: tuple[Problem, ...] = ()
    outlet: Outlet | None = None  # who published it, from the source register (outlets.py)
    copy_of: str | None = None  # file name of the article this one nearly copies (copies.py)
    # The date every page shows: its own (metadata.date), or one inferred for the whole folder
    # (chronology.date_article), with what it was inferred from.
    shown_date: str | None = None
    date_from: str | None = None

    @property
    def date_label(self) -> str:
        """"2024-10-28", "2024-10-28 (inferred from its dateline)" or "undated"."""
        if not self.shown_date:
            return "undated"
        return f"{self.shown_date} (inferred from {self.date_from})" if self.date_from else self.shown_date

    @property
    def status(self) -> str:
        if self.source.rejected:
            return "rejected"
        return "duplicate" if self.duplicate_of else "published"

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    label: str
    terms: dict[str, tuple[str, ...]]  # language -> terms
    claim_key: bool = True  # what a claim is about (False: how it is said, "said", "confirmed")


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, country or place of entities.yml, with every alias it is written as."""

    slug: str
    name: str
    type: str  # person, organisation, country or place
    aliases: tuple[str, ...]  # the name first
    holds_names: bool = False  # its aliases hold other entities' names, found inside them too


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title: str
    description: str
    concepts: tuple[Concept, ...]
    threshold: float = 0.5  # the classifier's probability from which a sentence is on the topic


@dataclass(frozen=True, slots=True)
class ClassifierSettings:
    """The classifier's part of topics.yml (`classifier:`): where the labelled examples are, and the
    cutoffs that are not per topic."""

    examples: str = "examples"  # folder of labelled examples, relative to topics.yml
    debris_threshold: float = 0.5  # from this probability a sentence is page furniture, on no topic
    concept_threshold: float = 0.5  # from this probability a concept no term matched is named
