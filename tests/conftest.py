"""Shared fixtures: the project's data, and the seed corpus built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from generator.classify import Classifier
from generator.corpus import Corpus, Settings, build_corpus
from generator.knowledge import Knowledge, load_knowledge
from generator.topics import load_topics

ROOT = Path(__file__).resolve().parent.parent
# A frozen copy of the five seed articles: content/articles/ is the user's, and tests never read it.
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
TOPICS = ROOT / "content" / "topics.yml"
ENTITIES = ROOT / "content" / "entities.yml"

# Every build of the test session (in this process, in xdist workers and in `mkdocs build`
# subprocesses, which inherit the environment) shares one folder of trained models and sentence
# vectors: the classifier is trained once per session, or never when the folder is warm.
os.environ.setdefault("BRIEFING_MODEL_CACHE", str(ROOT / ".cache" / "test-models"))
TEST_MODELS = Path(os.environ["BRIEFING_MODEL_CACHE"])
TEST_VECTORS = ROOT / "tests" / "data" / "vectors.npz"  # python -m tests.ship_vectors


def _seed_test_vectors() -> None:
    """Put the shipped vectors of the tests' sentences into the session's store (each process; a
    vector the store has is kept), so that a fresh clone embeds only what changed since they were
    shipped."""
    from generator.embed import backend
    from generator.topic_model import DIM
    from generator.vectors import VectorStore, store_path

    try:
        with np.load(TEST_VECTORS) as data:
            model, keys, vectors = str(data["model"]), data["keys"], data["vectors"]
    except (OSError, KeyError, ValueError):
        return
    name = backend().name
    if model != name:
        return
    store = VectorStore(store_path(TEST_MODELS, name), name, DIM)
    store.put_keyed([k.tobytes() for k in keys], vectors)
    store.close()


_seed_test_vectors()


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return Classifier(load_topics(TOPICS))


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    return build_corpus(Settings(articles=SEEDS, topics=TOPICS, content_root=SEEDS.parent, entities=ENTITIES))


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory) -> Path:
    """A copy of the project (config, content, templates) whose articles are the frozen seeds."""
    from tests.helpers import copy_project

    return copy_project(tmp_path_factory.mktemp("seed-project"))


def corpus_of(folder: Path) -> Corpus:
    return build_corpus(Settings(articles=folder, topics=TOPICS, content_root=folder.parent, entities=ENTITIES))


@pytest.fixture(scope="session")
def sentence_model():
    """The classifier trained on content/examples (from the shared model folder when trained before)."""
    from generator.corpus import sentence_model as trained

    return trained(Settings(topics=TOPICS), load_topics(TOPICS))
