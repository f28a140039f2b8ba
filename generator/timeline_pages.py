"""What /timeline/ shows, as plain data for its templates: every dated sentence (chronology.py),
newest date first, grouped by month (by year for dates the text gives only a year of); past
`Limits.page_quotes` events, the newest `Limits.top_quotes` and one page per month below the URL.
Each event quotes a whole sentence, as a topic page does, so the timeline splits at the topic
pages' size (300 quotes, about 0.3 MB of HTML) rather than at the ledger's 1,000 short rows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from .chronology import Event
from .corpus import Corpus
from .models import Article
from .views import Limits, PageSpec, newest_first, page_path, part_links, part_path, relative, source_page, split

BASE = "timeline"
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class EventRow:
    event: Event
    href: Markup  # the citation, relative to the page the row is on

    @property
    def datetime(self) -> Markup:
        """The ISO value of the <time> element: built by chronology.py, checked again here."""
        if not _ISO.fullmatch(self.event.iso):
            raise ValueError(f"not an ISO date: {self.event.iso!r}")
        return Markup(self.event.iso)

    @property
    def corrections(self) -> list[str]:
        """What analysts' corrections of this event's date say (overrides.py)."""
        return [c.note for c in self.event.sentence.corrections
                if c.kind == "date" and c.now == self.event.iso and c.words in self.event.words]

    @property
    def lang(self) -> str:
        return self.event.sentence.language or self.event.article.metadata.language or "und"


def period(event: Event) -> str:
    """The month an event is listed under (YYYY-MM), or its year when the text gives only a year."""
    return event.iso[:7]


def _order(event: Event) -> tuple:
    # Newest first; within a year, its months before the events dated only by that year.
    year, _, rest = event.iso.partition("-")
    month, _, day = rest.partition("-")
    return (year, month, day, event.article.source.name, -event.sentence.line)


def timeline_events(corpus: Corpus, articles: Sequence[Article]) -> tuple[list[Event], int]:
    """Every event of `articles`, newest first, and how many mentions could not be placed."""
    events: list[Event] = []
    unplaced = 0
    for article in articles:
        found, missed = corpus.events(article)
        events += found
        unplaced += missed
    return sorted(events, key=_order, reverse=True), unplaced


def _groups(events: Sequence[Event], page: str) -> list[dict[str, object]]:
    groups: dict[str, list[EventRow]] = {}
    for event in events:
        row = EventRow(event, relative(page, source_page(event.article), f"L{event.sentence.line}"))
        groups.setdefault(period(event), []).append(row)
    return [{"label": label, "rows": rows} for label, rows in groups.items()]


def _summary(events: Sequence[Event], unplaced: int) -> dict[str, object]:
    return {"count": len(events), "source_count": len({e.article.source.name for e in events}),
            "unplaced": unplaced, "inferred": sum(1 for e in events if e.inferred)}


def _whole(corpus: Corpus, articles: Sequence[Article], months: list[tuple], top: int | None) -> dict[str, object]:
    events, unplaced = timeline_events(corpus, articles)
    shown = events[:top] if top is not None else events
    return {**_summary(events, unplaced), "groups": _groups(shown, page_path(BASE)), "months": months, "top": top}


def _part(corpus: Corpus, articles: Sequence[Article], key: str, number: int, count: int, first: int, last: int
          ) -> dict[str, object]:
    events = [e for e in timeline_events(corpus, articles)[0] if period(e) == key][first:last]
    return {"month": key, **part_links(BASE, key, number, count),
            "groups": _groups(events, part_path(BASE, key, number)), "count": len(events)}


def timeline_pages(corpus: Corpus, limits: Limits) -> list[PageSpec]:
    """/timeline/: one page, or the newest events with a table of months and one page (or more
    parts) per month. A page's key names the folder's "as of" date (year-less dates of undated
    articles are counted from it) and the digests of the articles whose events it lists."""
    articles = [a for a in newest_first(corpus.published)
                if any(s.dates for s in a.sentences) or any(s.dates for s in a.set_aside)]
    events, _ = timeline_events(corpus, articles)
    as_of = corpus.as_of or ""
    digests = tuple(corpus.digest(a) for a in articles)
    page = page_path(BASE)
    if len(events) <= limits.page_quotes:
        return [PageSpec(page, "timeline.md.j2", ("timeline", as_of, *digests),
                         partial(_whole, corpus, articles, [], None))]
    by_period: dict[str, list[Event]] = {}
    for event in events:
        by_period.setdefault(period(event), []).append(event)
    months, specs = [], []
    for key, chosen in by_period.items():
        names = {e.article.source.name for e in chosen}
        involved = [a for a in articles if a.source.name in names]
        keyed = (as_of, *(corpus.digest(a) for a in involved))
        parts = split(chosen, limits.page_quotes, lambda _: 1)
        months.append((key, relative(page, part_path(BASE, key)), len(names), len(chosen)))
        first = 0
        for number, part in enumerate(parts, start=1):
            specs.append(PageSpec(part_path(BASE, key, number), "timeline_part.md.j2",
                                  ("timeline part", key, str(number), str(len(parts)), *keyed),
                                  partial(_part, corpus, involved, key, number, len(parts), first, first + len(part))))
            first += len(part)
    top = PageSpec(page, "timeline.md.j2", ("timeline top", str(limits.top_quotes), as_of, *digests),
                   partial(_whole, corpus, articles, months, limits.top_quotes))
    return [top, *specs]
