"""The source register (content/sources.yml): outlets with the names the text gives them, their
domains, an Admiralty reliability grade (A–F) and a state-media flag.

An article's outlet is found from its front matter or dateline (`outlet`), its origin URL's domain
(`url`, a `Quelle:` line) and what it credits ("Bron: NAVO"), in that order. An outlet the register
lacks is graded F: its reliability cannot be judged."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .knowledge import DataError, load_yaml
from .models import Metadata, Outlet

GRADES = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable", "D": "not usually reliable",
    "E": "unreliable", "F": "reliability cannot be judged",
}
UNKNOWN_GRADE = "F"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _domain(value: str) -> str:
    """The host name of a URL or a bare domain, without "www."; "" when it has none (article text
    can name an outlet "[x]", which urlsplit refuses)."""
    try:
        host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


class Register:
    """The outlets of sources.yml, looked up by name, domain or mention in a sentence."""

    def __init__(self, outlets: tuple[Outlet, ...] = ()) -> None:
        self.outlets = outlets
        self._by_name = {_key(n): o for o in outlets for n in (o.name, *o.names)}
        self._by_domain = {d: o for o in outlets for d in o.domains}
        names = sorted({n for o in outlets for n in (o.name, *o.names)}, key=len, reverse=True)
        alternation = "|".join(re.escape(n) for n in names)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if names else None

    def mentions(self, text: str) -> list[tuple[int, int, Outlet]]:
        """Where a sentence names an outlet of the register, as written (case-sensitive, whole words)."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._by_name[_key(m.group())]) for m in self._pattern.finditer(text)]

    def named(self, name: str | None) -> Outlet | None:
        """The outlet a name or a domain stands for ("ABC News", "thanhnien.vn"), or None."""
        if not name:
            return None
        return self._by_name.get(_key(name)) or self.at(name)

    def at(self, url: str | None) -> Outlet | None:
        """The outlet whose domain (or a parent domain) serves `url`."""
        host = _domain(url) if url else ""
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2] if "." in host.partition(".")[2] else ""
        return None

    def of_article(self, metadata: Metadata) -> Outlet | None:
        """The outlet that published an article: named in its metadata, serving its URL, or credited
        by it; an outlet the register lacks is returned unknown (grade F); None when nothing names one."""
        found = self.named(metadata.outlet) or self.at(metadata.url) or self.named(metadata.credited_source)
        if found:
            return found
        name = metadata.outlet or (_domain(metadata.url) if metadata.url else None) or metadata.credited_source
        return Outlet(slug="", name=name, grade=UNKNOWN_GRADE, known=False) if name else None


def load_register(path: Path) -> Register:
    """Read and check sources.yml; a missing file is an empty register. Errors name the file and entry."""
    if not path.is_file():
        return Register()
    data = load_yaml(path)
    entries = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DataError(f"{path}: expected an 'outlets:' list")
    outlets, seen = [], {}
    for position, entry in enumerate(entries, start=1):
        where = f"{path}: outlet {position}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise DataError(f"{where}: expected a mapping with a name")
        slug = str(entry.get("slug") or "")
        if not _SLUG.fullmatch(slug):
            raise DataError(f"{where} ({entry['name']}): slug {slug!r} must be lower-case letters, digits and hyphens")
        grade = str(entry.get("grade", UNKNOWN_GRADE)).upper()
        if grade not in GRADES:
            raise DataError(f"{where} ({entry['name']}): grade {grade!r} must be one of A, B, C, D, E, F")
        names = _strings(entry.get("names"), f"{where} ({entry['name']}): names")
        domains = tuple(filter(None, (_domain(d) for d in _strings(entry.get("domains"),
                                                                   f"{where} ({entry['name']}): domains"))))
        for name in (entry["name"], *names):
            other = seen.setdefault(_key(name), entry["name"])
            if other != entry["name"]:
                raise DataError(f"{where} ({entry['name']}): the name {name!r} is also {other}'s")
        outlets.append(Outlet(slug=slug, name=entry["name"].strip(), grade=grade,
                              state_media=bool(entry.get("state_media", False)), names=names, domains=domains))
    return Register(tuple(outlets))


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{where}: expected a list of strings")
    return tuple(v.strip() for v in value)


def grade_label(grade: str) -> str:
    return GRADES.get(grade, GRADES[UNKNOWN_GRADE])
