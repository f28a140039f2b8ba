import pytest

from generator.classify import Classifier, WordSpec, parse_term
from generator.models import Concept, Topic


def topic(slug, terms):
    return Topic(slug, slug, "", (Concept("c", "concept", terms),))


def found(term, text):
    matches = Classifier([topic("t", {"xx": (term,)})]).matches(text, "xx")
    return matches[0].word if matches else None


@pytest.mark.parametrize(
    ("term", "text", "hit"),
    [
        ("*geschoss*", "4,8 Millionen Artilleriegeschosse", "Artilleriegeschosse"),
        ("*container*", "10.000 Transportcontainern", "Transportcontainern"),
        ("북한군*", "북한군이 쿠르스크에 배치됐다", "북한군이"),
        ("soldat*", "nordkoreanske soldater", "soldater"),
        ("*raketter", "ballistiske missilraketter", "missilraketter"),
        ("security council", "the UN Security  Council said", "Security  Council"),
        ("un-sicherheitsrat*", "des UN-Sicherheitsrates", "UN-Sicherheitsrates"),
        ("met", "Dit komt met moed", "met"),
        ("straße", "in der STRASSE", "STRASSE"),
    ],
)
def test_term_syntax(term, text, hit):
    assert found(term, text) == hit


@pytest.mark.parametrize(("term", "text"), [("met", "metal"), ("soldat*", "unsoldatisch"),
                                            ("security council", "security. The council"), ("*raketter", "raketterne")])
def test_terms_match_whole_words_only(term, text):
    assert found(term, text) is None


def test_parse_term():
    assert parse_term("un-sicherheitsrat*") == (WordSpec("un", False, False), WordSpec("sicherheitsrat", False, True))
    assert parse_term("*Geschoss*") == (WordSpec("geschoss", True, True),)


def test_terms_are_matched_in_the_sentence_language():
    classifier = Classifier([topic("meetings", {"en": ("met",), "nl": ("ontmoet*",)})])
    assert classifier.matches("Dit komt doordat ze vechten met moed.", "nl") == ()
    assert classifier.matches("Rutte met Yoon in Seoul.", "en")[0].word == "met"
    # a language without terms has only the neutral ones: the classifier names its concepts
    assert classifier.matches("Rutte met Yoon.", "sv") == ()


def test_neutral_terms_apply_to_every_language():
    classifier = Classifier([topic("un", {"*": ("g7",), "de": ("gipfel",)})])
    assert classifier.matches("Das G7-Treffen", "de")[0].word == "G7"


def test_every_match_says_why(classifier):
    matches = classifier.matches("Nordkorea hat 10.000 Soldaten nach Kursk geschickt.", "de")
    assert {(m.topic, m.concept, m.word) for m in matches} >= {
        ("troop-deployment", "soldiers", "Soldaten"), ("troop-deployment", "deployment", "Kursk")}
