"""What /figures/ shows, as plain data for the templates: every figure grouped by what it counts,
the spread of values and who gives which, and the month pages past the page limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from .corpus import Corpus
from .figures import FigureRules, whose
from .models import Article, Figure, Sentence
from .views import Limits, PageSpec, _month_parts, newest_first, page_path, part_links, part_path, relative, source_page

FIGURE_GROUPS = {  # what a figure counts -> the heading of its group on /figures/
    "troops": "Troops", "casualties": "Casualties", "shells": "Shells and ammunition", "missiles": "Missiles",
    "containers": "Containers", "money": "Money", "other": "Other quantities",
}
SPREAD_VALUES = 12  # distinct values a group's spread lists (the most reported ones)


@dataclass(frozen=True)
class FigureRow:
    article: Article
    sentence: Sentence
    figure: Figure
    href: Markup
    side: str | None = None  # whose casualties (figures.whose); None for other figures, or not stated

    @property
    def shown(self) -> str:
        figure = self.figure
        if figure.value is None:
            return "vague"
        return _range(figure.value, figure.high)

    @property
    def correction(self) -> str | None:
        """What an analyst's correction of this figure says (overrides.py), if any."""
        return next((c.note for c in self.sentence.corrections if c.kind == "figure" and c.words == self.figure.words),
                    None)

    @property
    def data_value(self) -> str:
        value = self.figure.value
        return "" if value is None else str(int(value)) if value == int(value) else repr(value)


def _range(low: float, high: float | None) -> str:
    return f"{_number(low)}–{_number(high)}" if high is not None else _number(low)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_rows(articles: Sequence[Article], page: str, rules: FigureRules | None = None) -> list[FigureRow]:
    """Every figure of the articles; casualties with whose they are, when `rules` name sides."""
    return [FigureRow(a, s, f, relative(page, source_page(a), f"L{s.line}"),
                      (f.side or whose(rules, f, s.text, s.language)) if rules and f.counts == "casualties" else None)
            for a in articles for s in a.sentences for f in s.figures]


def _kinds(rows: Sequence[FigureRow]) -> list[tuple[str, str, list[FigureRow]]]:
    """(slug, heading, rows) of each kind of figure, in FIGURE_GROUPS order; casualties side by side
    (named sides first, then those whose side is not stated): only like is compared with like."""
    kinds = []
    for slug, title in FIGURE_GROUPS.items():
        chosen = [r for r in rows if r.figure.counts == slug]
        if slug != "casualties":
            kinds.append((slug, title, chosen))
            continue
        sides = sorted({r.side for r in chosen if r.side})
        kinds += [(f"{slug}-{side}", f"{title}: {side.replace('-', ' ').title()}",
                   [r for r in chosen if r.side == side]) for side in sides]
        unstated = [r for r in chosen if not r.side]
        kinds.append((slug, f"{title}: whose not stated" if sides else title, unstated))
    return [kind for kind in kinds if kind[2]]


def _who_says(row: FigureRow) -> str:
    """Who gives a figure: its claimant when the sentence names one, in the outlet (or file) that
    published it ("Sabrina Singh in Thanh Niên")."""
    article, said = row.article, row.sentence.attribution
    where = article.outlet.name if article.outlet else article.source.name
    claimant = (said.name or said.claimant) if said is not None else None
    return f"{claimant} in {where}" if claimant else where


def _figure_groups(rows: Sequence[FigureRow], limit: int | None) -> list[dict[str, object]]:
    """Rows (in article order, newest first) by what they count: each group's spread (who gives which
    number), then its rows, largest first (vague amounts after the numbers); `limit` keeps the
    newest rows of each group."""
    groups = []
    for slug, title, chosen in _kinds(rows):
        exact = [r for r in chosen if r.figure.value is not None]
        sources: dict[tuple[float, float | None], set[str]] = {}
        for row in exact:
            key = (row.figure.value or 0.0, row.figure.high)
            sources.setdefault(key, set()).add(_who_says(row))
        most_reported = sorted(sources.items(), key=lambda item: (-len(item[1]), item[0][0]))[:SPREAD_VALUES]
        by_value = [(_range(low, high), sorted(names)) for (low, high), names
                    in sorted(most_reported, key=lambda item: (item[0][0], item[0][1] is not None, item[0][1] or 0))]
        values = sorted(r.figure.value for r in exact if r.figure.value is not None)
        shown = chosen[:limit] if limit is not None else chosen  # rows come in article order, newest first
        groups.append({
            "slug": slug, "title": title, "count": len(chosen),
            "rows": sorted(shown, key=lambda r: (r.figure.value is None, -(r.figure.value or r.figure.magnitude or 0))),
            "sources": len({r.article.source.name for r in chosen}),
            "low": _number(values[0]) if values else None, "high": _number(values[-1]) if values else None,
            "by_value": by_value if len(sources) > 1 else [],
        })
    return groups


def _figures_view(articles: Sequence[Article], months: list[tuple], limit: int | None,
                  rules: FigureRules | None = None) -> dict[str, object]:
    """The figures page: every row (`limit` None), or each group's newest `limit` rows and the months."""
    rows = figure_rows(articles, page_path("figures"), rules)
    return {"groups": _figure_groups(rows, limit), "count": len(rows),
            "source_count": len({r.article.source.name for r in rows}), "months": months, "top": limit}


def _figures_part(articles: Sequence[Article], month: str, number: int, count: int,
                  rules: FigureRules | None = None) -> dict[str, object]:
    rows = figure_rows(articles, part_path("figures", month, number), rules)
    return {"month": month, **part_links("figures", month, number, count), "groups": _figure_groups(rows, None),
            "count": len(rows)}


def figures_pages(corpus: Corpus, limits: Limits) -> list[PageSpec]:
    """/figures/: one page, or the spread and newest rows of each group and one page per month."""
    counted = [(a, n) for a in newest_first(corpus.published) if (n := sum(len(s.figures) for s in a.sentences))]
    articles = [a for a, _ in counted]
    digests = tuple(corpus.digest(a) for a in articles)
    page = page_path("figures")
    rules = corpus.knowledge.figures.rules if corpus.knowledge.figures else None
    if sum(n for _, n in counted) <= limits.page_rows:
        return [PageSpec(page, "figures.md.j2", ("figures", *digests),
                         partial(_figures_view, articles, [], None, rules=rules))]
    months, specs = _month_parts(corpus, "figures", counted, limits.page_rows, "figures_part.md.j2",
                                 ("figures part",), partial(_figures_part, rules=rules))
    top = PageSpec(page, "figures.md.j2", ("figures top", str(limits.top_quotes), *digests),
                   partial(_figures_view, articles, months, limits.top_quotes, rules=rules))
    return [top, *specs]
