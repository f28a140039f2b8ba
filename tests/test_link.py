from dataclasses import replace

from tests.conftest import corpus_of

WIRE = "Die NATO ist besorgt über die Lage in Kursk, sagte Rutte am Montag in Brüssel."
PROMO = "Folgen Sie uns auch auf Mastodon und Bluesky"


def write(folder, name, *lines):
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_same_article_under_two_names_is_published_once(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    text = ("Nordkorea schickt Soldaten", "Nordkoreanische Soldaten kämpfen in Kursk, sagte Rutte.")
    write(articles, "a.txt", *text)
    write(articles, "b copy.txt", *text)
    corpus = corpus_of(articles)
    status = {a.source.name: (a.status, a.duplicate_of) for a in corpus.articles}
    assert status == {"a.txt": ("published", None), "b copy.txt": ("duplicate", "a.txt")}
    assert [a.source.name for a in corpus.published] == ["a.txt"]


def test_lines_repeated_across_articles_are_set_aside_unless_they_carry_topic_terms(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(3):
        write(articles, f"{n}.txt", f"Überschrift Nummer {n} über Kim", f"Eigener Satz Nummer {n} über das Wetter.",
              WIRE, PROMO)
    corpus = corpus_of(articles)
    for article in corpus.articles:
        texts = [s.text for s in article.sentences]
        assert WIRE in texts  # wire copy repeats real content: kept
        assert PROMO not in texts
        assert any(s.reason == "repeated in at least 3 articles" and s.text == PROMO for s in article.set_aside)


def test_a_line_in_fewer_articles_than_the_threshold_is_kept(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(2):
        write(articles, f"{n}.txt", f"Überschrift {n}", f"Satz {n} über das Wetter.", PROMO)
    corpus = corpus_of(articles)
    assert all(PROMO in [s.text for s in a.sentences] for a in corpus.articles)


def test_duplicate_marking_ignores_rejected_files(seed_corpus):
    from generator.link import mark_duplicates

    rejected = replace(seed_corpus.articles[0], source=replace(seed_corpus.articles[0].source, rejected="x"))
    marked = mark_duplicates([rejected, *seed_corpus.articles])
    assert marked[0].status == "rejected"
    assert all(a.status == "published" for a in marked[1:])


def test_another_article_repeating_a_set_aside_line_leaves_the_earlier_articles_unchanged(tmp_path):
    """Their pages are memoised by digest: a reason that counted the articles would re-render every
    article sharing a boilerplate line each time one more arrived."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(3):
        write(articles, f"{n}.txt", f"Überschrift {n} über Kim", f"Satz {n} über das Wetter.", PROMO)
    before = corpus_of(articles)
    write(articles, "3.txt", "Überschrift 3 über Kim", "Satz 3 über das Wetter.", PROMO)
    after = corpus_of(articles)
    assert all(any(s.text == PROMO for s in a.set_aside) for a in after.articles)
    assert {n: before.digests[n] for n in before.digests} == {n: after.digests[n] for n in before.digests}
