"""The timeline (issue 4): date mentions in every notation (timeline.py, data/dates.yml), placed
against the article's date (chronology.py), scored against hand-made keys, and the /timeline/ page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.chronology import events_of
from generator.evaluate import load_key_dates, score_dates
from generator.knowledge import DataError, load_knowledge
from generator.models import Article, Metadata, Paragraph, Sentence, SourceFile
from generator.timeline import date_words
from tests.conftest import ROOT, corpus_of
from tests.helpers import build, read_page

SEEDS_KEY = ROOT / "tests/data/facts/seeds_expected.yml"
MADE_UP = ROOT / "tests/data/facts/dates_made_up"


@pytest.fixture(scope="module")
def finder():
    return load_knowledge().dates


def mentions(finder, text: str, language: str | None) -> list[tuple]:
    return [(m.words, m.written, m.weekday, m.shift, m.unit) for m in finder.find(text, language)]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("nl", "Bron: NAVO 28-10-2024", [("28-10-2024", "2024-10-28", None, 0, None)]),
    ("de", "am 28.10.2024 in Brüssel", [("28.10.2024", "2024-10-28", None, 0, None)]),
    ("nl", "op 28 oktober 2024 in Brussel", [("28 oktober 2024", "2024-10-28", None, 0, None)]),
    ("en", "on October 28, 2024 in Brussels", [("October 28, 2024", "2024-10-28", None, 0, None)]),
    ("es", "el 20 de mayo de 2025", [("20 de mayo de 2025", "2025-05-20", None, 0, None)]),
    ("ko", "2024년 10월 28일 밝혔다", [("2024년 10월 28일", "2024-10-28", None, 0, None)]),
    ("de", "begann im September 2023.", [("September 2023", "2023-09", None, 0, None)]),
    ("de", "seit Juli 2000 geschehen", [("Juli 2000", "2000-07", None, 0, None)]),
    ("da", "leveret siden august 2022", [("august 2022", "2022-08", None, 0, None)]),
    ("en", "first discussed in 2023.", [("in 2023", "2023", None, 0, None)]),
    ("pl", "niż w 2023 roku", [("2023 roku", "2023", None, 0, None)]),
    ("ru", "в 2022 году", [("2022 году", "2022", None, 0, None)]),
    ("de", "Mark Rutte am Montag bekannt. 28. Oktober.",
     [("Montag", None, 0, 0, None), ("28. Oktober", None, None, 0, None)]),
    ("ru", "в четверг, 13 июня, заявил", [("четверг, 13 июня", None, 3, 0, None)]),
    ("en", "set for April 3, according to", [("April 3", None, None, 0, None)]),
    ("de", "Heute kann ich bestätigen", [("Heute", None, None, 0, "day")]),
    ("de", "dass Mark Rutte später am Montag mit", [("Montag", None, 0, 0, None)]),
    ("de", "Am Morgen informierte die Delegation", [("Am Morgen", None, None, 0, "day")]),
    ("de", "Am selben Tag sagte Singh", [("Am selben Tag", None, None, 0, "same")]),
    ("nl", "Later vandaag heb ik gesprekken", [("Later vandaag", None, None, 0, "day")]),
    ("nl", "Vanmorgen informeerde een delegatie", [("Vanmorgen", None, None, 0, "day")]),
    ("de", "gestern in Kiew", [("gestern", None, None, -1, "day")]),
    ("en", "Officials said last week that", [("last week", None, None, -1, "week")]),
    ("en", "Yesterday the government pledged", [("Yesterday", None, None, -1, "day")]),
    ("da", "blev underskrevet sidste år.", [("sidste år", None, None, -1, "year")]),
    ("no", "I fjor bidro Norge", [("I fjor", None, None, -1, "year")]),
    ("ru", "В прошлом году Ким", [("В прошлом году", None, None, -1, "year")]),
    ("ko", "오늘은 회의가", [("오늘", None, None, 0, "day")]),
    ("no", "leveret 28. marts 2024", [("28. marts 2024", "2024-03-28", None, 0, None)]),  # Danish, taken for Norwegian
    ("it", "il 5 set in Senato", [("5 set", None, None, 0, None)]),
    ("de", "kamen im Dezember an", [("im Dezember", None, None, 0, None)]),
    ("en", "Troops arrived in May.", [("in May", None, None, 0, None)]),
    ("ru", "прибыли в конце октября", [("конце октября", None, None, 0, None)]),
    ("en", "by the end of 2026", [("end of 2026", "2026", None, 0, None)]),
])
def test_a_date_in_each_notation(finder, language, text, expected):
    assert mentions(finder, text, language) == expected


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Eine Meldung vom 32. Oktober war falsch."),
    ("de", "Am 29. Februar 2023 geschah nichts."),
    ("en", "A memo dated 30 February was a forgery."),
    ("nl", "32-10-2024"),
    ("ru", "Сообщение о встрече 31 ноября оказалось ошибкой."),
    ("de", "am Montag, 32. Oktober"),
])
def test_impossible_dates_are_not_events(finder, language, text):
    assert mentions(finder, text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Die Truppen kamen mit Panzern, die mit Raketen beladen waren."),  # dateparser: Di(enstag), Mi(ttwoch)
    ("de", "Mehr als 600.000 russische Soldaten wurden getötet."),
    ("de", "nach 3-6 Monaten im Kampf getestet"),
    ("de", "Waffen kommen an die Front/Channel 24 Collage"),
    ("en", "The 2024 budget holds 300 tanks."),  # a bare year is no date
    ("en", "Troops may move at May."),  # a month alone is no date, only after a word like "in"
    ("es", "Los barcos en mar abierto."),  # a three-letter month word is an abbreviation: "mar" is sea
    ("en", "They set 5 targets for the army."),  # Italian "set" (settembre) is read only in Italian
    (None, "Die Soldaten mit Waffen"),
])
def test_words_that_only_look_like_dates_are_not(finder, language, text):
    assert mentions(finder, text, language) == []


def article(sentences: list[tuple[int, str, str]], date: str | None = None) -> Article:
    """An article of one-line sentences (line, text, language) with their mentions found."""
    finder = load_knowledge().dates
    found = tuple(Sentence(text, line, line, language, dates=finder.find(text, language))
                  for line, text, language in sentences)
    return Article(SourceFile("a.txt", "a", b""), Metadata(date=date),
                   (Paragraph(tuple(s.line for s in found), found),))


def placed(a: Article, fallback: str | None = None) -> list[tuple]:
    return [(e.sentence.line, e.iso, e.inferred) for e in events_of(a, fallback)[0]]


Y, YM, YMD = ("year",), ("year", "month"), ("year", "month", "day")


@pytest.mark.parametrize(("date", "lines", "expected"), [
    # The article's date: relative words, weekdays, year-less dates; what the text writes is not inferred.
    ("2025-03-14", [(1, "Ministers met today.", "en"), (2, "On Monday he warned.", "en"),
                    (3, "Yesterday they pledged.", "en"), (4, "They met in 2023 and last year.", "en"),
                    (5, "The next meeting is on April 3.", "en"), (6, "Planned since 12 February 2025.", "en")],
     [(1, "2025-03-14", YMD), (2, "2025-03-10", YMD), (3, "2025-03-13", YMD), (4, "2023", ()),
      (4, "2024", Y), (5, "2025-04-03", Y), (6, "2025-02-12", ())]),
    # A year-less date takes the year that puts it nearest the article's date, across New Year too.
    ("2025-01-03", [(1, "Am 28. Dezember kam er.", "de")], [(1, "2024-12-28", Y)]),
    # 29 February without a year: the nearest leap year; an article dated to a year: that year.
    ("2025-03-01", [(1, "Am 29. Februar kam er.", "de")], [(1, "2024-02-29", Y)]),
    ("2024", [(1, "Am 28. Dezember kam er.", "de"), (2, "Am 2. Januar ging er.", "de")],
     [(1, "2024-12-28", Y), (2, "2024-01-02", Y)]),
    # No date of its own: what its full dates agree on; "the same day" is the date placed last.
    (None, [(1, "Bruselas, 20 de mayo de 2025.", "es"), (2, "Ayer habló Kallas.", "es"),
            (3, "Se aprobaron en diciembre de 2024.", "es"), (4, "El mismo día se amplió la lista.", "es")],
     [(1, "2025-05-20", ()), (2, "2025-05-19", YMD), (3, "2024-12", ()), (4, "2024-12", YM)]),
    # Dated to a month only: "now" and "today" are that month; a weekday cannot be placed.
    ("2024-10", [(1, "Teraz jest spokój.", "pl"), (2, "Dzisiaj minister przyjedzie.", "pl"),
                 (3, "Poinformowało w piątek.", "pl"), (4, "Ćwiczenia od 7 października.", "pl")],
     [(1, "2024-10", YM), (2, "2024-10", YM), (4, "2024-10-07", Y)]),
    # A month named alone: the year its sentence names, else the one nearest the article's date.
    ("2024-10", [(1, "W zeszłym roku podobne manewry odbyły się we wrześniu.", "pl"),
                 (2, "Die ersten Soldaten kamen im Dezember.", "de"), (3, "В конце августа 2023 года.", "ru"),
                 (4, "Seit Oktober kämpfen sie.", "de")],
     [(1, "2023", Y), (1, "2023-09", Y), (2, "2024-12", Y), (3, "2023-08", ()), (4, "2024-10", Y)]),
    ("2025-02-06", [(1, "I september 2024 kom de første.", "da"), (2, "De kom i november.", "da")],
     [(1, "2024-09", ()), (2, "2024-11", Y)]),
    # "Two days later": days after the day named last; after a month, it cannot be placed.
    ("2025-03-14", [(1, "The meeting is on April 3.", "en"), (2, "Two days later the council decides.", "en"),
                    (3, "Zwei Tage später kam er.", "de"), (4, "They met in May 2024.", "en"),
                    (5, "A day later they left.", "en")],
     [(1, "2025-04-03", Y), (2, "2025-04-05", YMD), (3, "2025-04-07", YMD), (4, "2024-05", ())]),
    # Nothing to count from: relative words are not placed, written dates are.
    (None, [(1, "Kontrakten blev underskrevet sidste år.", "da"), (2, "Kursk er nu under kontrol.", "da"),
            (3, "Leveret siden august 2022.", "da")], [(3, "2022-08", ())]),
])
def test_placing_against_the_article_date(date, lines, expected):
    assert placed(article(lines, date)) == expected


@pytest.mark.parametrize(("date", "lines", "expected"), [
    # A weekday said of the future is the next one; "skal ha blitt drept" (reportedly) is no future.
    ("2025-02-13", [(1, "FN:s säkerhetsråd väntas diskutera frågan på måndag.", "sv"),
                    (2, "Rådet samlades i måndags.", "sv")],
     [(1, "2025-02-17", YMD), (2, "2025-02-10", YMD)]),
    ("2024-11-21", [(1, "Flere hundre av dem skal ha blitt drept i kamper tirsdag.", "no"),
                    (2, "Eide vil ta opp saken i FNs sikkerhetsråd mandag.", "no")],
     [(1, "2024-11-19", YMD), (2, "2024-11-25", YMD)]),
    ("2025-04-14", [(1, "El Consejo de Seguridad abordará la cuestión el jueves.", "es"),
                    (2, "El jueves Irán entregó drones.", "es")], [(1, "2025-04-17", YMD), (2, "2025-04-10", YMD)]),
    # A future word after the weekday, or a past word beside it, keeps it past; "lundi prochain" is ahead.
    ("2025-04-16", [(1, "South Korea said on Monday it will send observers.", "en"),
                    (2, "Kim, who met Putin last Monday, will travel to Moscow.", "en"),
                    (3, "Han sagde i mandags, at Danmark vil sende fly.", "da"),
                    (4, "Le sommet aura lieu lundi prochain.", "fr")],
     [(1, "2025-04-14", YMD), (2, "2025-04-14", YMD), (3, "2025-04-14", YMD), (4, "2025-04-21", YMD)]),
    # Relative words of every language: the day before yesterday, last and next month, next week.
    ("2025-09-09", [(1, "Vorige maand ging de dienst uit van minder.", "nl"), (2, "Det skedde i förrgår.", "sv"),
                    (3, "Le sommet aura lieu le mois prochain.", "fr"), (4, "Лише позавчора.", "uk")],
     [(1, "2025-08", YM), (2, "2025-09-07", YMD), (3, "2025-10", YM), (4, "2025-09-07", YMD)]),
    # "last May" in a May article is the May before; "since May" is this one.
    ("2024-05-20", [(1, "Troops arrived last May.", "en"), (2, "They have fought since May.", "en")],
     [(1, "2023-05", Y), (2, "2024-05", Y)]),
    # The article's own weekday is that day, past or future.
    ("2024-10-28", [(1, "Rutte wird später am Montag mit Yoon sprechen.", "de")], [(1, "2024-10-28", YMD)]),
    # After "since", a month alone is the latest such month; a year beside it is one date with it.
    ("2024-12-20", [(1, "Ha consegnato 60 missili da gennaio.", "it")], [(1, "2024-01", Y)]),
    ("2025-08-13", [(1, "Pyongyang had deployed 15,000 troops since last October.", "en")], [(1, "2024-10", Y)]),
    ("2024-10-23", [(1, "Dat gebeurde in augustus vorig jaar.", "nl")], [(1, "2023-08", Y)]),
    # Korean: year and month, a day alone (this month or the one before, or ahead after 오는), durations not.
    ("2025-09-04", [(1, "북한이 2023년 9월 이후 포탄을 보냈다고 합참이 4일 밝혔다.", "ko"),
                    (2, "북한군이 지난해 10월부터 파병했다.", "ko"), (3, "지난 3일 회담했다.", "ko"),
                    (4, "지난 28일 발표했다.", "ko"), (5, "오는 10일 회의를 연다.", "ko"),
                    (6, "3일간 훈련했다.", "ko"), (7, "공격 5일 후 철수했다.", "ko")],
     [(1, "2023-09", ()), (1, "2025-09-04", YM), (2, "2024-10", Y), (3, "2025-09-03", YM), (4, "2025-08-28", YM),
      (5, "2025-09-10", YM)]),
    # A `next` word beside the article's own weekday puts it a week on ("ce mercredi" is that day); a
    # week phrase and a weekday are one day.
    ("2025-06-18", [(1, "Darüber soll der Ausschuss kommenden Mittwoch entscheiden.", "de"),
                    (4, "Emmanuel Macron a reçu ce mercredi le président ukrainien.", "fr"),
                    (2, "Kim stond vorige week woensdag in Peking.", "nl"),
                    (3, "He met Putin on Wednesday last week.", "en")],
     [(1, "2025-06-25", YMD), (2, "2025-06-11", YMD), (3, "2025-06-11", YMD), (4, "2025-06-18", YMD)]),
    # Weekends at month precision; "two days earlier" from the date placed last; genitive weekdays.
    ("2025-07-14", [(1, "Lavrov besøkte i helgen Wonsan.", "no"), (2, "The talks began on 3 July.", "en"),
                    (3, "Two days earlier the general had praised them.", "en"),
                    (4, "Партнери наступного четверга оголосять нові пакети.", "uk")],
     [(1, "2025-07", YM), (2, "2025-07-03", Y), (3, "2025-07-01", YMD), (4, "2025-07-17", YMD)]),
    # "since the start of the year", "next year"; Swedish "på tisdagen" is the Tuesday just past.
    ("2026-01-22", [(1, "Da inizio anno la Corea del Nord ha spedito treni.", "it"),
                    (2, "W przyszłym roku Polska wyda więcej.", "pl"),
                    (3, "KCNA rapporterade på tisdagen att Kim besökt en fabrik.", "sv")],
     [(1, "2026", Y), (2, "2027", Y), (3, "2026-01-20", YMD)]),
    # Two months joined by "and" are both dates; a day right after "last month" is that day of it.
    ("2025-03-27", [(1, "Korea Północna wysłała w styczniu i lutym co najmniej 3 tys. żołnierzy.", "pl"),
                    (2, "김정은은 지난달 28일 훈련기지를 찾았다.", "ko")],
     [(1, "2025-01", Y), (1, "2025-02", Y), (2, "2025-02-28", YM)]),
])
def test_weekdays_days_and_months_ahead_or_back(date, lines, expected):
    assert placed(article(lines, date)) == expected


def test_a_weekday_with_a_day_and_month_picks_the_year():
    # Thursday 13 June: 2024 (2019 and 2030 too, but farther from the newest article's date).
    a = article([(1, "Байден в четверг, 13 июня, заявил", "ru"), (2, "Сейчас всё ясно.", "ru")])
    assert placed(a, fallback="2024-10-28") == [(1, "2024-06-13", Y), (2, "2024-06", YM)]
    # The weekday is a check: Thursday 13 June is in 2030 if the folder's newest article is from 2029.
    assert placed(a, fallback="2029-12-01")[0][1] == "2030-06-13"


def test_an_undated_article_is_counted_from_its_own_dates_not_the_clock():
    a = article([(1, "Rutte sprach am Montag. 28. Oktober.", "de"), (2, "Heute kann ich bestätigen.", "de")])
    assert placed(a) == []  # nothing anchors it: no clock is read
    events = events_of(a, "2024-10-28")[0]
    assert [(e.iso, e.inferred) for e in events] == [("2024-10-28", Y), ("2024-10-28", YMD)]
    assert "newest article" in (events[1].basis or "")


def test_a_malformed_dates_file_is_named(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("languages.yml", "boilerplate.yml", "figures.yml", "speech.yml"):
        (data / name).write_text((ROOT / "generator/data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (data / "dates.yml").write_text("de:\n  relative:\n    heute: [0, fortnight]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"dates\.yml: de: relative: 'heute': expected \[shift, unit\]"):
        load_knowledge(data)
    (data / "dates.yml").write_text("de:\n  weekdays: [montag, dienstag]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"dates\.yml: de: weekdays: expected seven entries"):
        load_knowledge(data)
    (data / "dates.yml").write_text("de: [heute]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"dates\.yml: de: expected a mapping"):
        load_knowledge(data)
    (data / "dates.yml").write_text("de: {relative: {heute: [0, day]}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"dates\.yml"):
        load_knowledge(data)
    assert date_words({"xx": {"relative": {"heute": [0, "day"]}}})["xx"].relative == {"heute": (0, "day")}


def test_seed_dates_against_the_answer_key(seed_corpus):
    """Events matched on (file, line, ISO date) against the seeds' hand-made key; the key's entries
    without an ISO date ("sidste år" in the undated 002, "bald", "Zuvor") are not events. The key's
    anaphoric "Dann" (003 line 41, September 2023) is not found: it counts as found only because
    "im September 2023" names the same month on that line."""
    result = score_dates(seed_corpus, load_key_dates(SEEDS_KEY))
    print(f"seed dates: {len(result.found)} events, {len(result.expected)} in the key, {len(result.hits)} right: "
          f"precision {result.precision:.2f}, recall {result.recall:.2f}; inferred parts right "
          f"{result.flags_right} of {len(result.hits)}")
    assert result.precision >= 0.9 and result.recall >= 0.9
    assert result.flags_right == len(result.hits)


def test_made_up_dates_in_five_languages():
    """en, es, no, pl, ru articles with absolute, year-less, relative and impossible dates, keyed by
    reading the texts before the code ran on them. First measured at precision 0.94, recall 0.84;
    the set was then used to fix "Two days later", "by the end of 2026", a month without year ("we
    wrześniu") and a treaty line cleanup took for a subscription notice, so it is tuning data now
    (0.95 / 0.95). Left: a future "el martes" and the anaphoric "Samme dag som kunngjøringen"."""
    corpus = corpus_of(MADE_UP)
    result = score_dates(corpus, load_key_dates(MADE_UP / "expected.yml"))
    print(f"made-up dates: precision {result.precision:.2f}, recall {result.recall:.2f}, "
          f"inferred parts right {result.flags_right} of {len(result.hits)}")
    assert result.precision >= 0.9 and result.recall >= 0.9
    assert result.flags_right == len(result.hits)
    # Every impossible date of the key is absent.
    impossible = {(k.file, k.line) for k in load_key_dates(MADE_UP / "expected.yml") if k.iso is None}
    assert not {(f, line) for f, line, _ in result.found} & impossible


def test_the_eval_command_prints_the_date_scores(capsys):
    from generator.__main__ import main

    assert main(["eval", "--dates-only", "--articles", str(MADE_UP), "--dates", str(MADE_UP / "expected.yml")]) == 0
    assert re.search(r"^dates\s+0\.9\d\d\s+0\.9\d\d", capsys.readouterr().out, re.M)


def test_past_the_page_limit_events_split_by_their_month(seed_corpus):
    from generator.timeline_pages import timeline_events, timeline_pages
    from generator.views import Limits

    events, _ = timeline_events(seed_corpus, seed_corpus.published)
    top, *parts = timeline_pages(seed_corpus, Limits(page_quotes=5, top_quotes=3))
    view = top.view()
    assert top.src_uri == "timeline/index.md" and view["count"] == len(events)
    assert sum(len(g["rows"]) for g in view["groups"]) == 3
    shown = [(r.event.article.source.name, r.event.sentence.line, r.event.iso)
             for spec in parts for g in spec.view()["groups"] for r in g["rows"]]
    assert sorted(shown) == sorted((e.article.source.name, e.sentence.line, e.iso) for e in events)
    assert {spec.src_uri for spec in parts} >= {"timeline/2024-10/index.md", "timeline/2024-10/2/index.md",
                                               "timeline/2024-06/index.md"}
    for spec in parts:  # each month page holds only its month's events
        month = spec.src_uri.split("/")[1]
        assert all(r.event.iso.startswith(month) for g in spec.view()["groups"] for r in g["rows"])


def test_article_text_on_the_timeline_stays_text(tmp_path):
    from generator.render import Renderer

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "evil.md").write_text(
        "---\ndate: 2024-10-28\noutlet: '<img src=x onerror=alert(1)>'\n---\n"
        "Heute <script>alert(1)</script> kamen {{ 7*7 }} Soldaten [x](javascript:alert(1)) am 28. Oktober 2024.\n",
        encoding="utf-8")
    pages = Renderer(ROOT / "site_templates").render_site(corpus_of(articles))
    text = pages["timeline/index.md"]
    assert '<time datetime="2024-10-28">' in text
    for needle in ("<script", "<img", "onerror=", "javascript:", "{{", "](javascript"):
        assert needle not in text, needle
    assert "&#60;img src" in text  # the outlet, shown as text


@pytest.fixture(scope="module")
def timeline_site(tmp_path_factory, seed_project) -> Path:
    site = tmp_path_factory.mktemp("timeline-site")
    result = build(seed_project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_every_seed_date_is_on_the_timeline_with_a_working_citation(timeline_site):
    html = (timeline_site / "timeline" / "index.html").read_text(encoding="utf-8")
    page = read_page(timeline_site / "timeline" / "index.html")
    times = re.findall(r'<time datetime="([0-9-]+)">', html)
    assert times and all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", t) for t in times)
    assert times == sorted(times, key=lambda t: (t[:4], t[5:7], t[8:]), reverse=True)  # newest first
    citations = [href for href, _ in page.links if "/sources/" in href and "#L" in href]
    assert len(citations) == len(times)
    pages: dict[Path, set[str]] = {}
    cited = set()
    for href in citations:
        target, anchor = href.split("#")
        path = (timeline_site / "timeline" / target / "index.html").resolve()
        ids = pages.setdefault(path, read_page(path).ids)
        assert anchor in ids, href
        cited.add((path.parent.name, int(anchor[1:])))
    # Every dated line of the key (iso given) is cited.
    for k in load_key_dates(SEEDS_KEY):
        if k.iso is not None:
            assert (k.file.removesuffix(".txt").replace("_", "-"), k.line) in cited, k
    assert html.count(" inferred</em>") >= 10
    titles = re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', html[html.index("md-nav--primary"):])
    assert titles.index("Key figures") + 1 == titles.index("Timeline") < titles.index("Sources")


def test_the_patterns_built_from_dates_yml_do_not_backtrack(finder):
    """The words of dates.yml are compiled per language at run time, so test_redos.py's scan of
    module-level patterns does not see them."""
    from regexploit.ast.sre import SreOpParser
    from regexploit.redos import find

    calendar = finder.calendar
    for pattern in (calendar._day_only, calendar._month_only, calendar._month_year, *calendar._extra):
        assert list(find(SreOpParser().parse_sre(pattern.pattern))) == [], pattern.pattern
    for language in [*finder.words, None]:
        view = finder._view(language)
        built = (view.words, *view.years, view.months, view.ahead_tense, view.ahead_not, view.since, view.last,
                 view.ahead_near.before, view.ahead_near.after, view.back_near.before, view.back_near.after)
        for pattern in (p for p in built if p is not None):
            assert list(find(SreOpParser().parse_sre(pattern.pattern))) == [], (language, pattern.pattern[:80])


def test_dates_counted_past_the_calendar_are_not_placed():
    a = article([(1, "Gestern und morgen nicht.", "de"), (2, "Tomorrow is another day.", "en")], "9999-12-31")
    assert placed(a) == [(1, "9999-12-30", YMD)]
    assert events_of(a, None)[1] == 1
    a = article([(1, "Yesterday they came.", "en"), (2, "Last year too.", "en")], "0001-01-01")
    assert placed(a) == []


def test_editing_dates_yml_reruns_the_language_stages(tmp_path):
    import shutil

    from generator.cache import versions
    from tests.conftest import TOPICS

    data = tmp_path / "data"
    shutil.copytree(ROOT / "generator/data", data)
    before = versions(data, TOPICS, code="same code")
    path = data / "dates.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nxx: {relative: {idag: [0, day]}}\n", encoding="utf-8")
    assert versions(data, TOPICS, code="same code")["analysed"] != before["analysed"]




def test_a_byline_or_a_lone_date_line_dates_the_article(tmp_path):
    """A byline ("author | date, time") and a date alone on its line are datelines: they are the
    article's reference date (before any date its text names) and are read in its language
    ("9 sep. 2025": "sep" is a month only in some languages)."""
    from tests.conftest import corpus_of

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "it.txt").write_text(
        "Medvedev alla parata di Pyongyang\ndi Paolo Benedetti | 11 ottobre 2025, 13:05\n"
        "Kim Jong Un ha celebrato ieri a Pyongyang gli 80 anni del partito.\n"
        "Il tema sarà discusso al Consiglio europeo di giovedì 23 ottobre.\n", encoding="utf-8")
    (folder / "nl.txt").write_text(
        "Al zo'n 2000 Noord-Koreaanse militairen gesneuveld\n9 sep. 2025, 06:12\n"
        "Vorige maand ging de inlichtingendienst nog uit van een veel lager aantal doden.\n", encoding="utf-8")
    corpus = corpus_of(folder)
    events = {a.source.name: [(e.sentence.line, e.iso) for e in events_of(a, corpus.as_of)[0]]
              for a in corpus.published}
    # the dateline dates the article and is no event of its own
    assert events["it.txt"] == [(3, "2025-10-10"), (4, "2025-10-23")]
    assert events["nl.txt"] == [(3, "2025-08")]
    assert [corpus.by_name[n].shown_date for n in ("it.txt", "nl.txt")] == ["2025-10-11", "2025-09-09"]


def test_wire_datelines_and_bylines_led_by_the_date_are_datelines():
    from generator.clean import match_line_rule

    knowledge = load_knowledge()
    for line in ("SEÚL, 15 Jul. (EUROPA PRESS) -", "18 grudnia 2024, 14:37 | Autor: mjz/adso | Źródło: PAP",
                 "di Redazione Esteri | 20 dicembre 2024 | Tempo di lettura: 3 minuti"):
        found = match_line_rule(line, knowledge.line_rules, knowledge.calendar)
        assert found is not None and found[0].reason == "dateline", line
    # a sentence that opens with a place and a date, a short headline, a table row: no datelines
    for line in ("Kiev, 5 morti", "Zaporizhzhia, 13 morti (ANSA)", "Russia | 2022 | 120,000 troops"):
        found = match_line_rule(line, knowledge.line_rules, knowledge.calendar)
        assert found is None or found[0].reason != "dateline", line
    assert match_line_rule("Berlin, 3. März 2024 - Die Regierung hat gestern beschlossen, dass es so bleibt.",
                           knowledge.line_rules, knowledge.calendar) is None


@pytest.mark.parametrize("line, date", [
    ("Kovács Dániel | 2025. január 13. – 10:41 | Frissítve: 13:20", "2025-01-13"),  # the year first
    ("четвртак, 20. нов 2025, 14:27 -> 16:03", "2025-11-20"),  # a weekday, a three-letter month
    ("Von Hans Meier | 12. März 2024, 14:30 Uhr", "2024-03-12"),
    # a month abbreviated with inner points, a two-digit Buddhist-era year (2567), a bar, a time
    ("18 ต.ค. 67 | 14:32 น. | อัปเดตล่าสุด 16:05 น. | ไทยพีบีเอส", "2024-10-18"),
])
def test_a_stamp_with_a_month_name_and_a_time_dates_the_article(line, date):
    from generator.clean import match_line_rule

    knowledge = load_knowledge()
    found = match_line_rule(line, knowledge.line_rules, knowledge.calendar)
    assert found is not None and found[0].reason == "dateline" and found[1]["date"] == date


@pytest.mark.parametrize("line", [
    "Am 5. November 2024 um 14:30 Uhr begann der Angriff.",  # a sentence with a date and a time
    "Am 5. November 2024, 14:30 Uhr begann der Angriff auf die Stadt",
    "Die Sitzung am 12. März 2024 endete 14:30",
    "L'atac del 12 de novembre de 2024, 14:30, va col·lapsar el pont de la ciutat",  # "·" in a word
    "Kyiv, 5 November 2024 - 12.50 percent",  # a decimal, no time
    "Het aantal steeg in 2024 van 12 naar 15 | 14:30",  # "van" is a month only between a day and a year
])
def test_a_sentence_with_a_date_and_a_time_is_no_stamp(line):
    from generator.clean import match_line_rule

    knowledge = load_knowledge()
    found = match_line_rule(line, knowledge.line_rules, knowledge.calendar)
    assert found is None or found[0].reason != "dateline"
