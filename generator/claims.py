"""Corroboration: the same claim reported by several articles, across languages, is one claim.

A claim is an attributed sentence (attribution.py): a claimant, a stance, and what it is about. What
it is about is a set of keys that do not depend on the language: the topic concepts it matches
(those marked `claim_key` in topics.yml), the entities it names, the figures it states and the
dates it gives (`day:MM-DD` for a day, whatever year the article is placed in). Keys the story's
every report carries (topics.yml's `claims: background:`, such as its countries) are left out: they
tell no claims apart. Two reports are the same claim when

- their stances are the same (a confirmation and a plain report are two claims),
- they share at least MIN_SHARED keys, not only concepts,
- the same claimant makes them, or they share a figure (independent claimants saying the same
  thing), and
- their articles are dated at most WINDOW_DAYS apart (or one is undated); an article's date is its
  own, or the one its own dates agree on (chronology.py), never one counted from other articles.

A claim is every report connected to another by that relation (connected components). Whether two
reports are the same claim depends on those two reports alone, so adding an article only adds
reports to claims, or joins claims: it never takes a report or a source away, and every anchor a
claim had stays on its block (a claim's anchor is its earliest report's, the others are aliases).
Only articles with a sentence on a topic report claims, so an article off the story changes none.
Pairs are never compared all against all: reports are grouped by what makes them one claim.

A denial or a "cannot confirm" is never merged into the claim it answers: it is linked beside it
when the two share MIN_SHARED keys and their dates fit the window."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from .buckets import shared_pairs
from .models import Article, Sentence

MIN_SHARED = 2  # keys two reports of one claim share at least
WINDOW_DAYS = 31  # reports of one claim come from articles at most this far apart
KEY_LIMIT = 40  # keys of one report taken into account (a hostile sentence naming thousands of figures)
BUCKET_LIMIT = 400  # denials: a key in more sentences than this does not pair them (pairs grow with its square)
ANSWER_SAME = 2  # keys a denial shares with a claim of its own article to answer it
ANSWER_OTHER = 3  # ... with a claim of another article
POSITIVE = ("confirms", "reports")
# Keys that let independent claimants' reports be one claim: the same figure. (Not a date: much is
# said on one day, and a date shared with one concept would join every claimant of that day.)
STRONG = ("figure:",)
# Keys that do not make a claim alone: two reports sharing only concepts ("shells", "shipments") say
# the same kind of thing, not the same thing; they must share a figure, a date or an entity too.
WEAK = ("concept:",)


@dataclass(frozen=True)
class Dating:
    """An article's date and the dates its sentences give, as the timeline places them."""

    date: str | None  # the article's date, or the one its own dates agree on
    sentences: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)  # (line, text) -> ISO dates


@dataclass(frozen=True)
class Report:
    """One sentence of one article that reports a claim."""

    article: Article
    sentence: Sentence
    ordinal: int = 1  # among the article's sentences that start on the same line

    @property
    def anchor(self) -> str:
        """`claim-<article id>-l<line>`, with `-2`, `-3` … for a later sentence starting on that line."""
        suffix = f"-{self.ordinal}" if self.ordinal > 1 else ""
        return f"claim-{self.article.source.id}-l{self.sentence.line}{suffix}"


@dataclass(frozen=True)
class Claim:
    anchor: str  # stable id: its earliest report's (Report.anchor)
    stance: str  # confirms if any report confirms, else the reports' stance
    reports: tuple[Report, ...]  # earliest first
    claimants: tuple[str, ...]  # the independent claimants, as the first report of each names them
    keys: frozenset[str] = frozenset()  # the keys all its reports share
    answered_by: tuple[str, ...] = field(default=())  # anchors of the denials and "cannot confirm"s
    answers: tuple[str, ...] = field(default=())  # anchors of the claims this one denies or cannot confirm
    notes: tuple = field(default=())  # analysts' splits and merges (overrides.ClaimNote), shown in its block

    @property
    def aliases(self) -> tuple[str, ...]:
        """Its other reports' anchors: an anchor this claim had before an earlier report joined it, or
        that another claim had before the two were joined, still lands on it."""
        return tuple(sorted({r.anchor for r in self.reports} - {self.anchor}))

    @property
    def sources(self) -> int:
        """Outlets that reported it; an article without a named outlet counts as one of its own, and
        a near-copy of another article counts as that article."""
        names = {r.article.source.name for r in self.reports}
        return len({r.article.outlet.name if r.article.outlet else f"file:{r.article.source.name}"
                    for r in self.reports if r.article.copy_of not in names})

    @property
    def articles(self) -> int:
        return len({r.article.source.name for r in self.reports})

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({r.sentence.language for r in self.reports if r.sentence.language}))


