"""The MkDocs plugin `briefing`: the only module that imports MkDocs. It adapts MkDocs events to the
pipeline (corpus.py) and the renderer (render.py) and adds their pages as in-memory files."""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import htmlmemo, pagereuse, passthrough
from .cache import versions
from .corpus import Corpus, Settings, build_corpus
from .downloads import data_files, data_paths
from .htmlmemo import Rendered, RenderMemo
from .knowledge import DATA_DIR
from .pagememo import PageMemo
from .pagereuse import OutputMemo, PageReuse
from .render import Renderer
from .search_languages import lunr_languages, search_languages
from .views import Limits, original_path, page_path
from .workers import StageData, default_workers, warm_up

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("briefing")


class BriefingConfig(Config):
    # Inputs (paths are relative to mkdocs.yml)
    articles = opt.Type(str, default="content/articles")
    """Folder of article files (.txt, .md); the build only reads it."""
    topics = opt.Type(str, default="content/topics.yml")
    """Topics with their concepts and terms per language."""
    sources = opt.Type(str, default="content/sources.yml")
    """The source register: outlets, their names and domains, reliability grade, state-media flag."""
    entities = opt.Type(str, default="content/entities.yml")
    """People, organisations, countries and places with their aliases (no file: no entities)."""
    overrides = opt.Type(str, default="content/overrides.yml")
    """Analysts' corrections: hide a sentence, move it to or off a topic, correct a figure or a date,
    split or merge claims, each with a reason shown on the page it changes (no file: none)."""
    templates = opt.Type(str, default="site_templates")
    """Folder of the Jinja2 templates (`*.md.j2`) of the generated pages."""
    language_data = opt.Optional(opt.Type(str))
    """Folder with `languages.yml` and `boilerplate.yml`; defaults to the ones shipped in the package."""
    # Rebuilds
    cache = opt.Type(bool, default=True)
    """Keep each article's stage results on disk, so a rebuild only runs what changed."""
    cache_dir = opt.Type(str, default=".cache/briefing")
    """Where the cache lives (git-ignored); deleting it only makes the next build a cold one."""
    workers = opt.Type(int, default=0)
    """Processes for the per-article stages when many articles need them; 0 means one per core."""
    # Output
    site_language = opt.Type(str, default="en")
    """Language of concept labels and topic titles (a key of their label mappings in topics.yml)."""
    # Page sizes (every page stays readable, and under 1 MB of HTML, however many articles)
    page_quotes = opt.Type(int, default=Limits.page_quotes)
    """Quotes on one topic page; past this it shows the top quotes and links to one page per month."""
    top_quotes = opt.Type(int, default=Limits.top_quotes)
    """Quotes a split topic page shows."""
    page_rows = opt.Type(int, default=Limits.page_rows)
    """Files on one ledger page; past this the ledger links to one page per month."""
    # Limits
    max_article_bytes = opt.Type(int, default=5_000_000)
    """Files larger than this are rejected, with the size named in the reason."""
    repeated_line_min_articles = opt.Type(int, default=3)
    """A topic-free line found in this many articles is set aside as boilerplate."""
    # Offline flavour
    offline_shim = opt.Type(str, default="node_modules/iframe-worker/shim/index.js")
    """The iframe-worker shim (from npm) served with the site when Material's offline plugin is on,
    so that search works from file:// without fetching it from a CDN."""


OFFLINE_SHIM_URI = "assets/javascripts/iframe-worker-shim.js"
PASSTHROUGH = passthrough.__name__  # the Markdown extension's import name, added to the site's list


