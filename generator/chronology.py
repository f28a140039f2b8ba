"""Placing an article's date mentions (timeline.py) on the calendar: which day, month or year each
one means, at the precision the text gives, and which parts were inferred and from what.

A mention that writes its year ("28-10-2024", "im September 2023") is placed as written. The others
are counted from the article's reference date, chosen in this order:
1. the article's date (front matter, or a dateline cleanup found), else the first full date on a
   line cleanup set aside as a dateline (a byline: "di Paolo Benedetti | 11 ottobre 2025, 13:05");
2. what the article's own full dates agree on (the most frequent; on a tie, the latest);
3. its dates without a year ("28. Oktober"), given the year that puts them nearest the newest
   article's date of the whole folder (`fallback`, the site's "as of"), and then agreed on as in 2.
A date without a year takes the year that puts it nearest the reference date (and, when a weekday
is named with it, a year in which that day is that weekday). A weekday alone is the latest such
day up to the reference date, or the first from it when its sentence puts it ahead (dates.yml
`ahead`: "på måndag", "will", "abordará"); "heute", "sidste år", "last week" are shifted from it ("heute" in an
article dated only to a month is that month); "am selben Tag" is the date the article placed last,
at its precision, and "zwei Tage später" two days after it. A month named alone ("im September")
takes the year its sentence names, else the year that puts it nearest the reference date; after
"seit", "since" the latest such month up to it, after "last" the latest before its month. A weekday
with a week ("vorige week woensdag", "Wednesday last week") is that day of that week. A day of
the month named alone (Korean "4일") is counted like a weekday. What cannot be counted from anything
is not placed.
Nothing here reads the clock of the machine that builds the site."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

from .claims import Dating
from .models import Article, DateMention, Sentence

PARTS = ("year", "month", "day")
_WEEKDAY_YEARS = 6  # a weekday with a day and month recurs within this many years either way
BACKGROUND_YEARS = 5  # a date in a year more than this many before its article's is background, not an event


@dataclass(frozen=True)
class Event:
    """A dated sentence: one date it names, placed, with the words that name it."""

    article: Article
    sentence: Sentence
    iso: str  # YYYY-MM-DD, YYYY-MM or YYYY
    words: tuple[str, ...]  # as written, every expression of this sentence that names this date
    inferred: tuple[str, ...] = ()  # parts not written: some of year, month, day
    basis: str | None = None  # what the inferred parts were counted from, for the reader


@dataclass(frozen=True)
class Reference:
    iso: str
    why: str  # what it is, for the reader: "the article's date, 2024-10-28"
    inferred: str | None = None  # what the article's date was inferred from ("its dateline"); None: its own


def _date(iso: str) -> dt.date:
    """A day to count from: the day itself, or the middle of a month or year."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    return dt.date(parts[0], parts[1], 15) if len(parts) == 2 else dt.date(parts[0], 7, 1)


def _nearest(mention: DateMention, anchor: dt.date) -> dt.date | None:
    """The day and month of `mention` in the year that puts it nearest `anchor`."""
    assert mention.month is not None and mention.day is not None
    span = _WEEKDAY_YEARS if mention.weekday is not None else 1
    best = None
    for year in range(anchor.year - span, anchor.year + span + 1):
        try:
            day = dt.date(year, mention.month, mention.day)
        except ValueError:
            continue  # 29 February outside a leap year
        if mention.weekday is not None and day.weekday() != mention.weekday:
            continue
        if best is None or abs((day - anchor).days) < abs((best - anchor).days):
            best = day
    return best


def _in_year(mention: DateMention, year: int) -> dt.date | None:
    try:
        day = dt.date(year, mention.month or 0, mention.day or 0)
    except ValueError:
        return None
    return day if mention.weekday is None or day.weekday() == mention.weekday else None


def lines_of(article: Article) -> list[Sentence]:
    """The article's sentences and its datelines (as one-line sentences), in file order."""
    datelines = [Sentence(s.text, s.line, s.line, article.metadata.language, dates=s.dates)
                 for s in article.set_aside if s.dates]
    return sorted([*article.sentences, *datelines], key=lambda s: s.line)


def _dateline(article: Article) -> str | None:
    """The first full date on a line cleanup set aside as a dateline."""
    return next((m.written for s in article.set_aside for m in s.dates if m.written and m.day is not None), None)


def own_date(article: Article) -> str | None:
    """The date an article gives itself: its own (front matter, or what cleanup found), else its
    dateline's; not a date its text names (which can be a deadline years ahead)."""
    return article.metadata.date or _dateline(article)


