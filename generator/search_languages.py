"""Which of the corpus's languages the site's search stems (Material for MkDocs' lunr languages).

Material ships a lunr stemmer per language it supports (`lunr.<code>.min.js`); a corpus language it
has one for joins mkdocs.yml's `search: lang:` list, so a Greek or Turkish word is found in its
other forms. A language without one is still searchable, word for word."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .knowledge import Language


def lunr_languages(material_dir: Path) -> frozenset[str]:
    """The languages Material's search has a stemmer for (its bundled lunr language files)."""
    folder = material_dir / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return frozenset(p.name.split(".")[1] for p in folder.glob("lunr.*.min.js")) | {"en"}


def search_languages(configured: Iterable[str], corpus: Iterable[str], languages: Mapping[str, Language],
                     available: frozenset[str]) -> list[str]:
    """mkdocs.yml's search languages, then each corpus language's stemmer Material has (its code in
    languages.yml's `lunr:` where given, else its ISO code), each once."""
    chosen = list(dict.fromkeys(configured))
    for code in sorted(set(corpus)):
        known = languages.get(code)
        stemmer = known.lunr if known else code
        if stemmer and stemmer in available and stemmer not in chosen:
            chosen.append(stemmer)
    return chosen
