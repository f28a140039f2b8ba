"""What each generated page shows, as plain data for the templates: grouping, ordering, counting and
relative links. No Markdown or HTML is written here (that is render.py and the templates)."""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from .corpus import Corpus
from .escape import html_attr
from .models import Article, Sentence, Topic

OVERVIEW_QUOTES_PER_TOPIC = 3
OVERVIEW_NEWEST_SOURCES = 5
# A quantity: a number of at least two digits (or with a thousands separator) followed by a word.
_QUANTITY = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,  ’']\d{3})+(?![\d])|\b\d{2,}(?:,\d+)?\s+\w")


def page_path(kind: str, slug: str = "") -> str:
    """src_uri of a generated page: every page is <path>/index.md (URLs match in both URL modes)."""
    return f"{kind}/{slug}/index.md" if slug else (f"{kind}/index.md" if kind else "index.md")


def relative(from_page: str, to_page: str, anchor: str = "") -> Markup:
    """A relative link between two generated files (ids and slugs are URL-safe by construction)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return Markup(quote(target) + (f"#{anchor}" if anchor else ""))


def source_page(article: Article) -> str:
    return page_path("sources", article.source.id)


def display_title(article: Article) -> str:
    return article.metadata.title or article.source.name


def safe_url(url: str | None) -> Markup | None:
    """An origin URL usable as a link target: http(s) only, attribute-escaped."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return html_attr(url)


@dataclass(frozen=True)
class Quote:
    article: Article
    sentence: Sentence
    href: Markup
    concepts: tuple[tuple[str, str], ...]  # (label, word as written)


def quotes_for(topic: Topic, article: Article, from_page: str) -> list[Quote]:
    labels = {c.id: c.label for c in topic.concepts}
    result = []
    for sentence in article.sentences:
        if topic.slug in sentence.topics:
            concepts = tuple((labels[m.concept], m.word) for m in sentence.matches if m.topic == topic.slug)
            href = relative(from_page, source_page(article), f"L{sentence.line}")
            result.append(Quote(article, sentence, href, concepts))
    return result


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones by file name."""
    dated = sorted((a for a in articles if a.metadata.date), key=lambda a: (a.metadata.date, a.source.name),
                   reverse=True)
    undated = sorted((a for a in articles if not a.metadata.date), key=lambda a: a.source.name)
    return dated + undated


def topic_view(corpus: Corpus, topic: Topic) -> dict[str, object]:
    page = page_path("topics", topic.slug)
    groups = [(a, quotes_for(topic, a, page)) for a in newest_first(corpus.published)]
    groups = [(a, q) for a, q in groups if q]
    dates = sorted(a.metadata.date for a, _ in groups if a.metadata.date)
    languages = sorted({q.sentence.language for _, qs in groups for q in qs if q.sentence.language})
    return {
        "topic": topic,
        "groups": [(a, relative(page, source_page(a)), q) for a, q in groups],
        "quote_count": sum(len(q) for _, q in groups),
        "source_count": len(groups),
        "languages": [corpus.language_name(code) for code in languages],
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "undated": sum(1 for a, _ in groups if not a.metadata.date),
    }


def importance(quote: Quote, concept_sources: Counter[str]) -> tuple[int, int, str]:
    """Quotes carrying a quantity first, then those whose concepts most sources share, newest first."""
    shared = max((concept_sources[m.concept] for m in quote.sentence.matches), default=0)
    has_quantity = 1 if _QUANTITY.search(quote.sentence.text) else 0
    return has_quantity, shared, quote.article.metadata.date or ""


def overview_view(corpus: Corpus) -> dict[str, object]:
    page = page_path("")
    topics = []
    for topic in corpus.topics:
        quotes = [q for a in corpus.published for q in quotes_for(topic, a, page)]
        # For each concept: in how many sources it is found (a proxy for corroboration).
        concept_sources = Counter(concept for (concept, _name) in {
            (m.concept, q.article.source.name) for q in quotes for m in q.sentence.matches if m.topic == topic.slug
        })
        top = sorted(quotes, key=lambda q: importance(q, concept_sources), reverse=True)
        topics.append({
            "topic": topic,
            "href": relative(page, page_path("topics", topic.slug)),
            "quotes": top[:OVERVIEW_QUOTES_PER_TOPIC],
            "quote_count": len(quotes),
            "source_count": len({q.article.source.name for q in quotes}),
        })
    newest = newest_first(corpus.published)[:OVERVIEW_NEWEST_SOURCES]
    return {
        "as_of": corpus.as_of,
        "topics": topics,
        "newest": [(a, relative(page, source_page(a))) for a in newest],
        "ledger_href": relative(page, page_path("sources")),
        "article_count": len(corpus.articles),
        "published_count": len(corpus.published),
    }


def ledger_view(corpus: Corpus) -> dict[str, object]:
    page = page_path("sources")
    by_name = {a.source.name: a for a in corpus.articles}
    rows = []
    for article in corpus.articles:
        counts = Counter(t for s in article.sentences for t in s.topics)
        target = by_name.get(article.duplicate_of or "", article)
        rows.append({
            "article": article,
            "href": relative(page, source_page(target)) if target.status == "published" else None,
            "counts": [counts.get(t.slug, 0) for t in corpus.topics],
            "languages": [corpus.language_name(c) for c in article.languages],
        })
    return {"rows": rows, "topics": corpus.topics, "hidden": corpus.hidden}


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
                    "why": "; ".join(f"{m.word} → {m.concept}" for m in sentence.matches) if last else "",
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
