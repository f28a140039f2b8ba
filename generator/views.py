"""What each generated page shows, as plain data for the templates: grouping, ordering, counting and
relative links. No Markdown or HTML is written here (that is render.py and the templates)."""

from __future__ import annotations

import hashlib
import posixpath
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from . import echoes
from .claim_views import ClaimBlock, claim_blocks, corroborated
from .claims import Claim
from .corpus import Corpus
from .escape import html_attr
from .models import Article, Sentence, Topic

Item = TypeVar("Item")
OVERVIEW_QUOTES_PER_TOPIC = 3
UNDATED = "undated"
OVERVIEW_NEWEST_SOURCES = 5
OVERVIEW_CLAIMS_PER_TOPIC = 3
STANCE_WORDS = {  # how a quote's caption names its claimant, by stance
    "reports": "said by", "confirms": "confirmed by", "denies": "denied by", "cannot confirm": "not confirmed by",
}
# A quantity: a number of at least two digits (or with a thousands separator) followed by a word.


def page_path(kind: str, slug: str = "") -> str:
    """src_uri of a generated page: every page is <path>/index.md (URLs match in both URL modes)."""
    return f"{kind}/{slug}/index.md" if slug else (f"{kind}/index.md" if kind else "index.md")


def relative(from_page: str, to_page: str, anchor: str = "") -> Markup:
    """A relative link between two generated files (ids and slugs are URL-safe by construction).
    Both are normalised paths below the docs folder, so this is posixpath.relpath without its
    calls to the file system (it runs for every quote)."""
    folder = from_page.split("/")[:-1]
    parts = to_page.split("/")
    common = 0
    while common < len(folder) and common < len(parts) - 1 and folder[common] == parts[common]:
        common += 1
    target = "/".join([".."] * (len(folder) - common) + parts[common:])
    return Markup(quote(target) + (f"#{anchor}" if anchor else ""))


def page_url(href: str | Markup, directory_urls: bool = True) -> Markup:
    """The URL MkDocs gives a relative link to a Markdown page (`relative`'s output, with or without
    an anchor), for links written as HTML, which MkDocs leaves alone: `../x/index.md#L3` is
    `../x/#L3` with directory URLs and `../x/index.html#L3` without; `../method.md` is `../method/`
    or `../method.html`. Links to other files are unchanged."""
    href = href if isinstance(href, Markup) else escape(href)  # our links are Markup; anything else is text
    path, hash_, anchor = str(href).partition("#")
    if not path.endswith(".md"):
        return href
    folder, _, name = path.rpartition("/")
    stem = name[:-3]
    page = ("" if stem == "index" else f"{stem}/") if directory_urls else f"{stem}.html"
    target = f"{folder}/{page}" if folder else page
    return Markup((target or "./") + hash_ + anchor)


def source_page(article: Article) -> str:
    return page_path("sources", article.source.id)


def original_path(article: Article) -> str:
    """Where the original file is published: next to its source page, under its own name."""
    return posixpath.join(posixpath.dirname(source_page(article)), article.source.name)


# An article without a title is named by its first sentence, cut at a word to about this length.
TITLE_CHARS = 90


def display_title(article: Article) -> str:
    """The article's title; else its first sentence (shortened); a file with no text: its name."""
    if article.metadata.title:
        return article.metadata.title
    first = next(iter(article.sentences), None)
    if first is None:
        return article.source.name
    text = " ".join(first.text.split())
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[:TITLE_CHARS].rsplit(" ", 1)[0] if " " in text[:TITLE_CHARS] else text[:TITLE_CHARS]
    return cut.rstrip(",;:–—- ") + "…"


