"""A Markdown extension that hands the generated pages' HTML blocks to the output as they are.

The templates write quotes, claims and tables as HTML blocks (no `markdown="1"`), which Python-Markdown
would pass through anyway, but only after feeding every character to its HTML parser: most of a
page's conversion time. This preprocessor stores such a block in Python-Markdown's stash directly
(what its own HTML-block step does once it has parsed it), so the page converts to the same HTML,
less the parsing.

A block is taken only when it is plainly ours and plainly raw: lines with no blank line between
them, every line starting with a tag, the first a block-level element whose class starts with
`briefing-` and which the block's last line closes (as many of its tags open as close), and no
`markdown` attribute anywhere. Anything
else (the user's own pages, Markdown text) is left to Python-Markdown. It runs after MkDocs has
collected the page's anchor ids from its HTML (so links to them are still checked) and before
Python-Markdown's HTML-block step."""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

_OPENING = re.compile(r'<([a-z][a-z0-9]*)\s[^>]*?\bclass="briefing-')
_MARKDOWN = re.compile(r"\smarkdown(?:\s*=|[\s/>])")
# Between MkDocs' anchor collection ("mkdocs_raw_html", 21) and Python-Markdown's "html_block" (20).
PRIORITY = 20.5


class _PassThrough(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        start = 0
        for end, line in enumerate([*lines, ""]):
            if line.strip():
                continue
            if end > start:
                out.extend(self._block(lines[start:end]))
            if end < len(lines):
                out.append(line)
            start = end + 1
        return out

    def _block(self, block: list[str]) -> list[str]:
        found = _OPENING.match(block[0])
        if (found is None or not self.md.is_block_level(found.group(1))
                or not block[-1].endswith(f"</{found.group(1)}>")
                or any(not line.startswith("<") for line in block)):
            return block
        text = "\n".join(block)
        tag = found.group(1)
        if _MARKDOWN.search(text) or len(re.findall(rf"<{tag}[\s>]", text)) != text.count(f"</{tag}>"):
            return block
        return [self.md.htmlStash.store(text)]


class PassThroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_PassThrough(md), "briefing_passthrough", PRIORITY)


def makeExtension(**kwargs: object) -> PassThroughExtension:  # noqa: N802 (Python-Markdown's loader)
    return PassThroughExtension(**kwargs)
