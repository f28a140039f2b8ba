"""Training figure_model at build time: its rows come from the labelled examples of the languages
that have counted nouns in figures.yml, read by figures.py (each figure what it counts, every other
number none). Cached like the topic classifier, by the hash of what it depends on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from importlib import metadata
from pathlib import Path

import numpy as np

from .embed import Backend
from .examples import Example, example_files, load_examples
from .figure_model import LABELS, NONE, SIDES, FigureModel, features, fit, number_span, windows
from .figures import ALL, DIGIT_RUN, FigureFinder, whose
from .knowledge import DataError, load_yaml
from .training import kept_model, shipped_vectors, vectors_of
from .vectors import VectorStore

MIN_ROWS = 20  # fewer figures than this in the examples: no figure model (numbers stay unread)


@dataclass(frozen=True, slots=True)
class Row:
    """One number of an example: its window, its sentence, what it counts and whose (casualties)."""

    wide: str  # figure_model.windows
    narrow: str
    sentence: str
    number: str  # its digits as written
    label: str
    side: str | None


def rows(examples: Sequence[Example], finder: FigureFinder) -> list[Row]:
    """Every number of the examples in languages with counted nouns, labelled by figures.py."""
    found: list[Row] = []
    languages = set(finder.rules.counts) - {ALL}
    for example in examples:
        if example.language not in languages:
            continue
        text = example.text
        taken: list[tuple[int, int]] = []
        near = 0
        for figure in finder.find(text, example.language):
            at = text.find(figure.words, near)
            if at < 0:
                continue
            near = at + len(figure.words)
            taken.append((at, near))
            span = number_span(text, figure.words, at)
            if span is None:
                continue
            side = whose(finder.rules, figure, text, example.language) if figure.counts == "casualties" else None
            side = side if side in SIDES else "unknown" if figure.counts == "casualties" else None
            found.append(Row(*windows(text, *span), text, text[span[0]:span[1]], figure.counts, side))
        for match in DIGIT_RUN.finditer(text):
            if not any(a <= match.start() < b for a, b in taken):
                found.append(Row(*windows(text, match.start(), match.end()), text, match.group(), NONE, None))
    return found


def labelled_rows(folder: Path) -> list[Row]:
    """The rows of the figure examples (examples/figures/*.yml): sentences with every number they
    write labelled by hand. A file that is not so names itself and the entry (DataError)."""
    found: list[Row] = []
    for path in example_files(folder, figures=True):
        data = load_yaml(path)
        entries = data.get("sentences") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise DataError(f"{path}: expected `sentences:`, a list of texts with their numbers")
        for number, entry in enumerate(entries, start=1):
            found.extend(_labelled(path, number, entry))
    return found


def _labelled(path: Path, number: int, entry: object) -> list[Row]:
    where = f"{path}: sentence {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) \
            or not isinstance(entry.get("numbers"), list):
        raise DataError(f"{where}: expected `text:` and `numbers:`")
    text, found, near = entry["text"], [], 0
    for item in entry["numbers"]:
        if not isinstance(item, dict) or item.get("counts") not in LABELS:
            raise DataError(f"{where}: every number needs `number:` and `counts:` (one of {', '.join(LABELS)})")
        digits = str(item.get("number", ""))
        at = text.find(digits, near) if digits else -1
        if at < 0:
            raise DataError(f"{where}: {digits!r} is not in the text (after the numbers before it)")
        near = at + len(digits)
        side = str(item["side"]).replace("_", "-") if item.get("side") is not None else None
        if side is not None and side not in SIDES:
            raise DataError(f"{where}: side {side!r}: use {', '.join(SIDES)}")
        counts = str(item["counts"])
        found.append(Row(*windows(text, at, near), text, digits, counts,
                         (side or "unknown") if counts == "casualties" else None))
    return found


def figure_model_key(examples: Path, data: Path, embedding: str) -> str:
    """Hash of everything the figure model depends on."""
    digest = sha256(embedding.encode())
    for module in ("figure_model.py", "figures.py", "cldr.py", "examples.py", "knowledge.py", "models.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(metadata.version("scikit-learn").encode() + metadata.version("babel").encode())
    for path in sorted(data.glob("*.yml")):  # figures.yml's rules, languages.yml's months (dates are no figures)
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in (*example_files(examples), *example_files(examples, figures=True)):
        digest.update(str(path.relative_to(examples)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def figure_texts(found: Sequence[Row]) -> list[str]:
    """Every text the rows' features embed (`python -m generator vectors` ships their vectors)."""
    return [t for r in found for t in (r.wide, r.narrow, r.sentence)]


def train_figure_model(found: Sequence[Row], store: VectorStore, model: Backend,
                       shipped: dict[bytes, np.ndarray] | None = None) -> FigureModel | None:
    """The model for these rows (None when there are too few figures to learn from)."""
    if sum(1 for r in found if r.label != NONE) < MIN_ROWS:
        return None
    vectors = vectors_of(figure_texts(found), store, model, what="figure windows", shipped=shipped)
    parts = (np.stack([vectors[getattr(r, part)] for r in found]) for part in ("wide", "narrow", "sentence"))
    matrix = features(*parts, [r.number for r in found])
    counts = fit(matrix, [r.label for r in found], (*sorted({r.label for r in found}),))
    casualties = [i for i, r in enumerate(found) if r.label == "casualties" and r.side]
    sides = [found[i].side or "unknown" for i in casualties]
    side_model = fit(matrix[casualties], sides, SIDES) if len(set(sides)) > 1 else None
    return FigureModel(counts, side_model)


def trained_figure_model(examples: Path, slugs: Sequence[str], folder: Path | None, data: Path,
                         finder: FigureFinder, store: VectorStore, model: Backend) -> FigureModel | None:
    """The figure model of these examples and figures.yml: from `folder` when trained before, else
    trained now (and kept there)."""
    def now() -> FigureModel | None:
        found = rows(load_examples(examples, list(slugs)), finder) + labelled_rows(examples)
        return train_figure_model(found, store, model, shipped_vectors(examples, model.name))

    return kept_model(folder, f"figure-model-{figure_model_key(examples, data, model.name)}.npz", now,
                      lambda trained: trained.to_bytes() if trained else b"",  # empty: too few figures
                      lambda stored: FigureModel.from_bytes(stored) if stored else None)
