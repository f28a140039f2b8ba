"""Article text is data: before it reaches generated Markdown, every character that Markdown, its
extensions (attribute lists, admonitions, snippets, emoji, math), HTML or Jinja could read as syntax
becomes a numeric character reference, and line breaks become spaces. The result renders as the
same visible text and can sit in Markdown, in HTML element content and in quoted attributes."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_SYNTAX = "\\`*_{}[]()#+-!|~=^:$%@<>&\"'/;?"
_REFERENCE = {c: f"&#{ord(c)};" for c in _SYNTAX}
_ANY_SYNTAX = re.compile("[" + re.escape(_SYNTAX) + "]")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BREAK_OR_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")  # either of the two above


def md_text(value: object) -> Markup:
    """`value` as inert text for generated Markdown/HTML (see module docstring)."""
    text = str(value)
    if _BREAK_OR_CONTROL.search(text):  # rare: skip two passes over every clean sentence
        text = _CONTROL.sub("", _BREAKS.sub(" ", text))
    # A regex pass with a callback per syntax character: about 4x faster than str.translate with
    # a dict, which looks up every character (this runs over every quoted sentence of the site).
    return Markup(_ANY_SYNTAX.sub(lambda m: _REFERENCE[m.group()], text))


def html_attr(value: object) -> Markup:
    """A value for a quoted HTML attribute built by our own code (e.g. a checked URL)."""
    return Markup(html.escape(str(value), quote=True))
