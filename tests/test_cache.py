"""The per-article cache: used when nothing changed, invalidated by exactly what a result depends on
(the article's bytes, topics.yml, the language data files, the generator's code), and a warm build
gives the same corpus as a cold one (the same site: tests/test_html_reuse.py)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from synth import load_seeds, synthetic_article, write_corpus

from generator import cache as cache_module
from generator.corpus import Settings, build_corpus
from generator.knowledge import DATA_DIR
from tests.conftest import SEEDS, TOPICS

N = 20


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cache") / "articles"
    write_corpus(folder, N, SEEDS)
    return folder


@pytest.fixture(scope="module")
def cold(corpus_folder):
    """The corpus built with no cache at all: what every cached build must equal."""
    return build_corpus(Settings(articles=corpus_folder, topics=TOPICS, content_root=corpus_folder.parent))


def settings(folder: Path, cache_dir: Path, **changes) -> Settings:
    return replace(Settings(articles=folder, topics=TOPICS, content_root=folder.parent, cache_dir=cache_dir), **changes)


def test_second_build_takes_every_article_from_the_cache_and_equals_a_cold_build(corpus_folder, cold, tmp_path):
    first = build_corpus(settings(corpus_folder, tmp_path))
    assert (first.stats.analysed, first.stats.from_cache) == (N, 0)
    second = build_corpus(settings(corpus_folder, tmp_path))
    assert (second.stats.analysed, second.stats.reclassified, second.stats.from_cache) == (0, 0, N)
    assert first.articles == cold.articles
    assert second.articles == cold.articles


def test_adding_one_article_runs_the_stages_for_that_article_only(tmp_path):
    folder = tmp_path / "articles"
    write_corpus(folder, N, SEEDS)
    build_corpus(settings(folder, tmp_path / "cache"))
    seeds = load_seeds(SEEDS)
    (folder / "zz-new.txt").write_text(synthetic_article(seeds, 999), encoding="utf-8")
    again = build_corpus(settings(folder, tmp_path / "cache"))
    assert (again.stats.analysed, again.stats.from_cache) == (1, N)
    # Editing an article's bytes is a new article for the cache.
    (folder / "zz-new.txt").write_text(synthetic_article(seeds, 1000), encoding="utf-8")
    edited = build_corpus(settings(folder, tmp_path / "cache"))
    assert (edited.stats.analysed, edited.stats.from_cache) == (1, N)
    fresh = build_corpus(replace(settings(folder, tmp_path / "cache"), cache_dir=None))
    assert edited.articles == fresh.articles


def test_editing_topics_reclassifies_without_rerunning_the_language_stages(corpus_folder, tmp_path):
    """A stricter threshold in topics.yml: every article is classified again from the analysed layer,
    with the stored vectors (the classifier is not trained again: thresholds are not part of it), and
    the result is what a build without any cache gives."""
    before = build_corpus(settings(corpus_folder, tmp_path / "cache"))
    topics = tmp_path / "topics.yml"
    text = TOPICS.read_text(encoding="utf-8").replace("examples: examples", f"examples: {TOPICS.parent / 'examples'}")
    marker = "  - slug: troop-deployment\n    title: Troop deployment\n"
    assert marker in text and "    threshold: 0.4\n" in text
    topics.write_text(text.replace("    threshold: 0.4\n", "    threshold: 0.9\n", 1), encoding="utf-8")
    edited = build_corpus(settings(corpus_folder, tmp_path / "cache", topics=topics))
    assert (edited.stats.reclassified, edited.stats.analysed, edited.stats.from_cache) == (N, 0, 0)

    def on_troops(corpus):
        return sum("troop-deployment" in s.topics for a in corpus.articles for s in a.sentences)

    assert 0 < on_troops(edited) < on_troops(before)
    fresh = build_corpus(settings(corpus_folder, None, topics=topics))
    assert edited.articles == fresh.articles
    # And back: the original topics' entries were pruned, so they are re-classified once more.
    back = build_corpus(settings(corpus_folder, tmp_path / "cache"))
    assert (back.stats.reclassified, back.stats.analysed) == (N, 0)


def test_editing_a_language_data_file_reruns_the_language_stages(corpus_folder, tmp_path):
    build_corpus(settings(corpus_folder, tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "boilerplate.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    edited = build_corpus(settings(corpus_folder, tmp_path / "cache", data=data))
    assert (edited.stats.analysed, edited.stats.from_cache) == (N, 0)


def test_a_new_generator_version_reruns_everything(corpus_folder, tmp_path, monkeypatch):
    build_corpus(settings(corpus_folder, tmp_path / "cache"))
    monkeypatch.setattr(cache_module, "code_version", lambda: "a different generator")
    again = build_corpus(settings(corpus_folder, tmp_path / "cache"))
    assert (again.stats.analysed, again.stats.from_cache) == (N, 0)
    # Only the current version's folders are kept, and the last near-copy answer.
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()) == ["analysed", "classified", "near"]
    assert len(list((tmp_path / "cache" / "near-copies").iterdir())) == 1


def test_code_version_follows_the_generator_source():
    version = cache_module.code_version()
    assert version == cache_module.code_version()
    assert len(version) == 64
    # It hashes the package's modules: every stage module is among them.
    names = {p.name for p in cache_module.PACKAGE_DIR.glob("*.py")}
    assert {"pipeline.py", "clean.py", "segment.py", "language.py", "classify.py"} <= names


def test_a_damaged_entry_is_a_miss_not_an_error(corpus_folder, cold, tmp_path):
    build_corpus(settings(corpus_folder, tmp_path / "cache"))
    entries = sorted((tmp_path / "cache").glob("classified-*/*/*"))
    assert len(entries) == N
    entries[0].write_bytes(entries[0].read_bytes()[:20])
    entries[1].write_bytes(b"not a pickle")
    again = build_corpus(settings(corpus_folder, tmp_path / "cache"))
    assert (again.stats.from_cache, again.stats.reclassified) == (N - 2, 2)
    assert again.articles == cold.articles


def test_entries_of_removed_articles_are_pruned(tmp_path):
    folder = tmp_path / "articles"
    write_corpus(folder, 5, SEEDS)
    build_corpus(settings(folder, tmp_path / "cache"))
    assert len(list((tmp_path / "cache").glob("*/*/*"))) == 10  # two layers
    (folder / "synthetic-00000.txt").unlink()
    build_corpus(settings(folder, tmp_path / "cache"))
    assert len(list((tmp_path / "cache").glob("*/*/*"))) == 8


def test_rejected_files_are_never_cached(tmp_path):
    folder = tmp_path / "articles"
    write_corpus(folder, 2, SEEDS)
    (folder / "empty.txt").write_bytes(b"")
    first = build_corpus(settings(folder, tmp_path / "cache"))
    second = build_corpus(settings(folder, tmp_path / "cache"))
    assert second.by_name["empty.txt"].status == "rejected"
    assert first.articles == second.articles
    assert len(list((tmp_path / "cache").glob("classified-*/*/*"))) == 2
