"""MkDocs' Markdown-to-HTML step kept between builds, for generated pages.

MkDocs converts every page on every build; most of a build's time is that conversion, while one
new article changes a few dozen of the thousand-odd generated pages. A page's HTML is a function of
its Markdown, its URL, the Markdown configuration, and, for each relative link it holds, whether
the target file exists and at which URL. The entry keeps all of these and is used only when every
one is unchanged, so a build's output equals a fresh build's.

Entries live in the plugin instance that `mkdocs serve` keeps between rebuilds, and, with a folder,
on disk under `html-<h>/` in the build's cache (one JSON file a page), where `<h>` hashes the
Markdown configuration and the versions of everything that converts (MkDocs, Python-Markdown,
pymdown-extensions, Material, this module and the plugin). This module does not import MkDocs; the
plugin passes what it needs and turns the table of contents to and from plain data."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .cache import write_atomic

# A link's target: Markdown `](target` or `](<target`, or an HTML `href="…"`/`src="…"` (md_in_html
# hands those to MkDocs too). Taking a few more than MkDocs resolves only costs a lookup.
_LINK = re.compile(r"""\]\(<?([^)\s>]+)|\b(?:href|src)=["']([^"']+)""")
Resolve = Callable[[str], "str | None"]  # a docs-relative file path -> its URL, or None if no such file


@dataclass(slots=True)
class Rendered:
    """What MkDocs' render step gave one page, and what it depended on besides the Markdown."""

    key: str
    targets: tuple[tuple[str, str | None], ...]  # (linked file's docs path, its URL then or None)
    html: str
    toc: Any  # MkDocs' TableOfContents in memory; plain data (lists and dicts) on disk
    title: str | None
    anchors: frozenset[str]  # ids present on the page (MkDocs checks links to them)
    links_to_anchors: dict[str, dict[str, str]]  # linked file's docs path -> {anchor: link as written}


def link_targets(src_uri: str, markdown: str) -> list[str]:
    """The docs-relative paths that the page's relative links point at, as MkDocs resolves them."""
    found = set()
    for markdown_link, html_link in _LINK.findall(markdown):
        path = (markdown_link or html_link).split("#", 1)[0].split("?", 1)[0]
        if not path or ":" in path:
            continue  # an anchor on the page itself, or an external link
        if path.startswith(("/", "\\")):  # resolved against the docs folder when MkDocs is told to
            found.add(posixpath.normpath(unquote(path).lstrip("/\\")))
            continue
        found.add(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path))))
    return sorted(found)


