"""What the entity pages show (/entities/ and /entities/<slug>/), as plain data for the templates:
every sentence that names an entity, grouped by topic, the entities it appears with, and the names
the articles use that entities.yml lacks (candidates for a maintainer to add)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from .corpus import Corpus
from .models import Article, Entity, Sentence
from .views import (
    Limits,
    PageSpec,
    Quote,
    _month_parts,
    newest_first,
    page_path,
    part_links,
    part_path,
    relative,
    source_page,
)

TYPE_TITLES = {"person": "People", "organisation": "Organisations", "country": "Countries", "place": "Places"}
CO_MENTIONS = 10  # entities listed under "appears most with"
CANDIDATES_SHOWN = 100  # candidate names on /entities/, most widespread first
WEAK_CANDIDATE_ARTICLES = 2  # a single capitalised word (or a German run) counts from this many articles
NO_TOPIC = "No topic"


def mentioning(sentence: Sentence, slug: str) -> tuple[str, ...]:
    """The words as written of each mention of the entity in the sentence."""
    return tuple(m.words for m in sentence.entities if m.entity == slug)


def counted_by_entity(corpus: Corpus) -> dict[str, list[tuple[Article, int]]]:
    """For each entity named anywhere, the articles naming it, newest first, each with the number of
    quotes its page shows from them (one pass over the corpus for all entities). A sentence on
    several topics is quoted under each, so it weighs that much when a page splits."""
    found: dict[str, list[tuple[Article, int]]] = {}
    for article in newest_first(corpus.published):
        counts: Counter[str] = Counter()
        for sentence in article.sentences:
            for slug in {m.entity for m in sentence.entities}:
                counts[slug] += max(1, len(sentence.topics))
        for slug, n in counts.items():
            found.setdefault(slug, []).append((article, n))
    return found


def _topic_groups(corpus: Corpus, entity: Entity, articles: Sequence[Article], page: str
                  ) -> list[tuple[str, Markup | None, list[Quote]]]:
    """Each sentence naming the entity under every topic it is on ("No topic" for the rest)."""
    by_topic: dict[str, list[Quote]] = {t.slug: [] for t in corpus.topics}
    loose: list[Quote] = []
    for article in articles:
        for sentence in article.sentences:
            words = mentioning(sentence, entity.slug)
            if not words:
                continue
            quote = Quote(article, sentence, page, tuple((entity.name, w) for w in dict.fromkeys(words)))
            for topic in sentence.topics:
                by_topic.setdefault(topic, []).append(quote)
            if not sentence.topics:
                loose.append(quote)
    titles = {t.slug: t.title for t in corpus.topics}
    groups = [(titles.get(slug, slug), relative(page, page_path("topics", slug)), quotes)
              for slug, quotes in by_topic.items() if quotes]
    return [*groups, (NO_TOPIC, None, loose)] if loose else groups


def _summary(corpus: Corpus, entity: Entity, articles: Sequence[Article], page: str) -> dict[str, object]:
    sentences = [s for a in articles for s in a.sentences if mentioning(s, entity.slug)]
    together = Counter(other for s in sentences for other in {m.entity for m in s.entities} - {entity.slug})
    known = {e.slug: e for e in corpus.entities.entities}
    topics = Counter(t for s in sentences for t in s.topics)
    return {
        "entity": entity,
        "aliases": [a for a in entity.aliases if a != entity.name],
        "mention_count": len(sentences),
        "source_count": len(articles),
        "topic_counts": [(t.title, relative(page, page_path("topics", t.slug)), topics[t.slug])
                         for t in corpus.topics if topics[t.slug]],
        "with": [(known[slug], relative(page, page_path("entities", slug)), n) for slug, n
                 in sorted(together.items(), key=lambda item: (-item[1], known[item[0]].name))[:CO_MENTIONS]],
        "index_href": relative(page, page_path("entities")),
    }


def _whole_entity(corpus: Corpus, entity: Entity, articles: Sequence[Article]) -> dict[str, object]:
    page = page_path("entities", entity.slug)
    return {**_summary(corpus, entity, articles, page), "groups": _topic_groups(corpus, entity, articles, page),
            "months": []}


def _entity_top(corpus: Corpus, entity: Entity, articles: Sequence[Article], months: list[tuple]) -> dict[str, object]:
    return {**_summary(corpus, entity, articles, page_path("entities", entity.slug)), "groups": [], "months": months}


def _entity_part(corpus: Corpus, entity: Entity, articles: Sequence[Article], month: str, number: int, count: int
                 ) -> dict[str, object]:
    base = f"entities/{entity.slug}"
    page = part_path(base, month, number)
    return {"entity": entity, "month": month, **part_links(base, month, number, count),
            "groups": _topic_groups(corpus, entity, articles, page)}


def entity_pages(corpus: Corpus, entity: Entity, limits: Limits,
                 counted: Sequence[tuple[Article, int]] | None = None) -> list[PageSpec]:
    """An entity's pages: one page, or a summary with a table of months and one page (or more
    parts) per month, like a topic's. `counted`: its entry of counted_by_entity, when known."""
    base, page = f"entities/{entity.slug}", page_path("entities", entity.slug)
    if counted is None:
        counted = counted_by_entity(corpus).get(entity.slug, [])
    articles = [a for a, _ in counted]
    digests = tuple(corpus.digest(a) for a in articles)
    if sum(n for _, n in counted) <= limits.page_quotes:
        return [PageSpec(page, "entity.md.j2", ("entity", entity.slug, *digests),
                         partial(_whole_entity, corpus, entity, articles))]
    months, specs = _month_parts(corpus, base, counted, limits.page_quotes, "entity_part.md.j2",
                                 ("entity part", entity.slug), partial(_entity_part, corpus, entity))
    top = PageSpec(page, "entity.md.j2", ("entity top", entity.slug, *digests),
                   partial(_entity_top, corpus, entity, articles, months))
    return [top, *specs]


