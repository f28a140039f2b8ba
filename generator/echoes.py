"""Near-identical quotes across articles and languages (one story translated, or one wire story
retold): shown once in a ranked list, the others named beside it as "also in: …".

Two quotes echo each other when they come from different articles and state the same figures
(what each counts and its value, at least one) about the same entities, with the same stance and
claimant (a denial is never folded into what it denies): keys no language changes,
so "Meer dan 600.000 Russische soldaten …" and "Mehr als 600.000 russische Soldaten …" are one.
Quotes without a figure are never folded: their wording is all a reader has to compare."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from .claims import claimant_key
from .models import Sentence

Q = TypeVar("Q")


def echo_key(sentence: Sentence) -> frozenset[str] | None:
    """What a sentence states, in keys no language changes; None when it states no figure."""
    figures = {f"{f.counts}:{f.value:g}" for f in sentence.figures if f.value is not None}
    if not figures:
        return None
    said = sentence.attribution  # a denial is never folded into what it denies, nor one claimant into another
    stance = f"stance:{said.stance if said else 'reports'}"
    claimant = f"claimant:{claimant_key(sentence)}"
    return frozenset(figures | {f"entity:{m.entity}" for m in sentence.entities} | {stance, claimant})


def shown_once(quotes: Sequence[Q], sentence: Callable[[Q], Sentence], article: Callable[[Q], str]) -> list[Q]:
    """`quotes` in their order, each echo folded into the first quote it echoes (that quote's
    `also_in` lists them, in order)."""
    first: dict[frozenset[str], int] = {}
    kept: list[Q] = []
    echoes: dict[int, list[Q]] = {}
    for quote in quotes:
        key = echo_key(sentence(quote))
        if key is not None and key in first and article(kept[first[key]]) != article(quote):
            echoes.setdefault(first[key], []).append(quote)
            continue
        if key is not None:
            first.setdefault(key, len(kept))
        kept.append(quote)
    return [replace(q, also_in=tuple(echoes[i])) if i in echoes else q for i, q in enumerate(kept)]
