"""The theme's output of generated pages, kept between builds (issue 20: a new article on the site in
seconds). With the pages' HTML reused (htmlmemo.py), most of a warm build went to the theme's
templates and the search plugin reading every page again; a page whose inputs are all unchanged now
skips both.

A page's key hashes everything the theme reads for it: the page (URL, title, table of contents,
front matter, content, its neighbours and sections in the navigation), the whole navigation, the
site's configuration (every option, the theme's and every plugin's), the theme's own template files
and the conversion fingerprint (Markdown options, the version of everything installed, this
plugin's code). The search plugin's entries for the page are kept with its HTML and given back in
the page's place, so the search index is the same. One entry per page (on disk under the build's
cache folder, or in memory while serving); a page no longer generated loses its entry."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import write_atomic

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")  # in an object's text form
FOLDER = "output"


@dataclass(frozen=True, slots=True)
class Output:
    key: str
    html: str  # what the theme wrote for the page
    entries: list[dict]  # the search plugin's entries for it, in order


def _canonical(value: object) -> object:
    """`value` with its sets sorted and a theme as its options, so that its text form is the same in
    every process (a set's order follows the string hashes, which differ from process to process)."""
    if isinstance(value, set | frozenset):
        return sorted(repr(_canonical(v)) for v in value)
    if isinstance(value, dict):
        return [(repr(k), _canonical(v)) for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if type(value).__name__ == "Theme":  # MkDocs' theme: its options, folders and static templates
        theme: Any = value
        return ["Theme", theme.name, _canonical(dict(theme)), list(theme.dirs), sorted(theme.static_templates)]
    return value


def fingerprint(parts: Iterable[object], root: str = "") -> str:
    """A hash of the parts' text forms, object addresses left out, and the project folder `root`
    too (a project copied elsewhere keeps its entries)."""
    digest = hashlib.sha256()
    for part in parts:
        text = ADDRESS.sub("", repr(_canonical(part)))
        digest.update((text.replace(root, "<root>") if root else text).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def files_digest(folder: Path | None) -> str:
    """A hash of every file under `folder` (a theme's custom templates), by path and content."""
    digest = hashlib.sha256()
    if folder is not None and folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class OutputMemo:
    """Theme output by docs path: `use_folder` keeps it on disk, otherwise in this object only."""

    def __init__(self) -> None:
        self._entries: dict[str, Output] = {}
        self._folder: Path | None = None
        self.write_error: str | None = None
        self.hits = 0

    def use_folder(self, cache_dir: Path | None) -> None:
        self._folder = cache_dir / FOLDER if cache_dir is not None else None

    def _path(self, src_uri: str) -> Path | None:
        if self._folder is None:
            return None
        name = hashlib.blake2b(src_uri.encode(), digest_size=16).hexdigest()
        return self._folder / name[:2] / f"{name}.json.z"

    def get(self, src_uri: str, key: str) -> Output | None:
        found = self._entries.get(src_uri)
        path = self._path(src_uri)
        if found is None and path is not None:
            try:
                data = json.loads(zlib.decompress(path.read_bytes()))
                found = Output(data["key"], data["html"], data["entries"]) if data["src_uri"] == src_uri else None
            except (OSError, ValueError, KeyError, TypeError, zlib.error):
                found = None  # never written, damaged, or by another version: rendered again
        if found is None or found.key != key:
            return None
        self.hits += 1
        return found

    def put(self, src_uri: str, output: Output) -> None:
        path = self._path(src_uri)
        if path is None:
            self._entries[src_uri] = output
            return
        data = {"src_uri": src_uri, "key": output.key, "html": output.html, "entries": output.entries}
        try:
            # default=str as the search plugin writes its index (a front-matter boost of any type)
            write_atomic(path, zlib.compress(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"), 1))
        except OSError as error:  # a full disk, a read-only cache: the build goes on without it
            if self.write_error is None:
                self.write_error = f"{path.parent.parent}: {error}"

    def keep_only(self, src_uris: set[str]) -> None:
        """Forget pages that are no longer generated."""
        for gone in self._entries.keys() - src_uris:
            del self._entries[gone]
        if self._folder is None or not self._folder.is_dir():
            return
        wanted = {p.name for p in map(self._path, src_uris) if p is not None}
        with contextlib.suppress(OSError):  # housekeeping: a read-only cache skips it
            for entry in self._folder.glob("*/*"):
                if entry.name not in wanted:
                    entry.unlink(missing_ok=True)


def nav_data(items: Iterable[Any]) -> list:
    """The navigation as plain data: each item's kind, title, URL, front matter (the theme shows a
    page's icon, subtitle and status in it) and children."""
    return [(type(item).__name__, str(item.title), getattr(item, "url", None), getattr(item, "meta", None),
             nav_data(item.children) if getattr(item, "children", None) else None) for item in items]


def page_data(page: Any, toc: object) -> tuple:
    """What the theme reads of one page besides the site-wide parts (see the module docstring)."""
    def near(other: Any) -> tuple | None:
        return None if other is None else (str(other.title), other.url)
    sections, parent = [], page.parent
    while parent is not None:
        sections.append(str(parent.title))
        parent = parent.parent
    content = hashlib.blake2b((page.content or "").encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
    return (page.file.src_uri, page.url, page.canonical_url, page.edit_url, page.is_homepage, str(page.title),
            sorted(page.meta.items(), key=lambda item: str(item[0])), toc, content,
            near(page.previous_page), near(page.next_page), sections)


def _hook_sources(config: Any) -> list[bytes]:
    """The code of the configured hooks (MkDocs has loaded them as modules)."""
    hooks = config.hooks if isinstance(config.hooks, dict) else {}
    found = []
    for module in hooks.values():
        path = Path(getattr(module, "__file__", "") or "")
        with contextlib.suppress(OSError):
            found.append(path.read_bytes() if path.is_file() else b"")
    return found


REUSED_TEMPLATE = "briefing-reused-page.html"  # renders nothing: on_post_page puts back the kept output


class PageReuse:
    """The plugin's side of the memo, event by event of one build (see the module docstring)."""

    def __init__(self, memo: OutputMemo, toc_to_data: Any) -> None:
        self.memo = memo
        self._toc_to_data = toc_to_data  # the plugin's: a table of contents as plain data
        self._found: dict[str, Output] = {}
        self._keys: dict[str, str] = {}
        self._entries: dict[str, list[dict]] = {}
        self._mark = 0

    def reset(self) -> None:
        """A new build: nothing found or pending yet (a build that stops early leaves nothing behind)."""
        self._found, self._keys, self._entries = {}, {}, {}
        self.memo.hits = 0

    def on_env(self, env: Any, config: Any, nav: Any, files: Any, generated: set[str], conversion: str) -> None:
        """Every page is converted now: look up each generated page; a found one gets a template
        that renders nothing, and the search plugin is told to skip it (its entries come back)."""
        import jinja2

        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({REUSED_TEMPLATE: ""}), env.loader])
        self.reset()
        local = ("plugins", "site_dir", "docs_dir", "config_file_path")  # where, not what
        site = fingerprint([conversion, sorted((k, v) for k, v in config.items() if k not in local),
                            [(name, dict(getattr(p, "config", {}) or {})) for name, p in config.plugins.items()],
                            files_digest(Path(config.theme.custom_dir) if config.theme.custom_dir else None),
                            _hook_sources(config),
                            nav_data(nav.items)], root=str(Path(config.config_file_path or ".").resolve().parent))
        for file in files.documentation_pages():
            page = file.page
            if page is None or file.src_uri not in generated:
                continue
            key = fingerprint([site, page_data(page, self._toc_to_data(page.toc))])
            found = self.memo.get(file.src_uri, key)
            if found is None:
                self._keys[file.src_uri] = key
                continue
            self._found[file.src_uri] = found
            page.meta = {**page.meta, "template": REUSED_TEMPLATE, "search": {"exclude": True}}
        self.memo.keep_only(generated)

    def before_search(self, page: Any, index: Any) -> None:
        """Before the search plugin reads the page: give back a kept page's entries in its place,
        or note where a new page's entries will start."""
        found = self._found.get(page.file.src_uri)
        if found is not None:
            page.content = ""  # not rendered: nothing for the search plugin to clean up either
        if index is None:
            return
        if found is not None:
            index.entries.extend(dict(entry) for entry in found.entries)
        self._mark = len(index.entries)

    def after_search(self, page: Any, index: Any) -> None:
        if index is not None and page.file.src_uri in self._keys:
            self._entries[page.file.src_uri] = [dict(entry) for entry in index.entries[self._mark:]]

    def post_page(self, output: str, page: Any) -> str:
        src_uri = page.file.src_uri
        found = self._found.pop(src_uri, None)
        if found is not None:
            return found.html
        key = self._keys.pop(src_uri, None)
        if key is not None:
            self.memo.put(src_uri, Output(key, output, self._entries.pop(src_uri, [])))
        return output