def claimant_key(sentence: Sentence) -> str | None:
    """Who makes a claim, the same in every language: the entity when entities.yml knows it, else
    the claimant's last word as written, case-folded ("Mark Rutte" and "Rutte" are one)."""
    attribution = sentence.attribution
    if attribution is None or not attribution.claimant:
        return None
    if attribution.entity:
        return f"entity:{attribution.entity}"
    return "name:" + attribution.claimant.split()[-1].casefold()


def claim_keys(sentence: Sentence, concepts: frozenset[str], dates: Iterable[str] = ()) -> frozenset[str]:
    """What a sentence is about, in keys no language changes: concepts (of `concepts`, the ones
    topics.yml marks as claim keys), the entities it names besides its claimant, figures (what they
    count, and the value), and the dates it gives: `day:MM-DD` for a day (written, or as the timeline
    places it), `date:` for a month or year."""
    keys = {f"concept:{m.concept}" for m in sentence.matches if m.concept in concepts}
    claimant = sentence.attribution.entity if sentence.attribution else None
    keys.update(f"entity:{m.entity}" for m in sentence.entities if m.entity != claimant)
    keys.update(f"figure:{f.counts}:{f.value:g}" for f in sentence.figures if f.value is not None)
    keys.update(f"day:{iso[5:]}" if len(iso) == 10 else f"date:{iso}" for iso in dates)
    keys.update(f"day:{m.month:02d}-{m.day:02d}" for m in sentence.dates
                if m.month is not None and m.day is not None and m.unit is None)
    return frozenset(keys)


def is_claim(sentence: Sentence) -> bool:
    attribution = sentence.attribution
    return attribution is not None and (attribution.claimant is not None or attribution.stance not in POSITIVE)


def _day(date: str | None) -> int | None:
    date = date or ""
    try:
        return dt.date.fromisoformat(date).toordinal() if len(date) == 10 else None
    except ValueError:
        return None


def _stance_class(sentence: Sentence) -> str:
    stance = sentence.attribution.stance if sentence.attribution else "reports"
    return "positive" if stance in POSITIVE else stance


def _shared_pairs(keys: Sequence[frozenset[str]]) -> Counter[tuple[int, int]]:
    """For each pair of reports that share a key: how many keys they share (buckets, not all pairs)."""
    return shared_pairs(enumerate(keys), BUCKET_LIMIT)


def find_claims(articles: Iterable[Article], concepts: frozenset[str],
                dating: Callable[[Article], Dating] | None = None,
                background: frozenset[str] = frozenset()) -> list[Claim]:
    """Every claim of the published articles, earliest report first (the order is deterministic:
    it depends on the articles and their sentences only, not on the order they come in).
    `dating` gives an article's own date and its sentences' dates (never counted from other
    articles); `background` the keys that tell no claims apart."""
    articles = [a for a in articles if a.status == "published" and any(s.topics for s in a.sentences)]
    dated = {a.source.name: dating(a) for a in articles} if dating else {}
    reports = sorted((r for a in articles for r in _reports(a)),
                     key=lambda r: (r.article.metadata.date or "9999", r.article.source.name, r.sentence.line,
                                    r.ordinal))
    full = [claim_keys(r.sentence, concepts, dated[r.article.source.name].sentences.get(
        (r.sentence.line, r.sentence.text), ()) if dated else ()) for r in reports]
    keys = [own - background for own in full]
    claimants = [claimant_key(r.sentence) for r in reports]
    classes = [_stance_class(r.sentence) for r in reports]
    stances = [r.sentence.attribution.stance if r.sentence.attribution else "reports" for r in reports]
    days = [_day(dated[r.article.source.name].date if dated else r.article.metadata.date) for r in reports]
    root = _components(keys, claimants, stances, days)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        members[root[i]].append(i)
    claims: dict[int, Claim] = {}
    for first, indexes in members.items():
        claims[first] = _claim([reports[i] for i in indexes], [claimants[i] for i in indexes],
                               frozenset.intersection(*(keys[i] for i in indexes)))
    answered = _answers(reports, full, classes, days, root, claims)
    return _link_answers(claims, root, answered)


