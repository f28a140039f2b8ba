"""Article text is data: before it reaches generated Markdown, every character that Markdown, its
extensions (attribute lists, admonitions, snippets, emoji, math), HTML or Jinja could read as syntax
becomes a numeric character reference, and line breaks become spaces. The result renders as the
same visible text and can sit in Markdown, in HTML element content and in quoted attributes."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_SYNTAX = "\\`*_{}[]()#+-!|~=^:$%@<>&\"'/;?"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SYNTAX}
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def md_text(value: object) -> Markup:
    """`value` as inert text for generated Markdown/HTML (see module docstring)."""
    text = _CONTROL.sub("", _BREAKS.sub(" ", str(value)))
    return Markup(text.translate(_TABLE))


def html_attr(value: object) -> Markup:
    """A value for a quoted HTML attribute built by our own code (e.g. a checked URL)."""
    return Markup(html.escape(str(value), quote=True))
