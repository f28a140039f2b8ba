"""The site's facts as data files: figures, timeline, claims, entity mentions and the ledger, each as
CSV and JSON next to the page that shows them, with the same citations (a path below the site's
root, `sources/<id>/#L<n>`, and the file name and line).

JSON holds the text verbatim. In CSV a cell that a spreadsheet would run as a formula (starting with
=, +, -, @, a tab or a carriage return) gets a leading apostrophe: article text is data, never code."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence

from .corpus import Corpus
from .models import Article, Sentence

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
Row = dict[str, object]


def citation(article: Article, line: int) -> str:
    """Where a line is cited, from the site's root (as the pages link it)."""
    return f"sources/{article.source.id}/#L{line}"


def _source(article: Article, sentence: Sentence) -> Row:
    outlet = article.outlet
    return {
        "file": article.source.name, "line": sentence.line, "citation": citation(article, sentence.line),
        "article_date": article.shown_date, "article_date_inferred_from": article.date_from,
        "outlet": outlet.name if outlet else None,
        "grade": outlet.grade if outlet else "F", "state_media": bool(outlet and outlet.state_media),
        "language": sentence.language,
    }


def _said(sentence: Sentence) -> Row:
    a = sentence.attribution
    return {"claimant": (a.name or a.claimant) if a else None, "claimant_as_written": a.claimant if a else None,
            "claimant_entity": a.entity if a else None, "stance": a.stance if a else None,
            "relay": a.relay if a else None}


def figure_rows(corpus: Corpus) -> list[Row]:
    return [{**_source(a, s), "counts": f.counts, "value": f.value, "high": f.high, "qualifier": f.qualifier,
             "vague": f.vague, "words": f.words, **_said(s), "sentence": s.text}
            for a in corpus.published for s in a.sentences for f in s.figures]


def timeline_rows(corpus: Corpus) -> list[Row]:
    rows = []
    for article in corpus.published:
        events, _ = corpus.events(article)
        rows += [{"date": e.iso, "words": " · ".join(e.words), "inferred": " ".join(e.inferred),
                  "inferred_from": e.basis, **_source(article, e.sentence), **_said(e.sentence),
                  "sentence": e.sentence.text} for e in events]
    return sorted(rows, key=lambda r: (str(r["date"]), str(r["file"]), int(str(r["line"]))))


def claim_rows(corpus: Corpus) -> list[Row]:
    """One row per report of each claim; the claim's fields repeat on each of its rows."""
    rows = []
    for claim in corpus.claims:
        common = {"claim": claim.anchor, "claim_stance": claim.stance, "claimants": " · ".join(claim.claimants),
                  "sources": claim.sources, "articles": claim.articles, "languages": " ".join(claim.languages),
                  "answered_by": " ".join(claim.answered_by), "answers": " ".join(claim.answers)}
        rows += [{**common, **_source(r.article, r.sentence), **_said(r.sentence), "sentence": r.sentence.text}
                 for r in claim.reports]
    return rows


def entity_rows(corpus: Corpus) -> list[Row]:
    """One row per mention of an entity of entities.yml."""
    types = {e.slug: e.type for e in corpus.entities.entities}
    return [{"entity": m.entity, "name": m.name, "type": types.get(m.entity), "words": m.words,
             **_source(a, s), "sentence": s.text}
            for a in corpus.published for s in a.sentences for m in s.entities]


def ledger_rows(corpus: Corpus) -> list[Row]:
    rows = []
    for a in corpus.articles:
        outlet = a.outlet
        rows.append({"file": a.source.name, "id": a.source.id, "status": a.status,
                     "reason": a.source.rejected, "duplicate_of": a.duplicate_of, "near_copy_of": a.copy_of,
                     "page": f"sources/{a.source.id}/" if a.status == "published" else None,
                     "title": a.metadata.title, "date": a.shown_date, "date_inferred_from": a.date_from,
                     "languages": " ".join(a.languages),
                     "outlet": outlet.name if outlet else None, "grade": (outlet.grade if outlet else "F")
                     if a.status == "published" else None, "state_media": bool(outlet and outlet.state_media),
                     "url": a.metadata.url})
    return rows


def as_json(rows: Sequence[Row]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n"


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return "" if value is None else value


def as_csv(rows: Sequence[Row], fields: Iterable[str] | None = None) -> str:
    names = list(fields) if fields is not None else list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")  # as the page memo keeps text
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in names})
    return out.getvalue()


# Each data set: the folder of the page that links it, its file name stem, how its rows are made.
DATA_SETS: dict[str, tuple[str, str, Callable[[Corpus], list[Row]]]] = {
    "figures": ("figures", "figures", figure_rows),
    "timeline": ("timeline", "timeline", timeline_rows),
    "claims": ("topics", "claims", claim_rows),
    "entities": ("entities", "mentions", entity_rows),
    "ledger": ("sources", "ledger", ledger_rows),
}


def data_path(name: str, extension: str) -> str:
    folder, stem, _ = DATA_SETS[name]
    return f"{folder}/{stem}.{extension}"


def data_paths() -> list[str]:
    """Every data file's path below the site's root."""
    return [data_path(name, extension) for name in DATA_SETS for extension in ("json", "csv")]


def data_files(corpus: Corpus) -> dict[str, str]:
    """Every data file of the site: {path below the site's root: text}."""
    files = {}
    for name, (_, _, rows_of) in DATA_SETS.items():
        rows = rows_of(corpus)
        files[data_path(name, "json")] = as_json(rows)
        files[data_path(name, "csv")] = as_csv(rows)
    return files
