"""The whole articles folder through every stage: the Corpus the pages are made from."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from .cache import ArticleCache, article_key, unclassified, versions, write_atomic
from .chronology import Event, date_article, dating, events_of, own_date, reference
from .claims import Claim, Dating, find_claims
from .copies import mark_near_copies
from .decide import SentenceModel
from .embed import backend as embedding_backend
from .entities import EntityFinder, load_entities
from .examples import example_files
from .figure_training import trained_figure_model
from .figures import FigureFinder
from .ingest import read_folder
from .knowledge import DATA_DIR, Knowledge, load_knowledge
from .link import mark_duplicates, set_aside_repeated
from .models import Article, Problem, Topic
from .outlets import load_register
from .overrides import Overrides, apply_to_articles, apply_to_claims, load_overrides
from .pipeline import rejected_article
from .topics import examples_folder, load_claim_background, load_classifier_settings, load_topics
from .training import trained_model
from .vectors import VectorStore, store_path
from .workers import Job, Progress, StageData, run_jobs


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
    cache_dir: Path | None = None  # None: no cache
    workers: int = 1  # processes for the per-article stages (a pool only pays for many articles)
    in_memory: bool = False  # keep cache entries in this process too (between the rebuilds of mkdocs serve)
    sources: Path | None = None  # the source register; None: sources.yml in content_root
    entities: Path | None = Path("content/entities.yml")  # None: no entities
    overrides: Path | None = None  # analysts' corrections; None: overrides.yml in content_root
    model_cache_dir: Path | None = None  # trained models and sentence vectors; None: see _model_folder

    @property
    def sources_file(self) -> Path:
        return self.sources or self.content_root / "sources.yml"

    @property
    def overrides_file(self) -> Path:
        return self.overrides or self.content_root / "overrides.yml"


@dataclass(frozen=True)
class Stats:
    """What a build ran and how long it took, for the build log and the benchmark."""

    articles: int = 0
    from_cache: int = 0  # every stage cached
    reclassified: int = 0  # language stages cached, topics changed
    analysed: int = 0  # every stage run
    workers: int = 1
    seconds: tuple[tuple[str, float], ...] = ()
    embedded: int = 0  # sentences embedded (not found in the vector store)
    embedding_seconds: float = 0.0  # their embedding time, summed over the processes (part of the article stages)

    def __str__(self) -> str:
        times = ", ".join(f"{stage} {s:.2f} s" for stage, s in self.seconds)
        return (f"{self.articles} article files: {self.from_cache} from cache, {self.reclassified} re-classified, "
                f"{self.analysed} analysed ({self.workers} process{'es' if self.workers > 1 else ''}); {times}; "
                f"{self.embedded} sentences embedded in {self.embedding_seconds:.2f} s")


YEARLESS = "2001-07-01"  # where claims place the dates of an article that gives no year (any year would do)


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]  # every non-hidden entry of the folder, by file name
    topics: tuple[Topic, ...]
    knowledge: Knowledge
    hidden: int
    stats: Stats = Stats()
    version: str = ""  # hash of the code and data files the articles' results depend on
    digests: dict[str, str] = field(default_factory=dict)  # file name -> digest of its final Article
    entities: EntityFinder = field(default_factory=lambda: EntityFinder(()))  # from entities.yml
    overrides: Overrides = Overrides()  # analysts' corrections (overrides.yml), already applied to the articles
    notes: tuple[Problem, ...] = ()  # problems of the corpus rather than of one article (overrides.yml)
    site_language: str = "en"  # the language of labels and language names
    claim_background: frozenset[str] = frozenset()  # keys that tell no claims apart (topics.yml `claims:`)

    @cached_property
    def published(self) -> tuple[Article, ...]:
        # Worked out once: every article's dating asks for it (as_of), which was n² at 1,000 articles.
        return tuple(a for a in self.articles if a.status == "published")

    def digest(self, article: Article) -> str:
        """The article's digest (see article_digest), from build_corpus or computed here."""
        found = self.digests.get(article.source.name)
        return found if found is not None else article_digest(article, self.version)

    @cached_property
    def _placed(self) -> dict[str, tuple[list[Event], int]]:
        return {}

    def events(self, article: Article) -> tuple[list[Event], int]:
        """The article's dated events as the timeline places them, and how many mentions could not be
        placed (chronology.events_of); worked out once per build for the timeline, claims and files."""
        found = self._placed.get(article.source.name)
        if found is None:
            found = self._placed[article.source.name] = events_of(article, self.as_of)
        return found

    @cached_property
    def _claims(self) -> tuple[tuple[Claim, ...], tuple[Problem, ...]]:
        concepts = frozenset(c.id for t in self.topics for c in t.concepts if c.claim_key)
        found = find_claims(self.published, concepts, self._own_dating, self.claim_background)
        return apply_to_claims(found, self.overrides, self.articles)

    def _own_dating(self, article: Article) -> Dating:
        """The article's date and its sentences' dates from the article alone (for claims: an article
        added to the folder must not move another article's dates)."""
        if reference(article, None) is not None:
            return dating(article, None, self.events(article)[0])  # the same events: the fallback is not used
        # No year of its own: its days and months are placed in a fixed year (claims compare days
        # as MM-DD) and the article counts as undated, whatever the newest article's date is.
        return Dating(None, dating(article, YEARLESS).sentences)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim of the published articles, reports across articles grouped (claims.py), with
        the analysts' splits and merges (overrides.py)."""
        return self._claims[0]

    @cached_property
    def claims_by_anchor(self) -> dict[str, Claim]:
        """Claims by their anchor and their aliases (claims.Claim.aliases)."""
        return {anchor: c for c in self.claims for anchor in (*c.aliases, c.anchor)}

    @cached_property
    def by_name(self) -> dict[str, Article]:
        return {a.source.name: a for a in self.articles}

    @cached_property
    def as_of(self) -> str | None:
        return newest_date(self.published)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every article's problems, then the corpus's (overrides.yml entries that were skipped)."""
        claims = self._claims[1] if any(o.address is None for o in self.overrides.entries) else ()
        return (*(p for a in self.articles for p in a.problems), *self.notes, *claims)

    def language_name(self, code: str) -> str:
        """The language's name in the site's language (CLDR, through Babel: "German", not
        "Deutsch"), else its name in languages.yml, else its code."""
        name = _cldr_name(self.site_language, code)
        if name:
            return name
        known = self.knowledge.languages.get(code)
        return known.name if known else code


@lru_cache(maxsize=512)
def _cldr_name(site_language: str, code: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(site_language).languages.get(code)
    except (ValueError, UnknownLocaleError):
        return None


def newest_date(articles: Sequence[Article]) -> str | None:
    """The newest date published articles give themselves (chronology.own_date): the site's "as of"."""
    dates = [date for a in articles if a.status == "published" and (date := own_date(a))]
    return max(dates) if dates else None


