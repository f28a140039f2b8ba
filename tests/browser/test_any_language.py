"""Articles in languages without terms or language data (tests/data/dropin: el, tr, ja, ar, hi, fi),
dropped into a copy of the project: the site stems their search, finds their word forms, shows their
quotes with the concepts the classifier recognised, and the browser reports no error."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.pdf import QuietHandler
from tests.browser.conftest import search
from tests.helpers import build, copy_project

DROPIN = Path(__file__).resolve().parent.parent / "data" / "dropin"


@pytest.fixture(scope="module")
def dropin_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("dropin-project"))
    for article in DROPIN.glob("*.txt"):
        shutil.copy(article, project / "content" / "articles" / article.name)
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def dropin_url(dropin_site):
    handler = functools.partial(QuietHandler, directory=str(dropin_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def reader(browser, dropin_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def test_the_search_stems_every_new_language_material_can(dropin_site):
    config = json.loads((dropin_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert {"el", "tr", "ja", "ar", "hi", "fi"} <= set(config["lang"])
    assert config["lang"][:3] == ["en", "de", "da"]  # mkdocs.yml's own first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ναρκαλιευτών", "sources/el-article/"),  # found as written (lunr's Greek stemmer joins few forms)
        ("asker", "sources/tr-article/"),  # stemmed: the text has "askerleri", "askerinin"
        ("派兵", "sources/ja-article/"),
    ],
)
def test_search_finds_words_of_the_new_languages(reader, dropin_url, query, expected):
    reader.goto(dropin_url)
    links = search(reader, query)
    assert any(urlsplit(link).path.endswith("/" + expected) for link in links), links[:5]
    assert reader.console_errors == []


def test_quotes_in_the_new_languages_carry_recognised_concepts(reader, dropin_url):
    reader.goto(dropin_url + "topics/munitions-transfers/")
    for lang in ("el", "tr", "ja", "ar", "hi", "fi"):
        quotes = reader.locator(f"figure.briefing-quote:has(blockquote[lang='{lang}'])")
        assert quotes.count() >= 1, lang
    inferred = reader.locator("figure.briefing-quote:has(blockquote[lang='el']) .concept-inferred").first
    assert inferred.is_visible()
    assert "recognised by the classifier" in inferred.get_attribute("title")
    assert reader.console_errors == []
