import pytest

from generator.blocks import Block
from generator.clean import clean, match_line_rule, repair
from generator.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def rule_for(line):
    hit = match_line_rule(line, KNOWLEDGE.line_rules, KNOWLEDGE.calendar)
    return (hit[0].reason, hit[1]) if hit else None


@pytest.mark.parametrize(
    ("raw", "expected", "repairs"),
    [
        ("& #8212; Heute kann ich bestätigen", "— Heute kann ich bestätigen", ("HTML entity decoded",)),
        ("Russland einsetzen.< /p>", "Russland einsetzen.", ("markup fragment removed",)),
        ("sagte Biden .", "sagte Biden.", ("detached punctuation joined",)),
        ("i Ukraine -konflikten", "i Ukraine-konflikten", ("detached hyphen joined",)),
        ("Kim\u200b Jong\u202e Un", "Kim Jong Un", ("invisible or control characters removed",)),
        ("Kursk, Russland - Rusland", "Kursk, Russland - Rusland", ()),
        ("ca. 12.000 Soldaten", "ca. 12.000 Soldaten", ()),
    ],
)
def test_repair(raw, expected, repairs):
    assert repair(raw) == (expected, repairs)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # as in the seeds
        ("Jetzt ansehen", "navigation"),
        ("Leave a Reply", "comments"),
        ("Kommentar (0)", "comments"),
        ("[Anzeige_2]", "advertisement"),
        ("Nieuws -> Informatief", "navigation"),
        ("Amstelveenweb.com is niet verantwoordelijk voor de inhoud van de nieuwsberichten.", "disclaimer"),
        ("Details | |", "table debris"),
        ("---|---|", "table debris"),
        ("Waffen kommen von der DVRK nach Russland an die Front/Channel 24 Collage", "caption or credit"),
        # not in the seeds
        ("Lesen Sie auch: Was Kim in Moskau will", "navigation"),
        ("Reageer (3)", "comments"),
        ("Læs også: Nordkorea sender flere soldater", "navigation"),
        ("Читайте также: Ким прибыл в Москву", "navigation"),
        ("Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.", "cookie or subscription notice"),
        ("Abonnieren Sie unseren Newsletter", "cookie or subscription notice"),
        ("Subscribe to our newsletter for daily updates", "cookie or subscription notice"),
        ("Kommentarer (12)", "comments"),
        ("[Advertisement]", "advertisement"),
        ("Read more: Seoul summons Russian ambassador", "navigation"),
        ("Lire aussi : la Corée du Nord envoie des troupes", "navigation"),
        ("Подписывайтесь на наш канал в Telegram", "cookie or subscription notice"),
        ("Оформите подписку на новости", "cookie or subscription notice"),
        ("Підписуйтесь на наш Telegram-канал", "cookie or subscription notice"),
    ],
)
def test_debris_lines_are_recognised(line, reason):
    assert rule_for(line)[0] == reason


@pytest.mark.parametrize(
    "line",
    [
        "Nordkoreanische Soldaten kämpfen in Kursk, sagte Rutte.",
        "Die NATO hat darauf reagiert und die G7 stellt sich bereits dagegen.",
        "Kursk, Russland - Rusland indrømmede for første gang brugen af nordkoreanske soldater.",
        "Brotherhood of Arms",
        "Mitglieder einer nordkoreanischen Militärschule während einer Artillerievorführung.",
        # "signed" shares its stem with "subscribe" in Russian and Ukrainian: a treaty line is text
        "Договор о всеобъемлющем стратегическом партнёрстве был подписан 19 июня 2024 года в Пхеньяне.",
        "Путин и Ким Чен Ын подписали договор о партнёрстве.",
        "Договір про партнерство підписали у червні 2024 року.",
    ],
)
def test_article_text_is_not_debris(line):
    assert rule_for(line) is None


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Quelle: https://thanhnien.vn/nato-xac-nhan.htm", "url", "https://thanhnien.vn/nato-xac-nhan.htm"),
        ("Bron: NAVO", "credited", "NAVO"),
        ("28-10-2024", "date", "2024-10-28"),
        ("Bijgewerkt: 28 november 2024", "updated", "2024-11-28"),
        ("Ort | Kursk, Russland |", "place", "Kursk, Russland"),
        ("Amstelveenweb.com is niet verantwoordelijk voor de inhoud", "outlet", "Amstelveenweb.com"),
    ],
)
def test_metadata_lines(line, key, value):
    assert rule_for(line)[1][key] == value


def test_a_dateline_that_is_not_a_date_is_not_set_aside():
    assert rule_for("32-13-2024") is None


def blocks(*lines):
    return [Block(((n, t),)) for n, t in enumerate(lines, start=1)]


def test_repeated_headline_with_byline_is_set_aside_and_gives_the_author():
    result = clean(blocks(
        "Tausende Container und Millionen Granaten reisen von Nordkorea nach Russland an die Front",
        "Tausende Container und Millionen Granaten reisen von der DVRK nach Russland an die Front Sofia Rozhik",
        "Tausende Container und Millionen Granaten reisen von der DVRK nach Russland an die Front",
        "Die NATO ist besorgt.",
    ), KNOWLEDGE.line_rules, KNOWLEDGE.calendar)
    assert [line.number for line in result.lines] == [1, 4]
    assert result.metadata.author == "Sofia Rozhik"
    assert result.metadata.title.startswith("Tausende Container")
    assert [s.reason for s in result.set_aside] == ["repeated headline with byline 'Sofia Rozhik'",
                                                    "repeated headline"]


def test_nothing_is_dropped_silently(seed_corpus):
    for article in seed_corpus.published:
        published = {n for s in article.sentences for n, _ in s.pieces}
        aside = {s.line for s in article.set_aside}
        filled = {n for n, text in enumerate(article.source.lines, start=1) if text.strip()}
        assert filled == published | aside, article.source.name


def test_seed_metadata(seed_corpus):
    meta = {a.source.name: a.metadata for a in seed_corpus.articles}
    assert meta["001_fb418dfe53a9ab0a.txt"].outlet == "thanhnien.vn"
    assert meta["002_936c4cfa7d2d837d.txt"].place == "Kursk, Russland"
    assert meta["003_4af742517c27e9f8.txt"].author == "Sofia Rozhik"
    assert meta["004_3a5bf95db61d80b1.txt"].date == "2024-10-28"
    assert meta["004_3a5bf95db61d80b1.txt"].updated == "2024-11-28"
    assert meta["004_3a5bf95db61d80b1.txt"].outlet == "Amstelveenweb.com"
