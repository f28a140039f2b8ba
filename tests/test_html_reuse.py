"""`mkdocs build` reuses the article stages' results, the HTML of unchanged generated pages and the
theme's output of them from the previous build (cache.py, htmlmemo.py, pagereuse.py: the build's
cache), and writes byte for byte the site a build with a cold cache writes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from synth import load_seeds, synthetic_article

from tests.helpers import ROOT, SEEDS, build, synthetic_project

N = 12
REUSED = re.compile(r"build: HTML of (\d+) of (\d+) generated pages reused")
THEME = re.compile(r"generated pages reused, the theme's page of (\d+)")
STAMP = {"SOURCE_DATE_EPOCH": "1700000000"}  # the sitemap's dates


def built(project: Path, site: Path) -> tuple[int, int]:
    """Builds; returns (pages whose HTML was reused, generated pages)."""
    return reuse_line(build(project, site, **STAMP))


def reuse_line(run: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    assert run.returncode == 0, run.stderr
    found = REUSED.findall(run.stderr)
    assert len(found) == 1, run.stderr
    return int(found[0][0]), int(found[0][1])


def theme_reused(run: subprocess.CompletedProcess[str]) -> int:
    found = THEME.findall(run.stderr)
    assert len(found) == 1, run.stderr
    return int(found[0])


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differing(site: Path, reference: Path) -> list[str]:
    ours, theirs = files(site), files(reference)
    assert ours.keys() == theirs.keys()
    return [p for p in ours if ours[p] != theirs[p]]


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> tuple[Path, Path, int]:
    """A project built once with a cold cache: (project, its site, generated pages). Tests that
    change the project work on a copy (with the warm cache)."""
    folder = tmp_path_factory.mktemp("reuse")
    project = synthetic_project(folder / "project", N)
    run = build(project, folder / "cold", **STAMP)
    assert f"0 from cache, 0 re-classified, {N} analysed" in run.stderr
    reused, generated = reuse_line(run)
    assert reused == 0 and generated > N
    # The build writes nothing into the repository but its git-ignored cache.
    ignored = subprocess.run(["git", "check-ignore", "-q", ".cache/briefing/html-0/00/00.json"], cwd=ROOT)
    assert ignored.returncode == 0
    return project, folder / "cold", generated


def warm_copy(cold: tuple[Path, Path, int], target: Path) -> Path:
    shutil.copytree(cold[0], target, symlinks=True)
    return target


def test_a_warm_build_reuses_every_generated_page_and_writes_the_same_bytes(cold, tmp_path):
    _, cold_site, generated = cold
    project = warm_copy(cold, tmp_path / "project")
    run = build(project, tmp_path / "warm", **STAMP)
    assert f"{N} from cache, 0 re-classified, 0 analysed" in run.stderr
    assert reuse_line(run) == (generated, generated)
    assert theme_reused(run) == generated  # nor rendered by the theme, nor read by search again
    assert differing(tmp_path / "warm", cold_site) == []
    # Damaged theme outputs are rendered again.
    outputs = list((project / ".cache/briefing/output").glob("*/*"))
    assert len(outputs) == generated
    for entry in outputs:
        entry.write_bytes(b"\x78\x01garbage")
    run = build(project, tmp_path / "damaged-output", **STAMP)
    assert theme_reused(run) == 0
    assert differing(tmp_path / "damaged-output", cold_site) == []
    # Damaged entries (a crash, a disk error) are converted again, silently and correctly.
    entries = list((project / ".cache/briefing").glob("html-*/*/*.json"))
    assert len(entries) == generated
    for entry in entries:
        entry.write_text('{"key": ', encoding="utf-8")
    assert built(project, tmp_path / "damaged") == (0, generated)
    assert differing(tmp_path / "damaged", cold_site) == []
    # Another Markdown option (the permalink sign) changes every page: nothing is reused; the
    # previous option's entries stay beside the new ones (the two configurations used last).
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("permalink: true", 'permalink: "#"'),
                      encoding="utf-8")
    assert built(project, tmp_path / "option") == (0, generated)
    assert len(list((project / ".cache/briefing").glob("html-*"))) == 2
    assert 'class="headerlink" href="#' in (tmp_path / "option/index.html").read_text(encoding="utf-8")


def test_a_new_site_name_renders_every_page_again_and_then_reuses_them(cold, tmp_path):
    _, _, generated = cold
    project = warm_copy(cold, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Renamed "),
                      encoding="utf-8")
    first = build(project, tmp_path / "renamed", **STAMP)
    assert reuse_line(first) == (generated, generated) and theme_reused(first) == 0
    assert "Renamed North Korea" in (tmp_path / "renamed/sources/index.html").read_text(encoding="utf-8")
    second = build(project, tmp_path / "again", **STAMP)
    assert theme_reused(second) == generated
    assert differing(tmp_path / "again", tmp_path / "renamed") == []


def test_an_added_article_converts_only_the_pages_it_changes(cold, tmp_path):
    copy = warm_copy(cold, tmp_path / "project")
    (copy / "content/articles/zz-new.txt").write_text(synthetic_article(load_seeds(SEEDS), 999), encoding="utf-8")
    run = build(copy, tmp_path / "after", **STAMP)
    reused, generated = reuse_line(run)
    assert N - 3 <= theme_reused(run) <= reused
    # The new article's source page, the ledger, the overview and the topic pages quoting it are
    # converted; the other articles' source pages are reused.
    assert N - 3 <= reused < generated
    assert (tmp_path / "after/sources/zz-new/index.html").is_file()
    shutil.rmtree(copy / ".cache")
    assert built(copy, tmp_path / "fresh")[0] == 0
    assert differing(tmp_path / "after", tmp_path / "fresh") == []


def test_a_page_with_a_broken_link_fails_a_strict_build_every_time(cold, tmp_path):
    """MkDocs warns about a broken link while converting a page; a reused page is not converted, so
    such a page is never kept: `mkdocs build --strict` fails on the second build as on the first."""
    copy = warm_copy(cold, tmp_path / "project")
    template = copy / "site_templates/source.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n[gone](../no-such-page.md)\n", encoding="utf-8")
    for site in ("first", "second"):
        run = build(copy, tmp_path / site, **STAMP)
        assert run.returncode != 0, run.stderr
        assert "no-such-page.md" in run.stderr
