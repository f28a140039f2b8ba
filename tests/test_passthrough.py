"""The generated pages' HTML blocks pass through Markdown unparsed (generator/passthrough.py) and
convert to the same HTML as without the extension; links inside them are written as MkDocs would
write them (views.page_url)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.passthrough import PassThroughExtension, _PassThrough
from generator.views import page_url

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = ["md_in_html", "tables", "toc"]


def _convert(text: str, passthrough: bool) -> str:
    md = markdown.Markdown(extensions=[*EXTENSIONS, *([PassThroughExtension()] if passthrough else [])])
    return md.convert(text)


def _lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip()]


@pytest.mark.parametrize("page", sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.md")))
def test_every_generated_page_converts_to_the_same_html_with_the_extension(page):
    text = (GOLDEN / page).read_text(encoding="utf-8")
    assert _lines(_convert(text, True)) == _lines(_convert(text, False))


def test_the_generated_blocks_are_stashed_without_parsing():
    text = (GOLDEN / "topics" / "troop-deployment" / "index.md").read_text(encoding="utf-8")
    md = markdown.Markdown(extensions=EXTENSIONS)
    lines = _PassThrough(md).run(text.split("\n"))
    stashed = md.htmlStash.rawHtmlBlocks
    quotes = '<figure class="briefing-quote">'
    assert text.count(quotes) > 20 and sum(block.count(quotes) for block in stashed) == text.count(quotes)
    assert not any(line.startswith("<") for line in lines)  # every HTML block of the page is stashed


@pytest.mark.parametrize("block", [
    '<div class="briefing-note" markdown="1">\n<p>*kept for Markdown*</p>\n</div>',  # asks for Markdown inside
    '<div class="briefing-note">\n*not a tag*\n</div>',  # a line of Markdown text
    '<span class="briefing-note">inline</span>',  # not a block-level element
    '<div class="note">\n<p>not ours</p>\n</div>',  # no briefing- class
    '<div class="briefing-note">\n<p>open</p>',  # its closing tag does not end it
])
def test_blocks_that_are_not_plainly_ours_are_left_to_markdown(block):
    md = markdown.Markdown(extensions=EXTENSIONS)
    lines = ["Intro *text*.", "", *block.split("\n"), "", "After."]
    assert _PassThrough(md).run(lines) == lines
    assert _lines(_convert("\n".join(lines), True)) == _lines(_convert("\n".join(lines), False))


@pytest.mark.parametrize(("href", "directory", "flat"), [
    ("../../sources/a-1/index.md#L3", "../../sources/a-1/#L3", "../../sources/a-1/index.html#L3"),
    ("../index.md", "../", "../index.html"),
    ("index.md", "./", "index.html"),
    ("topics/troop-deployment/index.md", "topics/troop-deployment/", "topics/troop-deployment/index.html"),
    ("../../method.md#how-claims-are-grouped", "../../method/#how-claims-are-grouped",
     "../../method.html#how-claims-are-grouped"),
    ("000_a.txt", "000_a.txt", "000_a.txt"),
    ("../claims.csv", "../claims.csv", "../claims.csv"),
    ("#claim-x", "#claim-x", "#claim-x"),
])
def test_links_in_html_are_the_urls_mkdocs_would_write(href, directory, flat):
    assert page_url(href, True) == directory
    assert page_url(href, False) == flat


@pytest.mark.parametrize("block", [
    '<div class="briefing-note">\n<div class="briefing-inner">x</div>',  # the first div is not closed
    '<div class="briefing-note" markdown>\n<p>*x*</p>\n</div>',  # a bare markdown attribute
    '<div class="briefing-note" markdown = "1">\n<p>*x*</p>\n</div>',
])
def test_unbalanced_blocks_and_any_markdown_attribute_are_left_to_markdown(block):
    md = markdown.Markdown(extensions=EXTENSIONS)
    lines = [*block.split("\n"), "", "Some *markdown*", "", "</div>"]
    assert _PassThrough(md).run(lines) == lines


def test_a_link_that_is_not_ours_is_escaped():
    assert page_url("<x>.csv") == "&lt;x&gt;.csv"
