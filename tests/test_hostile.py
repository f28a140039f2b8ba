"""Issue 5 end to end: the seeds plus a folder of broken and malicious files, built by MkDocs."""

import re
from pathlib import Path

import pytest

from tests.helpers import build, copy_project, read_page
from tests.hostile import SECRET, add_hostile_files

REJECTED = {
    "image.txt": "binary",
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "ten-megabytes.txt": "size limit",
    "a folder": "folder",
    "leak.txt": "leaves the content folder",
}
WARNED = {"fm-malformed.md": "not valid YAML", "fm-types.md": "should be text", "fm-alias-bomb.md": "aliases",
          "controls.txt": "control characters"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    (base / "project").mkdir()
    project = copy_project(base / "project")
    add_hostile_files(project / "content" / "articles", base / "outside")
    lenient = build(project, base / "site", strict=False)
    strict = build(project, base / "strict-site", strict=True)
    (base / "clean").mkdir()
    clean_project = copy_project(base / "clean")
    clean = build(clean_project, base / "clean-site", strict=False)
    assert clean.returncode == 0, clean.stderr
    return project, base / "site", lenient, strict, base / "clean-site"


def test_the_build_completes_and_strict_fails_on_the_warnings(hostile):
    _, _, lenient, strict, _ = hostile
    assert lenient.returncode == 0, lenient.stderr
    assert strict.returncode != 0


def test_every_bad_file_is_named_with_its_reason_in_the_log_and_on_the_ledger(hostile):
    _, site, lenient, _, _ = hostile
    ledger = read_page(site / "sources" / "index.html")
    for name, reason in {**REJECTED, **WARNED}.items():
        lines = [line for line in lenient.stderr.splitlines() if f" {name}:" in line]
        assert any("WARNING" in line and reason in line for line in lines), f"{name}: {lines!r}"
    for name, reason in REJECTED.items():
        status = ledger.row(name)[1]
        assert status.startswith("rejected") and reason in status, status
    assert "1 hidden file" in ledger.text


def test_everything_readable_is_published(hostile):
    project, site, _, _, _ = hostile
    ledger = read_page(site / "sources" / "index.html")
    names = [p.name for p in (project / "content" / "articles").iterdir() if not p.name.startswith(".")]
    assert sorted(r[0] for r in ledger.rows[1:]) == sorted(names)
    for name in ("cp1252 Kursk.txt", "latin1.txt", "utf16-bom.txt", "utf8-bom.txt", "only-title.txt",
                 "mixed-newlines.txt", "controls.txt", "markup.txt", "markup.md", "saved-page.txt", "numbers.txt",
                 "fm-malformed.md", "fm-types.md", "fm-alias-bomb.md", "long-word.txt", "Übersicht Ärger.txt"):
        assert ledger.row(name)[1] == "published", ledger.row(name)


def test_legacy_encodings_are_read_correctly(hostile):
    _, site, _, _, _ = hostile
    assert "Generalsekretär bestätigte" in read_page(site / "sources" / "cp1252-kursk" / "index.html").text
    assert "ministère a déclaré" in read_page(site / "sources" / "latin1" / "index.html").text
    assert "Millionen Granaten" in read_page(site / "sources" / "utf16-bom" / "index.html").text


def test_names_that_slug_alike_and_generated_page_names_get_their_own_urls(hostile):
    _, site, _, _, _ = hostile
    assert "Erste Datei" in read_page(site / "sources" / "a-b" / "index.html").text
    assert "Zweite Datei" in read_page(site / "sources" / "a-b-2" / "index.html").text
    assert "namens index" in read_page(site / "sources" / "index-2" / "index.html").text
    assert (site / "sources" / "u-bersicht-a-rger" / "Übersicht Ärger.txt").is_file()


def test_duplicates_are_published_once_and_listed_twice(hostile):
    _, site, _, _, _ = hostile
    ledger = read_page(site / "sources" / "index.html")
    assert ledger.row("dup-b.txt")[1] == "duplicate of dup-a.txt"
    assert not (site / "sources" / "dup-b").exists()
    assert ledger.row("z-link-inside.txt")[1] == "duplicate of only-title.txt"


def _active_content(page_path: Path):
    html = page_path.read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>.*?</script>", html, re.S | re.I)
    handlers = re.findall(r"<[^>]*\son[a-z]+\s*=", html, re.I)
    js_urls = re.findall(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    return scripts, handlers, js_urls


def test_no_page_carries_script_handlers_or_javascript_urls_from_content(hostile):
    _, site, _, _, clean_site = hostile
    theme_scripts = {s for p in clean_site.rglob("*.html") for s in _active_content(p)[0]}
    pages = list(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        scripts, handlers, js_urls = _active_content(page)
        assert set(scripts) <= theme_scripts, page
        assert not handlers and not js_urls, page


def test_markup_is_shown_as_literal_text(hostile):
    _, site, _, _, _ = hostile
    text = read_page(site / "sources" / "markup-2" / "index.html").text
    for literal in ("!!! danger", "{: #evil onclick=alert(1) }", '--8<-- "/etc/passwd"', "{{ config.site_name }}",
                    "[Link zu Granaten](javascript:alert(1))", "# Überschrift mit Soldaten"):
        assert literal in text, literal
    assert "root:x:0:0" not in text


def test_nothing_outside_content_is_published(hostile):
    _, site, _, _, _ = hostile
    for path in site.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def seed_citations(site: Path) -> dict[str, list[str]]:
    result = {}
    for page in sorted((site / "topics").glob("*/index.html")):
        hrefs = [href for href, _ in read_page(page).links if re.search(r"sources/00[0-4]-[0-9a-f]+/#L", href)]
        result[page.parent.name] = hrefs
    return result


def test_the_seeds_topic_pages_lose_nothing_to_the_bad_files(hostile):
    """Every line of a seed cited on a clean build is still cited. A readable bad file is an article
    like any other: the claims it reports join the seeds' and can regroup them (a claim block cites
    a seed once more or once less), so the citations are compared as sets."""
    _, site, _, _, clean_site = hostile
    with_bad, clean = seed_citations(site), seed_citations(clean_site)
    assert with_bad.keys() == clean.keys()
    for topic, citations in clean.items():
        assert set(citations) <= set(with_bad[topic]), topic
    assert sum(len(v) for v in clean.values()) > 100


def test_two_builds_with_source_date_epoch_are_byte_identical(hostile, tmp_path):
    project = hostile[0]
    first = build(project, tmp_path / "one", strict=False, SOURCE_DATE_EPOCH="1700000000")
    second = build(project, tmp_path / "two", strict=False, SOURCE_DATE_EPOCH="1700000000")
    assert first.returncode == second.returncode == 0
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert len(files) > 50
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_entity_pages_quote_hostile_text_as_literal_text_and_keep_the_seeds_citations(hostile):
    _, site, _, _, clean_site = hostile
    page = read_page(site / "entities" / "mark-rutte" / "index.html")
    assert "Soldaten in Kursk {: #evil onclick=alert(1) } sagte Rutte." in [text for _, text in page.quotes]
    assert "Granaten aus Nordkorea[^1], sagte Rutte." in [text for _, text in page.quotes]

    def seeds(root: Path) -> set[str]:
        return {href for href, _ in page_links(root) if re.search(r"sources/00[0-4]-[0-9a-f]+/#L", href)}

    def page_links(root: Path) -> list:
        return read_page(root / "entities" / "mark-rutte" / "index.html").links

    assert seeds(clean_site) and seeds(clean_site) <= seeds(site)
