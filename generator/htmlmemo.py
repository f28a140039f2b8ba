"""MkDocs' Markdown-to-HTML step kept between the rebuilds of one `mkdocs serve`, for generated pages.

MkDocs converts every page on every rebuild; most of a rebuild's time is that conversion, while one
new article changes a few dozen of the thousand-odd generated pages. A page's HTML is a function of
its Markdown, its URL, the Markdown configuration, and, for each relative link it holds, whether
the target file exists and at which URL. The entry keeps all of these and is used only when every
one is unchanged, so a rebuild's output equals a fresh build's. Nothing here touches the disk: the
memo lives in the plugin instance that `mkdocs serve` keeps, and a plain `mkdocs build` never
uses it. This module does not import MkDocs; the plugin passes what it needs."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

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
    toc: Any
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


class RenderMemo:
    """Rendered generated pages by docs path; `start` each build with the Markdown configuration."""

    def __init__(self) -> None:
        self._entries: dict[str, Rendered] = {}
        self._fingerprint = ""
        self.hits = 0
        self.misses = 0

    def start(self, fingerprint: str) -> None:
        """A new build: a different Markdown configuration (extensions, URL style) drops every entry."""
        if fingerprint != self._fingerprint:
            self._entries.clear()
            self._fingerprint = fingerprint
        self.hits = self.misses = 0

    @staticmethod
    def key(markdown: str, url: str) -> str:
        return hashlib.blake2b(f"{url}\0{markdown}".encode(), digest_size=20).hexdigest()

    def lookup(self, src_uri: str, key: str, resolve: Resolve) -> Rendered | None:
        entry = self._entries.get(src_uri)
        if entry is None or entry.key != key or any(resolve(t) != url for t, url in entry.targets):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def store(self, src_uri: str, key: str, markdown: str, resolve: Resolve, *, html: str, toc: Any,
              title: str | None, anchors: frozenset[str], links_to_anchors: dict[str, dict[str, str]]) -> None:
        targets = tuple((t, resolve(t)) for t in link_targets(src_uri, markdown))
        self._entries[src_uri] = Rendered(key, targets, html, toc, title, anchors, links_to_anchors)

    def keep_only(self, src_uris: set[str]) -> None:
        """Forget pages that are no longer generated (an article removed, a month page merged)."""
        for gone in self._entries.keys() - src_uris:
            del self._entries[gone]

    def __len__(self) -> int:
        return len(self._entries)
