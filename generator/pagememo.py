"""Rendered pages kept by what they show, so a rebuild renders only pages whose inputs changed.

A page's key hashes its template, the templates folder, the corpus version (code and data files)
and its PageSpec key (the digests of the articles it lists). On disk under `pages-<version>/`
next to the article cache; with `in_memory` (mkdocs serve) also in this process between rebuilds."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from .cache import write_atomic

_PREFIX = "pages-"
_MEMORY: dict[str, str] = {}  # key -> Markdown, kept between the rebuilds of one `mkdocs serve`


def templates_version(templates: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(templates)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PageMemo:
    """Reads and writes rendered pages; `folder=None` never hits (unless kept in memory)."""

    def __init__(self, folder: Path | None, version: str, in_memory: bool = False) -> None:
        self.folder = folder / f"{_PREFIX}{version[:16]}" if folder else None
        self.version = version
        self.in_memory = in_memory
        self.used: set[str] = set()
        self.hits = 0
        if not in_memory:
            _MEMORY.clear()

    def key(self, template: str, parts: tuple[str, ...]) -> str:
        return hashlib.sha256("\0".join((self.version, template, *parts)).encode()).hexdigest()

    def get(self, key: str, count: bool = True) -> str | None:
        """The entry under `key`, or None; `count=False` leaves it out of the hits (not a page)."""
        self.used.add(key)
        found = _MEMORY.get(key) if self.in_memory else None
        if found is None and self.folder:
            try:
                found = (self.folder / key[:2] / key).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                found = None
        if found is not None and count:
            self.hits += 1
        return found

    def put(self, key: str, markdown: str) -> None:
        self.used.add(key)
        if self.in_memory:
            _MEMORY[key] = markdown
        if not self.folder:
            return
        write_atomic(self.folder / key[:2] / key, markdown.encode("utf-8"))

    def prune(self) -> None:
        """Forget pages this build did not use, and other versions' folders."""
        for key in [k for k in _MEMORY if k not in self.used]:
            del _MEMORY[key]
        if not self.folder or not self.folder.parent.is_dir():
            return
        for child in self.folder.parent.iterdir():
            if child.is_dir() and child.name.startswith(_PREFIX) and child != self.folder:
                shutil.rmtree(child, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.glob("*/*"):
                if entry.name not in self.used:
                    entry.unlink(missing_ok=True)