def safe_url(url: str | None) -> Markup | None:
    """An origin URL usable as a link target: http(s) only, attribute-escaped."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return html_attr(url)


@dataclass(frozen=True)
class Quote:
    article: Article
    sentence: Sentence
    page: str  # the page it is shown on (its link is relative to it)
    concepts: tuple[tuple[str, str], ...]  # (label, word as written; "" when the classifier recognised it)
    notes: tuple[str, ...] = ()  # analysts' corrections that put it on the page (overrides.py)
    also_in: tuple[Quote, ...] = ()  # the same statement in other articles, folded into this one (echoes.py)

    @property
    def href(self) -> Markup:
        """The citation link, made only for quotes a page shows (top pages rank many more)."""
        return relative(self.page, source_page(self.article), f"L{self.sentence.line}")


def quotes_for(topic: Topic, article: Article, from_page: str) -> list[Quote]:
    return [quote_of(topic, article, s, from_page) for s in article.sentences if topic.slug in s.topics]


def quote_of(topic: Topic, article: Article, sentence: Sentence, from_page: str) -> Quote:
    """A sentence as a quote on `from_page`, labelled with the topic's concepts it matches."""
    labels = {c.id: c.label for c in topic.concepts}
    concepts = tuple(dict.fromkeys((labels[m.concept], m.word) for m in sentence.matches
                                   if m.topic == topic.slug and m.concept in labels))
    notes = tuple(f"added to this topic by an analyst: {c.reason}" for c in sentence.corrections
                  if c.kind == "added" and c.topic == topic.slug)
    return Quote(article, sentence, from_page, concepts, notes)


@dataclass(frozen=True)
class CorrectionRow:
    """An analyst's correction as a list shows it: the sentence it changed, cited, and what it says."""

    article: Article
    sentence: Sentence
    note: str
    href: Markup
    entry: int


def corrections(corpus: Corpus, page: str, kinds: tuple[str, ...] | None = None, topic: str | None = None
                ) -> list[CorrectionRow]:
    """The corrections of the corpus's sentences (of `kinds`, of `topic`), in overrides.yml's order."""
    if not corpus.overrides.entries:  # the usual case: no need to look at every sentence
        return []
    rows = [CorrectionRow(a, s, c.note, relative(page, source_page(a), f"L{s.line}"), c.entry)
            for a in corpus.published for s in a.sentences for c in s.corrections
            if (kinds is None or c.kind in kinds) and (topic is None or c.topic == topic)]
    return sorted(rows, key=lambda r: r.entry)


def topic_claims(corpus: Corpus, topic: Topic) -> list[Claim]:
    """The claims a topic page shows as blocks: reported by several articles, or answered by a
    denial, with a report on the topic."""
    return [c for c in corpus.claims if corroborated(c) and any(topic.slug in r.sentence.topics for r in c.reports)]


def _claim_blocks(corpus: Corpus, topic: Topic, page: str, limit: int | None = None) -> list[ClaimBlock]:
    blocks = claim_blocks(topic_claims(corpus, topic), corpus.claims_by_anchor,
                          lambda a, s: quote_of(topic, a, s, page), corpus.language_name)
    return blocks[:limit] if limit is not None else blocks


