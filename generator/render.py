"""The only module that touches Jinja: turns view data into Markdown pages.

Every `{{ value }}` in a template is escaped by `finalize` unless the value is Markup built by our
own code (links, ids), so a template cannot forget to escape article text."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import views
from .corpus import Corpus
from .escape import md_text


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup | int | float):
        return value
    return md_text(value)


class Renderer:
    """Renders the generated pages from the `*.md.j2` templates of a folder."""

    def __init__(self, templates: Path, limits: views.Limits | None = None) -> None:
        self.limits = limits or views.Limits()
        self.env = Environment(
            loader=FileSystemLoader(str(templates)),
            # finalize escapes for Markdown *and* HTML first; autoescape then leaves that Markup alone
            # and keeps macro output from being escaped twice.
            autoescape=True,
            finalize=_finalize,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # templates are read once per build (a new Renderer per build)
        )

    def _render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)

    def render_site(self, corpus: Corpus) -> dict[str, str]:
        """Every generated page as {src_uri: Markdown}."""
        pages = {
            views.page_path(""): self._render("overview.md.j2", **views.overview_view(corpus)),
        }
        listings = [page for topic in corpus.topics for page in views.topic_pages(corpus, topic, self.limits)]
        for src_uri, template, view in [*views.ledger_pages(corpus, self.limits), *listings]:
            pages[src_uri] = self._render(template, **view)
        for article in corpus.published:
            pages[views.source_page(article)] = self._render("source.md.j2", **views.source_view(corpus, article))
        return pages
