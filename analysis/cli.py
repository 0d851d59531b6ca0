"""The command line behind ``python -m analysis``: errors are one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_BAD_INPUT = 2


def build_parser(prog: str = "python -m analysis") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="StanceScope: who said what, and how they lean.")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser("analyze", help="analyse one or more article files")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .md, .html, .docx or .pdf article")
    analyze.add_argument(
        "--target", action="append", required=True, help="stance target; repeat for several targets"
    )
    analyze.add_argument("--format", choices=("json", "csv"), default="json")
    analyze.add_argument("--out", type=Path, help="write here instead of standard output")
    analyze.add_argument("--indent", type=int, default=None, help="pretty-print JSON with this indent")
    return parser


def _say(kind: str, message: object) -> None:
    """One line on stderr, whatever a file name holds (a newline in a path would split the message)."""
    text = str(message).replace("\r", "\\r").replace("\n", "\\n")
    print(f"{kind}: {text}", file=sys.stderr)


def _write_stdout(text: str) -> None:
    """JSON and CSV are UTF-8, as with --out, whatever the terminal's encoding (ASCII would raise)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def main(argv: Sequence[str], *, prog: str = "python -m analysis") -> int:
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")  # a non-ASCII file name on an ASCII terminal
    args = build_parser(prog).parse_args(argv)
    # Heavy imports after argument parsing, so --help and usage errors answer at once.
    import pandas as pd

    from analysis.export import analysis_record, safe_csv, statements_csv_table, to_json
    from analysis.models import ModelError, load_scorers
    from analysis.pipeline import AnalysisError, analyze, clean_targets
    from analysis.reading import ArticleError, read_path

    try:
        targets = clean_targets(targets=args.target)
    except AnalysisError as error:
        _say("error", error)
        return EXIT_BAD_INPUT
    articles = []
    failed = False
    for path in args.paths:
        try:
            articles.append(read_path(path))
        except ArticleError as error:
            _say("error", error)
            failed = True
    if not articles:
        return EXIT_BAD_INPUT
    try:
        scorers = load_scorers()
    except ModelError as error:
        _say("error", error)
        return EXIT_BAD_INPUT

    outputs: list[str] = []
    tables = []
    for article in articles:
        try:
            result = analyze(article=article, targets=targets, scorers=scorers)
        except AnalysisError as error:
            _say("error", error)
            failed = True
            continue
        for warning in result.warnings:
            _say("warning", f"{article.source_name}: {warning}")
        if args.format == "json":
            outputs.append(to_json(analysis_record(result), indent=args.indent))
        else:
            tables.append(
                statements_csv_table(result).assign(article=article.source_name, sha256=article.sha256)
            )
    if args.format == "csv" and tables:
        outputs.append(safe_csv(pd.concat(tables, ignore_index=True)).rstrip("\n"))
    text = "\n".join(outputs) + ("\n" if outputs else "")
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as error:
            _say("error", f"cannot write {args.out}: {error.strerror or error}")
            return EXIT_BAD_INPUT
    else:
        _write_stdout(text)
    return EXIT_BAD_INPUT if failed else 0
