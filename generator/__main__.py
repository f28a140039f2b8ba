"""Command line: `python -m generator eval` scores classification on hand labels (per topic, over all
and per language), and the key figures and the timeline's dates on an answer key (`--facts-only`:
those alone); `--examples DIR` scores the classifier on a folder of labelled examples instead;
`python -m generator render --out DIR` writes the generated Markdown pages and the original files
to a folder (a docs_dir for a plain MkDocs build: the benchmark compares the two)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .corpus import Settings, build_corpus
from .embed import backend as embedding_backend
from .evaluate import (
    evaluate_examples,
    evaluation,
    load_key_dates,
    load_labels,
    report,
    report_dates,
    score,
    score_dates,
)

SEEDS_KEY = Path("tests/data/facts/seeds_expected.yml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="The briefing generator's tools beside `mkdocs build`: score the classifier and the facts "
                    "against hand labels, write the generated pages to a folder, print the briefing as a PDF.")
    commands = parser.add_subparsers(dest="command", required=True)
    ev = commands.add_parser("eval", help="precision and recall per topic and language on labeled sentences",
                             description="Builds the articles (the build's cache is not used) and scores the "
                             "topics of their sentences against hand labels, per topic over all and per language; "
                             "then the key figures and the timeline against an answer key.")
    ev.add_argument("--labels", type=Path, default=Path("tests/data/dev/seed_labels.yml"),
                    help="labels file ({file: [{line, text, topics}]}), or a folder of <language>.yml such files")
    ev.add_argument("--articles", type=Path, default=Path("content/articles"), help="folder of the labeled articles")
    ev.add_argument("--topics", type=Path, default=Path("content/topics.yml"),
                    help="topics file (its `classifier: examples:` folder trains the classifier)")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every disagreement with the labels")
    ev.add_argument("--dates", type=Path, default=SEEDS_KEY,
                    help="answer key whose `dates:` section scores the timeline (skipped if missing)")
    ev.add_argument("--figures", type=Path, help="answer key whose `figures:` section scores the key figures "
                    "(default: the seeds' key, when the articles are the seeds)")
    ev.add_argument("--dates-only", "--facts-only", dest="dates_only", action="store_true",
                    help="score only the figures and dates (a folder without topic labels)")
    ev.add_argument("--examples", type=Path, help="score the classifier on a folder of labeled examples instead "
                    "(the format of content/examples/; not the ones it is trained on)")
    ev.add_argument("--cross-validate", action="store_true",
                    help="score the classifier on its own examples, each language predicted by a model trained "
                    "without it (5 folds by language; a few minutes)")
    ev.add_argument("--model-cache", type=Path, help="folder of trained models and sentence vectors "
                    "(default: BRIEFING_MODEL_CACHE, else .cache/briefing)")
    rd = commands.add_parser("render", help="write the generated Markdown pages to a folder",
                             description="Builds the articles and writes every generated page as Markdown, with the "
                             "original files beside their source pages: a docs_dir a plain MkDocs build can read.")
    rd.add_argument("--out", type=Path, required=True, help="folder to write the pages into (created)")
    rd.add_argument("--articles", type=Path, default=Path("content/articles"), help="folder of article files")
    rd.add_argument("--topics", type=Path, default=Path("content/topics.yml"), help="topics file")
    rd.add_argument("--entities", type=Path, default=Path("content/entities.yml"), help="entities file")
    rd.add_argument("--templates", type=Path, default=Path("site_templates"), help="folder of the page templates")
    rd.add_argument("--cache-dir", type=Path, default=Path(".cache/briefing"), help="the build's cache (reused)")
    rd.add_argument("--workers", type=int, default=0, help="processes for the article stages (0: one per core)")
    rd.add_argument("--no-directory-urls", dest="directory_urls", action="store_false",
                    help="links for a site built with use_directory_urls: false (page.html, not page/)")
    vc = commands.add_parser("vectors", help="write the examples' sentence vectors next to them (vectors.npz)",
                             description="Embeds every labelled example the store lacks and writes all their vectors "
                             "to the examples folder's vectors.npz, so that a fresh checkout's first build reads them "
                             "instead of embedding them (about five minutes). Run it after editing many examples.")
    vc.add_argument("--topics", type=Path, default=Path("content/topics.yml"),
                    help="topics file (its `classifier: examples:` folder is the one written to)")
    vc.add_argument("--model-cache", type=Path, help="folder of trained models and sentence vectors "
                    "(default: BRIEFING_MODEL_CACHE, else .cache/briefing)")
    pdf = commands.add_parser("pdf", help="print the briefing (overview and topics) of a built site as one PDF",
                              description="Prints the overview and every topic page of a built site through "
                              "Chromium into one PDF; its citation links point into the site (see --site-url).")
    pdf.add_argument("--site", type=Path, default=Path("site"), help="the built site (mkdocs build's site_dir)")
    pdf.add_argument("--out", type=Path, default=Path("briefing.pdf"), help="the PDF to write")
    pdf.add_argument("--chromium", default="/usr/bin/chromium", help="the Chromium executable")
    pdf.add_argument("--site-url", help="the published site's address: citation links point there (default: "
                     "relative to the site folder, so keep the PDF in it)")
    args = parser.parse_args(argv)
    if args.command == "pdf":
        from .pdf import print_briefing

        pages = print_briefing(args.site, args.out, args.chromium, site_url=args.site_url)
        print(f"wrote {args.out}: {pages} pages", file=sys.stderr)
        return 0

    if args.command == "vectors":
        return _write_vectors(args.topics, args.model_cache or _default_model_cache())
    settings = Settings(articles=args.articles, topics=args.topics, content_root=args.articles.parent)
    if args.command == "eval":
        settings = replace(settings, model_cache_dir=args.model_cache or _default_model_cache())
    if args.command == "eval" and args.cross_validate:
        from .corpus import sentence_model
        from .evaluate import Evaluation
        from .examples import load_examples
        from .topics import examples_folder, load_classifier_settings, load_topics
        from .training import cross_validate, example_features, vectors_of

        topics = load_topics(args.topics)
        model = sentence_model(settings, topics, _say)
        examples = load_examples(examples_folder(args.topics, load_classifier_settings(args.topics)),
                                 [t.slug for t in topics])
        vectors = vectors_of([e.text for e in examples], model.store, embedding_backend())
        found = cross_validate(examples, example_features(examples, vectors, topics), topics, model.model.embedding)
        print(Evaluation(tuple(t.slug for t in topics), tuple(found)).report())
        return 0
    if args.command == "eval" and args.examples:
        from .corpus import sentence_model
        from .examples import load_examples
        from .topics import load_topics

        topics = load_topics(args.topics)
        model = sentence_model(settings, topics, _say)
        print(evaluate_examples(load_examples(args.examples, [t.slug for t in topics]), model).report())
        return 0
    if args.command == "render":
        from .workers import default_workers

        settings = replace(settings, cache_dir=args.cache_dir, workers=args.workers or default_workers(),
                           entities=args.entities)
    corpus = build_corpus(settings, _say)
    if args.command == "eval":
        if not args.dates_only:
            scores, unmatched, predictions = score(corpus, load_labels(args.labels))
            print(report(scores, unmatched, predictions, verbose=args.verbose))
            print(evaluation(corpus, predictions).report())
        figures = args.figures or (SEEDS_KEY if args.articles == Path("content/articles") else None)
        if args.dates_only and (args.dates.is_file() or figures):
            print(f"{'':<24} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
        if figures is not None and figures.is_file():
            from .figure_eval import load_key_figures, report_figures, score_figures

            print(report_figures(score_figures(corpus, load_key_figures(figures)), verbose=args.verbose))
        if args.dates.is_file():
            print(report_dates(score_dates(corpus, load_key_dates(args.dates)), verbose=args.verbose))
        return 0
    from .render import Renderer
    from .views import original_path

    pages = Renderer(args.templates, directory_urls=args.directory_urls).render_site(corpus)
    for src_uri, markdown in pages.items():
        target = args.out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for article in corpus.published:  # the originals, byte for byte, as the plugin publishes them
        (args.out / original_path(article)).write_bytes(article.source.raw)
    print(f"wrote {len(pages)} pages and {len(corpus.published)} original files to {args.out}; {corpus.stats}",
          file=sys.stderr)
    return 0


def _write_vectors(topics_file: Path, model_cache: Path | None) -> int:
    from .corpus import _vector_store
    from .examples import load_examples
    from .figure_training import figure_texts, labelled_rows, rows
    from .knowledge import load_knowledge
    from .topics import examples_folder, load_classifier_settings, load_topics
    from .training import shipped_vectors, vectors_of, write_shipped_vectors

    folder = examples_folder(topics_file, load_classifier_settings(topics_file))
    examples = load_examples(folder, [t.slug for t in load_topics(topics_file)])
    finder = load_knowledge(Settings().data).figures
    texts = [e.text for e in examples]
    if finder is not None:  # the figure model's windows too
        texts += figure_texts(rows(examples, finder) + labelled_rows(folder))
    model = embedding_backend()
    store = _vector_store(Settings(topics=topics_file, model_cache_dir=model_cache))
    vectors = vectors_of(texts, store, model, _say, "examples", shipped_vectors(folder, model.name))
    path = write_shipped_vectors(folder, texts, vectors, model.name)
    print(f"wrote {path}: {len(set(texts))} vectors of {model.name}", file=sys.stderr)
    return 0


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _default_model_cache() -> Path | None:
    import os

    return None if os.environ.get("BRIEFING_MODEL_CACHE") else Path(".cache/briefing")


if __name__ == "__main__":
    sys.exit(main())
