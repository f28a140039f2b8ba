"""`mkdocs serve`: a rebuild reuses the HTML of generated pages that did not change, and writes
the same site as a fresh build of the same files (tests/serving.py runs the serve builds)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from synth import load_seeds, synthetic_article

from generator.htmlmemo import RenderMemo, link_targets
from tests.helpers import ROOT, SEEDS, synthetic_project

N = 12
REUSED = re.compile(r"serve rebuild: HTML of (\d+) of (\d+) generated pages reused")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    project = synthetic_project(folder / "project", N)
    (folder / "zz-new.txt").write_text(synthetic_article(load_seeds(SEEDS), 999),
                                       encoding="utf-8")
    return project


def copy_of(project: Path, target: Path) -> Path:
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(".cache"))
    return target


def serve(project: Path, snapshots: Path, steps: list[dict]) -> list[tuple[int, int]]:
    """Runs the serve builds; returns (pages reused, generated pages) of each build."""
    run = subprocess.run([sys.executable, str(ROOT / "tests/serving.py"), str(project), str(snapshots),
                          json.dumps(steps)], capture_output=True, text=True, cwd=project, env=ENV)
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    return [(int(a), int(b)) for a, b in REUSED.findall(run.stderr)]


def differing(site: Path, reference: Path) -> list[str]:
    ours = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys()
    return sorted(str(p) for p in ours if ours[p] != theirs[p])


def test_adding_an_article_reuses_unchanged_pages_and_writes_what_a_fresh_build_writes(base, tmp_path):
    project = copy_of(base, tmp_path / "project")
    builds = serve(project, tmp_path / "served", [{"add": str(base.parent / "zz-new.txt")}])
    (first_reused, _), (reused, generated) = builds
    assert first_reused == 0
    # The new article's source page, the ledger, the overview and the topic pages quoting it are
    # converted again; the other articles' source pages are not.
    assert N - 3 <= reused < generated
    assert (tmp_path / "served/1/sources/zz-new/index.html").is_file()
    serve(project, tmp_path / "fresh", [])
    assert differing(tmp_path / "served/1", tmp_path / "fresh/0") == []


def test_removing_an_article_and_changing_the_markdown_options_while_serving(base, tmp_path):
    removal = {"remove": "synthetic-00003.txt"}
    permalink = {"replace": ["mkdocs.yml", "permalink: true", 'permalink: "#"']}
    project = copy_of(base, tmp_path / "project")
    builds = serve(project, tmp_path / "served", [removal, permalink])
    assert builds[1][0] > 0
    # Another permalink sign changes every heading: nothing is reused.
    assert builds[2][0] == 0
    assert 'class="headerlink" href="#' in (tmp_path / "served/2/index.html").read_text(encoding="utf-8")
    # Each state equals a fresh build of it: the removal alone, then the removal and the option.
    removed_only = copy_of(base, tmp_path / "removed")
    (removed_only / "content/articles/synthetic-00003.txt").unlink()
    serve(removed_only, tmp_path / "fresh-removed", [])
    assert not (tmp_path / "served/1/sources/synthetic-00003").exists()
    assert differing(tmp_path / "served/1", tmp_path / "fresh-removed/0") == []
    serve(project, tmp_path / "fresh-final", [])
    assert differing(tmp_path / "served/2", tmp_path / "fresh-final/0") == []


def resolver(urls: dict[str, str]):
    return urls.get


def test_link_targets_are_resolved_as_mkdocs_resolves_them():
    markdown = ('[a](../../../sources/s1/index.md#L3 "t") <a href="#L4">b</a> [c](https://example.org/x.md) '
                '<a href="../other%20page.md">d</a> [e](/absolute.md) [f](#L9)')
    # An absolute link counts too: MkDocs resolves it against the docs folder when told to.
    assert link_targets("topics/t/2024-10/index.md", markdown) == ["absolute.md", "sources/s1/index.md",
                                                                   "topics/t/other page.md"]


def test_an_entry_is_reused_only_while_its_markdown_url_links_and_options_are_unchanged():
    memo = RenderMemo()
    markdown, url = "[x](../b/index.md#L1)", "a/"
    urls = {"b/index.md": "b/"}

    def store(key: str) -> None:
        memo.store("a/index.md", key, markdown, resolver(urls), html="<p>x</p>", toc=None, title="A",
                   anchors=frozenset({"L1"}), links_to_anchors={})

    memo.start("options 1")
    key = memo.key(markdown, url)
    assert memo.lookup("a/index.md", key, resolver(urls)) is None
    store(key)
    assert memo.lookup("a/index.md", key, resolver(urls)).html == "<p>x</p>"
    assert memo.lookup("a/index.md", memo.key(markdown + " ", url), resolver(urls)) is None
    assert memo.lookup("a/index.md", memo.key(markdown, "a.html"), resolver(urls)) is None
    # The linked page is gone, or has moved: MkDocs would write the link differently.
    assert memo.lookup("a/index.md", key, resolver({})) is None
    assert memo.lookup("a/index.md", key, resolver({"b/index.md": "b.html"})) is None
    assert (memo.hits, memo.misses) == (1, 5)
    memo.start("options 1")
    assert memo.lookup("a/index.md", key, resolver(urls)) is not None
    memo.start("options 2")
    assert memo.lookup("a/index.md", key, resolver(urls)) is None
    store(key)
    memo.keep_only({"c/index.md"})
    assert len(memo) == 0
