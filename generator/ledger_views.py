"""What the ledger (/sources/) and each article's page (/sources/<id>/) show, as plain data for the
templates."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import partial
from urllib.parse import quote

from markupsafe import Markup

from .corpus import Corpus
from .models import Article, Sentence, Topic
from .views import (
    Limits,
    PageSpec,
    by_month,
    corrections,
    display_title,
    page_path,
    part_links,
    part_path,
    relative,
    safe_url,
    source_page,
    split,
    topic_claims,
)


def _ledger_rows(corpus: Corpus, articles: Sequence[Article], page: str) -> list[dict[str, object]]:
    by_name = corpus.by_name
    rows = []
    for article in articles:
        counts = Counter(t for s in article.sentences for t in s.topics)
        target = by_name.get(article.duplicate_of or "", article)
        rows.append({
            "article": article,
            "href": relative(page, source_page(target)) if target.status == "published" else None,
            "counts": [counts.get(t.slug, 0) for t in corpus.topics],
            "on_topics": [(t.title, counts[t.slug]) for t in corpus.topics if counts.get(t.slug)],
            "languages": [corpus.language_name(c) for c in article.languages],
        })
    return rows


def ledger_view(corpus: Corpus) -> dict[str, object]:
    """Every file on one page (what a ledger below the page limit gets)."""
    return ledger_pages(corpus, Limits(page_rows=10**12))[0].view()


def _ledger_common(corpus: Corpus) -> dict[str, object]:
    return {"topics": corpus.topics, "hidden": corpus.hidden, "total": len(corpus.articles),
            "statuses": Counter(a.status for a in corpus.articles)}


def _ledger_corrections(corpus: Corpus) -> dict[str, object]:
    """The analysts' corrections the ledger lists: of sentences (with citations) and of claims."""
    page = page_path("sources")
    claims = []
    if any(o.address is None for o in corpus.overrides.entries):  # only splits and merges need the claims
        shown_on: dict[str, Topic] = {}  # a claim's block is on the first topic page that shows it
        for topic in corpus.topics:
            for claim in topic_claims(corpus, topic):
                shown_on.setdefault(claim.anchor, topic)
        for claim in corpus.claims:
            topic = shown_on.get(claim.anchor)
            href = relative(page, page_path("topics", topic.slug), claim.anchor) if topic else None
            claims += [(claim, note.note, href, note.entry) for note in claim.notes]
    return {"corrections": corrections(corpus, page), "claim_corrections": sorted(claims, key=lambda c: c[3]),
            "overrides_file": corpus.overrides.name}


def _whole_ledger(corpus: Corpus) -> dict[str, object]:
    return {**_ledger_common(corpus), "rows": _ledger_rows(corpus, corpus.articles, page_path("sources")),
            "months": [], **_ledger_corrections(corpus)}


def _ledger_top(corpus: Corpus, troubled: Sequence[Article], months: list[tuple]) -> dict[str, object]:
    return {**_ledger_common(corpus), "rows": _ledger_rows(corpus, troubled, page_path("sources")),
            "months": months, "troubled_shown": len(troubled), **_ledger_corrections(corpus)}


def _ledger_part(corpus: Corpus, articles: Sequence[Article], month: str, number: int, count: int
                 ) -> dict[str, object]:
    return {**_ledger_common(corpus), "month": month, **part_links("sources", month, number, count),
            "rows": _ledger_rows(corpus, articles, part_path("sources", month, number))}


def ledger_pages(corpus: Corpus, limits: Limits) -> list[PageSpec]:
    """The ledger: one page, or a summary with the files that have problems and one page per month
    (by the article's date; rejected files are undated). Every page counts all files, so each one's
    key holds every digest."""
    page = page_path("sources")
    everything = ("hidden", str(corpus.hidden), *(corpus.digest(a) for a in corpus.articles))
    if len(corpus.articles) <= limits.page_rows:
        return [PageSpec(page, "ledger.md.j2", ("ledger", *everything), partial(_whole_ledger, corpus))]
    specs: list[PageSpec] = []
    months = []
    for month, articles in by_month(sorted(corpus.articles, key=lambda a: a.source.name)):
        parts = split(articles, limits.page_rows, lambda _: 1)
        months.append((month, relative(page, part_path("sources", month)), len(articles),
                       Counter(a.status for a in articles)))
        for number, part in enumerate(parts, start=1):
            specs.append(PageSpec(part_path("sources", month, number), "ledger_part.md.j2",
                                  ("ledger part", month, str(number), str(len(parts)), *everything),
                                  partial(_ledger_part, corpus, part, month, number, len(parts))))
    troubled = [a for a in corpus.articles if a.status != "published" or a.problems][: limits.page_rows]
    return [PageSpec(page, "ledger.md.j2", ("ledger top", str(limits.page_rows), *everything),
                     partial(_ledger_top, corpus, troubled, months)), *specs]


def _why(sentence: Sentence, titles: dict[str, str]) -> str:
    """What the classifier said of a sentence, for its tooltip: each topic's probability and the
    concepts that explain it (a matched word, or "recognised")."""
    if sentence.debris:
        return "page furniture (a byline, caption, credit or menu), by the classifier"
    reasons = []
    for slug, value in sentence.relevance:
        if slug in sentence.topics:
            found = [f"{m.word} → {m.concept}" if not m.inferred else f"{m.concept} (recognised)"
                     for m in sentence.matches if m.topic == slug]
            reasons.append(f"{titles.get(slug, slug)} {value:.2f}" + (f": {', '.join(found)}" if found else ""))
    return "; ".join(reasons)


def source_view(corpus: Corpus, article: Article) -> dict[str, object]:
    """The source page: metadata, text with a line anchor for every line, topics per sentence."""
    page = source_page(article)
    titles = {t.slug: t.title for t in corpus.topics}
    covered: set[int] = set()
    paragraphs = []
    for paragraph in article.paragraphs:
        items: list[dict[str, object]] = []
        for sentence in paragraph.sentences:
            for position, (number, text) in enumerate(sentence.pieces):
                if number not in covered:
                    covered.add(number)
                    items.append({"line": number})
                last = position == len(sentence.pieces) - 1
                items.append({
                    "text": text,
                    "lang": sentence.language if sentence.language != paragraph.language else None,
                    "topics": [titles[t] for t in sentence.topics] if last else [],
                    "why": _why(sentence, titles) if last else "",
                    "debris": sentence.debris and last,
                    "notes": [c.note for c in sentence.corrections] if last else [],
                })
        paragraphs.append({"language": paragraph.language, "heading": paragraph.heading, "items": items,
                           "first": paragraph.lines[0] if paragraph.lines else 0, "anchors": []})
    # Lines with no text of their own (blank ones) get an anchor before the next paragraph.
    housed = {s.line for s in article.set_aside} | covered
    starts = [p["first"] for p in paragraphs]  # ascending: paragraphs are in file order
    for number in range(1, len(article.source.lines) + 1):
        if number not in housed and paragraphs:
            following = bisect_right(starts, number)
            paragraphs[min(following, len(paragraphs) - 1)]["anchors"].append(number)
    cited = Counter(t for s in article.sentences for t in s.topics)
    return {
        "article": article,
        "title": display_title(article),
        "paragraphs": paragraphs,
        "original_href": Markup(quote(article.source.name)),
        "origin_url": safe_url(article.metadata.url),
        "languages": [corpus.language_name(c) for c in article.languages],
        "cited_on": [(t, relative(page, page_path("topics", t.slug)), cited[t.slug])
                     for t in corpus.topics if cited[t.slug]],
        "ledger_href": relative(page, page_path("sources")),
    }