def _claims_key(corpus: Corpus, topic: Topic) -> str:
    """What a topic page shows of its claims, for its memo key: claims join reports of other articles."""
    shown = [(c.anchor, [r.anchor for r in c.reports], c.answered_by) for c in topic_claims(corpus, topic)]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones by file name."""
    dated = sorted((a for a in articles if a.shown_date), key=lambda a: (a.shown_date, a.source.name),
                   reverse=True)
    undated = sorted((a for a in articles if not a.shown_date), key=lambda a: a.source.name)
    return dated + undated


@dataclass(frozen=True)
class Limits:
    """When a listing page splits into month pages, so every page stays readable (and under 1 MB)."""

    page_quotes: int = 300  # quotes on one topic page; past this it shows the top ones and months
    page_rows: int = 1000  # files on one ledger page; past this it splits by month
    top_quotes: int = 30  # quotes a split topic page shows


def month_of(article: Article) -> str:
    """The month page an article is listed on: YYYY-MM of its date, or `undated`."""
    date = article.shown_date or ""
    return date[:7] if len(date) >= 7 else UNDATED


def by_month(articles: Sequence[Article]) -> list[tuple[str, list[Article]]]:
    """Articles (in the given order) grouped by month, newest month first, undated last."""
    months: dict[str, list[Article]] = {}
    for article in articles:
        months.setdefault(month_of(article), []).append(article)
    return sorted(months.items(), key=lambda item: (item[0] != UNDATED, item[0]), reverse=True)


def split(items: Sequence[Item], size: int, weight: Callable[[Item], int]) -> list[list[Item]]:
    """Consecutive items in parts of at most `size` total weight (a heavier item is a part alone)."""
    parts: list[list[Item]] = []
    total = 0
    for item in items:
        if not parts or total + weight(item) > size:
            parts.append([])
            total = 0
        parts[-1].append(item)
        total += weight(item)
    return parts


def part_path(base: str, key: str, number: int = 1) -> str:
    """A month page below a listing page (`topics/<slug>/2024-10/`), and its further parts (`.../2/`)."""
    return page_path(f"{base}/{key}", str(number)) if number > 1 else page_path(base, key)


def part_links(base: str, key: str, number: int, count: int) -> dict[str, object]:
    page = part_path(base, key, number)
    return {
        "part": number,
        "parts": count,
        "previous_href": relative(page, part_path(base, key, number - 1)) if number > 1 else None,
        "next_href": relative(page, part_path(base, key, number + 1)) if number < count else None,
        "up_href": relative(page, page_path(base)),
    }


@dataclass(frozen=True)
class PageSpec:
    """A generated page before rendering: its view is only built when the page is not memoised.
    `key` names everything the page shows besides the corpus version and the templates: for a page
    listing articles, their digests (see Corpus.digests) in order."""

    src_uri: str
    template: str
    key: tuple[str, ...]
    view: Callable[[], dict[str, object]]


def _topic_summary(corpus: Corpus, topic: Topic, groups: Sequence[tuple[Article, Markup, list[Quote]]]
                   ) -> dict[str, object]:
    dates = sorted(a.shown_date for a, _, _ in groups if a.shown_date)
    languages = sorted({q.sentence.language for _, _, qs in groups for q in qs if q.sentence.language})
    return {
        "topic": topic,
        "quote_count": sum(len(q) for _, _, q in groups),
        "source_count": len(groups),
        "languages": [corpus.language_name(code) for code in languages],
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "undated": sum(1 for a, _, _ in groups if not a.shown_date),
    }


def _quote_groups(topic: Topic, articles: Sequence[Article], page: str) -> list[tuple[Article, Markup, list[Quote]]]:
    groups = [(a, quotes_for(topic, a, page)) for a in articles]
    return [(a, relative(page, source_page(a)), q) for a, q in groups if q]


def topic_view(corpus: Corpus, topic: Topic) -> dict[str, object]:
    """The whole topic on one page (what a topic below the page limit gets)."""
    return topic_pages(corpus, topic, Limits(page_quotes=10**12))[0].view()


def _whole_topic(corpus: Corpus, topic: Topic, articles: Sequence[Article]) -> dict[str, object]:
    page = page_path("topics", topic.slug)
    groups = _quote_groups(topic, articles, page)
    return {**_topic_summary(corpus, topic, groups), "groups": groups, "top": [], "months": [],
            "claims": _claim_blocks(corpus, topic, page),
            "removed": corrections(corpus, page, ("removed",), topic.slug)}


def _topic_top(corpus: Corpus, topic: Topic, articles: Sequence[Article], months: list[tuple], limit: int
               ) -> dict[str, object]:
    page = page_path("topics", topic.slug)
    groups = _quote_groups(topic, articles, page)
    ranked = shown_once(ranked_quotes(topic, [q for _, _, qs in groups for q in qs]))
    return {**_topic_summary(corpus, topic, groups), "groups": [], "top": ranked[:limit], "months": months,
            "claims": _claim_blocks(corpus, topic, page, limit),
            "removed": corrections(corpus, page, ("removed",), topic.slug)}


def _topic_part(topic: Topic, articles: Sequence[Article], month: str, number: int, count: int
                ) -> dict[str, object]:
    base = f"topics/{topic.slug}"
    return {"topic": topic, "month": month, **part_links(base, month, number, count),
            "groups": _quote_groups(topic, articles, part_path(base, month, number))}


def _month_parts(corpus: Corpus, base: str, counted: Sequence[tuple[Article, int]], size: int, template: str,
                 label: tuple[str, ...], part_view: Callable[[Sequence[Article], str, int, int], dict[str, object]]
                 ) -> tuple[list[tuple[str, Markup, int, int]], list[PageSpec]]:
    """A listing's month pages: articles (newest first, each with the number of items it lists) by
    month, in parts of at most `size` items; returns the table of months for the top page (month,
    link, articles, items) and the parts' specs."""
    page = page_path(base)
    weights = {a.source.name: n for a, n in counted}
    months, specs = [], []
    for month, month_articles in by_month([a for a, _ in counted]):
        parts = split(month_articles, size, lambda a: weights[a.source.name])
        months.append((month, relative(page, part_path(base, month)), len(month_articles),
                       sum(weights[a.source.name] for a in month_articles)))
        for number, part in enumerate(parts, start=1):
            specs.append(PageSpec(part_path(base, month, number), template,
                                  (*label, month, str(number), str(len(parts)), *(corpus.digest(a) for a in part)),
                                  partial(part_view, part, month, number, len(parts))))
    return months, specs


