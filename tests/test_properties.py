"""Property-based tests: any string may arrive at any stage (Hypothesis generates them)."""

import datetime as dt
import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lingua import Language

from generator.blocks import Block, read_blocks
from generator.classify import Classifier
from generator.clean import clean, match_line_rule, repair
from generator.dates import parse_date
from generator.escape import md_text
from generator.ids import assign_ids, base_id
from generator.ingest import decode, read_front_matter, split_lines
from generator.knowledge import load_knowledge
from generator.language import LanguageIdentifier
from generator.models import SourceFile
from generator.pipeline import process_article
from generator.render import Renderer
from generator.segment import split_sentences
from generator.topics import load_topics
from tests.conftest import TOPICS

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = load_knowledge()
CLASSIFIER = Classifier(load_topics(TOPICS))
IDENTIFIER = LanguageIdentifier(KNOWLEDGE.languages)
# Text with the characters that matter: markup, Markdown, Jinja, controls, bidi, scripts, digits.
ALPHABET = st.sampled_from(list("<>&\"'`*_[](){}#!|~=^:$%@/\\;-+.,?\n\r\t\x00\x07\u200b\u202e\u2028 ")
                           + list("aäßkSoldatGranate0123456789") + list("Солдатыбук북한군이"))
HOSTILE_TEXT = st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=400))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_never_raises(raw):
    text, encoding, reason = decode(raw)
    assert (text is None) == (reason is not None)


@SETTINGS
@given(HOSTILE_TEXT)
def test_split_lines(text):
    lines = split_lines(text)
    assert all("\r" not in line and "\n" not in line for line in lines)
    assert len(lines) == len(re.findall(r"\r\n|\r|\n", text)) + 1


@SETTINGS
@given(HOSTILE_TEXT)
def test_front_matter_never_raises(text):
    lines = split_lines("---\n" + text + "\n---\nBody")
    metadata, body_start, problems = read_front_matter("x.md", lines, KNOWLEDGE.calendar)
    assert 1 <= body_start <= len(lines) + 1
    assert all(p.file == "x.md" for p in problems)


@SETTINGS
@given(HOSTILE_TEXT, st.booleans())
def test_blocks_keep_line_numbers_in_range(text, is_markdown):
    lines = split_lines(text)
    source = SourceFile(name="x", id="x", raw=b"", text=text, lines=lines, markdown=is_markdown)
    numbers = [n for block in read_blocks(source) for n, _ in block.lines]
    assert all(1 <= n <= len(lines) for n in numbers)


@SETTINGS
@given(HOSTILE_TEXT)
def test_repair_leaves_no_invisible_characters_or_breaks(text):
    repaired, _ = repair(text.replace("\n", " ").replace("\r", " "))
    assert not _INVISIBLE.search(repaired)
    match_line_rule(repaired, KNOWLEDGE.line_rules, KNOWLEDGE.calendar)


@SETTINGS
@given(st.lists(HOSTILE_TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " ")), max_size=12))
def test_clean_loses_no_line(texts):
    blocks = [Block(((n, t),)) for n, t in enumerate(texts, start=1)]
    result = clean(blocks, KNOWLEDGE.line_rules, KNOWLEDGE.calendar)
    kept = {line.number for line in result.lines} | {s.line for s in result.set_aside}
    assert kept == {n for n, t in enumerate(texts, start=1) if repair(t)[0]}


@SETTINGS
@given(HOSTILE_TEXT, st.sampled_from(sorted(KNOWLEDGE.languages)))
def test_sentences_cover_every_word_in_order(text, lang):
    text = text.replace("\n", " ").replace("\r", " ")
    known = KNOWLEDGE.languages[lang]
    offsets = split_sentences(text, lang, known.abbreviations, known.months)
    assert all(0 <= a < b <= len(text) for a, b in offsets)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(offsets, offsets[1:], strict=False))
    covered = "".join(text[a:b] for a, b in offsets)
    assert re.findall(r"\w", covered) == re.findall(r"\w", text)


@SETTINGS
@given(HOSTILE_TEXT)
def test_language_is_one_lingua_knows(text):
    """Any of lingua's languages, as an ISO 639-1 code (Bokmål and Nynorsk as languages.yml's `no`)."""
    codes = {language.iso_code_639_1.name.lower() for language in Language.all()} - {"nb", "nn"} | {"no"}
    assert IDENTIFIER.paragraph(text) in {None, *codes}


@SETTINGS
@given(HOSTILE_TEXT, st.sampled_from([None, "de", "da", "nl", "ru", "en", "fr", "ko"]))
def test_matches_are_words_of_the_text(text, lang):
    for match in CLASSIFIER.matches(text, lang):
        assert match.word in text


@SETTINGS
@given(HOSTILE_TEXT)
def test_dates_are_valid_or_none(text):
    found = parse_date(text, KNOWLEDGE.calendar)
    assert found is None or dt.date.fromisoformat(found)


@SETTINGS
@given(st.lists(st.text(min_size=1, max_size=40), max_size=20))
def test_ids_are_unique_and_url_safe(names):
    ids = assign_ids(names)
    assert len(set(ids.values())) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids.values())
    assert all(base_id(n) == "" or i.startswith(base_id(n)) for n, i in ids.items())


@SETTINGS
@given(HOSTILE_TEXT)
def test_escaped_text_shows_the_same_visible_text(text):
    converted = markdown.markdown(f'<p markdown="span">{md_text(text)}</p>', extensions=["md_in_html"])
    visible = html_lib.unescape(converted.removeprefix("<p>").removesuffix("</p>"))
    expected = re.sub(r"[\r\n\u2028\u2029\x85\x0b\x0c]+", " ", text)
    expected = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", expected)
    assert visible.split() == expected.split()  # whitespace may change (tabs become spaces), nothing else


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.seen.add((tag, ""))
        self.seen.update((tag, name) for name, _ in attrs)


def _tags_of_pages(pages: dict[str, str]) -> set[tuple[str, str]]:
    parser = _Tags()
    for text in pages.values():
        parser.feed(markdown.markdown(text, extensions=["md_in_html", "tables", "toc"]))
    return parser.seen


RENDERER = Renderer(ROOT / "site_templates")


def test_template_tags_on_the_seeds(seed_corpus):
    global TEMPLATE_TAGS
    TEMPLATE_TAGS = _tags_of_pages(RENDERER.render_site(seed_corpus))
    assert ("blockquote", "lang") in TEMPLATE_TAGS


TEMPLATE_TAGS: set[tuple[str, str]] = set()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=6))
def test_no_page_holds_a_tag_or_attribute_the_templates_do_not_emit(seed_corpus, lines):
    """Any article text, through every stage and the templates, yields only the templates' markup."""
    if not TEMPLATE_TAGS:
        test_template_tags_on_the_seeds(seed_corpus)
    text = "Soldaten in Kursk, sagte Rutte.\n" + "\n".join(lines)
    source = SourceFile(name="h.md", id="h", raw=text.encode("utf-8", "replace"), text=text,
                        lines=split_lines(text), markdown=True)
    article = process_article(source, KNOWLEDGE, CLASSIFIER, IDENTIFIER)
    corpus = type(seed_corpus)(articles=(article,), topics=seed_corpus.topics, knowledge=KNOWLEDGE, hidden=0)
    seen = _tags_of_pages(RENDERER.render_site(corpus))
    assert seen <= TEMPLATE_TAGS, seen - TEMPLATE_TAGS