def reference(article: Article, fallback: str | None) -> Reference | None:
    """The date the article's relative and year-less dates are counted from (see the module)."""
    if article.metadata.date:
        return Reference(article.metadata.date, f"the article's date, {article.metadata.date}")
    mentions = [m for s in lines_of(article) for m in s.dates]
    dateline = _dateline(article)
    if dateline:
        return Reference(dateline, f"the article's dateline, {dateline}", "its dateline")
    full = [m.written for m in mentions if m.written and m.day is not None]
    if full:
        agreed = _agreed(full)
        return Reference(agreed, f"the date the article's full dates agree on, {agreed}", "the full dates it gives")
    if fallback:
        anchor = _date(fallback)
        placed = [d.isoformat() for m in mentions if m.year is None and m.month and m.day
                  if (d := _nearest(m, anchor)) is not None]
        if placed:
            agreed = _agreed(placed)
            return Reference(agreed, f"the article's own day and month, {agreed}, in the year nearest the "
                                     f"newest article's date ({fallback})",
                             "its day and month, the year from the newest article")
    return None


def date_article(article: Article, fallback: str | None) -> Article:
    """The article with the date every page shows: its own, else its reference date (see the
    module) and what that was inferred from; `fallback` is the newest article's date."""
    ref = reference(article, fallback)
    return replace(article, shown_date=ref.iso if ref else None, date_from=ref.inferred if ref else None)


def _agreed(dates: list[str]) -> str:
    counts = Counter(dates)
    return max(counts, key=lambda d: (counts[d], d))


def events_of(article: Article, fallback: str | None) -> tuple[list[Event], int]:
    """The article's dated sentences, placed; and how many date mentions could not be placed.
    A dateline ("Bijgewerkt: 28 november 2024") dates the article, and is no event; nor is a date
    more than BACKGROUND_YEARS before the article's date (or the newest article's, for an undated
    one): "seit Juli 2000" is background."""
    ref = reference(article, fallback)
    anchor = _date(ref.iso) if ref else None
    basis = f"counted from {ref.why}" if ref else None  # what inferred parts were counted from
    since = ref.iso if ref else fallback
    first_year = f"{int(since[:4]) - BACKGROUND_YEARS:04d}" if since else "0000"
    datelines = {(s.line, s.text) for s in article.set_aside if s.dates}
    events: list[Event] = []
    unplaced = 0
    last: str | None = None  # the date the article placed last, for "am selben Tag"
    for sentence in lines_of(article):
        placed: dict[str, tuple[list[str], tuple[str, ...], str | None]] = {}
        year: str | None = None  # a year this sentence names, for its months named alone
        for mention in sorted(sentence.dates, key=_lone_month):  # months alone last, in text order
            try:
                iso, inferred = _place(mention, ref, anchor, last, year)
            except (OverflowError, ValueError):  # counted past year 9999 or before year 1
                iso, inferred = None, ()
            if iso is None or not "0001" <= iso[:4] <= "9999":
                unplaced += 1
                continue
            why = f"counted from the date named before it, {last}" if mention.unit == "same" and last else basis
            if _lone_month(mention) and year:
                why = f"the year named in the same sentence, {year}"
                _join_year(placed, year, mention.words, sentence.text)
            elif year is None and (len(iso) == 4 or mention.written):
                year = iso[:4]
            words, known, was = placed.setdefault(iso, ([], inferred, why))
            words.append(mention.words)
            # The same date written out and inferred on one line: it is written.
            placed[iso] = (words, tuple(p for p in known if p in inferred), was)
            last = iso
        if (sentence.line, sentence.text) in datelines:
            continue
        for iso, (words, inferred, why) in placed.items():
            if iso[:4] >= first_year:
                events.append(Event(article, sentence, iso, tuple(words), inferred, why if inferred else None))
    return events, unplaced


def _join_year(placed: dict[str, tuple[list[str], tuple[str, ...], str | None]], year: str, month: str,
               text: str) -> None:
    """A year written right beside the month that takes it ("augustus vorig jaar", "지난해 10월") is
    one date with it, not an event of its own: its entry is dropped (the month's entry follows)."""
    entry = placed.get(year)
    if entry is None or len(entry[0]) != 1:
        return
    words = re.escape(entry[0][0])
    if re.search(rf"{words}\s{{1,3}}{re.escape(month)}|{re.escape(month)}\s{{1,3}}{words}", text):
        del placed[year]


def _lone_month(mention: DateMention) -> bool:
    """A month named without day or year ("im September")."""
    return mention.month is not None and mention.day is None and mention.year is None


