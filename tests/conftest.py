"""Shared fixtures: the project's data, and the seed corpus built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

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
