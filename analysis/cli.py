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
    analyze.add_argument(
        "--save",
        action="store_true",
        help="keep every analysis in the library ($STANCESCOPE_DATA/library.sqlite3) that the dashboard shows; "
        "an article already stored with the same targets and models is read back, not recomputed",
    )
    analyze.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    library = commands.add_parser("library", help="the library of stored analyses")
    library_commands = library.add_subparsers(dest="library_command", required=True)
    library_commands.add_parser(
        "list", help="one line per stored analysis: id, title, date, source, targets, statements"
    )
    corpus = commands.add_parser("corpus", help="many articles into the library, and the corpus table back")
    corpus_commands = corpus.add_subparsers(dest="corpus_command", required=True)
    add = corpus_commands.add_parser(
        "add", help="analyse files, folders and JSON Lines records into the library"
    )
    add.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (searched recursively)"
    )
    add.add_argument(
        "--jsonl",
        action="append",
        default=[],
        metavar="FILE",
        help="JSON Lines: text, title, date, outlet, url, id",
    )
    add.add_argument("--target", action="append", required=True, help="stance target; repeat for several")
    add.add_argument("--workers", type=int, default=1, help="worker processes (local) or actors (ray)")
    add.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: processes on this machine (the better choice on one small machine: no 10-30 s Ray start); "
        "ray: Ray Data actors, locally or on --ray-address",
    )
    add.add_argument(
        "--ray-address", default=None, help="an existing Ray cluster (default: start Ray locally)"
    )
    add.add_argument("--quiet", action="store_true", help="no progress bar")
    corpus_commands.add_parser("list", help="the stored analyses and the inputs that failed")
    export = corpus_commands.add_parser(
        "export", help="every statement with its stance and article, as one table"
    )
    export.add_argument("--target", required=True)
    export.add_argument("--format", choices=("csv", "parquet"), default="csv")
    export.add_argument("--out", type=Path, help="file to write (required for parquet)")
    return parser


class StderrProgress:
    """Progress lines on stderr, only once a run has taken over ``after_s`` seconds (short runs stay silent)."""

    def __init__(self, *, quiet: bool, after_s: float | None = None) -> None:
        import os
        import time

        if after_s is None:  # STANCESCOPE_PROGRESS_AFTER_S: how long a run stays silent (default 2 s)
            try:
                after_s = float(os.environ.get("STANCESCOPE_PROGRESS_AFTER_S", "2"))
            except ValueError:
                after_s = 2.0

        self._clock = time.monotonic
        self._started = self._clock()
        self._quiet = quiet
        self._after = after_s
        self._last = ""

    def __call__(self, message: str) -> None:
        elapsed = self._clock() - self._started
        if self._quiet or elapsed < self._after or message == self._last:
            return
        self._last = message
        _say("progress", f"{elapsed:5.1f} s  {message}")

    def step(self, name: str):
        return lambda fraction, message: self(f"{name}: {message} ({fraction:.0%})")


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
    if args.command == "library":
        return _library_command(args)
    if args.command == "corpus":
        return _corpus_command(args)
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
    progress = StderrProgress(quiet=args.quiet)
    library = None
    if args.save:
        from analysis.store import Library, LibraryError

        try:
            library = Library()
        except LibraryError as error:
            _say("error", error)
            return EXIT_BAD_INPUT
    scorers = None

    outputs: list[str] = []
    tables = []
    for article in articles:
        stored_id = None
        if library is not None:
            from analysis.models import load_settings

            stored_id = library.find(
                sha256=article.sha256, targets=targets, fingerprint=load_settings().fingerprint
            )
        if stored_id is not None:
            result = library.load(stored_id).analysis
            if not args.quiet:
                _say(
                    "note",
                    f"{article.source_name}: read from the library (analysis #{stored_id}), not recomputed",
                )
        else:
            if scorers is None:
                progress("loading the models")
                try:
                    scorers = load_scorers()
                except ModelError as error:
                    _say("error", error)
                    return EXIT_BAD_INPUT
            try:
                result = analyze(
                    article=article,
                    targets=targets,
                    scorers=scorers,
                    progress=progress.step(Path(article.source_name).name),
                )
            except AnalysisError as error:
                _say("error", error)
                failed = True
                continue
            if library is not None:
                saved = library.save(result, fingerprint=scorers.settings.fingerprint)
                if not args.quiet:
                    _say("note", f"{article.source_name}: saved to the library as analysis #{saved}")
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


