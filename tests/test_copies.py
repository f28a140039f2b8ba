"""Near-copies (issue 4): an article that nearly copies another is marked, stays published, and
counts once; articles that only share a topic are not copies."""

from __future__ import annotations

from generator.copies import mark_near_copies
from tests.conftest import corpus_of

BASE = ("Der NATO-Generalsekretär Mark Rutte bestätigte am Montag in Brüssel, dass nordkoreanische Truppen "
        "in die Region Kursk geschickt worden seien. Dies sei eine bedeutende Eskalation, sagte er. Die "
        "Verbündeten würden die Ukraine weiter unterstützen, und Russland müsse die Zusammenarbeit beenden. "
        "Südkoreanische Geheimdienste hatten zuvor von mehreren Tausend Soldaten gesprochen.\n")


def test_a_repost_with_a_new_headline_and_footer_is_a_near_copy(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(BASE, encoding="utf-8")
    (folder / "b.txt").write_text("Eilmeldung: Truppen in Kursk\n\n" + BASE + "\nTeilen Sie diesen Artikel.\n",
                                  encoding="utf-8")
    (folder / "c.txt").write_text(BASE.replace("Montag", "Dienstag"), encoding="utf-8")  # one word changed
    other = ("Nordkoreanische Truppen kämpfen in der Region Kursk, sagte ein Sprecher in Seoul. Russland "
             "bestreitet das, und die Ukraine meldet Gefechte.\n")
    (folder / "d.txt").write_text(other, encoding="utf-8")
    corpus = corpus_of(folder)
    assert {a.source.name: (a.status, a.copy_of) for a in corpus.articles} == {
        "a.txt": ("published", None), "b.txt": ("published", "a.txt"), "c.txt": ("published", "a.txt"),
        "d.txt": ("published", None)}


def test_the_seeds_hold_no_near_copies(seed_corpus):
    assert [a.copy_of for a in mark_near_copies(seed_corpus.articles)] == [None] * len(seed_corpus.articles)
