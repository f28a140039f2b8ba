"""Corroboration: the same claim reported by several articles, across languages, is one claim.

A claim is an attributed sentence (attribution.py): a claimant, a stance, and what it is about. What
it is about is a set of keys that do not depend on the language: the topic concepts it matches
(those marked `claim_key` in topics.yml), the figures it states and the dates it gives as the
timeline places them. Two sentences are one claim when

- their stances agree (confirms and reports agree; denies and cannot confirm each stand alone),
- they share at least MIN_SHARED keys,
- the same claimant makes them, or they share a figure (independent claimants saying the same
  thing), and
- their articles are dated at most WINDOW_DAYS apart (or one is undated); an article's date is its
  own, or the one its dates agree on (chronology.py).

Pairs are only compared inside buckets of sentences sharing a key, never all against all; a key
shared by more than BUCKET_LIMIT sentences is too common to tell claims apart and is skipped.
A denial or a "cannot confirm" is never merged into the claim it answers: it is linked beside it
when the two share MIN_SHARED keys and their dates fit the window."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .models import Article, Sentence

MIN_SHARED = 2  # keys two reports of one claim share at least
WINDOW_DAYS = 31  # reports of one claim come from articles at most this far apart
BUCKET_LIMIT = 400  # a key in more sentences than this does not make buckets (pairs grow with its square)
POSITIVE = ("confirms", "reports")
# Keys that let independent claimants' reports be one claim: the same figure. (Not a date: much is
# said on one day, and a date shared with one concept would join every claimant of that day.)
STRONG = ("figure:",)


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
    topics.yml marks as claim keys), figures (what they count, and the value), and the dates it
    gives as the timeline places them (`day:` for a day, `date:` for a month or year)."""
    keys = {f"concept:{m.concept}" for m in sentence.matches if m.concept in concepts}
    keys.update(f"figure:{f.counts}:{f.value:g}" for f in sentence.figures if f.value is not None)
    keys.update(f"day:{iso}" if len(iso) == 10 else f"date:{iso}" for iso in dates)
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


class _Sets:
    """Union-find over report indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _stance_class(sentence: Sentence) -> str:
    stance = sentence.attribution.stance if sentence.attribution else "reports"
    return "positive" if stance in POSITIVE else stance


def _shared_pairs(keys: Sequence[frozenset[str]]) -> Counter[tuple[int, int]]:
    """For each pair of reports that share a key: how many keys they share (buckets, not all pairs)."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, own in enumerate(keys):
        for key in own:
            buckets[key].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        if len(members) > BUCKET_LIMIT:
            continue
        for x, a in enumerate(members):
            for b in members[x + 1:]:
                shared[a, b] += 1
    return shared


def find_claims(articles: Iterable[Article], concepts: frozenset[str],
                dating: Callable[[Article], Dating] | None = None) -> list[Claim]:
    """Every claim of the published articles, earliest report first (the order is deterministic:
    it depends on the articles and their sentences only, not on the order they come in).
    `dating` gives an article's date and its sentences' placed dates (the timeline's)."""
    articles = list(articles)
    dated = {a.source.name: dating(a) for a in articles} if dating else {}
    reports = sorted((r for a in articles if a.status == "published" for r in _reports(a)),
                     key=lambda r: (r.article.metadata.date or "9999", r.article.source.name, r.sentence.line,
                                    r.ordinal))
    keys = [claim_keys(r.sentence, concepts, dated[r.article.source.name].sentences.get(
        (r.sentence.line, r.sentence.text), ()) if dated else ()) for r in reports]
    claimants = [claimant_key(r.sentence) for r in reports]
    classes = [_stance_class(r.sentence) for r in reports]
    days = [_day(dated[r.article.source.name].date if dated else r.article.metadata.date) for r in reports]
    sets = _Sets(len(reports))
    answering: dict[int, list[tuple[int, int]]] = defaultdict(list)  # negative -> (shared keys, positive)
    for (a, b), count in sorted(_shared_pairs(keys).items()):
        if count < MIN_SHARED or not _close(days[a], days[b]):
            continue
        if classes[a] == classes[b]:
            strong = any(k.startswith(STRONG) for k in keys[a] & keys[b])
            if claimants[a] is not None and (claimants[a] == claimants[b] or strong and claimants[b] is not None):
                sets.union(a, b)
        elif "positive" in (classes[a], classes[b]):
            negative, positive = (a, b) if classes[b] == "positive" else (b, a)
            answering[negative].append((count, positive))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        members[sets.find(i)].append(i)
    claims: dict[int, Claim] = {}
    for root, indexes in members.items():
        claims[root] = _claim([reports[i] for i in indexes], [claimants[i] for i in indexes],
                              frozenset.intersection(*(keys[i] for i in indexes)))
    return _link_answers(claims, sets, answering)


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
            named.setdefault(key, attribution.claimant)
    stances = {r.sentence.attribution.stance for r in reports if r.sentence.attribution}
    stance = "confirms" if "confirms" in stances else next(iter(sorted(stances)), "reports")
    return Claim(anchor=first.anchor, stance=stance,
                 reports=tuple(reports), claimants=tuple(named.values()), keys=keys)


def _link_answers(claims: dict[int, Claim], sets: _Sets, answering: dict[int, list[tuple[int, int]]]
                  ) -> list[Claim]:
    """A denial or "cannot confirm" answers the claims it shares the most keys with (all of them on
    a tie), not every claim it touches."""
    answered_by: dict[int, set[str]] = defaultdict(set)
    answers: dict[int, set[str]] = defaultdict(set)
    for negative, candidates in answering.items():
        most = max(count for count, _ in candidates)
        for count, positive in candidates:
            if count == most:
                n, p = sets.find(negative), sets.find(positive)
                answered_by[p].add(claims[n].anchor)
                answers[n].add(claims[p].anchor)
    result = []
    for root, claim in claims.items():
        result.append(Claim(claim.anchor, claim.stance, claim.reports, claim.claimants, claim.keys,
                            tuple(sorted(answered_by[root])), tuple(sorted(answers[root]))))
    return sorted(result, key=lambda c: c.anchor)


def credibility(claim: Claim, by_anchor: Callable[[str], Claim | None]) -> int:
    """The Admiralty information-credibility digit from independent agreement (outlets relaying
    one claimant count once): 1 two or more independent claimants, none contradicted; 2 two or more,
    but denied or not confirmed by someone; 3 one claimant, not contradicted; 4 one claimant,
    contradicted; 5 contradicted by more independent claimants than make it; 6 nobody named."""
    if claim.stance not in POSITIVE:
        return 6 if not claim.claimants else 3
    against = {c for anchor in claim.answered_by if (answer := by_anchor(anchor)) for c in answer.claimants}
    makers = len(claim.claimants)
    if makers == 0:
        return 6
    if len(against) > makers:
        return 5
    if makers >= 2:
        return 2 if against or claim.answered_by else 1
    return 4 if claim.answered_by else 3
