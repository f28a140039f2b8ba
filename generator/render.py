"""The only module that touches Jinja: turns view data into Markdown pages.

Every `{{ value }}` in a template is escaped by `finalize` unless the value is Markup built by our
own code (links, ids), so a template cannot forget to escape article text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import views
from .claim_views import CREDIBILITY_SCALE
from .corpus import Corpus
from .escape import md_text
from .outlets import GRADES
from .pagememo import PageMemo, templates_version
from .site import site_pages
from .views import page_url


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup | int | float):
        return value
    return md_text(value)


class Renderer:
    """Renders the generated pages from the `*.md.j2` templates of a folder."""

    def __init__(self, templates: Path, limits: views.Limits | None = None, directory_urls: bool = True) -> None:
        self.templates = templates
        self.limits = limits or views.Limits()
        self.directory_urls = directory_urls
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
        self.env.globals.update(STANCE_WORDS=views.STANCE_WORDS, GRADES=GRADES, CREDIBILITY_SCALE=CREDIBILITY_SCALE)
        # Links inside HTML blocks: MkDocs rewrites only Markdown links, so the template writes the URL
        # of the page as MkDocs would (`../x/index.md#L3` -> `../x/#L3`, or `../x/index.html#L3`).
        self.env.filters["url"] = lambda href: page_url(href, directory_urls)

    def _render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)

    def memo_version(self, corpus: Corpus) -> str:
        """What every page depends on besides its own key: code, data files, templates, page limits."""
        parts = (corpus.version, templates_version(self.templates), repr(self.limits), str(self.directory_urls))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def render_site(self, corpus: Corpus, memo: PageMemo | None = None) -> dict[str, str]:
        """Every generated page as {src_uri: Markdown}; with a memo, only pages whose inputs changed
        are rendered."""
        pages = {}
        self.env.globals["language_name"] = corpus.language_name  # "German", in the site's language
        for spec in site_pages(corpus, self.limits):
            key = memo.key(spec.template, spec.key) if memo else ""
            markdown = memo.get(key) if memo else None
            if markdown is None:
                markdown = self._render(spec.template, **spec.view())
                if memo:
                    memo.put(key, markdown)
            pages[spec.src_uri] = markdown
        if memo:
            memo.prune()
        return pages