def _library_command(args: argparse.Namespace) -> int:
    from analysis.store import Library, LibraryError

    try:
        entries = Library().entries()
    except LibraryError as error:
        _say("error", error)
        return EXIT_BAD_INPUT
    lines = [
        "\t".join(
            [
                str(int(row.id)),
                _cell(row.title),
                _cell(row.date),
                _cell(Path(str(row.source)).name),
                _cell("; ".join(row.targets)),
                str(int(row.statements)),
            ]
        )
        for row in entries.itertuples(index=False)
    ]
    _write_stdout("id\ttitle\tdate\tsource\ttargets\tstatements\n" + "".join(f"{line}\n" for line in lines))
    return 0


def _cell(value: object) -> str:
    """A value for one tab-separated cell: no tabs or line breaks inside, '-' when missing."""
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    return " ".join(str(value).split()) or "-"


def _corpus_command(args: argparse.Namespace) -> int:
    from analysis import corpus
    from analysis.store import Library, LibraryError

    try:
        library = Library()
    except LibraryError as error:
        _say("error", error)
        return EXIT_BAD_INPUT
    if args.corpus_command == "list":
        code = _library_command(args)
        failures = library.failures()
        if not failures.empty:
            _write_stdout(
                "\nfailed inputs\n"
                + "".join(
                    f"{_cell(row.source)}\t{_cell(row.error)}\n" for row in failures.itertuples(index=False)
                )
            )
        return code
    if args.corpus_command == "export":
        table = corpus.corpus_statements(library=library, target=args.target)
        if table.empty:
            _say("error", f"no stored analysis has the target {args.target!r}; run corpus add with it first")
            return EXIT_BAD_INPUT
        if args.format == "parquet":
            if not args.out:
                _say("error", "--format parquet needs --out FILE")
                return EXIT_BAD_INPUT
            table.to_parquet(args.out, index=False)
        else:
            from analysis.export import safe_csv

            text = safe_csv(table)
            if args.out:
                args.out.write_text(text, encoding="utf-8")
            else:
                _write_stdout(text)
        return 0
    return _corpus_add(args, library)


def _corpus_add(args: argparse.Namespace, library) -> int:
    from analysis import corpus
    from analysis.models import ModelError, load_settings
    from analysis.pipeline import AnalysisError, clean_targets

    try:
        targets = clean_targets(targets=args.target)
        items = corpus.collect(paths=args.paths, jsonl=args.jsonl)
    except (AnalysisError, corpus.CorpusError) as error:
        _say("error", error)
        return EXIT_BAD_INPUT
    if not items:
        _say("error", "no article files or records found in the given paths")
        return EXIT_BAD_INPUT
    if args.workers < 1:
        _say("error", "--workers must be 1 or more")
        return EXIT_BAD_INPUT
    fingerprint = load_settings().fingerprint
    summary = corpus.BatchSummary()
    jobs = corpus.plan(items, targets=targets, library=library, fingerprint=fingerprint, summary=summary)
    from tqdm import tqdm

    with tqdm(
        total=len(jobs), unit="article", disable=args.quiet, file=sys.stderr, dynamic_ncols=True
    ) as bar:
        run = corpus.run_ray if args.engine == "ray" else corpus.run_local
        extra = {"address": args.ray_address} if args.engine == "ray" else {}
        try:
            run(
                jobs,
                library=library,
                fingerprint=fingerprint,
                workers=args.workers,
                summary=summary,
                progress=bar.update,
                **extra,
            )
        except ModelError as error:
            _say("error", error)
            return EXIT_BAD_INPUT
    for key, error in summary.failures:
        _say("failed", f"{key}: {error}")
    _say("summary", f"{len(items)} inputs: {summary.line()}")
    return 0