def _place(mention: DateMention, ref: Reference | None, anchor: dt.date | None, last: str | None,
           year: str | None = None) -> tuple[str | None, tuple[str, ...]]:
    if mention.written:
        return mention.written, ()
    if _lone_month(mention):
        # In the year the sentence names ("W zeszłym roku ... we wrześniu"), else the one that
        # puts the month nearest the article's date; after "seit", "da", "с" the latest up to it.
        if year is None and anchor is not None and mention.direction < 0:
            latest = anchor.month if mention.direction == -1 else anchor.month - 1  # "seit Mai", "last May"
            year = str(anchor.year if (mention.month or 1) <= latest else anchor.year - 1)
        elif year is None and anchor is not None:
            year = str(min((anchor.year - 1, anchor.year, anchor.year + 1),
                           key=lambda y: abs((dt.date(y, mention.month or 1, 15) - anchor).days)))
        return (f"{year}-{mention.month:02d}", ("year",)) if year else (None, ())
    if mention.unit == "same":
        same = last or (ref.iso if ref else None)
        if same and mention.shift:  # "zwei Tage später": days after a day; after a month, nothing
            return ((_date(same) + dt.timedelta(days=mention.shift)).isoformat(), PARTS) if len(same) == 10 \
                else (None, ())
        return same, PARTS[:len(same.split("-"))] if same else ()
    if ref is None or anchor is None:
        return None, ()
    precise = len(ref.iso)
    if mention.month is not None and mention.day is not None:
        # An article dated only to a year: its year (a weekday given with the date must still match).
        day = _nearest(mention, anchor) if precise > 4 else _in_year(mention, anchor.year)
        return (day.isoformat(), ("year",)) if day else (None, ())
    if mention.unit == "week" and mention.weekday is not None:  # "vorige week woensdag"
        day = anchor + dt.timedelta(days=7 * mention.shift + mention.weekday - anchor.weekday())
        return (day.isoformat(), PARTS) if precise == 10 else (None, ())
    if mention.unit is None and (mention.weekday is not None or mention.day is not None):
        day = _counted_day(mention, anchor) if precise == 10 else None
        return (day.isoformat(), PARTS if mention.weekday is not None else ("year", "month")) if day else (None, ())
    if mention.unit == "day" and precise == 10:
        return (anchor + dt.timedelta(days=mention.shift)).isoformat(), PARTS
    if mention.unit == "week" and precise == 10:
        return (anchor + dt.timedelta(weeks=mention.shift)).isoformat()[:7], ("year", "month")
    if mention.unit in ("day", "week") and mention.shift == 0 and precise == 7:
        return ref.iso, ("year", "month")  # "today" in an article dated to a month: that month
    if mention.unit == "month" and mention.day is not None:  # "지난달 28일": that day of last month
        months = anchor.year * 12 + anchor.month - 1 + mention.shift
        try:
            day = dt.date(months // 12, months % 12 + 1, mention.day)
        except ValueError:
            return None, ()
        return (day.isoformat(), ("year", "month")) if precise == 10 else (None, ())
    if mention.unit == "month" and precise >= 7:
        months = anchor.year * 12 + anchor.month - 1 + mention.shift
        return f"{months // 12:04d}-{months % 12 + 1:02d}", ("year", "month")
    if mention.unit == "year":
        return f"{anchor.year + mention.shift:04d}", ("year",)
    return None, ()


def _counted_day(mention: DateMention, anchor: dt.date) -> dt.date | None:
    """A weekday or a day of the month named alone ("am Montag", "4일"): the latest such day up to
    the article's date, or the first from it when the text puts it ahead ("på måndag", "오는 10일")."""
    # The article's own weekday is that day ("später am Montag ... sprechen wird" in Monday's paper)
    # unless a word beside it puts it ahead ("kommenden Mittwoch" in Wednesday's paper: a week on).
    step = 1 if mention.direction > 0 else -1
    # a day of the month recurs within two months (31 February is none)
    for offset in range(1 if mention.direction > 1 else 0, 63):
        day = anchor + dt.timedelta(days=step * offset)
        if (mention.weekday is not None and day.weekday() == mention.weekday) or \
                (mention.weekday is None and day.day == mention.day):
            return day
    return None


def dating(article: Article, fallback: str | None, events: list[Event] | None = None) -> Dating:
    """The article's reference date and each dated sentence's placed dates (for claims.py);
    `events`: the article's events_of when already worked out."""
    ref = reference(article, fallback)
    if events is None:
        events, _ = events_of(article, fallback)
    sentences: dict[tuple[int, str], tuple[str, ...]] = {}
    for event in events:
        key = (event.sentence.line, event.sentence.text)
        sentences[key] = (*sentences.get(key, ()), event.iso)
    return Dating(ref.iso if ref else None, sentences)
