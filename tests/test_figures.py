"""Key figures (issue 4, first part): quantities found in every notation, what they count, and the
/figures/ page. Scored against the hand-made answer key of the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.figures import figure_rules
from generator.knowledge import DataError, load_knowledge
from tests.conftest import ROOT
from tests.helpers import build, read_page

KEY = ROOT / "tests/data/facts/seeds_expected.yml"


@pytest.fixture(scope="module")
def finder():
    return load_knowledge().figures


def found(finder, text: str, language: str | None) -> list[tuple]:
    return [(f.value, f.high, f.qualifier, f.counts, f.vague) for f in finder.find(text, language)]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("de", "Etwa 10.000 nordkoreanische Soldaten", (10000, None, "about", "troops", False)),
    ("da", "i alt 12.000 soldater", (12000, None, None, "troops", False)),
    ("de", "4,8 Millionen Artilleriegeschosse", (4.8e6, None, None, "shells", False)),
    ("da", "over otte millioner artilleri", (8e6, None, "more than", "shells", False)),
    ("de", "einer Million Granaten", (1e6, None, None, "shells", False)),
    ("en", "6 million artillery shells", (6e6, None, None, "shells", False)),
    ("en", "13,000 containers", (13000, None, None, "containers", False)),
    ("de", "Tausende Container", (None, None, None, "containers", True)),
    ("no", "14 000 soldater", (14000, None, None, "troops", False)),
    ("de", "14’000 Soldaten", (14000, None, None, "troops", False)),
    ("ru", "6 млн снарядов", (6e6, None, None, "shells", False)),
    ("it", "10mila soldati", (10000, None, None, "troops", False)),
    ("ko", "북한군 1만 명", (10000, None, None, "troops", False)),
    ("nl", "zes miljoen granaten", (6e6, None, None, "shells", False)),
    ("en", "at least 3,000 troops", (3000, None, "at least", "troops", False)),
    ("da", "op til 12.000 soldater", (12000, None, "up to", "troops", False)),
    ("de", "schätzungsweise 10.000 Soldaten", (10000, None, "about", "troops", False)),
    ("en", "10,000–12,000 soldiers", (10000, 12000, None, "troops", False)),
    ("pl", "od 10 do 12 tysięcy żołnierzy", (10000, 12000, None, "troops", False)),
    ("de", "10 bis 12 Tausend Soldaten", (10000, 12000, None, "troops", False)),
    ("de", "Mehr als 600.000 russische Soldaten wurden getötet oder verwundet",
     (600000, None, "more than", "casualties", False)),
    ("en", "a $2 billion loan", (2e9, None, None, "money", False)),
    ("en", "0.125 million soldiers", (125000, None, None, "troops", False)),
    ("de", "0,004 Millionen Euro", (4000, None, None, "money", False)),
    # "between X and Y", a scale word after the high end covering both
    ("da", "mellem 4 og 6 milliarder dollar", (4e9, 6e9, None, "money", False)),
    ("en", "between $2.5 billion and $3.5 billion", (2.5e9, 3.5e9, None, "money", False)),
    # a noun four words on; Korean scales past 만 and units after the last scale word
    ("en", "at least 220 short-range ballistic missiles", (220, None, "at least", "missiles", False)),
    ("ko", "포탄 1천만 발", (1e7, None, None, "shells", False)),
    ("ko", "2조7천억 원", (2.7e12, None, None, "money", False)),
    ("ko", "최소 4천600명이 숨지거나 다쳤다", (4600, None, "at least", "casualties", False)),
    # Korean: a scale after the units ("1천200만" is 1,200 ten-thousands), a scale with a particle, "∼"
    ("ko", "포탄 1천200만 발 넘게", (1.2e7, None, "more than", "shells", False)),
    ("ko", "5천여 명이 죽거나 다친", (5000, None, "more than", "casualties", False)),
    ("ko", "3천5백만 달러", (3.5e7, None, None, "money", False)),
    ("ko", "3천명이 파병됐다", (3000, None, None, "troops", False)),
    ("ko", "단거리 탄도미사일 200∼250발", (200, 250, None, "missiles", False)),
    # casualty words before the figure ("lost", "о гибели"); a currency sign before a duration
    ("en", "North Korea has lost 2,300 soldiers", (2300, None, None, "casualties", False)),
    ("ru", "заявили о гибели около 400 военных КНДР", (400, None, "about", "casualties", False)),
    ("en", "has pledged £3bn a year in aid", (3e9, None, None, "money", False)),
    # ... but things counted by name stay what they are; a word that starts like a scale is none
    ("ko", "20 조선인민군 병사", (20, None, None, "troops", False)),
    # losses in another clause are not these troops'; a casualty word right after the comma is theirs
    ("pl", "wysłała co najmniej 3 tys. żołnierzy, którzy mają uzupełnić straty",
     (3000, None, "at least", "troops", False)),
    ("es", "más de 4.700 soldados norcoreanos, muertos o heridos", (4700, None, "more than", "casualties", False)),
    # a number word one word before its noun; "two dozen", "20 bln wonów", "2,2 трлн грн"
    ("de", "Drei nordkoreanische Soldaten sollen in Gefangenschaft geraten sein", (3, None, None, "casualties", False)),
    ("en", "about two dozen soldiers were killed", (24, None, "about", "casualties", False)),
    ("uk", "понад 2,2 трлн грн на рік", (2.2e12, None, "more than", "money", False)),
    ("pl", "przeznaczy na obronność 186,6 mld zł", (1.866e11, None, None, "money", False)),
    ("no", "Flere hundre av dem skal ha blitt drept", (None, None, None, "casualties", True)),
    # "some", "a number of" before a counted noun: vague
    ("en", "several hundred tanks", (None, None, None, "other", True)),
    ("en", "a few dozen North Korean soldiers", (None, None, None, "troops", True)),
    # the longest stem a word holds, or a compound's last noun, says what is counted
    ("de", "zwei Dutzend Raketenwerfer", (24, None, None, "other", False)),
    ("en", "200 rocket launchers", (200, None, None, "other", False)),
    ("fr", "une centaine de lance-roquettes", (100, None, None, "other", False)),
    ("pl", "dziesiątki pocisków balistycznych", (None, None, None, "missiles", True)),
    # whole-word stems: "kr" is kroner, not "krig"; Italian "perso" is lost, not "persone"
    ("da", "over 60 mia. kr.", (6e10, None, "more than", "money", False)),
    ("it", "avrebbero perso centinaia di uomini", (None, None, None, "casualties", True)),
    # a scale word alone, tens as words, demonyms
    ("de", "tausend Pioniere", (1000, None, None, "troops", False)),
    ("uk", "щонайменше тисяча загиблих", (1000, None, "at least", "casualties", False)),
    ("nl", "minstens veertig doden", (40, None, "at least", "casualties", False)),
    ("en", "roughly 11,000 North Koreans", (11000, None, "about", "troops", False)),
    # ranges: "tra i ... e i ...", a currency sign on both ends, thousands written once
    ("it", "tra i 12 e i 13 milioni di proiettili", (1.2e7, 1.3e7, None, "shells", False)),
    ("en", "value at $5bn to $6bn", (5e9, 6e9, None, "money", False)),
    ("sv", "12–14 000 nordkoreanska soldater", (12000, 14000, None, "troops", False)),
    # a number word two words before its noun, and before things of other kinds
    ("en", "Ukraine captures two North Korean soldiers", (2, None, None, "casualties", False)),
    ("sv", "visar två ryska transportplan av typen Il-76", (2, None, None, "other", False)),
    # number words and scale words written as one, "twenty-five", "trois cents", approximations
    ("de", "darunter zwölftausend Soldaten", (12000, None, None, "troops", False)),
    ("en", "led by twenty-five officers", (25, None, None, "troops", False)),
    ("fr", "trois cents lance-roquettes multiples", (300, None, None, "other", False)),
    ("fr", "dont une quinzaine de généraux", (15, None, None, "troops", False)),
    ("sv", "ett sextiotal ballistiska robotar", (60, None, None, "missiles", False)),
    # a currency sign says money whatever follows; a range's scale word makes the low end a figure
    ("en", "paying up to $2,000 a month per soldier", (2000, None, "up to", "money", False)),
    # a participle is no compound's head, and money stays money
    ("de", "Die Ukraine hat 50 Panzer verloren.", (50, None, None, "other", False)),
    ("en", "The EU approved a 50 billion euro package", (5e10, None, None, "money", False)),
    # a figure naming no noun: the counted noun before it, in the same clause only
    ("en", "Russian troops attacked Kharkiv, a city of about 1.4 million.", (1.4e6, None, "about", "other", False)),
    ("nl", "We zien elke week tien tot twaalf treinen", (10, 12, None, "other", False)),
    ("en", "North Korean casualties had already reached nearly 4,000", (4000, None, "nearly", "casualties", False)),
])
def test_a_quantity_in_each_notation(finder, language, text, expected):
    assert found(finder, text, language) == [expected]


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Am 28. Oktober 2024 sagte Rutte in Brüssel etwas."),
    ("de", "Der Krieg dauert seit 3-6 Monaten an."),
    ("de", "Waffen kommen an die Front/Channel 24 Collage"),
    ("de", "Kommentare (0)"),
    ("ko", "북한이 2023년 9월 이후 러시아에 포탄을 보냈다"),  # the month of a date, then shells without a number
    ("ko", "안보리 결의 2375호를 위반했다"),  # resolution No. 2375
    # ordinals written with a glued ending; a calibre named before the number
    ("sv", "EU enades om det 17:e sanktionspaketet"),
    ("es", "su 18º paquete de sanciones"),
    ("uk", "разом із російською 810-ю бригадою"),
    ("en", "the 3rd brigade"),
    ("ko", "병사 대부분은 20대 초반으로, 11군단 소속이다"),  # an age, a unit's number
    # Italian "mia"/"mio" (my) are no scale words alone; Korean 열 is "open"; 문 alone counts guns only;
    # a number word far from its noun, past a verb, counts nothing
    ("it", "la mia brigata ha resistito"),
    ("ko", "북한은 다음 주 회의를 열 예정이라고 군 관계자가 밝혔다."),
    ("ko", "정부는 30개 문서를 공개했다."),
    ("en", "Two sources said troops were moving."),
    ("en", "The two leaders discussed tank deliveries."),
    ("uk", "снарядів калібру 122 і 152 мм"),
    ("it", "Sono state evacuate 300 persone dalla zona."),
    ("uk", "снаряди калібру 152 мм"),  # a calibre
    ("sv", "granater av kaliber 152 mm"),
    ("ru", "в четверг, 13 июня, заявил"),
    ("nl", "Bron: NAVO 28-10-2024"),
    ("en", "In 2023 the talks began for the first time."),
    ("de", "Zum 3. Mal traf er ihn im September 2023."),
    ("ko", "2024년 10월 28일 밝혔다"),
    ("en", "9" * 400 + " soldiers"),
    ("de", "9" * 300 + " Milliarden Soldaten"),
    ("de", "Viele Länder reagierten."),  # "many" before no counted noun
    # Not the story's quantities (issue "What an analyst trusts"): a distance, an area, a
    # percentage, "some" or "many" without a number, money without a currency
    ("de", "ein ehemaliger U-Boot-Stützpunkt, der etwa 180 Kilometer entfernt liegt"),
    ("en", "Russia lost 400 square kilometres"),
    ("en", "North Korea supplies about 40 percent of the shells"),
    ("de", "Nordkorea liefert etwa 40 Prozent der Granaten"),
    ("de", "es gebe viele Teenager und junge Menschen"),
    ("en", "soldiers aged 18 to 25"),  # ages
    ("en", "a 19-year-old North Korean soldier was captured"),
    ("de", "ein 19 Jahre alter nordkoreanischer Soldat"),
    ("de", "eine Reihe von Aufklärungssatelliten"),
    ("de", "ein Abkommen, das der Ukraine 50 Milliarden aus russischen Mitteln zur Verfügung stellt"),
    ("en", "the partnership since 2023"),  # "ship" is no counted thing inside "partnership"
])
def test_dates_years_ordinals_durations_and_names_are_not_figures(finder, language, text):
    assert found(finder, text, language) == []


def test_a_sentence_in_an_unknown_language_is_read_with_every_language(finder):
    assert found(finder, "over otte millioner artilleri", None) == [(8e6, None, "more than", "shells", False)]


def key_figures() -> list[dict]:
    return yaml.safe_load(KEY.read_text(encoding="utf-8"))["figures"]


def test_seed_figures_against_the_answer_key(seed_corpus):
    """Precision and recall over the seeds' hand-made key (tests/data/facts/seeds_expected.yml).
    Lines that cleanup sets aside as repeated headlines are never quoted: the key's figures on them
    are counted found when the headline they repeat has them (figure_eval.score_figures). Measured
    1.00 / 0.96: the one miss is "viele Teenager und junge Menschen" (troops only by context)."""
    from generator.figure_eval import load_key_figures, score_figures

    scored = score_figures(seed_corpus, load_key_figures(ROOT / "tests/data/facts/seeds_expected.yml"))
    assert scored.precision >= 0.95 and scored.recall >= 0.95, (scored.precision, scored.recall)
    ours = {(a.source.name, s.line, f.value, f.counts, f.vague)
            for a in seed_corpus.published for s in a.sentences for f in s.figures}
    key = {(k["file"], k["line"], None if k["value"] is None else float(k["value"]), k["counts"],
            bool(k.get("vague"))) for k in key_figures()}
    # Vague or not agrees with the key too.
    print(f"seed figures: precision {scored.precision:.2f}, recall {scored.recall:.2f}")
    assert {o for o in ours if o[:4] in scored.hits} <= key
    # The troop figures the issue names, each from its own source line.
    troops = {(name, value) for name, _, value, counts, vague in ours if counts == "troops" and not vague}
    assert {v for _, v in troops} == {1500.0, 10000.0, 12000.0}


@pytest.mark.parametrize(("language", "text", "expected"), [
    # A partitive counts what the figure before it counts; casualty words before it make casualties.
    ("de", "Seoul zählt 11.000 nordkoreanische Soldaten, einige von ihnen in Kursk.",
     [(11000, None, None, "troops", False)]),  # "einige von ihnen" is no amount
    ("de", "Getötet oder verwundet wurden seit Beginn ihres Einsatzes schätzungsweise 2.600 von ihnen.",
     [(2600, None, "about", "casualties", False)]),
    ("da", "Mindst 11.500 soldater er sendt. Omkring 4.000 af dem er dræbt eller såret.",
     [(11500, None, "at least", "troops", False), (4000, None, "about", "casualties", False)]),
    # "some", "flere" before a number qualify it: one figure, not a vague one and a number
    ("en", "some 13,000 containers", [(13000, None, "about", "containers", False)]),
    ("da", "flere end 10.000 soldater", [(10000, None, "more than", "troops", False)]),
    # A partitive before the figure, with no noun after it: what the figure before counts
    ("it", "sono schierati circa 12mila soldati nordcoreani, di cui almeno 3 mila già impegnati",
     [(12000, None, "about", "troops", False), (3000, None, "at least", "troops", False)]),
    # The noun after a year belongs to the number after it
    ("sv", "har sedan 2023 skickat minst 9 500 containrar", [(9500, None, "at least", "containers", False)]),
])
def test_partitives_and_words_that_qualify_numbers(finder, language, text, expected):
    assert found(finder, text, language) == expected


def test_a_malformed_figures_file_is_named(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("languages.yml", "boilerplate.yml"):
        (data / name).write_text((ROOT / "generator/data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (data / "figures.yml").write_text("counts:\n  weapons: {en: [gun]}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"figures\.yml: counts: unknown categories \['weapons'\]"):
        load_knowledge(data)
    with pytest.raises(ValueError, match="scales: every word needs a number"):
        figure_rules({"scales": {"en": {"million": "many"}}})


@pytest.fixture(scope="module")
def figures_page(tmp_path_factory, seed_project) -> Path:
    site = tmp_path_factory.mktemp("figures-site")
    result = build(seed_project, site)
    assert result.returncode == 0, result.stderr
    return site / "figures" / "index.html"


def test_the_figures_page_groups_cites_and_shows_the_troop_spread(figures_page):
    html = figures_page.read_text(encoding="utf-8")
    page = read_page(figures_page)
    import html as entities

    shown = entities.unescape(html)
    for heading in ("Troops", "Casualties: Russian", "Shells and ammunition", "Containers"):
        assert f">{heading}<" in shown or f">{heading}<a" in shown
    # Machine-readable values, one row per figure, each citing its line.
    assert 'data-value="12000"' in html and 'data-value="4800000"' in html
    citations = [href for href, _ in page.links if "#L" in href and "/sources/" in href]
    assert len(citations) == html.count('class="briefing-figure"') >= 15
    # The spread: who gives which number of troops, none picked over another.
    spread = html[html.index("Who gives which number"):]
    spread = spread[:spread.index("</p>")]
    for value in ("1,500", "10,000", "12,000"):
        assert f"<strong>{value}</strong>" in spread
    # In the navigation, after the topics.
    nav = html[html.index("md-nav--primary"):]
    assert "Key figures" in nav


@pytest.mark.parametrize(("language", "text", "side"), [
    ("nl", "Meer dan 600.000 Russische soldaten zijn gedood of gewond.", "russian"),
    ("en", "About 200 North Korean soldiers have been killed.", "north-korean"),
    ("ru", "Около 400 военнослужащих КНДР погибли в боях.", "north-korean"),
    ("de", "Mehr als 3.000 Soldaten wurden getötet, meldet Kiew.", None),  # whose: not said beside the number
    ("en", "Kyiv says 1,200 soldiers were killed in Russian strikes.", None),  # who killed them is not whose
])
def test_whose_casualties_a_figure_counts(finder, knowledge, language, text, side):
    from generator.figures import whose

    [figure] = [f for f in finder.find(text, language) if f.counts == "casualties"]
    assert whose(knowledge.figures.rules, figure, text, language) == side


def test_casualties_are_compared_only_side_by_side(knowledge):
    """North Korean and Russian losses are two groups, each with its own spread: not a disagreement."""
    from generator.figure_views import FigureRow, _figure_groups
    from generator.models import Article, Figure, Metadata, Sentence, SourceFile

    article = Article(SourceFile(name="a.txt", id="a", raw=b""), Metadata())

    def row(value: float, side: str | None) -> FigureRow:
        return FigureRow(article, Sentence(f"{value} killed", 1, 1, "en"), Figure(f"{value}", value, "casualties"),
                         href="", side=side)

    groups = _figure_groups([row(200, "north-korean"), row(400, "north-korean"), row(600000, "russian"),
                             row(3000, None)], None)
    assert [(g["title"], g["low"], g["high"]) for g in groups] == [
        ("Casualties: North Korean", "200", "400"), ("Casualties: Russian", "600,000", "600,000"),
        ("Casualties: whose not stated", "3,000", "3,000")]


MADE_UP = ROOT / "tests/data/facts/made_up"


def test_made_up_articles_in_eight_more_languages(tmp_path):
    """Figures of made-up articles in en, es, it, ko, no, pl, ru, uk, keyed by a helper who never saw
    this code or figures.yml (tests/data/facts/made_up/expected.yml). First measured at 0.75/0.70;
    its misses were then used to add words and rules (Korean compounds and counters, casualty words
    before the number), so it is tuning data now: tests/data/facts/made_up2/ is the held-out set."""
    from tests.conftest import corpus_of

    articles = tmp_path / "articles"
    articles.mkdir()
    for path in MADE_UP.glob("*.txt"):
        (articles / path.name).write_bytes(path.read_bytes())
    corpus = corpus_of(articles)
    ours = {(a.source.name, s.line, f.value, f.counts) for a in corpus.published for s in a.sentences
            for f in s.figures}
    key = {(k["file"], k["line"], None if k["value"] is None else float(k["value"]), k["counts"])
           for k in yaml.safe_load((MADE_UP / "expected.yml").read_text(encoding="utf-8"))["figures"]}
    right = len(ours & key)
    values = {o[:3] for o in ours} & {k[:3] for k in key}
    print(f"made-up figures: {len(ours)} found, {len(key)} keyed; value and what it counts: precision "
          f"{right / len(ours):.2f}, recall {right / len(key):.2f}; value only: precision "
          f"{len(values) / len(ours):.2f}, recall {len(values) / len(key):.2f}")
    assert right / len(ours) >= 0.9 and right / len(key) >= 0.9  # measured 0.94, 0.93
    assert len(values) / len(ours) >= 0.95 and len(values) / len(key) >= 0.95  # measured 1.00, 0.98


def test_a_range_and_a_single_value_with_the_same_low_end_are_both_shown(finder):
    import tempfile

    from generator.figure_views import figure_rows, figures_pages
    from generator.views import Limits
    from tests.conftest import corpus_of

    with tempfile.TemporaryDirectory() as folder:
        articles = Path(folder) / "articles"
        articles.mkdir()
        (articles / "a.txt").write_text("Es waren 10 Soldaten in Kursk.\n", encoding="utf-8")
        (articles / "b.txt").write_text("Es waren 10 bis 12 Soldaten in Kursk.\n", encoding="utf-8")
        corpus = corpus_of(articles)
        view = figures_pages(corpus, Limits())[0].view()
    troops = next(g for g in view["groups"] if g["slug"] == "troops")
    assert [value for value, _ in troops["by_value"]] == ["10", "10–12"]
    assert len(figure_rows(corpus.published, "figures/index.md")) == 2


def test_past_the_page_limit_figures_split_by_month_and_each_figure_is_on_one_month_page(seed_corpus):
    from generator.figure_views import figures_pages
    from generator.views import Limits

    total = sum(len(s.figures) for a in seed_corpus.published for s in a.sentences)
    top, *parts = figures_pages(seed_corpus, Limits(page_rows=5, top_quotes=2))
    assert top.src_uri == "figures/index.md" and parts
    view = top.view()
    assert view["count"] == total and view["months"]
    assert all(len(g["rows"]) <= 2 for g in view["groups"])
    on_parts = sum(len(g["rows"]) for spec in parts for g in spec.view()["groups"])
    assert on_parts == total
    assert {spec.src_uri.split("/")[1] for spec in parts} == {month for month, *_ in view["months"]}


def test_the_eval_command_prints_the_figure_scores(capsys):
    from generator.__main__ import main

    assert main(["eval", "--facts-only", "--articles", str(MADE_UP), "--figures", str(MADE_UP / "expected.yml"),
                 "--dates", str(MADE_UP / "no-such-key.yml")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^figures\s+(?:0\.9\d\d|1\.000)\s+(?:0\.9\d\d|1\.000)\s+\d+", out, re.M), out
    assert "dates" not in out.replace("54 figures", "")





def test_a_figure_after_and_counts_its_own_noun(finder):
    """"missiles and 200 artillery pieces": the noun before "and" is the first figure's."""
    assert found(finder, "more than 220 ballistic missiles and 200 artillery pieces", "en") == [
        (220, None, "more than", "missiles", False), (200, None, None, "other", False)]
    # "some 300": "some" qualifies the number, it is no second, vague figure
    assert found(finder, "roughly 11,000 North Koreans, of whom some 300 have been killed", "en") == [
        (11000, None, "about", "troops", False), (300, None, "about", "casualties", False)]
    # a time word is a duration only right after the number: "dont plus de 500 la semaine dernière"
    assert found(finder, "3 800 soldats tués ou blessés, dont plus de 500 la semaine dernière", "fr") == [
        (3800, None, None, "casualties", False), (500, None, "more than", "casualties", False)]
    # a range whose scale word follows its high end is one figure, its low end scaled too
    assert found(finder, "от 10 до 20 млрд долларов и 3–4 млрд, по подсчетам CSIS", "ru") == [
        (1e10, 2e10, None, "money", False), (3e9, 4e9, None, "money", False)]
