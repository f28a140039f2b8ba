"""Golden test of the generated Markdown for the seeds. After an intended change, regenerate with
`python -m generator render --out tests/golden` and review the diff."""

import os
from pathlib import Path

from generator.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"


def test_generated_markdown_matches_golden(seed_corpus):
    pages = Renderer(ROOT / "site_templates").render_site(seed_corpus)
    if os.environ.get("UPDATE_GOLDEN"):
        for src_uri, markdown in pages.items():
            (GOLDEN / src_uri).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src_uri).write_text(markdown, encoding="utf-8")
    expected = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for src_uri, markdown in pages.items():
        assert markdown == expected[src_uri], f"{src_uri} differs from tests/golden/{src_uri}"


def test_every_page_is_an_index_md_under_the_contract_urls(seed_corpus):
    pages = Renderer(ROOT / "site_templates").render_site(seed_corpus)
    ids = {a.source.id for a in seed_corpus.published}
    named = {m.entity for a in seed_corpus.published for s in a.sentences for m in s.entities}
    assert len(named) < len(seed_corpus.entities.entities)  # entities.yml lists some the seeds never name
    assert set(pages) == {"index.md", "sources/index.md", "figures/index.md", "timeline/index.md", "entities/index.md",
                          *(f"entities/{e.slug}/index.md" for e in seed_corpus.entities.entities if e.slug in named),
                          *(f"topics/{t.slug}/index.md" for t in seed_corpus.topics),
                          *(f"sources/{i}/index.md" for i in ids)}


def test_article_text_never_becomes_markup(tmp_path):
    from tests.conftest import corpus_of

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "evil.md").write_text(
        "---\ntitle: <script>alert(1)</script> {{ 7*7 }}\noutlet: '[x](javascript:alert(1))'\n---\n"
        "# Nordkoreanische Soldaten <img src=x onerror=alert(1)> in Kursk\n\n"
        "Rutte sagte, 10.000 Soldaten seien in Kursk {: onclick=alert(1) } --8<-- \"/etc/passwd\".\n\n"
        "!!! danger \"Soldaten\"\n    Die Truppen kämpfen in Kursk, sagte Rutte.\n",
        encoding="utf-8",
    )
    corpus = corpus_of(articles)
    pages = Renderer(ROOT / "site_templates").render_site(corpus)
    text = "\n".join(pages.values())
    for needle in ("<script", "<img", "onerror=", "onclick=", "javascript:", "{{", "--8<--", "!!!", "{:"):
        assert needle not in text, needle
    assert "&#60;script&#62;" in text
