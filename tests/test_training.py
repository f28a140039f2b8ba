"""Training the classifier (training.py) and reading its examples (examples.py)."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from generator import training
from generator.embed import backend
from generator.examples import load_examples, load_file
from generator.knowledge import DataError
from generator.topics import load_topics
from generator.vectors import VectorStore
from tests.conftest import TOPICS

EXAMPLES = TOPICS.parent / "examples"


@pytest.fixture(scope="module")
def topics():
    return load_topics(TOPICS)


@pytest.fixture(scope="module")
def sample(topics):
    """300 examples of a few languages with their vectors (from the examples' shipped vectors)."""
    examples = load_examples(EXAMPLES, [t.slug for t in topics])
    chosen = [e for language in ("de", "ja", "ar") for e in [e for e in examples if e.language == language][:100]]
    model = backend()
    vectors = training.vectors_of([e.text for e in chosen], VectorStore(None, model.name, model.dim), model,
                                  shipped=training.shipped_vectors(EXAMPLES, model.name))
    return chosen, vectors


def test_the_examples_vectors_ship_with_them_and_are_read_not_embedded(topics, monkeypatch):
    model = backend()
    shipped = training.shipped_vectors(EXAMPLES, model.name)
    texts = [e.text for e in load_examples(EXAMPLES)][:200]
    embedded: list[str] = []
    real = training.embed
    monkeypatch.setattr(training, "embed", lambda batch, m: embedded.extend(batch) or real(batch, m))
    found = training.vectors_of([*texts, "A sentence no example has, about Kursk."],
                                VectorStore(None, model.name, model.dim), model, shipped=shipped)
    assert embedded == ["A sentence no example has, about Kursk."]
    assert len(found) == len(set(texts)) + 1 and all(v.shape == (model.dim,) for v in found.values())


def test_training_is_the_same_every_time(topics, sample):
    examples, vectors = sample
    features = training.example_features(examples, vectors, topics)
    first = training.train(examples, features, topics, "test", EXAMPLES).to_bytes()
    assert training.train(examples, features, topics, "test", EXAMPLES).to_bytes() == first


def test_the_model_key_follows_examples_and_terms_not_thresholds(topics, tmp_path):
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / "de.yml").write_text(
        'language: de\nsentences:\n  - {text: "Soldaten in Kursk.", topics: [troop-deployment]}\n', encoding="utf-8")
    key = training.model_key(folder, topics, "m")
    assert training.model_key(folder, [replace(t, threshold=0.9) for t in topics], "m") == key
    renamed = (replace(topics[0], concepts=topics[0].concepts[1:]), *topics[1:])
    assert training.model_key(folder, renamed, "m") != key
    (folder / "de.yml").write_text('language: de\nsentences:\n  - {text: "Soldaten in Kursk.", topics: []}\n',
                                   encoding="utf-8")
    assert training.model_key(folder, topics, "m") != key
    assert training.model_key(folder, topics, "another embedding model") != training.model_key(folder, topics, "m")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("language: no\nsentences: []\n", "`language` must be a language code in quotes"),
        ('language: "de"\nsentences:\n  - {text: "x", topics: [troops]}\n', "unknown topic 'troops'"),
        ('language: "de"\nsentences:\n  - {text: "x", topics: [], kind: footer}\n', "kind 'footer'"),
        ('language: "de"\narticles:\n  - sentences:\n      - {topics: []}\n', "article 1, sentence 1"),
    ],
)
def test_a_bad_examples_file_names_the_file_and_the_entry(tmp_path, topics, content, message):
    path = tmp_path / "bad.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_file(path, frozenset(t.slug for t in topics))
    assert str(path) in str(error.value) and message in str(error.value)


def test_every_topic_needs_an_example(topics, sample):
    examples, vectors = sample
    features = training.example_features(examples, vectors, topics)
    unlabelled = [replace(e, topics=e.topics - {"munitions-transfers"}) for e in examples]
    with pytest.raises(DataError, match="munitions-transfers"):
        training.train(unlabelled, features, topics, "test", Path("examples"))


def test_cross_validation_predicts_every_example_without_its_language(topics, sample):
    examples, vectors = sample
    features = training.example_features(examples, vectors, topics)
    found = training.cross_validate(examples, features, topics, "test", folds=3)
    assert [lang for lang, _, _ in found] == [e.language for e in examples]
    right = sum(want == got for _, want, got in found)
    commonest = max(sum(e.topics == labels for e in examples) for labels in {e.topics for e in examples})
    assert right > commonest + 0.1 * len(found)
    assert np.isfinite(features).all()


def test_articles_of_files_with_the_same_name_in_two_folders_stay_apart(tmp_path):
    """written/el.yml and written2/el.yml each hold an article 1: its sentences are read in context
    (neighbours, headline) with their own article only, never interleaved with the other's."""
    for folder, headline in (("a", "Πρώτο άρθρο"), ("b", "Δεύτερο άρθρο")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "el.yml").write_text(
            f'language: el\narticles:\n  - sentences:\n      - {{text: "{headline}", topics: []}}\n'
            f'      - {{text: "{headline}, πρόταση 2", topics: []}}\n', encoding="utf-8")
    examples = load_examples(tmp_path)
    groups = {e.group for e in examples}
    assert len(groups) == 2
    for group in groups:
        assert len({e.text.split(",")[0] for e in examples if e.group == group}) == 1
    # The features are built per article: each sentence's headline column is its own article's.
    vectors = {e.text: np.eye(384, dtype=np.float32)[i] for i, e in enumerate(examples)}
    features = training.example_features(examples, vectors, [])
    index = {e.text: i for i, e in enumerate(examples)}
    headline_of = {e.text: int(features[i, 2 * 384:3 * 384].argmax()) for i, e in enumerate(examples)}
    assert headline_of["Δεύτερο άρθρο, πρόταση 2"] == index["Δεύτερο άρθρο"]
    assert headline_of["Πρώτο άρθρο, πρόταση 2"] == index["Πρώτο άρθρο"]
