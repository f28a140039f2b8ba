"""Read article files: pick them, decode them, split lines, read front matter. Nothing is guessed at:
a file that cannot be decoded is rejected with its reason."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import yaml

from .dates import Calendar, normalise_date
from .ids import assign_ids
from .knowledge import SafeLoader
from .models import Metadata, Problem, SourceFile

ARTICLE_SUFFIXES = (".txt", ".md")
# Control characters other than tab, LF, CR and form feed: more than this share means binary data
# (a few stray NUL or BEL bytes in text are repaired and reported instead).
_BINARY_SHARE = 0.1
# When charset detection finds several single-byte encodings equally plausible (short texts), the
# first of these that fits wins: the legacy encodings news sites used most, Western first.
_PREFERRED_ENCODINGS = ("cp1252", "iso8859_15", "cp1251", "cp1250", "koi8_r", "cp1257", "iso8859_2")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FRONT_MATTER_KEYS = ("title", "date", "outlet", "url", "language", "author")
# Front matter longer than this is not front matter but an article that starts with a rule.
_MAX_FRONT_MATTER_LINES = 60


class _FrontMatterLoader(SafeLoader):
    """Safe YAML that leaves dates as text, so an impossible date is reported, not raised."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass(frozen=True)
class Listing:
    """The article files to read, and how many hidden files were ignored."""

    files: tuple[Path, ...]
    hidden: int


def list_articles(folder: Path) -> Listing:
    """Every entry of the articles folder except hidden ones, sorted by name."""
    if not folder.is_dir():
        return Listing((), 0)
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    hidden = sum(1 for p in entries if p.name.startswith("."))
    return Listing(tuple(p for p in entries if not p.name.startswith(".")), hidden)


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as design.md counts them: split on CRLF, CR and LF only."""
    return tuple(_LINE_BREAK.split(text))


def decode(raw: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, encoding, reason rejected). BOMs first, then strict UTF-8, then charset detection."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding, None
            except UnicodeDecodeError as error:
                return None, None, f"starts with a {encoding} byte-order mark but does not decode ({error.reason})"
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        encoding = _detect_encoding(raw)
        if encoding is None:
            return None, None, "cannot be decoded: binary data or an unknown encoding"
        text = raw.decode(encoding)
    if text and len(_CONTROL.findall(text)) / len(text) > _BINARY_SHARE:
        return None, None, f"looks like binary data (control characters), decoded as {encoding}"
    return text, encoding, None


def _detect_encoding(raw: bytes) -> str | None:
    results = list(charset_normalizer.from_bytes(raw))
    if not results:
        return None
    least = min(r.chaos for r in results)
    plausible = [enc for r in results if r.chaos <= least + 0.01 for enc in (r.encoding, *r.could_be_from_charset)]
    return next((enc for enc in _PREFERRED_ENCODINGS if enc in plausible), results[0].encoding)


def read_front_matter(
    name: str, lines: tuple[str, ...], calendar: Calendar
) -> tuple[Metadata, int, tuple[Problem, ...]]:
    """(metadata, first body line, problems). A front matter that is not a mapping is reported
    and its lines are kept out of the body; the article is still published."""
    if not lines or lines[0].strip() != "---":
        return Metadata(), 1, ()
    end = next(
        (i for i in range(1, min(len(lines), _MAX_FRONT_MATTER_LINES)) if lines[i].strip() in ("---", "...")),
        None,
    )
    if end is None:
        return Metadata(), 1, ()
    body_start = end + 2
    text = "\n".join(lines[1:end])
    try:
        alias = next((e for e in yaml.parse(text, Loader=SafeLoader) if isinstance(e, yaml.AliasEvent)), None)
        if alias is not None:  # refused before any value is built: a guard against alias bombs
            return Metadata(), body_start, (Problem(
                name, "front matter uses YAML aliases (*name); it is not read", alias.start_mark.line + 2),)
        data = yaml.load(text, Loader=_FrontMatterLoader)  # noqa: S506 (a SafeLoader subclass)
    except (yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = " ".join(str(error).split())
        return Metadata(), body_start, (Problem(name, f"front matter is not valid YAML: {reason}", line),)
    if data is None:
        return Metadata(), body_start, ()
    if not isinstance(data, dict):
        return Metadata(), body_start, (Problem(name, "front matter is not a mapping of keys to values", 1),)
    problems: list[Problem] = []
    values: dict[str, str] = {}
    for key in _FRONT_MATTER_KEYS:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        line = next((i + 1 for i, text in enumerate(lines[:end]) if text.startswith(f"{key}:")), 1)
        if key == "date":
            iso = normalise_date(value, calendar)
            if iso is None:
                shown = repr(value[:40]) if isinstance(value, str) else f"of type {type(value).__name__}"
                problems.append(Problem(name, f"front matter date {shown} is not a valid date", line))
                continue
            values[key] = iso
        elif isinstance(value, str | int | float):
            values[key] = str(value).strip()
        else:
            problems.append(Problem(name, f"front matter {key} should be text, not {type(value).__name__}", line))
    return Metadata(**values), body_start, tuple(problems)


def read_article(path: Path, article_id: str, content_root: Path, max_bytes: int,
                 calendar: Calendar) -> SourceFile:
    """Read one entry of the articles folder; any reason it cannot be published is in `rejected`."""
    name = path.name

    def reject(reason: str, raw: bytes = b"") -> SourceFile:
        return SourceFile(name=name, id=article_id, raw=raw, rejected=reason,
                          problems=(Problem(name, f"rejected: {reason}"),))

    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(content_root.resolve()):
            return reject("a symbolic link that leaves the content folder")
    if path.is_dir():
        return reject("a folder, not a file (articles are not read from sub-folders)")
    if not path.is_file():
        return reject("not a regular file")
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return reject(f"unsupported file type {path.suffix or '(none)'!r}: articles are .txt or .md")
    size = path.stat().st_size
    if size > max_bytes:
        return reject(f"{size:,} bytes is over the size limit of {max_bytes:,} bytes (max_article_bytes)")
    raw = path.read_bytes()
    text, encoding, reason = decode(raw)
    if text is None:
        return reject(reason or "cannot be decoded", raw)
    lines = split_lines(text)
    metadata, body_start, problems = read_front_matter(name, lines, calendar)
    if not any(line.strip() for line in lines[body_start - 1:]):
        return SourceFile(name=name, id=article_id, raw=raw, text=text, encoding=encoding, lines=lines,
                          body_start=body_start, front_matter=metadata, rejected="no text (empty file)",
                          problems=(*problems, Problem(name, "rejected: no text (empty file)")))
    if encoding not in ("utf-8", "utf-8-sig"):
        problems = (*problems, Problem(name, f"not UTF-8: decoded as {encoding}", level="info"))
    return SourceFile(name=name, id=article_id, raw=raw, text=text, encoding=encoding, lines=lines,
                      body_start=body_start, front_matter=metadata,
                      markdown=path.suffix.lower() == ".md", problems=problems)


def read_folder(folder: Path, content_root: Path, max_bytes: int,
                calendar: Calendar) -> tuple[tuple[SourceFile, ...], int]:
    """Every article file of the folder (read or rejected) and the number of hidden files ignored."""
    listing = list_articles(folder)
    ids = assign_ids(p.name for p in listing.files)
    sources = tuple(read_article(p, ids[p.name], content_root, max_bytes, calendar) for p in listing.files)
    return sources, listing.hidden
