"""Data downloads (issue 4): figures, timeline, claims, entity mentions and the ledger as CSV and
JSON next to their pages, with citations that resolve to the cited line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.downloads import DATA_SETS, as_csv, data_path
from tests.helpers import build, copy_project, read_page

LINKED_FROM = {"figures": "figures/index.html", "timeline": "timeline/index.html",
               "claims": "topics/troop-deployment/index.html", "entities": "entities/index.html",
               "ledger": "sources/index.html"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("downloads")
    (base / "project").mkdir()
    project = copy_project(base / "project")
    result = build(project, base / "site")  # --strict: the links to the files resolve
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.mark.parametrize("name", DATA_SETS)
def test_each_data_set_is_linked_and_its_csv_and_json_agree(site, name):
    page = read_page(site / LINKED_FROM[name])
    hrefs = [href for href, _ in page.links]
    assert any(href.endswith(data_path(name, "csv").split("/")[-1]) for href in hrefs)
    assert any(href.endswith(data_path(name, "json").split("/")[-1]) for href in hrefs)
    rows = json.loads((site / data_path(name, "json")).read_text(encoding="utf-8"))
    table = list(csv.DictReader(io.StringIO((site / data_path(name, "csv")).read_text(encoding="utf-8"))))
    assert rows and len(rows) == len(table)
    assert [str(r.get("file")) for r in rows] == [t["file"] for t in table]


@pytest.mark.parametrize("name", [n for n in DATA_SETS if n != "ledger"])
def test_every_citation_lands_on_its_line(site, name):
    rows = json.loads((site / data_path(name, "json")).read_text(encoding="utf-8"))
    ids: dict[str, set[str]] = {}
    for row in rows:
        page, _, anchor = row["citation"].partition("#")
        if page not in ids:
            ids[page] = read_page(site / page / "index.html").ids
        assert anchor == f"L{row['line']}" and anchor in ids[page], row["citation"]


def test_figures_file_holds_every_figure_of_the_page(site):
    rows = json.loads((site / "figures/figures.json").read_text(encoding="utf-8"))
    shown = (site / "figures/index.html").read_text(encoding="utf-8").count('class="briefing-figure"')
    assert len(rows) == shown
    assert {"value": 10000.0, "counts": "troops", "claimant": "Sabrina Singh", "qualifier": "about"}.items() <= next(
        r for r in rows if r["file"].startswith("001") and r["value"] == 10000).items()


def test_the_claims_file_holds_the_rutte_confirmation_once(site):
    rows = json.loads((site / "topics/claims.json").read_text(encoding="utf-8"))
    rutte = {r["claim"] for r in rows if r["stance"] == "confirms" and r["citation"] in (
        "sources/000-827722a80c1387b6/#L7", "sources/004-3a5bf95db61d80b1/#L12")}
    assert len(rutte) == 1
    reports = [r for r in rows if r["claim"] in rutte]
    assert {r["language"] for r in reports} == {"de", "nl"} and reports[0]["sources"] == 3


def test_a_cell_a_spreadsheet_would_run_is_defused():
    text = as_csv([{"sentence": "=HYPERLINK(\"http://x\")"}, {"sentence": "-1"}, {"sentence": "a=b"}])
    assert list(csv.reader(io.StringIO(text))) == [["sentence"], ["'=HYPERLINK(\"http://x\")"], ["'-1"], ["a=b"]]
