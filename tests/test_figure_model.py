"""Figures in any language (issue 18): CLDR's scale words, symbols, units and calendars read numbers
of a language without hand-written data; the sentence model (figure_model.py) says what each counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from generator import cldr
from generator.figure_model import NONE, FigureModel, Regression, decide_figures, number_span, window
from generator.figure_training import labelled_rows
from generator.figures import PENDING
from generator.knowledge import DataError, load_knowledge
from generator.models import Figure, Sentence


@pytest.fixture(scope="module")
def finder():
    return load_knowledge().figures


def test_cldr_gives_scale_words_in_every_plural_form():
    assert cldr.scales("el")["χιλιάδες"] == 1_000 and cldr.scales("el")["χιλιάδα"] == 1_000
    assert cldr.scales("tr")["milyar"] == 1e9
    assert cldr.scales("ja")["万"] == 1e4 and cldr.scales("ja")["億"] == 1e8
    assert cldr.scales("hi")["लाख"] == 1e5 and cldr.scales("hi")["करोड़"] == 1e7
    assert cldr.scales("ar")["ملايين"] == 1e6
    assert "k" not in cldr.scales("en")  # one-letter abbreviations are left out
    assert cldr.scales("xx") == {} and cldr.scales(None) == {}


def test_cldr_units_symbols_months_and_date_suffixes():
    assert {"%", "χιλιόμετρα", "ώρες"} <= cldr.unit_words("el")
    assert "ανά" not in cldr.unit_words("el")  # "per" is no unit
    assert cldr.symbols("ar") in {("٫", "٬"), (".", ",")} and cldr.symbols("fa") == ("٫", "٬")
    assert cldr.months("el")["ιουνίου"] == 6 and cldr.months("fi")["kesäkuuta"] == 6
    assert {"年", "月", "日"} <= cldr.date_suffixes("ja") and cldr.weekdays("el")["τετάρτη"] == 2


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("el", "Περίπου 12.000 Βορειοκορεάτες στρατιώτες και 2,5 δισ. ευρώ", [12_000, 2.5e9]),
    ("tr", "Kuzey Kore 12 bin asker ve 1,5 milyar dolarlık mühimmat gönderdi", [12_000, 1.5e9]),
    ("ja", "北朝鮮兵約１万２０００人がクルスク州に", [12_000]),
    ("ar", "أرسلت كوريا الشمالية ١٢٬٠٠٠ جندي و 5 ملايين قذيفة", [12_000, 5e6]),
    ("hi", "उत्तर कोरिया ने 12,000 सैनिक और ३ लाख गोले भेजे", [12_000, 3e5]),
    ("fi", "Pohjois-Korea lähetti 12 000 sotilasta ja 3 miljoonaa ammusta", [12_000, 3e6]),
    # a scale word glued to the next word where words have no spaces; two glued scales multiply
    ("th", "ได้รับสูงสุดถึง 5,500 ล้านดอลลาร์สหรัฐ หรือราว 1.8 แสนล้านบาท", [5.5e9, 1.8e11]),
    # ... but a short scale word starting another word is none ("พันธมิตร" allies, "พันเอก" colonel)
    ("th", "12 พันธมิตร และ 2 พันเอก", [12, 2]),
    # a long scale word alone, also of three letters, and after a Hebrew prefix letter ("about")
    ("pt", "a Coreia do Norte enviará mil sapadores", [1_000]),
    ("tr", "yaklaşık bin askerin de yaralandığını", [1_000]),
    ("he", "בנוסף, כאלף חבלני הנדסה צפון קוריאנים", [1_000]),
    # a unit CLDR writes after the number ("5 से॰", five seconds) does not hide a number after it
    ("hi", "रूस को उत्तर कोरिया से १२ लाख से अधिक तोप के गोले मिले", [1.2e6]),
])
def test_numbers_of_a_language_without_data_wait_for_the_model(finder, language, text, expected):
    found = finder.find(text, language)
    assert [f.value for f in found] == expected
    assert {f.counts for f in found} == {PENDING}


@pytest.mark.parametrize(("language", "text"), [
    ("el", "Στις 15 Ιουνίου 2024 η αύξηση ήταν 30 % σε απόσταση 40 χιλιόμετρα μέσα σε 48 ώρες"),
    ("ja", "2024年11月28日に発表、48時間以内に"),
    ("tr", "yüzde 30 artış, 152 mm"),
])
def test_dates_percentages_distances_and_durations_are_no_candidates(finder, language, text):
    assert finder.find(text, language) == ()


def test_a_language_with_counted_nouns_is_read_with_its_words(finder):
    found = finder.find("Rund 12.000 Soldaten und 4,8 Millionen Granaten", "de")
    assert [(f.value, f.counts) for f in found] == [(12_000, "troops"), (4.8e6, "shells")]


def test_windows_mark_the_number_and_cut_at_spaces():
    text = "Nach Angaben aus Seoul sind rund 12.000 nordkoreanische Soldaten in der Region Kursk stationiert worden"
    start, end = number_span(text, "rund 12.000")
    assert text[start:end] == "12.000"
    assert window(text, start, end, (20, 30)) == "Seoul sind rund [12.000] nordkoreanische Soldaten in"
    # a Chinese character counts three letters: the narrow window stays within the clause
    text = "朝鲜迄今共向俄罗斯派遣约1.5万名兵力，其中约4700人死伤，包括600多名阵亡者。"
    start = text.index("1.5")
    assert window(text, start, start + 3, (20, 30)) == "向俄罗斯派遣约[1.5]万名兵力，其中约4700人"


def _model(outputs: tuple[str, ...], column: int, columns: int = 8) -> Regression:
    """A regression that reads only feature `column`: the higher it is, the later the output it picks
    (features: a one-number wide window, narrow window and sentence vector, then numeric's five)."""
    weights = np.zeros((columns, len(outputs)), dtype=np.float32)
    weights[column, :] = np.arange(len(outputs))
    return Regression(outputs, np.zeros(columns, np.float32), np.ones(columns, np.float32), weights,
                      np.zeros(len(outputs), np.float32))


def test_decided_numbers_become_figures_and_none_is_dropped():
    pending = (Figure("12.000", 12_000, PENDING), Figure("15", 15, PENDING))
    sentence = Sentence("Περίπου 12.000 στρατιώτες, 15 Ιουνίου", 1, 1, "el", pending=pending)

    def vectors(texts):  # the first window says troops, the second none
        return np.array([[3.0 if "12.000]" in t else -3.0] for t in texts], dtype=np.float32)  # none at 0.95

    model = FigureModel(_model(("none", "troops"), 0), None)
    decided = decide_figures([sentence], np.zeros((1, 1), np.float32), model, vectors)[0]
    assert [(f.words, f.counts, f.inferred) for f in decided.figures] == [("12.000", "troops", True)]
    assert decided.pending == pending  # kept: the next classifier decides again
    assert FigureModel.from_bytes(model.to_bytes()).counts.outputs == ("none", "troops")


def test_a_malformed_figure_example_names_the_file_and_the_sentence(tmp_path: Path):
    folder = tmp_path / "examples" / "figures"
    folder.mkdir(parents=True)
    (folder / "el.yml").write_text(
        'sentences:\n  - text: "12.000 στρατιώτες"\n    numbers:\n      - {number: "13", counts: troops}\n',
        encoding="utf-8")
    with pytest.raises(DataError, match=r"el\.yml: sentence 1: '13' is not in the text"):
        labelled_rows(tmp_path / "examples")
    (folder / "el.yml").write_text(
        'sentences:\n  - text: "12.000 στρατιώτες"\n    numbers:\n      - {number: "12.000", counts: tanks}\n',
        encoding="utf-8")
    with pytest.raises(DataError, match=r"el\.yml: sentence 1: every number needs"):
        labelled_rows(tmp_path / "examples")


def test_the_shipped_figure_examples_label_every_number(tmp_path: Path):
    from tests.conftest import ROOT

    found = labelled_rows(ROOT / "content/examples")
    assert len(found) > 1_000 and {r.label for r in found} >= {"troops", "casualties", "money", NONE}
    assert all(r.side for r in found if r.label == "casualties")


@pytest.fixture(scope="module")
def dates():
    return load_knowledge().dates


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("el", "Στις 15 Ιουνίου 2024, χθες, την Τετάρτη, τον Αύγουστο του 2023",
     [(2024, 6, 15, None), (None, None, None, None), (None, None, None, 2), (2023, 8, None, None)]),
    ("ja", "2024年11月28日に発表、昨日、水曜日に",
     [(2024, 11, 28, None), (None, None, None, None), (None, None, None, 2)]),
    ("hu", "2023 augusztusa óta, hétfőn és februárban", [(2023, 8, None, None), (None, None, None, 0),
                                                       (None, 2, None, None)]),
    ("fi", "eilen keskiviikkona 15. kesäkuuta", [(None, None, None, None), (None, 6, 15, 2)]),
    ("he", "ביום ראשון ובאפריל", [(None, None, None, 6), (None, 4, None, None)]),
    # months written with their number after a word (CLDR's "tháng 10"), with a year or alone
    ("vi", "kể từ tháng 10/2025, tháng 3 năm 2024 và tháng 5",
     [(2025, 10, None, None), (2024, 3, None, None), (None, 5, None, None)]),
    # CLDR's word for "year" before or after a year; a month after a year and that word keeps its year
    ("vi", "tính từ năm 2023", [(2023, None, None, None)]),
    ("et", "alates 2022. aastast ja 2024. aasta oktoobrist", [(2022, None, None, None), (2024, 10, None, None)]),
    # a day right after "next month": that day of that month
    ("ja", "侵略は来月24日で丸3年", [(None, None, 24, None)]),
])
def test_dates_of_a_language_without_data_come_from_cldr(dates, language, text, expected):
    found = dates.find(text, language)
    assert [(m.year, m.month, m.day, m.weekday) for m in found] == expected


def test_a_three_letter_word_is_no_month_alone(dates):
    assert dates.find("NIS raporuna göre", "tr") == ()  # "Nis" is April's abbreviation too


def test_a_buddhist_era_year_is_read_as_its_gregorian_year(dates):
    from generator.dates import gregorian

    assert [(m.year, m.month, m.day) for m in dates.find("เมื่อวันที่ 8 ตุลาคม 2567", "th")] == [(2024, 10, 8)]
    assert gregorian(2024) == 2024 and gregorian(2567) == 2024


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("el", "στη Μάλτα τον επόμενο μήνα", [(1, "month")]),  # CLDR: "επόμενος μήνας"
    ("cs", "v příštím měsíci přijede", [(1, "month")]),  # CLDR: "příští měsíc"
    ("hu", "ezt azt évet", []),  # a short word of a phrase takes no ending ("ez az év")
])
def test_relative_phrases_are_read_inflected(dates, language, text, expected):
    assert [(m.shift, m.unit) for m in dates.find(text, language)] == expected