def _components(keys: list[frozenset[str]], claimants: list[str | None], stances: list[str],
                days: list[int | None]) -> list[int]:
    """Each report's claim: the earliest report it is connected to by "the same claim" (see the
    module). Reports are grouped by stance and MIN_SHARED shared keys, with their claimant, or
    without it when a key is a figure; inside a group, reports dated within WINDOW_DAYS of the next
    are joined (all of them when one is undated)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, own in enumerate(keys):
        if claimants[i] is None:
            continue
        for shared in combinations(sorted(own)[:KEY_LIMIT], MIN_SHARED):
            if all(k.startswith(WEAK) for k in shared):
                continue
            groups[(stances[i], claimants[i], *shared)].append(i)
            if any(k.startswith(STRONG) for k in shared):
                groups[(stances[i], None, *shared)].append(i)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)  # the earliest report is the root

    for members in groups.values():
        if len(members) < 2:
            continue
        if any(days[i] is None for i in members):
            for i in members[1:]:
                union(members[0], i)
            continue
        by_day = sorted(members, key=lambda i: days[i])
        for a, b in zip(by_day, by_day[1:], strict=False):
            if days[b] - days[a] <= WINDOW_DAYS:
                union(a, b)
    return [find(i) for i in range(len(keys))]


def _answers(reports: list[Report], keys: list[frozenset[str]], classes: list[str], days: list[int | None],
             leader: list[int], claims: dict[int, Claim]) -> dict[int, int]:
    """Which claim each denial or "cannot confirm" answers (first report of each): one of its own
    article sharing ANSWER_SAME keys, else one of another article sharing ANSWER_OTHER (all keys
    count here, the story's countries too); a "cannot confirm" answers a confirmation first; then
    the claim sharing most keys, then the one most outlets report; failing any,
    the claim its article reports that most outlets report (a denial that names no content, "haltlose
    Gerüchte", answers what its article is about)."""
    shared = _shared_pairs(keys)
    candidates: dict[int, list[tuple]] = defaultdict(list)
    for (a, b), count in shared.items():
        if classes[a] == classes[b] or "positive" not in (classes[a], classes[b]) or not _close(days[a], days[b]):
            continue
        negative, positive = (a, b) if classes[b] == "positive" else (b, a)
        same = reports[a].article.source.name == reports[b].article.source.name
        if count >= (ANSWER_SAME if same else ANSWER_OTHER):
            claim = claims[leader[positive]]
            # "cannot confirm" answers a confirmation first (a denial answers any claim)
            unlike = classes[negative] == "cannot confirm" and claim.stance != "confirms"
            candidates[negative].append((not same, unlike, -count, -claim.sources, leader[positive]))
    main_claim: dict[str, tuple[int, int]] = {}  # article -> its most reported positive claim
    for i, report in enumerate(reports):
        if classes[i] == "positive":
            name, best = report.article.source.name, (-claims[leader[i]].sources, leader[i])
            main_claim[name] = min(main_claim.get(name, best), best)
    answered = {}
    for n, report in enumerate(reports):
        if classes[n] == "positive":
            continue
        if candidates[n]:
            answered[n] = min(candidates[n])[-1]
        elif report.article.source.name in main_claim:
            answered[n] = main_claim[report.article.source.name][1]
    return answered


def _reports(article: Article) -> list[Report]:
    on_line: Counter[int] = Counter()
    found = []
    for sentence in article.sentences:
        on_line[sentence.line] += 1
        if is_claim(sentence):
            found.append(Report(article, sentence, on_line[sentence.line]))
    return found


def _close(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= WINDOW_DAYS


def _claim(reports: list[Report], claimant_keys: list[str | None], keys: frozenset[str]) -> Claim:
    first = reports[0]
    named: dict[str, str] = {}
    for report, key in zip(reports, claimant_keys, strict=True):
        attribution = report.sentence.attribution
        if key is not None and attribution is not None and attribution.claimant:
            named.setdefault(key, attribution.name or attribution.claimant)
    stance = first.sentence.attribution.stance if first.sentence.attribution else "reports"
    return Claim(anchor=first.anchor, stance=stance,
                 reports=tuple(reports), claimants=tuple(named.values()), keys=keys)


def _link_answers(claims: dict[int, Claim], leader: list[int], answered: dict[int, int]) -> list[Claim]:
    """Claims with the anchors of what answers them and of what they answer."""
    answered_by: dict[int, set[str]] = defaultdict(set)
    answers: dict[int, set[str]] = defaultdict(set)
    for negative, positive in answered.items():
        answered_by[positive].add(claims[leader[negative]].anchor)
        answers[leader[negative]].add(claims[positive].anchor)
    return sorted((Claim(c.anchor, c.stance, c.reports, c.claimants, c.keys, tuple(sorted(answered_by[f])),
                         tuple(sorted(answers[f]))) for f, c in claims.items()), key=lambda c: c.anchor)


def credibility(claim: Claim, by_anchor: Callable[[str], Claim | None]) -> int:
    """The Admiralty information-credibility digit from independent agreement (outlets relaying
    one claimant count once): 1 two or more independent claimants make it, nobody contests it;
    2 two or more, but someone denies it or cannot confirm it; 3 one claimant, not contested; 4 one
    claimant, contested; 6 nobody named (cannot be judged). 5 (improbable) weighs who denies what,
    which is an analyst's judgement: it is never given here."""
    if not claim.claimants:
        return 6
    contested = any(by_anchor(anchor) is not None for anchor in claim.answered_by)
    if claim.stance not in POSITIVE:
        return 3
    if len(claim.claimants) >= 2:
        return 2 if contested else 1
    return 4 if contested else 3