class OriginalFile(File):
    """An article file published byte for byte next to its source page, never as a page itself."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


class BriefingPlugin(BasePlugin[BriefingConfig]):
    serving = False
    warming: threading.Thread | None = None
    html_memo: RenderMemo | None = None
    page_reuse: PageReuse | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this plugin instance across the rebuilds of `mkdocs serve`.
        self.serving = command == "serve"
        # An unchanged generated page reuses the HTML of the previous build (htmlmemo.py): serving,
        # from memory; building, from the cache folder (set in on_config).
        self.html_memo = RenderMemo(in_memory=True, to_data=toc_data, from_data=toc_from_data) if self.serving else None
        # ... and the theme's output of an unchanged page (pagereuse.py), the same way.
        self.page_reuse = PageReuse(OutputMemo(), toc_data) if self.serving else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        if PASSTHROUGH not in config.markdown_extensions:  # the generated HTML blocks, unparsed
            config.markdown_extensions.append(PASSTHROUGH)
        articles = root / self.config.articles
        self.settings = Settings(
            articles=articles,
            topics=root / self.config.topics,
            entities=root / self.config.entities,
            data=root / self.config.language_data if self.config.language_data else DATA_DIR,
            content_root=articles.parent,
            site_language=self.config.site_language,
            max_article_bytes=self.config.max_article_bytes,
            repeated_line_min_articles=self.config.repeated_line_min_articles,
            cache_dir=root / self.config.cache_dir if self.config.cache else None,
            workers=self.config.workers or default_workers(),
            in_memory=self.serving,
            sources=root / self.config.sources,
            overrides=root / self.config.overrides,
        )
        if self.serving and not self.warming:
            # An article dropped in while serving is analysed here: have the models ready by then.
            data = StageData(self.settings.data, self.settings.topics, self.settings.site_language,
                             versions(self.settings.data, self.settings.topics,
                                      content=[self.settings.entities, self.settings.sources_file])["classified"],
                             self.settings.entities, self.settings.sources_file)
            self.warming = threading.Thread(target=warm_up, args=(data,), daemon=True)
            self.warming.start()
        if not hasattr(self, "conversion_log"):
            self.conversion_log = _Counting()
            logging.getLogger("mkdocs.structure.pages").addHandler(self.conversion_log)
        if self.settings.cache_dir is not None:
            if self.html_memo is None:
                self.html_memo = RenderMemo(in_memory=False, to_data=toc_data, from_data=toc_from_data)
            self.html_memo.use_folder(self.settings.cache_dir)
            if self.page_reuse is None:
                self.page_reuse = PageReuse(OutputMemo(), toc_data)
            self.page_reuse.memo.use_folder(None if self.serving else self.settings.cache_dir)
        self.templates = root / self.config.templates
        self.limits = Limits(page_quotes=self.config.page_quotes, page_rows=self.config.page_rows,
                             top_quotes=self.config.top_quotes)
        offline = config.plugins.get("material/offline")
        self.offline_shim = root / self.config.offline_shim if offline and offline.config.enabled else None
        if self.offline_shim:
            # Listed before the offline plugin, this keeps it from adding the shim's CDN address.
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM_URI]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        corpus = build_corpus(self.settings, log.info)  # long steps (training, a cold build) report progress
        self.generated: set[str] = set()
        for problem in corpus.problems:
            (log.warning if problem.level == "warning" else log.info)(str(problem))
        started = time.perf_counter()
        cache_dir = self.settings.cache_dir
        # Made here: the offline plugin turns directory URLs off in its on_config, after ours.
        renderer = Renderer(self.templates, self.limits, directory_urls=config.use_directory_urls)
        memo = PageMemo(cache_dir, renderer.memo_version(corpus), in_memory=self.serving) if cache_dir else None
        data = self._data_files(corpus, memo)  # before render_site, which prunes the memo's unused entries
        pages = renderer.render_site(corpus, memo)
        rendered = time.perf_counter() - started
        reused = f", {memo.hits} of them unchanged" if memo else ""
        for src_uri, markdown in pages.items():
            # NOT_IN_NAV: on_nav places the overview, topics and ledger; source pages stay out quietly.
            self._add(files, File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
            self.generated.add(src_uri)
        for path, text in data.items():  # figures, timeline, claims, entities, ledger
            self._add(files, File.generated(config, path, content=text))
        for article in corpus.published:
            original = OriginalFile(original_path(article), None, config.site_dir, config.use_directory_urls)
            original.content_bytes = article.source.raw
            self._add(files, original)
        if self.offline_shim:
            if self.offline_shim.is_file():
                self._add(files, File.generated(config, OFFLINE_SHIM_URI, content=self.offline_shim.read_bytes()))
            else:
                log.warning(f"{self.offline_shim} is missing (run `npm ci`): search will not work from file://")
        self.topics = corpus.topics  # what on_nav needs; the corpus itself can be freed
        self._stem_corpus_languages(config, corpus)
        if self.page_reuse is not None:
            self.page_reuse.reset()
        if self.html_memo is not None:
            self.fingerprint = _conversion_fingerprint(config)
            self.html_memo.start(self.fingerprint)
            self.html_memo.keep_only(self.generated)
            self.reused: dict[str, Rendered] = {}  # this build's pages taken from the memo
            self.converted: dict[str, tuple[str, str]] = {}  # the others: (memo key, Markdown)
        log.info(f"{len(corpus.published)} of {len(corpus.articles)} article files published")
        log.info(f"stages: {corpus.stats}, render {rendered:.2f} s ({len(pages)} pages{reused})")
        return files

    @staticmethod
    def _stem_corpus_languages(config: MkDocsConfig, corpus: Corpus) -> None:
        """Material's search stems every corpus language it can (search_languages.py); the list is
        read when the index is written, after the pages."""
        search = config.plugins.get("material/search")
        if search is None or not search.config.enabled:
            return
        import material

        found = {code for a in corpus.published for code in a.languages}
        chosen = search_languages(search.config.lang or [], found, corpus.knowledge.languages,
                                  lunr_languages(Path(material.__file__).parent))
        search.config.lang[:] = chosen  # in place: the search index holds this list

    @staticmethod
    def _data_files(corpus: Corpus, memo: PageMemo | None) -> dict[str, str]:
        """The CSV and JSON files, from the page memo when no article changed since the last build."""
        if memo is None:
            return data_files(corpus)
        everything = tuple(corpus.digest(a) for a in corpus.articles)
        keys = {path: memo.key(f"data {path}", everything) for path in data_paths()}
        found = {path: memo.get(key, count=False) for path, key in keys.items()}
        if all(text is not None for text in found.values()):
            return {path: text for path, text in found.items() if text is not None}
        made = data_files(corpus)
        for path, text in made.items():
            memo.put(keys[path], text)
        return made

    @staticmethod
    def _add(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(f"{file.src_uri} is generated by the briefing plugin; the file in docs_dir is ignored")
            files.remove(existing)
        files.append(file)

    @event_priority(-100)  # last: the Markdown every other plugin has had its say on
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Serving, a generated page whose Markdown and links are as at the previous rebuild is not
        converted again: MkDocs converts an empty page, and on_page_content puts back the HTML."""
        src_uri = page.file.src_uri
        if self.html_memo is None or src_uri not in self.generated:
            return markdown
        key = self.html_memo.key(markdown, f"{page.url}\0{page.meta!r}")  # front matter: title, search
        entry = self.html_memo.lookup(src_uri, key, _resolver(files))
        if entry is not None:
            self.reused[src_uri] = entry
            return ""
        self.converted[src_uri] = (key, markdown)
        self.conversion_log.records = 0  # what MkDocs says while converting this page
        return markdown

    @event_priority(100)  # first: other plugins see the page's real HTML, title and anchors
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """MkDocs takes a page's title from its H1 as plain text and themes print it unescaped
        (`<title>`, navigation): a generated page's title comes from article text, so escape it."""
        src_uri = page.file.src_uri
        if src_uri not in self.generated:
            return html
        if self.html_memo is not None and src_uri in self.reused:
            html = self._put_back(self.reused.pop(src_uri), page, files)
        else:
            if page.title:
                page.title = escape(page.title)
            if self.html_memo is not None and src_uri in self.converted:
                key, markdown = self.converted.pop(src_uri)
                if self.conversion_log.records or page.links_to_anchors is None:
                    # A reuse would not repeat what MkDocs logged (a broken link: `--strict` must
                    # fail every time), and a verbose build does not collect the links to anchors.
                    self.html_memo.forget(src_uri)
                    return self._release(page, html)
                self.html_memo.store(
                    src_uri, key, markdown, _resolver(files), html=html, toc=page.toc, title=page.title,
                    anchors=frozenset(page.present_anchor_ids or ()),
                    links_to_anchors={f.src_uri: links for f, links in (page.links_to_anchors or {}).items()})
        return self._release(page, html)

    @staticmethod
    def _release(page: Page, html: str) -> str:
        # MkDocs keeps every page until the last is written; a generated page's Markdown is not
        # needed once rendered (the HTML is), so let it go: at 10,000 articles this is hundreds
        # of MB.
        page.markdown = ""
        page.file.content_string = ""
        return html

    @staticmethod
    def _put_back(entry: Rendered, page: Page, files: Files) -> str:
        """What MkDocs' conversion would have set on the page, as the previous rebuild's gave it."""
        title = Markup(entry.title) if entry.title is not None else None  # escaped when stored
        page.toc, page.title, page.present_anchor_ids = entry.toc, title, set(entry.anchors)
        page.links_to_anchors = {f: links for uri, links in entry.links_to_anchors.items()
                                 if (f := files.get_file_from_path(uri)) is not None}
        return entry.html

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Overview, one entry per topic, figures, entities, the ledger, then the hand-written pages;
        sources and entity pages stay out."""
        page = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
        topics = Section("Topics", [page[page_path("topics", t.slug)] for t in self.topics])
        for child in topics.children:
            child.parent = topics
        kept = [item for item in nav.items if not (item.is_page and item.file.src_uri in self.generated)]
        nav.items = [page[page_path("")], topics, page[page_path("figures")], page[page_path("timeline")],
                     page[page_path("entities")],
                     page[page_path("sources")], *kept]
        nav.pages = _pages(nav.items)
        bookended = [None, *nav.pages, None]
        for before, current, after in zip(bookended[:-2], nav.pages, bookended[2:], strict=False):
            current.previous_page, current.next_page = before, after
        self.nav = nav  # the theme shows it on every page: part of pagereuse.py's key
        return nav

    @event_priority(-100)  # last: after the other plugins' changes to the environment
    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self.page_reuse is not None and self.html_memo is not None and _search_is_known(config):
            self.page_reuse.on_env(env, config, self.nav, files, self.generated, self.fingerprint)
        return env

    @event_priority(100)  # before the search plugin
    def _before_search(self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if self.page_reuse is not None and page.file.src_uri in self.generated:
            self.page_reuse.before_search(page, _search_index(config))
        return context

    @event_priority(-100)  # after it
    def _after_search(self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if self.page_reuse is not None and page.file.src_uri in self.generated:
            self.page_reuse.after_search(page, _search_index(config))
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    @event_priority(-100)  # last: the page as every plugin left it
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.page_reuse is not None and page.file.src_uri in self.generated:
            return self.page_reuse.post_page(output, page)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.html_memo is not None:
            memo = self.html_memo
            what = "serve rebuild" if self.serving else "build"
            kept = self.page_reuse.memo.hits if self.page_reuse is not None else 0
            log.info(f"{what}: HTML of {memo.hits} of {memo.hits + memo.misses} generated pages reused, "
                     f"the theme's page of {kept}")
            if memo.write_error:
                log.info(f"could not keep the pages' HTML for the next build ({memo.write_error})")

    def on_shutdown(self) -> None:
        if hasattr(self, "conversion_log"):  # a process that builds again gets a new plugin instance
            logging.getLogger("mkdocs.structure.pages").removeHandler(self.conversion_log)
            del self.conversion_log

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        for path in (self.settings.articles, self.settings.topics, self.settings.entities,
                     self.settings.sources_file, self.settings.overrides_file, self.templates, self.settings.data):
            if path is not None and path.exists():  # entities.yml, sources.yml and overrides.yml are optional
                server.watch(str(path))
        return server


class _Counting(logging.Handler):
    """Counts the records MkDocs logs while it converts a page (reset before each page)."""

    def __init__(self) -> None:
        super().__init__()
        self.records = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1


def _conversion_fingerprint(config: MkDocsConfig) -> str:
    """Everything besides a page's Markdown, URL and links that shapes the HTML MkDocs makes of it:
    the Markdown options (a configured function by its name, not its address), the link validation
    settings, Python and every installed distribution's version (extensions, Pygments, the HTML
    parser), and this plugin's code."""
    options = repr((config.markdown_extensions, config.mdx_configs, config.use_directory_urls,
                    config.validation))
    digest = hashlib.sha256(pagereuse.ADDRESS.sub("", options).encode())
    digest.update(sys.version.encode())
    installed = sorted(f"{d.metadata['Name']} {d.version}" for d in metadata.distributions())
    digest.update("\n".join(installed).encode())
    for module in (Path(__file__), Path(htmlmemo.__file__), Path(passthrough.__file__), Path(pagereuse.__file__)):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def toc_data(toc: TableOfContents | None) -> list[dict] | None:
    """A page's table of contents as JSON-able data: each entry's attributes and its children."""
    def entry(link: AnchorLink) -> dict:
        return {**{k: v for k, v in vars(link).items() if k != "children"},
                "children": [entry(child) for child in link.children]}
    return None if toc is None else [entry(link) for link in toc]


