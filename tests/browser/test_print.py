"""The whole briefing prints as one PDF (python -m generator pdf)."""

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.pdf import briefing_pages, print_briefing
from tests.helpers import build, copy_project

KOREAN = Path(__file__).resolve().parent.parent / "data" / "newlang" / "ko_article.txt"


def test_the_briefing_prints_as_one_pdf_with_every_topic_and_its_citations(built_site, browser, tmp_path):
    out = tmp_path / "briefing.pdf"
    pages = print_briefing(built_site, out, browser=browser)
    assert briefing_pages(built_site) == ["index.html", "topics/troop-deployment/index.html",
                                          "topics/munitions-transfers/index.html",
                                          "topics/diplomatic-reactions/index.html"]
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 4
    # NFKC: a font with ligatures (Noto, installed for Korean) prints "fi" as one glyph "ﬁ"
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    for heading in ("Briefing", "Troop deployment", "Munitions transfers", "Diplomatic reactions"):
        assert heading in text
    citations = re.findall(r"\d{3}_[0-9a-f]{16}\.txt, line \d+", text)
    assert len(citations) > 50
    assert "Table of contents" not in text  # the print layout drops navigation


def _links(reader: PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def test_the_pdf_has_a_title_and_links_that_outlive_the_printing(built_site, browser, tmp_path):
    """Citations point into the site: relative to its folder, or at the published site's URL."""
    relative = tmp_path / "relative.pdf"
    print_briefing(built_site, relative, browser=browser)
    reader = PdfReader(relative)
    assert reader.metadata.title == "North Korea and Russia — briefing"
    links = _links(reader)
    assert len(links) > 50
    assert not [link for link in links if "127.0.0.1" in link or "localhost" in link]
    cited = [link for link in links if link.startswith("sources/")]
    assert len(cited) > 50
    for link in cited[:20]:  # each lands on a page of the site, next to which the PDF may be kept
        assert (built_site / link.split("#")[0] / "index.html").is_file(), link
    published = tmp_path / "published.pdf"
    print_briefing(built_site, published, browser=browser, site_url="https://briefing.example.org/kp/")
    assert all(link.startswith(("https://briefing.example.org/kp/", "https://", "http://"))
               for link in _links(PdfReader(published)))
    assert any(link.startswith("https://briefing.example.org/kp/sources/") for link in _links(PdfReader(published)))


@pytest.fixture(scope="module")
def korean_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("korean-project"))
    shutil.copy(KOREAN, project / "content" / "articles" / KOREAN.name)
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_korean_prints_with_glyphs(korean_site, browser, tmp_path):
    """A Korean quote is drawn in a font that has its glyphs (Noto CJK, installed by the test
    command), not as empty boxes, and prints as Korean text."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((korean_site / "sources" / _korean_source(korean_site) / "index.html").as_uri())
    session = context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "[lang=ko]"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    context.close()
    hangul = [f["familyName"] for f in fonts if f["glyphCount"] > 0 and "CJK" in f["familyName"]]
    assert hangul, fonts
    out = tmp_path / "korean.pdf"
    print_briefing(korean_site, out, browser=browser)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "북한" in text


def _korean_source(site: Path) -> str:
    """The source page of the Korean article (the only page of Korean text)."""
    return next(p.name for p in (site / "sources").iterdir()
                if (p / "index.html").is_file() and 'lang="ko"' in (p / "index.html").read_text(encoding="utf-8"))
