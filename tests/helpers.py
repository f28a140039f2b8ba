"""Builds the site with the real `mkdocs build --strict` and reads the HTML it wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from synth import write_corpus

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (href, attributes)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (lang, text) of <blockquote>
    rows: list[list[str]] = field(default_factory=list)  # table rows, as cell texts
    text: str = ""

    def row(self, first_cell: str) -> list[str]:
        return next(r for r in self.rows if r and r[0] == first_cell)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._quote: list[str] | None = None
        self._lang = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.page.links.append((a["href"], a))
        if tag == "blockquote":
            self._quote, self._lang = [], a.get("lang", "")
        if tag == "tr":
            self.page.rows.append([])
        if tag in ("td", "th") and self.page.rows:
            self.page.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote" and self._quote is not None:
            self.page.quotes.append((self._lang, "".join(self._quote)))
            self._quote = None

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self.page.rows and self.page.rows[-1]:
            self.page.rows[-1][-1] += data
        if self._quote is not None:
            self._quote.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._text)
        self.page.rows = [[cell.strip() for cell in row] for row in self.page.rows]


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def copy_project(target: Path) -> Path:
    """A copy of what a user's checkout holds for building (config, content, templates), with the
    frozen seeds as its articles: the user's content/articles/ is never test input."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content", ignore=shutil.ignore_patterns("articles"))
    shutil.copytree(SEEDS, target / "content" / "articles")
    shutil.copytree(ROOT / "site_templates", target / "site_templates")
    if (ROOT / "node_modules").is_dir():  # the offline flavour's search shim (npm ci)
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def synthetic_project(target: Path, n: int) -> Path:
    """A copy of the project whose articles are n synthetic ones (bench/synth.py) instead of the seeds."""
    target.mkdir()
    project = copy_project(target)
    for path in (project / "content/articles").iterdir():
        path.unlink()
    write_corpus(project / "content/articles", n, SEEDS)
    return project


def build(project: Path, site: Path, strict: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, capture_output=True, text=True, cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def assert_floor(scores, topic: str, floors: dict[str, tuple[float, float]]) -> None:
    """The topic's precision and recall (evaluate.Score) are at least its (precision, recall) floor."""
    s = next(s for s in scores if s.topic == topic)
    precision, recall = floors[topic]
    assert s.precision >= precision, f"{topic} precision {s.precision:.3f}"
    assert s.recall >= recall, f"{topic} recall {s.recall:.3f}"


def measure_labelled(folder: Path):
    """A labelled set (`folder/articles`, `folder/labels`) built and scored: (scores per topic,
    labels no sentence of the build matches, the evaluation per language)."""
    from generator.evaluate import evaluation, load_labels, score
    from tests.conftest import corpus_of

    corpus = corpus_of(folder / "articles")
    scores, unmatched, predictions = score(corpus, load_labels(folder / "labels"))
    return scores, unmatched, evaluation(corpus, predictions)
