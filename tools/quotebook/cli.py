"""The ``quotebook`` command: argparse in front, the pipeline behind.

Exit status: 0 clean or warnings only, 1 errors in the data (or a Sphinx
warning during ``build``), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from quotebook import __version__
from quotebook.model import Corpus, Level
from quotebook.reader import CorpusUnreadable, read_corpus

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path("corpus"),
        help="corpus folder or a single .txt file (default: corpus/)",
    )
    parser.add_argument(
        "--encoding", default="utf-8", help="encoding of the corpus text (default: utf-8)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotebook",
        description="Publish a compilation of quotations as a Sphinx site and a PDF book.",
    )
    parser.add_argument("--version", action="version", version=f"quotebook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="read the corpus and report problems")
    _corpus_arguments(check)
    check.add_argument("--format", choices=("text", "json"), default="text")

    export = commands.add_parser("export", help="write the parsed corpus or its bibliography")
    _corpus_arguments(export)
    export.add_argument("--format", choices=("json", "bibtex", "csl-json"), required=True)
    export.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")

    convert = commands.add_parser("convert", help="write the MyST pages")
    _corpus_arguments(convert)
    convert.add_argument("--out", type=Path, default=Path("_build/src"))
    convert.add_argument("--docs", type=Path, default=Path("docs"))

    build = commands.add_parser("build", help="convert, then build with Sphinx")
    _corpus_arguments(build)
    build.add_argument("--builddir", type=Path, default=Path("_build"))
    build.add_argument("--docs", type=Path, default=Path("docs"))
    build.add_argument("--html", action="store_true", help="build the HTML site (default)")
    build.add_argument("--pdf", action="store_true", help="build the PDF book")
    build.add_argument("-j", "--jobs", default="1", help="Sphinx parallel jobs (default 1)")
    return parser


def _print_diagnostics(corpus: Corpus, stream: object = None) -> None:
    out = stream or sys.stderr
    for diagnostic in corpus.diagnostics:
        print(diagnostic.format(), file=out)  # type: ignore[arg-type]


def _status(corpus: Corpus) -> int:
    return EXIT_DATA if corpus.has_errors else EXIT_OK


def summary(corpus: Corpus) -> dict[str, int]:
    levels = [d.level for d in corpus.diagnostics]
    return {
        "sources": len(corpus.sources),
        "authors": len(corpus.authors),
        "quotes": len(corpus.quotes),
        "uncertain": sum(q.status.value == "uncertain" for q in corpus.quotes),
        "unattributed": len(corpus.unattributed),
        "people": len(corpus.people),
        "errors": levels.count(Level.ERROR),
        "warnings": levels.count(Level.WARNING),
    }


def run_check(args: argparse.Namespace) -> int:
    corpus = read_corpus(args.corpus, args.encoding)
    counts = summary(corpus)
    if args.format == "json":
        document = {
            "summary": counts,
            "diagnostics": [d.as_dict() for d in corpus.diagnostics],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_diagnostics(corpus, sys.stdout)
        print(
            "{sources} sources, {authors} authors, {quotes} quotes ({uncertain} uncertain), "
            "{unattributed} unattributed ranges, {people} people; "
            "{errors} errors, {warnings} warnings".format(**counts)
        )
    return _status(corpus)


def run_export(args: argparse.Namespace) -> int:
    from quotebook.writers.bibtex import render_bibtex
    from quotebook.writers.csl import render_csl
    from quotebook.writers.json import render_json

    corpus = read_corpus(args.corpus, args.encoding)
    renderer = {"json": render_json, "bibtex": render_bibtex, "csl-json": render_csl}[args.format]
    text = renderer(corpus)
    if args.output:
        from quotebook.files import sync_tree

        sync_tree(args.output.parent, {args.output.name: text.encode()}, managed=())
    else:
        sys.stdout.write(text)
    _print_diagnostics(corpus)
    return _status(corpus)


def run_convert(args: argparse.Namespace) -> int:
    from quotebook.site import convert

    corpus = read_corpus(args.corpus, args.encoding)
    _print_diagnostics(corpus)
    if corpus.has_errors:
        print("quotebook: errors in the data; no pages written", file=sys.stderr)
        return EXIT_DATA
    report = convert(corpus, args.out, args.docs)
    print(f"pages: {report.summary()}")
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    from quotebook.site import build_site

    corpus = read_corpus(args.corpus, args.encoding)
    _print_diagnostics(corpus)
    if corpus.has_errors:
        print("quotebook: errors in the data; nothing built", file=sys.stderr)
        return EXIT_DATA
    html = args.html or not args.pdf
    return build_site(corpus, args.builddir, args.docs, html=html, pdf=args.pdf, jobs=args.jobs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {
        "check": run_check,
        "export": run_export,
        "convert": run_convert,
        "build": run_build,
    }
    try:
        return handlers[args.command](args)
    except CorpusUnreadable as error:
        print(error.diagnostic.format(), file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        # An output or docs folder that cannot be used (a file where a folder should
        # be, no conf.py, a full disk): the user's setup, not a bug. Staged writes
        # mean nothing was half-written.
        where = error.filename2 or error.filename
        place = f"{where}:0" if where else "quotebook"
        print(f"{place}: error: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