_PREFIX = "html-"
KEPT_CONFIGURATIONS = 2  # folders of Markdown configurations kept on disk


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class RenderMemo:
    """Rendered generated pages by docs path; `start` each build with the Markdown configuration.

    `use_folder` (the build's cache folder) keeps them on disk between builds; `in_memory` keeps them
    in this object between the rebuilds of one `mkdocs serve`. `to_data`/`from_data` turn a page's
    table of contents into JSON-able data and back (the plugin's, which knows MkDocs' classes)."""

    def __init__(self, *, in_memory: bool = True, to_data: Callable[[Any], Any] = lambda toc: toc,
                 from_data: Callable[[Any], Any] = lambda data: data) -> None:
        self._entries: dict[str, Rendered] = {}
        self._root: Path | None = None
        self._folder: Path | None = None
        self._in_memory = in_memory
        self._to_data, self._from_data = to_data, from_data
        self._fingerprint = ""
        self._writable = True
        self.write_error: str | None = None  # the first failed write of this build, if any
        self.hits = 0
        self.misses = 0

    def use_folder(self, folder: Path | None) -> None:
        """Keep entries on disk under `folder` (the build's cache folder) too; None: not on disk."""
        self._root = folder

    def start(self, fingerprint: str) -> None:
        """A new build: a different Markdown configuration (extensions, URL style) drops every entry."""
        if fingerprint != self._fingerprint:
            self._entries.clear()
            self._fingerprint = fingerprint
        if self._root is not None:
            self._folder = self._root / f"{_PREFIX}{hashlib.sha256(fingerprint.encode()).hexdigest()[:16]}"
        self.hits = self.misses = 0
        self._writable, self.write_error = True, None

    def _path(self, src_uri: str) -> Path | None:
        if self._folder is None:
            return None
        name = hashlib.blake2b(src_uri.encode(), digest_size=16).hexdigest()
        return self._folder / name[:2] / f"{name}.json"

    def _get(self, src_uri: str) -> Rendered | None:
        entry = self._entries.get(src_uri)
        path = self._path(src_uri)
        if entry is not None or path is None:
            return entry
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entry = Rendered(data["key"], tuple((t, url) for t, url in data["targets"]), data["html"],
                             self._from_data(data["toc"]), data["title"], frozenset(data["anchors"]),
                             data["links_to_anchors"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # never written, or not by this version: the page is converted again
        return entry if data.get("src_uri") == src_uri else None

    @staticmethod
    def key(markdown: str, url: str) -> str:
        return hashlib.blake2b(f"{url}\0{markdown}".encode(), digest_size=20).hexdigest()

    def lookup(self, src_uri: str, key: str, resolve: Resolve) -> Rendered | None:
        entry = self._get(src_uri)
        if entry is None or entry.key != key or any(resolve(t) != url for t, url in entry.targets):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def store(self, src_uri: str, key: str, markdown: str, resolve: Resolve, *, html: str, toc: Any,
              title: str | None, anchors: frozenset[str], links_to_anchors: dict[str, dict[str, str]]) -> None:
        targets = tuple((t, resolve(t)) for t in link_targets(src_uri, markdown))
        entry = Rendered(key, targets, html, toc, title, anchors, links_to_anchors)
        if self._in_memory:
            self._entries[src_uri] = entry
        path = self._path(src_uri)
        if path is not None and self._writable:
            data = {"src_uri": src_uri, "key": key, "targets": targets, "html": html, "toc": self._to_data(toc),
                    "title": title, "anchors": sorted(anchors), "links_to_anchors": links_to_anchors}
            try:
                write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            except OSError as error:  # a full disk, a read-only cache: the build goes on without it
                self._writable = False
                self.write_error = f"{path.parent.parent}: {error}"

    def forget(self, src_uri: str) -> None:
        """Drop a page's entry (its conversion logged something, which a reuse would not repeat)."""
        self._entries.pop(src_uri, None)
        path = self._path(src_uri)
        if path is not None:
            with contextlib.suppress(OSError):  # a read-only cache: the build goes on
                path.unlink(missing_ok=True)

    def keep_only(self, src_uris: set[str]) -> None:
        """Forget pages that are no longer generated (an article removed, a month page merged), and
        on disk other configurations' folders."""
        for gone in self._entries.keys() - src_uris:
            del self._entries[gone]
        if self._folder is None:
            return
        with contextlib.suppress(OSError):  # pruning is housekeeping: a read-only cache skips it
            if self._root is not None and self._root.is_dir():
                # The two configurations used last stay (a site built in turn with and without the
                # offline flavour, whose URLs differ); older ones go.
                others = sorted((c for c in self._root.iterdir() if c.is_dir() and c.name.startswith(_PREFIX)
                                 and c != self._folder), key=_modified, reverse=True)
                for child in others[KEPT_CONFIGURATIONS - 1:]:
                    shutil.rmtree(child, ignore_errors=True)
            wanted = {p.name for p in map(self._path, src_uris) if p is not None}
            for entry in self._folder.glob("*/*") if self._folder.is_dir() else ():
                if entry.name not in wanted:  # pages no longer generated, and writes a crash left behind
                    entry.unlink(missing_ok=True)
            self._folder.mkdir(parents=True, exist_ok=True)
            os.utime(self._folder)

    def __len__(self) -> int:
        return len(self._entries)
