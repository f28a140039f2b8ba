"""Command line: `python -m generator eval` scores classification on hand labels;
`python -m generator render --out DIR` writes the generated Markdown pages to a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import Settings, build_corpus
from .evaluate import load_labels, report, score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator")
    commands = parser.add_subparsers(dest="command", required=True)
    ev = commands.add_parser("eval", help="precision and recall per topic on labeled sentences")
    ev.add_argument("--labels", type=Path, default=Path("tests/data/dev/seed_labels.yml"))
    ev.add_argument("--articles", type=Path, default=Path("content/articles"))
    ev.add_argument("--topics", type=Path, default=Path("content/topics.yml"))
    ev.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    rd = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    rd.add_argument("--out", type=Path, required=True)
    rd.add_argument("--articles", type=Path, default=Path("content/articles"))
    rd.add_argument("--topics", type=Path, default=Path("content/topics.yml"))
    rd.add_argument("--templates", type=Path, default=Path("site_templates"))
    args = parser.parse_args(argv)

    settings = Settings(articles=args.articles, topics=args.topics, content_root=args.articles.parent)
    corpus = build_corpus(settings)
    if args.command == "eval":
        scores, unmatched, predictions = score(corpus, load_labels(args.labels))
        print(report(scores, unmatched, predictions, verbose=args.verbose))
        return 0
    from .render import Renderer

    pages = Renderer(args.templates).render_site(corpus)
    for src_uri, markdown in pages.items():
        target = args.out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
