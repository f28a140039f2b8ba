"""Every generated page of the site: the specs of each page module, in one list."""

from __future__ import annotations

from functools import partial

from .corpus import Corpus
from .entity_views import entities_pages
from .figure_views import figures_pages
from .ledger_views import ledger_pages, source_view
from .timeline_pages import timeline_pages
from .views import Limits, PageSpec, overview_view, page_path, source_page, topic_pages


def site_pages(corpus: Corpus, limits: Limits) -> list[PageSpec]:
    """Every generated page of the site."""
    everything = tuple(corpus.digest(a) for a in corpus.articles)
    specs = [PageSpec(page_path(""), "overview.md.j2", ("overview", *everything), partial(overview_view, corpus)),
             *ledger_pages(corpus, limits)]
    for topic in corpus.topics:
        specs.extend(topic_pages(corpus, topic, limits))
    specs.extend(figures_pages(corpus, limits))
    specs.extend(timeline_pages(corpus, limits))
    specs.extend(entities_pages(corpus, limits))
    for article in corpus.published:
        specs.append(PageSpec(source_page(article), "source.md.j2", ("source", corpus.digest(article)),
                              partial(source_view, corpus, article)))
    return specs