def toc_from_data(data: list[dict] | None) -> TableOfContents | None:
    def link(entry: dict) -> AnchorLink:
        made = AnchorLink(entry["title"], entry["id"], entry["level"])
        made.__dict__.update({k: v for k, v in entry.items() if k != "children"})
        made.children = [link(child) for child in entry["children"]]
        return made
    return None if data is None else TableOfContents([link(entry) for entry in data])


def _search_index(config: MkDocsConfig) -> object | None:
    """Material's search index (its `entries` list), or None when search is off."""
    search = config.plugins.get("material/search")
    return getattr(search, "search_index", None) if search is not None and search.config.enabled else None


def _search_is_known(config: MkDocsConfig) -> bool:
    """Whether a reused page's search entries can be given back: no search plugin but Material's,
    and that one either off or with the index this plugin knows (pagereuse.py)."""
    if any("search" in name and name != "material/search" for name in config.plugins):
        return False
    search = config.plugins.get("material/search")
    return search is None or not search.config.enabled or hasattr(search, "search_index")


def _resolver(files: Files):
    def resolve(src_uri: str) -> str | None:
        found = files.get_file_from_path(src_uri)
        return found.url if found is not None else None
    return resolve


def _pages(items: list) -> list:
    found = []
    for item in items:
        if item.is_page:
            found.append(item)
        elif item.is_section:
            found.extend(_pages(item.children))
    return found

