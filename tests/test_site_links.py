"""Every link of the built site leads somewhere: a file of the site and, with an anchor, an id on
that page. The generated pages write their links as HTML (MkDocs checks only Markdown links), so
this is the check `--strict` no longer makes for them."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import build, copy_project


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and value and tag in ("a", "link"):
                self.links.append(value)


def _read(path: Path) -> _Links:
    found = _Links()
    found.feed(path.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("links")
    (base / "project").mkdir()
    result = build(copy_project(base / "project"), base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    folder = page.parent.relative_to(site).as_posix()
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path))) if parts.path else ""
    target = site / path if path else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_link_of_every_page_resolves_to_a_file_and_its_anchor(site):
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")  # 404: links from the site root
    read = {page: _read(page) for page in pages}
    broken = []
    checked = 0
    for page, found in read.items():
        for href in found.links:
            if urlsplit(href).scheme or href.startswith("/"):
                continue  # external, or from the site root (only the 404 page has those)
            target, anchor = _target(site, page, href)
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
            elif anchor and target.suffix == ".html":
                ids = read[target].ids if target in read else _read(target).ids
                if anchor not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no id {anchor!r})")
    assert checked > 1000  # the citations, claim links, parts, months and downloads are among them
    assert broken == []


def test_the_citations_are_among_the_links_checked(site):
    topic = _read(site / "topics" / "troop-deployment" / "index.html")
    citations = [href for href in topic.links if "/sources/" in href and "#L" in href]
    assert len(citations) > 20
