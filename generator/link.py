"""Corpus-wide stage: duplicate articles, and lines repeated across many articles (set aside only
when they carry no topic term: wire copy repeats real content)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .clean import text_key as _key
from .models import Article, Paragraph, SetAside


def _fingerprint(article: Article) -> str:
    body = "\n".join(_key(s.text) for s in article.sentences)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def mark_duplicates(articles: Sequence[Article]) -> tuple[Article, ...]:
    """An article whose text equals an earlier one's (in file-name order) is a duplicate of it."""
    first: dict[str, str] = {}
    result = []
    for article in articles:
        if article.status != "published" or not article.sentences:
            result.append(article)
            continue
        original = first.setdefault(_fingerprint(article), article.source.name)
        result.append(replace(article, duplicate_of=original) if original != article.source.name else article)
    return tuple(result)


def _topicless(paragraph: Paragraph) -> bool:
    return not any(s.matches for s in paragraph.sentences)


def set_aside_repeated(articles: Sequence[Article], min_articles: int) -> tuple[Article, ...]:
    """Set aside topic-free paragraphs whose text appears in at least `min_articles` articles."""
    counts: Counter[str] = Counter()
    for article in articles:
        if article.status == "published":
            counts.update({_key(" ".join(s.text for s in p.sentences)) for p in article.paragraphs if _topicless(p)})
    repeated = {key for key, n in counts.items() if n >= min_articles and key}
    if not repeated:
        return tuple(articles)
    result = []
    for article in articles:
        kept, aside = [], list(article.set_aside)
        for paragraph in article.paragraphs:
            key = _key(" ".join(s.text for s in paragraph.sentences))
            if _topicless(paragraph) and key in repeated:
                # The reason names the threshold, not the count: an article added later that repeats
                # the line then leaves this article's page (and its memoised rendering) unchanged.
                aside.extend(SetAside(n, text, f"repeated in at least {min_articles} articles")
                             for s in paragraph.sentences for n, text in s.pieces)
            else:
                kept.append(paragraph)
        if len(kept) == len(article.paragraphs):
            result.append(article)
        else:
            result.append(replace(article, paragraphs=tuple(kept),
                                  set_aside=tuple(sorted(aside, key=lambda s: s.line))))
    return tuple(result)
