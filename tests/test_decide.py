"""The trained classifier (topic_model.py, decide.py) on sentences no example holds, in languages
with and without terms: topics, debris, the story's relevance, inferred concepts, cutoffs, caps."""

from dataclasses import replace

import pytest

from generator import decide as decide_module
from generator.classify import Classifier
from generator.decide import decide
from generator.models import Article, Paragraph, Sentence, SourceFile


def classify(model, texts, language="en"):
    terms = Classifier(model.topics)
    sentences = [Sentence(text=t, line=i + 1, end_line=i + 1, language=language, matches=terms.matches(t, language))
                 for i, t in enumerate(texts)]
    vectors = model.vectors(texts)
    return decide(sentences, vectors, model.model, model.topics, model.settings)


@pytest.mark.parametrize(
    ("language", "text", "topic"),
    [
        ("el", "Χιλιάδες Βορειοκορεάτες στρατιώτες πολεμούν πλέον στο πλευρό των Ρώσων στην περιοχή του Κουρσκ.",
         "troop-deployment"),
        ("tr", "Kuzey Kore, Rusya'ya milyonlarca top mermisi ve balistik füze gönderdi.", "munitions-transfers"),
        ("ja", "北朝鮮はロシアに数百万発の砲弾と弾道ミサイルを送った。", "munitions-transfers"),
        ("de", "Die Bundesregierung verurteilte die Entsendung nordkoreanischer Soldaten nach Russland scharf.",
         "diplomatic-reactions"),
    ],
)
def test_clear_sentences_land_on_their_topic(sentence_model, language, text, topic):
    [sentence] = classify(sentence_model, [text], language)
    assert topic in sentence.topics
    assert sentence.score(topic) >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Nachts traf eine russische Drohne ein Wohnhaus in Odesa; drei Menschen wurden verletzt.",
        "Η Εθνική Ελλάδας κέρδισε χθες το φιλικό με 2-0.",
        "東京株式市場で日経平均株価は3日続落した。",
    ],
)
def test_sentences_outside_the_story_are_on_no_topic(sentence_model, text):
    [sentence] = classify(sentence_model, [text])
    assert sentence.topics == ()


def test_page_furniture_is_debris_and_on_no_topic(sentence_model):
    [byline, credit] = classify(sentence_model, ["By John Smith, Reuters", "Φωτογραφία: Reuters/Kim Hong-Ji"])
    assert byline.debris and credit.debris
    assert byline.topics == credit.topics == ()


def test_every_topic_gets_a_relevance(sentence_model):
    [sentence] = classify(sentence_model, ["North Korean troops arrived in Kursk."])
    assert [slug for slug, _ in sentence.relevance] == [t.slug for t in sentence_model.topics]
    assert all(0 <= value <= 1 for _, value in sentence.relevance)


def test_a_language_without_terms_gets_inferred_concepts(sentence_model):
    [sentence] = classify(sentence_model, ["北朝鮮はロシアに数百万発の砲弾と弾道ミサイルを送った。"], "ja")
    assert "munitions-transfers" in sentence.topics
    inferred = [m for m in sentence.matches if m.inferred]
    assert inferred and all(m.topic in sentence.topics and m.word == "" for m in inferred)
    assert {"shells", "missiles"} & {m.concept for m in inferred}


def test_a_topic_explained_by_terms_gets_no_inferred_concept(sentence_model, classifier):
    text = "Nordkorea hat 10.000 Soldaten nach Kursk geschickt."
    sentence = Sentence(text=text, line=1, end_line=1, language="de", matches=classifier.matches(text, "de"))
    vectors = sentence_model.vectors([text])
    [decided] = decide([sentence], vectors, sentence_model.model, sentence_model.topics, sentence_model.settings)
    assert "troop-deployment" in decided.topics
    assert not [m for m in decided.matches if m.inferred and m.topic == "troop-deployment"]


def test_the_topic_threshold_of_topics_yml_decides(sentence_model):
    text = "North Korean soldiers were seen near Kursk."
    [usual] = classify(sentence_model, [text])
    strict = replace(sentence_model, topics=tuple(replace(t, threshold=0.999999) for t in sentence_model.topics))
    [after] = classify(strict, [text])
    assert "troop-deployment" in usual.topics and after.topics == ()


def test_context_comes_from_the_neighbouring_sentences(sentence_model):
    """The same sentence scores differently after a sentence naming North Korean soldiers."""
    text = "They were issued Russian uniforms and papers from Buryatia."
    alone = classify(sentence_model, [text])[0].score("troop-deployment")
    after = classify(sentence_model, ["Thousands of North Korean soldiers have arrived in Russia.", text])[1]
    assert after.score("troop-deployment") > alone


def test_an_article_past_the_cap_is_classified_up_to_it(sentence_model, monkeypatch):
    monkeypatch.setattr(decide_module, "MAX_SENTENCES", 2)
    texts = ["North Korean troops arrived in Kursk.", "Pyongyang sent shells to Russia.",
             "NATO condemned the deployment of North Korean soldiers."]
    sentences = tuple(Sentence(text=t, line=i + 1, end_line=i + 1, language="en") for i, t in enumerate(texts))
    article = Article(source=SourceFile(name="long.txt", id="long", raw=b""), metadata=None,
                      paragraphs=(Paragraph((1, 2, 3), sentences),))
    classified = sentence_model.classify(article)
    assert classified.sentences[0].topics and classified.sentences[2].topics == ()
    [problem] = classified.problems
    assert problem.file == "long.txt" and problem.line == 3 and "first 2" in problem.message


def test_a_very_long_sentence_is_read_from_its_beginning(sentence_model):
    text = "North Korean troops arrived in Kursk. " + "x" * 200_000
    sentences = (Sentence(text=text, line=4, end_line=4, language="en"),)
    article = Article(source=SourceFile(name="big.txt", id="big", raw=b""), metadata=None,
                      paragraphs=(Paragraph((4,), sentences),))
    classified = sentence_model.classify(article)
    [problem] = classified.problems
    assert problem.level == "info" and problem.line == 4 and "200,038 characters" in problem.message
