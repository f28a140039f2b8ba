"""The per-article stages for many articles: in this process, or in a pool of processes when there
are enough of them to pay for starting one (each worker loads the language models and the embedding
model once, and embeds with one thread: the pool is what uses the cores). Each job returns its
article and the sentence vectors it embedded, which the build keeps in the vector store."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from .classify import Classifier
from .decide import SentenceModel
from .embed import backend
from .entities import load_entities
from .figure_model import FigureModel
from .knowledge import load_knowledge
from .language import LanguageIdentifier
from .models import Article, SourceFile
from .outlets import Register, load_register
from .pipeline import analyse_article, attribute_article, classify_article
from .topic_model import DIM, TopicModel
from .topics import load_classifier_settings, load_topics
from .vectors import VectorStore

# Below this many articles to work on, the stages run in the build's own process: starting a worker
# and loading its language models takes about as long as analysing 50 articles.
POOL_MIN_ARTICLES = 50
# A long build says how far it is at most this often.
PROGRESS_SECONDS = 10.0

Progress = Callable[[str], None]
Result = TypeVar("Result")


@dataclass(frozen=True)
class Job:
    """One article to run: its source, and its analysed form when the cache had it."""

    source: SourceFile
    analysed: Article | None = None


@dataclass(frozen=True)
class StageData:
    """The data files the stages read (what a worker loads when it starts)."""

    data: Path
    topics: Path
    site_language: str = "en"
    version: str = ""  # hash of the files' contents: an edited file is loaded again (mkdocs serve)
    entities: Path | None = None  # entities.yml (None: no entities)
    sources: Path | None = None  # the source register (content/sources.yml); None: none
    model: bytes | None = None  # the trained topic classifier (TopicModel.to_bytes); None: no topics
    vectors: Path | None = None  # the vector store (None: none on disk; each process keeps its own in memory)
    figure_model: bytes | None = None  # what numbers count where figures.yml has none (FigureModel.to_bytes)


# The loaded data of this process, kept between builds of one `mkdocs serve`.
_loaded: dict[StageData, tuple] = {}


def _tools(data: StageData, threads: int | None = None) -> tuple:
    if data not in _loaded:
        knowledge = load_knowledge(data.data)
        topics = load_topics(data.topics, data.site_language)
        _loaded.clear()
        _loaded[data] = (knowledge, LanguageIdentifier(knowledge.languages), Classifier(topics),
                         load_entities(data.entities) if data.entities else None,
                         load_register(data.sources) if data.sources else Register(),
                         _model(data, topics, threads))
    return _loaded[data]


def _model(data: StageData, topics: tuple, threads: int | None) -> SentenceModel | None:
    if data.model is None:
        return None
    trained = TopicModel.from_bytes(data.model)
    store = VectorStore(data.vectors, trained.embedding, DIM)
    figures = FigureModel.from_bytes(data.figure_model) if data.figure_model else None
    return SentenceModel(trained, topics, load_classifier_settings(data.topics), store, threads, figures=figures)


def _worker(data: StageData) -> None:
    """A pool worker: one embedding thread (the pool's processes share the cores)."""
    _tools(data, threads=1)


def warm_up(data: StageData) -> None:
    """Load the data files, language and embedding models into this process ahead of the first article."""
    tools = _tools(data)
    tools[1].warm_up()
    if tools[5] is not None:
        backend(tools[5].threads)


@dataclass(frozen=True)
class JobResult:
    """An article through its stages, how many sentences were embedded for it (the others were in
    the vector store), and the seconds that took (the build log reports them apart)."""

    article: Article
    embedded: int = 0
    embedding_seconds: float = 0.0


def run_job(job: Job, data: StageData) -> JobResult:
    """The stages one article still needs (language stages unless cached, then classification)."""
    knowledge, identifier, classifier, entities, register, model = _tools(data)
    analysed = job.analysed or analyse_article(job.source, knowledge, identifier)
    article = attribute_article(classify_article(analysed, classifier, entities, model), knowledge.speech, register,
                                entities)
    if model is None:
        return JobResult(article)
    result = JobResult(article, model.embedded, model.seconds)
    model.embedded, model.seconds = 0, 0.0
    return result


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_jobs(jobs: Sequence[Job], data: StageData, workers: int, progress: Progress | None = None
             ) -> tuple[list[JobResult], int]:
    """Every job's result, in order, and the number of processes that ran them. `progress` is told
    now and then how many are done and about how long the rest will take."""
    meter = _Meter(len(jobs), progress)
    if workers <= 1 or len(jobs) < POOL_MIN_ARTICLES:
        return [meter.done(run_job(job, data)) for job in jobs], 1
    # spawn, not fork: the build may run threads (mkdocs serve), which fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    chunk = max(1, min(32, len(jobs) // (workers * 8)))
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker, initargs=(data,)) as pool:
            return [meter.done(r) for r in pool.map(partial(run_job, data=data), jobs, chunksize=chunk)], workers
    except BrokenProcessPool:
        # A worker could not start (spawn re-imports the main module: `python -` has none) or died.
        meter = _Meter(len(jobs), progress)
        return [meter.done(run_job(job, data)) for job in jobs], 1


class _Meter:
    """Counts finished jobs and reports progress at most every PROGRESS_SECONDS."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.progress, self.count = total, progress, 0
        self.started = self.last = time.monotonic()

    def done(self, result: Result) -> Result:
        self.count += 1
        now = time.monotonic()
        if self.progress and self.count < self.total and now - self.last >= PROGRESS_SECONDS:
            self.last = now
            left = (now - self.started) / self.count * (self.total - self.count)
            self.progress(f"article stages: {self.count} of {self.total} articles done, about {_duration(left)} left")
        return result


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 90 else f"{seconds:.0f} s"