def _dated(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """Every article with the date all pages show (chronology.date_article)."""
    as_of = newest_date(articles)
    return tuple(date_article(a, as_of) for a in articles)


def build_corpus(settings: Settings, progress: Progress | None = None) -> Corpus:
    """Read every article, run (or take from the cache) its own stages, then link across articles.
    `progress` (the build log) hears about long steps: training, embedding, articles done."""
    clock = time.perf_counter()
    seconds: list[tuple[str, float]] = []

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds.append((stage, now - clock))
        clock = now

    knowledge = load_knowledge(settings.data)
    topics = load_topics(settings.topics, settings.site_language)
    load_register(settings.sources_file)  # a malformed register stops the build before any article is read
    overrides = load_overrides(settings.overrides_file)  # ... and so does an overrides.yml that is not a list
    entities = load_entities(settings.entities) if settings.entities else EntityFinder(())
    examples = examples_folder(settings.topics, load_classifier_settings(settings.topics))
    layer_versions = versions(settings.data, settings.topics,
                              content=[settings.entities, settings.sources_file, *example_files(examples),
                                       *example_files(examples, figures=True)])
    cache = ArticleCache(settings.cache_dir, layer_versions, settings.in_memory)
    sources, hidden = read_folder(settings.articles, settings.content_root, settings.max_article_bytes,
                                  knowledge.calendar)
    lap("read")
    found: list[Article | None] = []
    jobs: list[tuple[int, Job]] = []
    for source in sources:
        if source.rejected:
            found.append(rejected_article(source))
            continue
        found.append(cache.get("classified", source))
        if found[-1] is None:
            jobs.append((len(found) - 1, Job(source, cache.get("analysed", source))))
    lap("cache read")
    data = StageData(settings.data, settings.topics, settings.site_language, layer_versions["classified"],
                     settings.entities, settings.sources_file)
    if jobs:
        data = replace(data, **_classifier_data(settings, topics, progress, knowledge.figures))
        lap("classifier")
    results, workers = run_jobs([job for _, job in jobs], data, settings.workers, progress)
    lap("article stages")
    for (index, job), result in zip(jobs, results, strict=True):
        found[index] = article = result.article
        if job.analysed is None:
            cache.put("analysed", unclassified(article))
        cache.put("classified", article)
    cache.prune()
    lap("cache write")
    articles = tuple(a for a in found if a is not None)
    articles = set_aside_repeated(mark_duplicates(articles), settings.repeated_line_min_articles)
    articles = _near_copies(articles, settings.cache_dir,
                            f"{layer_versions['classified']}\0{settings.repeated_line_min_articles}", cache)
    articles, skipped = apply_to_articles(articles, overrides, topics)
    articles = _dated(articles)  # after the corrections: an analyst's date correction can change an article's date
    # The digests name what the article stages and the link stage made, and the date pages show;
    # corrections do not touch what they read (the corpus version names those).
    digests = {a.source.name: article_digest(a, layer_versions["classified"], cache.key(a.source)) for a in articles}
    lap("link")
    reclassified = sum(1 for _, job in jobs if job.analysed is not None)
    stats = Stats(articles=len(articles), from_cache=sum(1 for s in sources if not s.rejected) - len(jobs),
                  reclassified=reclassified, analysed=len(jobs) - reclassified, workers=workers,
                  seconds=tuple(seconds), embedded=sum(r.embedded for r in results),
                  embedding_seconds=sum(r.embedding_seconds for r in results))
    # Corrections are applied after the cache layers (the digests do not read what they change): the
    # corpus version names them, so every page memo key changes when overrides.yml does.
    version = layer_versions["classified"]
    if overrides.digest:
        version = hashlib.sha256(f"{version}\0overrides\0{overrides.digest}".encode()).hexdigest()[:16]
    return Corpus(articles=articles, topics=topics, knowledge=knowledge, hidden=hidden, stats=stats,
                  version=version, digests=digests, entities=entities, overrides=overrides,
                  notes=(*overrides.problems, *skipped), site_language=settings.site_language,
                  claim_background=load_claim_background(settings.topics, topics))


def _model_folder(settings: Settings) -> Path | None:
    """Where trained models and sentence vectors are kept: the settings' folder, else the one the
    environment names (BRIEFING_MODEL_CACHE: shared by the builds of many projects, as in the tests),
    else the cache folder."""
    chosen = settings.model_cache_dir or os.environ.get("BRIEFING_MODEL_CACHE") or settings.cache_dir
    return Path(chosen) if chosen else None


_STORES: dict[tuple[Path | None, str], VectorStore] = {}


def _vector_store(settings: Settings) -> VectorStore:
    """The build's writable vector store (one per folder and model in a process: kept across the
    rebuilds of `mkdocs serve`; in memory when there is no folder)."""
    model = embedding_backend()
    folder = _model_folder(settings)
    key = (folder, model.name)
    if key not in _STORES:
        path = store_path(folder, model.name) if folder else None
        _STORES[key] = VectorStore(path, model.name, model.dim)
    return _STORES[key]


def sentence_model(settings: Settings, topics: tuple[Topic, ...], progress: Progress | None = None,
                   finder: FigureFinder | None = None) -> SentenceModel:
    """The build's classifier: trained now if its examples changed, else read from the model folder;
    with `finder`, the figure model too."""
    store = _vector_store(settings)
    classifier = load_classifier_settings(settings.topics)
    examples = examples_folder(settings.topics, classifier)
    folder = _model_folder(settings)
    trained = trained_model(examples, topics, store, embedding_backend(), folder, progress)
    figures = trained_figure_model(examples, [t.slug for t in topics], folder, settings.data, finder, store,
                                   embedding_backend()) if finder is not None else None
    return SentenceModel(trained, topics, classifier, store, figures=figures)


def _classifier_data(settings: Settings, topics: tuple[Topic, ...], progress: Progress | None,
                     finder: FigureFinder | None) -> dict[str, object]:
    """The trained models and the vector store's path, for StageData."""
    model = sentence_model(settings, topics, progress, finder)
    return {"model": model.model.to_bytes(), "vectors": model.store.path,
            "figure_model": model.figures.to_bytes() if model.figures else None}


def _near_copies(articles: tuple[Article, ...], folder: Path | None, version: str, cache: ArticleCache
                 ) -> tuple[Article, ...]:
    """mark_near_copies, whose answer is kept in the cache folder for the same articles: it depends
    on every published article's text, so a warm build with the same files reads it back."""
    if folder is None:
        return mark_near_copies(articles)
    listed = "\0".join(f"{a.source.name}\0{cache.key(a.source)}\0{a.status}" for a in articles)
    key = hashlib.sha256(f"{version}\0{listed}".encode()).hexdigest()
    path = folder / "near-copies" / key
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if isinstance(found, dict):
        return tuple(replace(a, copy_of=found[a.source.name]) if a.source.name in found else a for a in articles)
    marked = mark_near_copies(articles)
    shutil.rmtree(path.parent, ignore_errors=True)  # one answer is kept: the last build's
    write_atomic(path, json.dumps({a.source.name: a.copy_of for a in marked if a.copy_of}).encode("utf-8"))
    return marked


def article_digest(article: Article, version: str, key: str | None = None) -> str:
    """Names an article's final state without hashing all of it: its file name and bytes (which
    determine every per-article stage, given `version`), why it was rejected (which can depend on
    the file system: a symbolic link's target), and what the corpus-wide link stage changed
    (duplicate, lines set aside as repeated) and the date pages show for it (it can be inferred from the
    newest article's). `key` is the source's article_key when known."""
    linked = repr((article.source.rejected, article.duplicate_of, article.copy_of,
                   [(s.line, s.reason) for s in article.set_aside], article.shown_date, article.date_from))
    return hashlib.sha256(f"{version}\0{key or article_key(article.source)}\0{linked}".encode()).hexdigest()
