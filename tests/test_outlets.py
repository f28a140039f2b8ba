"""The source register (issue 4): an article's outlet by name, domain or credit; its reliability
grade and state-media flag next to every citation; unknown outlets graded F."""

from __future__ import annotations

import pytest

from generator.knowledge import DataError
from generator.models import Metadata
from generator.outlets import load_register
from tests.conftest import ROOT
from tests.helpers import build, copy_project, read_page

REGISTER = ROOT / "content/sources.yml"


@pytest.fixture(scope="module")
def register():
    return load_register(REGISTER)


@pytest.mark.parametrize(("metadata", "expected"), [
    (Metadata(outlet="Reuters"), ("reuters", "B", True)),
    (Metadata(outlet="thanhnien.vn"), ("thanh-nien", "C", True)),
    (Metadata(url="https://www.reuters.com/world/asia/x"), ("reuters", "B", True)),
    (Metadata(url="https://en.yna.co.kr/view/AEN2024"), ("yonhap", "B", True)),
    (Metadata(outlet="Amstelveenweb.com", credited_source="NAVO"), ("amstelveenweb", "C", True)),
    (Metadata(credited_source="NAVO"), ("nato", "B", True)),
    (Metadata(outlet="Kyiv Post"), ("", "F", False)),
    (Metadata(url="https://example.org/news/1"), ("", "F", False)),
    (Metadata(outlet="[x]"), ("", "F", False)),
])
def test_an_articles_outlet(register, metadata, expected):
    outlet = register.of_article(metadata)
    assert (outlet.slug, outlet.grade, outlet.known) == expected


def test_no_outlet_named_is_none(register):
    assert register.of_article(Metadata()) is None


def test_outlets_named_in_a_sentence(register):
    text = "Laut TASS sagte Lawrow, zitiert von Reuters und ТАСС, etwas; BloombergNews ist kein Name."
    assert [(text[s:e], o.slug) for s, e, o in register.mentions(text)] == [
        ("TASS", "tass"), ("Reuters", "reuters"), ("ТАСС", "tass")]


@pytest.mark.parametrize(("text", "message"), [
    ("outlets: {}\n", "expected an 'outlets:' list"),
    ("outlets:\n  - {slug: x}\n", "outlet 1: expected a mapping with a name"),
    ("outlets:\n  - {slug: 'Bad Slug', name: X}\n", "outlet 1 (X): slug 'Bad Slug'"),
    ("outlets:\n  - {slug: x, name: X, grade: G}\n", "outlet 1 (X): grade 'G' must be one of"),
    ("outlets:\n  - {slug: x, name: X, names: [Y]}\n  - {slug: y, name: Y}\n",
     "outlet 2 (Y): the name 'Y' is also X's"),
    ("outlets:\n  - {slug: x, name: X, domains: x.org}\n", "outlet 1 (X): domains: expected a list"),
])
def test_a_malformed_register_names_the_file_and_entry(tmp_path, text, message):
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_register(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_grades_are_shown_next_to_citations(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    (project / "content/sources.yml").write_text(
        "outlets:\n  - {slug: thanh-nien, name: Thanh Niên, domains: [thanhnien.vn], grade: C, state_media: true}\n",
        encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    ledger = read_page(tmp_path / "site/sources/index.html")
    assert "Thanh Niên C\xa0state" in " ".join(ledger.row("001_fb418dfe53a9ab0a.txt"))
    assert "Amstelveenweb.com F" in ledger.row("004_3a5bf95db61d80b1.txt")  # named, but not in this register
    assert "unknown F" in ledger.row("000_827722a80c1387b6.txt")  # no outlet named at all
    topic = (tmp_path / "site/topics/troop-deployment/index.html").read_text(encoding="utf-8")
    assert topic.count('class="briefing-grade"') >= topic.count('class="briefing-quote"') > 0
    assert 'data-grade="C" title="Thanh Niên: source reliability C, fairly reliable; state media"' in topic


def test_a_malformed_register_fails_the_build_naming_it(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    (project / "content/sources.yml").write_text("outlets:\n  - {slug: x, name: X, grade: Z}\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "sources.yml: outlet 1 (X): grade 'Z'" in result.stderr
