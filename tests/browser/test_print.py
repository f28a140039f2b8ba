"""The whole briefing prints as one PDF (python -m generator pdf)."""

import re
import unicodedata

from pypdf import PdfReader

from generator.pdf import briefing_pages, print_briefing


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