@dataclass(frozen=True)
class CandidateRow:
    """A name the articles use that entities.yml lacks, with one occurrence to check it by."""

    words: str
    occurrences: int
    sources: int
    article: Article
    sentence: Sentence
    href: Markup


def candidate_rows(corpus: Corpus, page: str) -> list[CandidateRow]:
    """Candidates of every published article (found in the cached per-article stage, see
    entities.py), most widespread first."""
    first: dict[str, tuple[Article, Sentence]] = {}
    occurrences: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    weak: dict[str, bool] = {}
    for article in sorted(corpus.published, key=lambda a: a.source.name):
        for sentence in article.sentences:
            for candidate in sentence.candidates:
                words = candidate.words
                first.setdefault(words, (article, sentence))
                occurrences[words] += 1
                sources.setdefault(words, set()).add(article.source.name)
                weak[words] = weak.get(words, True) and candidate.weak
    shown = [w for w in occurrences if not weak[w] or len(sources[w]) >= WEAK_CANDIDATE_ARTICLES]
    shown.sort(key=lambda w: (-len(sources[w]), -occurrences[w], w))
    rows = []
    for words in shown[:CANDIDATES_SHOWN]:
        article, sentence = first[words]
        rows.append(CandidateRow(words, occurrences[words], len(sources[words]), article, sentence,
                                 relative(page, source_page(article), f"L{sentence.line}")))
    return rows


def _index_view(corpus: Corpus) -> dict[str, object]:
    page = page_path("entities")
    mentions: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for article in corpus.published:
        for sentence in article.sentences:
            for slug in {m.entity for m in sentence.entities}:
                mentions[slug] += 1
                sources.setdefault(slug, set()).add(article.source.name)
    groups = []
    for kind, title in TYPE_TITLES.items():
        members = sorted((e for e in corpus.entities.entities if e.type == kind),
                         key=lambda e: (-mentions[e.slug], e.name))
        if members:
            # An entity no article names has no page: its row says so, without a link.
            groups.append((title, [(e, relative(page, page_path("entities", e.slug)) if mentions[e.slug] else None,
                                    mentions[e.slug], len(sources.get(e.slug, ()))) for e in members]))
    return {"groups": groups, "entity_count": len(corpus.entities.entities),
            "mentioned": len(mentions), "candidates": candidate_rows(corpus, page),
            "candidates_shown": CANDIDATES_SHOWN, "weak_articles": WEAK_CANDIDATE_ARTICLES}


def entities_pages(corpus: Corpus, limits: Limits) -> list[PageSpec]:
    """/entities/ (every entity and the candidates: it depends on every published article) and the
    pages of each entity the articles name."""
    everything = tuple(corpus.digest(a) for a in corpus.published)
    specs = [PageSpec(page_path("entities"), "entities.md.j2", ("entities", *everything),
                      partial(_index_view, corpus))]
    counted = counted_by_entity(corpus)
    for entity in corpus.entities.entities:
        if counted.get(entity.slug):  # no page for an entity no article names
            specs.extend(entity_pages(corpus, entity, limits, counted[entity.slug]))
    return specs
