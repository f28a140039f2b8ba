"""The whole articles folder through every stage: the Corpus the pages are made from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .classify import Classifier
from .ingest import read_folder
from .knowledge import DATA_DIR, Knowledge, load_knowledge
from .language import LanguageIdentifier
from .link import mark_duplicates, set_aside_repeated
from .models import Article, Problem, Topic
from .pipeline import process_article
from .topics import load_topics


@dataclass(frozen=True)
class Settings:
    """Where the inputs are and the limits; the plugin builds this from mkdocs.yml."""

    articles: Path = Path("content/articles")
    topics: Path = Path("content/topics.yml")
    data: Path = DATA_DIR
    content_root: Path = Path("content")
    site_language: str = "en"
    max_article_bytes: int = 5_000_000
    repeated_line_min_articles: int = 3


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]  # every non-hidden entry of the folder, by file name
    topics: tuple[Topic, ...]
    knowledge: Knowledge
    hidden: int

    @property
    def published(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.status == "published")

    @property
    def as_of(self) -> str | None:
        dates = [a.metadata.date for a in self.published if a.metadata.date]
        return max(dates) if dates else None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for a in self.articles for p in a.problems)

    def language_name(self, code: str) -> str:
        known = self.knowledge.languages.get(code)
        return known.name if known else code


def build_corpus(settings: Settings) -> Corpus:
    """Read, clean, segment, identify languages, classify and link every article."""
    knowledge = load_knowledge(settings.data)
    topics = load_topics(settings.topics, settings.site_language)
    classifier = Classifier(topics)
    identifier = LanguageIdentifier(knowledge.languages)
    sources, hidden = read_folder(settings.articles, settings.content_root, settings.max_article_bytes,
                                  knowledge.calendar)
    articles = tuple(process_article(s, knowledge, classifier, identifier) for s in sources)
    articles = set_aside_repeated(mark_duplicates(articles), settings.repeated_line_min_articles)
    return Corpus(articles=articles, topics=topics, knowledge=knowledge, hidden=hidden)
