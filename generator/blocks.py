"""An article's structure: its body lines grouped into blocks (paragraphs, headings), with original
line numbers. Markdown is parsed with markdown-it-py for its structure only; the text it yields is
plain text that is escaped again when rendered."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .models import SourceFile

# A plain-text file is hard-wrapped (a paragraph spans several lines) when its blocks are separated
# by blank lines and nearly all its lines are short: scraped text keeps one paragraph per line.
_WRAPPED_LINE_CHARS = 100
_WRAPPED_SHARE = 0.9


@dataclass(frozen=True)
class Block:
    lines: tuple[tuple[int, str], ...]  # (line number, text)
    heading: bool = False


def _plain_text_blocks(source: SourceFile) -> list[Block]:
    numbered = [(n, source.lines[n - 1]) for n in range(source.body_start, len(source.lines) + 1)]
    filled = [(n, t) for n, t in numbered if t.strip()]
    if not filled:
        return []
    short = sum(len(t) <= _WRAPPED_LINE_CHARS for _, t in filled) / len(filled)
    first, last = filled[0][0], filled[-1][0]
    has_blank_separators = len(filled) < last - first + 1  # blank lines between text, not at the ends
    if not (has_blank_separators and short >= _WRAPPED_SHARE and len(filled) > 3):
        return [Block(((n, t),)) for n, t in filled]
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    for n, text in numbered:
        if text.strip():
            current.append((n, text))
        elif current:
            blocks.append(Block(tuple(current)))
            current = []
    if current:
        blocks.append(Block(tuple(current)))
    return blocks


def _inline_lines(token: Token) -> list[str]:
    """The plain text of an inline token, one string per source line."""
    lines = [""]
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "html_inline":
            lines[-1] += child.content  # shown as text, never as markup (repair drops tag fragments)
    return lines


def _markdown_blocks(source: SourceFile) -> list[Block]:
    offset = source.body_start - 1
    body = "\n".join(source.lines[offset:])
    parser = MarkdownIt("commonmark").enable("table")
    blocks: list[Block] = []
    tokens = parser.parse(body)
    heading = False
    row: list[str] | None = None  # cell texts while inside a table row
    row_line = 0
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "tr_open" and token.map:
            row, row_line = [], token.map[0] + offset + 1
        elif token.type == "tr_close" and row is not None:
            blocks.append(Block(((row_line, " | ".join(row)),)))
            row = None
        elif token.type == "inline" and row is not None:
            row.append(" ".join(_inline_lines(token)))
        elif token.type == "inline" and token.map:
            texts = _inline_lines(token)
            first = token.map[0] + offset + 1
            numbered = tuple((first + i, text) for i, text in enumerate(texts) if text.strip())
            if numbered:
                blocks.append(Block(numbered, heading=heading))
        elif token.type in ("code_block", "fence", "html_block") and token.map:
            first = token.map[0] + offset + 1
            if token.type == "fence":
                first += 1
            numbered = tuple((first + i, t) for i, t in enumerate(token.content.split("\n")) if t.strip())
            if numbered:
                blocks.append(Block(numbered))
    return blocks


def read_blocks(source: SourceFile) -> tuple[Block, ...]:
    """The body of a published article as blocks in file order."""
    return tuple(_markdown_blocks(source) if source.markdown else _plain_text_blocks(source))
