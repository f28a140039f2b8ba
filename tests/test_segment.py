import pytest

from generator.knowledge import load_knowledge
from generator.models import Line
from generator.segment import sentences_of, split_sentences

LANGUAGES = load_knowledge().languages


def split(text, lang):
    known = LANGUAGES[lang]
    return [text[a:b] for a, b in split_sentences(text, lang, known.abbreviations, known.months)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Dies gab er am 28. Oktober bekannt. Das ist z. B. wichtig.",
         ["Dies gab er am 28. Oktober bekannt.", "Das ist z. B. wichtig."]),
        ("de", "Es waren ca. 12.000 Soldaten. Neuer Satz.", ["Es waren ca. 12.000 Soldaten.", "Neuer Satz."]),
        ("de", "Laut ABC bestätigte Rutte am 28. Oktober, dass Soldaten kämpften. Neu.",
         ["Laut ABC bestätigte Rutte am 28. Oktober, dass Soldaten kämpften.", "Neu."]),
        ("da", "Hr. Austin sagde det i Bruxelles. Det er nyt.", ["Hr. Austin sagde det i Bruxelles.", "Det er nyt."]),
        ("nl", "Het gebeurde op 28 okt. 2024 in Brussel. Dat is nieuw.",
         ["Het gebeurde op 28 okt. 2024 in Brussel.", "Dat is nieuw."]),
        ("da", "Det skete den 28 okt. 2024 i Kursk. Mere følger.",
         ["Det skete den 28 okt. 2024 i Kursk.", "Mere følger."]),
        ("en", "Mr. Austin said approx. 10,000 troops were sent. U.S. officials agreed.",
         ["Mr. Austin said approx. 10,000 troops were sent.", "U.S. officials agreed."]),
    ],
)
def test_abbreviations_and_dates_do_not_end_sentences(lang, text, expected):
    assert split(text, lang) == expected


def test_sentences_keep_their_original_lines():
    lines = [Line(7, "Erster Satz über"), Line(8, "zwei Zeilen. Zweiter"), Line(9, "Satz.")]
    sentences = sentences_of(lines, "de", LANGUAGES["de"].abbreviations)
    assert [(s.line, s.end_line) for s in sentences] == [(7, 8), (8, 9)]
    assert sentences[0].pieces == ((7, "Erster Satz über"), (8, "zwei Zeilen."))


def test_seed_sentences_match_the_hand_labels_mostly(seed_corpus):
    """Sentence boundaries measured against the labeler's: at least 85% of labeled sentences are
    exactly one of ours (after the same whitespace and entity repair)."""
    from pathlib import Path

    from generator.clean import repair
    from generator.evaluate import load_labels

    labels = load_labels(Path(__file__).parent / "data" / "dev" / "seed_labels.yml")
    ours = {(a.source.name, repair(s.text)[0]) for a in seed_corpus.articles for s in a.sentences}
    exact = sum((lab.file, repair(lab.text)[0]) in ours for lab in labels)
    assert exact / len(labels) >= 0.85, f"{exact}/{len(labels)}"


@pytest.mark.parametrize(
    ("lang", "text", "count"),
    [
        ("ja", "北朝鮮軍がクルスクに到着した。ロシアは否定した！本当か？はい。", 4),
        ("zh", "朝鲜军队抵达库尔斯克。俄罗斯否认了这一点！真的吗？", 3),
        ("ar", "هل أرسلت كوريا الشمالية جنوداً؟ نعم أرسلت. قال المتحدث ذلك.", 3),
        ("hi", "उत्तर कोरिया ने सैनिक भेजे। रूस ने इनकार किया।", 2),
        ("el", "Έστειλε η Βόρεια Κορέα στρατιώτες; Ναι. Το είπε ο υπουργός.", 3),
        ("hy", "Հյուսիսային Կորեան զորք է ուղարկել։ Ռուսաստանը հերքել է։", 2),
    ],
)
def test_scripts_without_latin_full_stops_are_split(lang, text, count):
    """Languages without data of their own: 。！？ ؟ । ։ and the Greek question mark end sentences."""
    sentences = sentences_of([Line(1, text)], lang, set())
    assert len(sentences) == count
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")


def test_a_point_before_a_lower_case_letter_ends_no_sentence():
    """In a language with no abbreviations listed: "mln." and an ordinal year ("2024.") are followed by
    a lower-case word, which starts no sentence in a script with case."""
    text = "Šiaurės Korėja perdavė apie 12 mln. artilerijos sviedinių. Tai daug."
    assert [text[a:b] for a, b in split_sentences(text, "lt", set())] == [
        "Šiaurės Korėja perdavė apie 12 mln. artilerijos sviedinių.", "Tai daug."]
    text = "Jau kopš 2024. gada oktobra mūsu rīcībā bija informācija. Tā ir."
    assert len(split_sentences(text, "lv", set())) == 2
    # Georgian has capitals in Unicode that no text writes: its sentences stay apart
    assert len(split_sentences("ეს პირველი წინადადებაა. ეს მეორეა. და მესამე.", "ka", set())) == 3
