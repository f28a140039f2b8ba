"""One article through the per-article stages: blocks -> clean -> language -> segment, then classify.

`analyse_article` (the language stages) is a pure function of the file and the language data files;
`classify_article` adds what depends on topics.yml, its examples and entities.yml (concept terms,
the classifier's topics, entity mentions), `attribute_article` who said each sentence (and the
outlet, from sources.yml). None reads corpus-wide state, so their results are cached per article
(cache.py) and run in a process pool (corpus.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .attribution import Attributor, Name, attribute
from .blocks import read_blocks
from .classify import Classifier
from .clean import clean
from .decide import SentenceModel
from .entities import EntityFinder
from .figures import PENDING
from .knowledge import Knowledge
from .language import LanguageIdentifier
from .models import Article, Line, Metadata, Paragraph, Problem, Sentence, SetAside, SourceFile
from .outlets import Register
from .segment import sentences_of


def _merge(front: Metadata, found: Metadata) -> Metadata:
    """Front matter wins over what cleanup found in the text."""
    values = {k: getattr(front, k) or getattr(found, k) for k in Metadata.__dataclass_fields__}
    if not values["date"] and found.updated:
        values["date"] = found.updated
    return Metadata(**values)


def process_article(source: SourceFile, knowledge: Knowledge, classifier: Classifier,
                    identifier: LanguageIdentifier, entities: EntityFinder | None = None,
                    register: Register | None = None, model: SentenceModel | None = None) -> Article:
    """Everything one file yields on its own; rejected files pass through with their reason."""
    return attribute_article(classify_article(analyse_article(source, knowledge, identifier), classifier, entities,
                                              model), knowledge.speech, register, entities)


def classify_article(article: Article, classifier: Classifier, entities: EntityFinder | None = None,
                     model: SentenceModel | None = None) -> Article:
    """The article with every sentence's concept terms and entity mentions, and its topics as the
    classifier decides them (no model: no topics, as for a build without examples in a test)."""
    paragraphs = tuple(
        replace(paragraph, sentences=tuple(_classify(s, classifier, entities) for s in paragraph.sentences))
        for paragraph in article.paragraphs
    )
    article = replace(article, paragraphs=paragraphs)
    return model.classify(article) if model is not None and article.paragraphs else article


def attribute_article(article: Article, attributor: Attributor | None, register: Register | None = None,
                      entities: EntityFinder | None = None) -> Article:
    """The article with its outlet (outlets.py), and who said each attributed sentence with its
    stance (attribution.py). Claimants are looked for among the sentence's entity mentions (after
    classify_article) and the outlets the register names, which can also be its relay."""
    register = register or Register()
    article = replace(article, outlet=register.of_article(article.metadata))
    if attributor is None or not article.paragraphs:
        return article
    kinds = {e.slug: e.type for e in entities.entities} if entities else {}
    sentences = [s for p in article.paragraphs for s in p.sentences]
    paragraph_of = [i for i, p in enumerate(article.paragraphs) for _ in p.sentences]
    found = [attributor.find(s.text, s.language, _names(s, register, kinds)) for s in sentences]
    attributions = iter(attribute(found, paragraph_of, [s.text for s in sentences]))
    return replace(article, paragraphs=tuple(
        replace(p, sentences=tuple(replace(s, attribution=next(attributions)) for s in p.sentences))
        for p in article.paragraphs))


def _classify(sentence: Sentence, classifier: Classifier, entities: EntityFinder | None) -> Sentence:
    matches = classifier.matches(sentence.text, sentence.language)
    found = entities.find(sentence.text, sentence.language) if entities else ()
    return replace(sentence, matches=matches, entities=found,
                   candidates=entities.candidates(sentence.text, sentence.language, found) if entities else ())


def _names(sentence: Sentence, register: Register, kinds: dict[str, str]) -> list[Name]:
    """A sentence's entity mentions, and the register's outlets where no entity is named."""
    names = [Name(m.start, m.end, m.words, m.entity, kinds.get(m.entity, "unknown"), m.name) for m in sentence.entities]
    taken = [(m.start, m.end) for m in sentence.entities]
    names += [Name(start, end, sentence.text[start:end], None, "outlet")
              for start, end, _ in register.mentions(sentence.text) if not any(start < e and s < end for s, e in taken)]
    return sorted(names, key=lambda n: n.start)


def rejected_article(source: SourceFile) -> Article:
    """A file that cannot be published passes through with its reason (no stage runs on it)."""
    return Article(source=source, metadata=source.front_matter, problems=source.problems)


def analyse_article(source: SourceFile, knowledge: Knowledge, identifier: LanguageIdentifier) -> Article:
    """The language stages of one file: cleaned lines, paragraphs, sentences and their languages."""
    if source.rejected:
        return rejected_article(source)
    cleaned = clean(read_blocks(source), knowledge.line_rules, knowledge.calendar,
                    front_matter=source.lines[: source.body_start - 1], title=source.front_matter.title)
    by_number = {line.number: line for line in cleaned.lines}
    paragraphs = []
    texts = [" ".join(by_number[n].text for n in numbers) for numbers in cleaned.paragraphs]
    languages = identifier.paragraphs(texts, source.front_matter.language)
    for numbers, text, language in zip(cleaned.paragraphs, texts, languages, strict=True):
        lines = [by_number[n] for n in numbers]
        known = knowledge.languages.get(language or "")
        abbreviations = known.abbreviations if known else frozenset()
        months = known.months if known else {}
        sentences = []
        for sentence in sentences_of(lines, language, abbreviations, months):
            # A paragraph that is one sentence already has that sentence's language.
            own = language if sentence.text == text else identifier.sentence(sentence.text, language)
            figures = knowledge.figures.find(sentence.text, own) if knowledge.figures else ()
            dates = knowledge.dates.find(sentence.text, own) if knowledge.dates else ()
            sentences.append(replace(sentence, language=own, figures=tuple(f for f in figures if f.counts != PENDING),
                                     pending=tuple(f for f in figures if f.counts == PENDING), dates=dates))
        paragraphs.append(Paragraph(tuple(numbers), tuple(sentences), language,
                                    heading=all(line.heading for line in lines)))
    shares: Counter[str] = Counter()
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            shares[sentence.language or "und"] += len(sentence.text)
    main = source.front_matter.language or (shares.most_common(1)[0][0] if shares else None)
    return Article(
        source=source,
        metadata=replace(_merge(source.front_matter, cleaned.metadata), language=main),
        paragraphs=tuple(paragraphs),
        set_aside=_dated(cleaned.set_aside, knowledge, main),  # "9 sep. 2025": read in the article's language
        repaired=tuple(line for line in cleaned.lines if line.repairs),
        languages=tuple(code for code, _ in shares.most_common() if code != "und"),
        problems=(*source.problems, *_repair_warnings(source.name, cleaned.lines)),
    )


# Set-aside lines whose dates are shown on the timeline: a dateline says when the article was
# published or updated ("Bijgewerkt: 28 november 2024"), quoted from its own line.
_DATED_REASONS = ("dateline",)


def _dated(set_aside: tuple[SetAside, ...], knowledge: Knowledge, language: str | None) -> tuple[SetAside, ...]:
    if knowledge.dates is None:
        return set_aside
    return tuple(replace(s, dates=knowledge.dates.find(s.text, language)) if s.reason in _DATED_REASONS else s
                 for s in set_aside)


# Repairs that change what a reader could see in the file (rather than scraping debris) are named
# in the build log, so `mkdocs build --strict` can refuse them.
_WARNED_REPAIRS = ("invisible or control characters removed",)


def _repair_warnings(name: str, lines: tuple[Line, ...]) -> tuple[Problem, ...]:
    numbers = [line.number for line in lines if any(r in _WARNED_REPAIRS for r in line.repairs)]
    if not numbers:
        return ()
    shown = ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
    return (Problem(name, f"repaired: invisible or control characters removed on lines {shown}", numbers[0]),)