def topic_pages(corpus: Corpus, topic: Topic, limits: Limits) -> list[PageSpec]:
    """A topic's pages: one page, or the top quotes and one page (or more parts) per month."""
    base, page = f"topics/{topic.slug}", page_path("topics", topic.slug)
    counted = [(a, n) for a in newest_first(corpus.published)
               if (n := sum(1 for s in a.sentences if topic.slug in s.topics))]
    articles = [a for a, _ in counted]
    digests = tuple(corpus.digest(a) for a in articles)
    if sum(n for _, n in counted) <= limits.page_quotes:
        return [PageSpec(page, "topic.md.j2", ("topic", topic.slug, _claims_key(corpus, topic), *digests),
                         partial(_whole_topic, corpus, topic, articles))]
    months, specs = _month_parts(corpus, base, counted, limits.page_quotes, "topic_part.md.j2",
                                 ("topic part", topic.slug), partial(_topic_part, topic))
    top = PageSpec(page, "topic.md.j2", ("topic top", topic.slug, str(limits.top_quotes), _claims_key(corpus, topic),
                                         *digests),
                   partial(_topic_top, corpus, topic, articles, months, limits.top_quotes))
    return [top, *specs]


def shown_once(quotes: Sequence[Quote]) -> list[Quote]:
    """Ranked quotes with each near-identical quote of another article (one story translated)
    folded into the first, as "also in" (echoes.py)."""
    return echoes.shown_once(quotes, lambda q: q.sentence, lambda q: q.article.source.name)


def ranked_quotes(topic: Topic, quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes by importance (see importance()), most important first."""
    # For each concept: in how many sources it is found (a proxy for corroboration).
    concept_sources = Counter(concept for (concept, _name) in {
        (m.concept, q.article.source.name) for q in quotes for m in q.sentence.matches if m.topic == topic.slug
    })
    return sorted(quotes, key=lambda q: importance(q, topic, concept_sources), reverse=True)


# Relevance is compared in steps of this size: quotes the classifier is about equally sure of are then
# ranked by corroboration and date.
RELEVANCE_STEP = 0.05


def importance(quote: Quote, topic: Topic, concept_sources: Counter[str]) -> tuple[int, int, str, str]:
    """Quotes the classifier is surest belong to the topic first, then those whose concepts most
    sources share, newest first (then by file and line, so the order is the same on every build)."""
    sentence = quote.sentence
    shared = max((concept_sources[m.concept] for m in sentence.matches if m.topic == topic.slug), default=0)
    return (int(sentence.score(topic.slug) / RELEVANCE_STEP), shared, quote.article.shown_date or "",
            f"{quote.article.source.name}\0{sentence.line:09d}")


def overview_view(corpus: Corpus) -> dict[str, object]:
    page = page_path("")
    topics = []
    for topic in corpus.topics:
        quotes = [q for a in corpus.published for q in quotes_for(topic, a, page)]
        claims = _claim_blocks(corpus, topic, page)[:OVERVIEW_CLAIMS_PER_TOPIC]
        topics.append({
            "topic": topic,
            "href": relative(page, page_path("topics", topic.slug)),
            "claims": [(b, relative(page, page_path("topics", topic.slug), b.claim.anchor)) for b in claims],
            "quotes": shown_once(ranked_quotes(topic, quotes))[:OVERVIEW_QUOTES_PER_TOPIC],
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
