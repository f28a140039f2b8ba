"""The per-article stage is a pure function of (article, data files): same input, same output, in any
order, in another process, after a pickle round trip, and without touching the file system. That is
what lets its results be cached, and lets it run on a pool or on an engine like Ray, Dask or Spark."""

from __future__ import annotations

import builtins
import io
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from synth import write_corpus

from generator import workers
from generator.corpus import Settings, sentence_model
from generator.ingest import read_folder
from generator.knowledge import DATA_DIR, load_knowledge
from generator.language import LanguageIdentifier
from generator.pipeline import process_article
from generator.topics import load_topics
from generator.vectors import VectorStore
from generator.workers import Job, StageData, run_jobs
from tests.conftest import SEEDS, TOPICS


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pure") / "articles"
    write_corpus(folder, 6, SEEDS)
    knowledge = load_knowledge()
    found, _ = read_folder(folder, folder.parent, Settings.max_article_bytes, knowledge.calendar)
    return found


@pytest.fixture(scope="module")
def model():
    """The trained classifier, with vectors kept in memory only (the stage embeds what it needs)."""
    trained = sentence_model(Settings(topics=TOPICS), load_topics(TOPICS))
    return replace(trained, store=VectorStore(None, trained.store.model, trained.store.dim))


@pytest.fixture(scope="module")
def tools(classifier, model):
    """What process_article takes besides the source, in its order."""
    knowledge = load_knowledge()
    return knowledge, classifier, LanguageIdentifier(knowledge.languages), None, None, model


def test_same_input_same_output_in_any_order(sources, tools):
    forward = [process_article(s, *tools) for s in sources]
    backward = [process_article(s, *tools) for s in reversed(sources)]
    assert forward == list(reversed(backward))


def test_results_survive_a_pickle_round_trip(sources, tools):
    article = process_article(sources[0], *tools)
    assert pickle.loads(pickle.dumps(article)) == article


def test_the_stage_reads_no_file(sources, tools, monkeypatch):
    expected = [process_article(s, *tools) for s in sources]  # also loads every model once

    def refuse(*args, **kwargs):
        raise AssertionError(f"the per-article stage opened a file: {args[:1]}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    assert [process_article(s, *tools) for s in sources] == expected


def test_a_process_pool_gives_the_same_articles(sources, tools, model, monkeypatch):
    """Workers embed with one thread each, this process with every core: the same vectors."""
    expected = [process_article(s, *tools) for s in sources]
    assert any(s.topics for a in expected for s in a.sentences)
    monkeypatch.setattr(workers, "POOL_MIN_ARTICLES", 1)
    data = StageData(DATA_DIR, TOPICS, model=model.model.to_bytes())
    results, processes = run_jobs([Job(s) for s in sources], data, 2)
    assert processes == 2
    assert [r.article for r in results] == expected
    assert sum(r.embedded for r in results) > 0 and all(r.embedding_seconds >= 0 for r in results)



def test_a_long_run_says_how_far_it_is(sources, monkeypatch):
    """The build log hears how many articles are done and about how long the rest will take."""
    monkeypatch.setattr(workers, "PROGRESS_SECONDS", 0.0)
    said: list[str] = []
    results, _ = run_jobs([Job(s) for s in sources], StageData(DATA_DIR, TOPICS), 1, said.append)
    assert len(results) == len(sources)
    assert len(said) == len(sources) - 1  # not after the last: the build's own line follows
    assert said[0].startswith(f"article stages: 1 of {len(sources)} articles done, about ")
    assert said[0].endswith(" left")
