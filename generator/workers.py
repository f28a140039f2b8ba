"""The per-article stages for many articles: in this process, or in a pool of processes when there
are enough of them to pay for starting one (each worker loads the language models once)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .classify import Classifier
from .entities import load_entities
from .knowledge import load_knowledge
from .language import LanguageIdentifier
from .models import Article, SourceFile
from .outlets import Register, load_register
from .pipeline import analyse_article, attribute_article, classify_article
from .topics import load_topics

# Below this many articles to work on, the stages run in the build's own process: starting a worker
# and loading its language models takes about as long as analysing 50 articles.
POOL_MIN_ARTICLES = 50


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


# The loaded data of this process, kept between builds of one `mkdocs serve`.
_loaded: dict[StageData, tuple] = {}


def _tools(data: StageData) -> tuple:
    if data not in _loaded:
        knowledge = load_knowledge(data.data)
        _loaded.clear()
        _loaded[data] = (knowledge, LanguageIdentifier(knowledge.languages),
                         Classifier(load_topics(data.topics, data.site_language)),
                         load_entities(data.entities) if data.entities else None,
                         load_register(data.sources) if data.sources else Register())
    return _loaded[data]


def warm_up(data: StageData) -> None:
    """Load the data files and language models into this process ahead of the first article."""
    _tools(data)[1].warm_up()


def run_job(job: Job, data: StageData) -> Article:
    """The stages one article still needs: language stages unless cached, then classification."""
    knowledge, identifier, classifier, entities, register = _tools(data)
    analysed = job.analysed or analyse_article(job.source, knowledge, identifier)
    return attribute_article(classify_article(analysed, classifier, entities), knowledge.speech, register, entities)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_jobs(jobs: Sequence[Job], data: StageData, workers: int) -> tuple[list[Article], int]:
    """Every job's article, in order, and the number of processes that ran them."""
    if workers <= 1 or len(jobs) < POOL_MIN_ARTICLES:
        return [run_job(job, data) for job in jobs], 1
    # spawn, not fork: the build may run threads (mkdocs serve), which fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    chunk = max(1, min(32, len(jobs) // (workers * 8)))
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_tools, initargs=(data,)) as pool:
            return list(pool.map(partial(run_job, data=data), jobs, chunksize=chunk)), workers
    except BrokenProcessPool:
        # A worker could not start (spawn re-imports the main module: `python -` has none) or died.
        return [run_job(job, data) for job in jobs], 1
