"""The library: every analysis and every correction, kept in one embedded SQLite file.

One file, ``library.sqlite3``, in the folder named by ``STANCESCOPE_DATA`` (default: the project's git-ignored
``data/``). Back it up by copying that file (with the server stopped, or with ``sqlite3 .backup``).

Why SQLite: it ships with Python, every write is a transaction, and in WAL mode several processes (browser
sessions on one server, the command line, batch workers) read and write one file safely. A crash or a kill
in the middle of a write leaves the last committed state; nothing half-written is ever read.

Tables are stored as Parquet blobs (one per unit: paragraphs, statements, stances), so an analysis comes
back with exactly the columns and dtypes it was saved with, whatever columns later versions add.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from analysis.pipeline import Analysis
from analysis.reading import Article

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
LIBRARY_FILE = "library.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another one before giving up (writes take milliseconds)."""

TABLES = ("paragraphs", "statements", "stances")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    sha256 TEXT PRIMARY KEY,
    title TEXT,
    date TEXT,
    source_name TEXT NOT NULL,
    source_format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    text TEXT NOT NULL,
    warnings TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS analyses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    targets TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    models TEXT NOT NULL,
    elapsed_s REAL NOT NULL,
    warnings TEXT NOT NULL,
    analysed_at TEXT NOT NULL,
    n_paragraphs INTEGER NOT NULL,
    n_statements INTEGER NOT NULL,
    paragraphs BLOB NOT NULL,
    statements BLOB NOT NULL,
    stances BLOB NOT NULL,
    UNIQUE (sha256, targets, fingerprint)
);
CREATE INDEX IF NOT EXISTS analyses_by_article ON analyses(sha256);
CREATE TABLE IF NOT EXISTS corrections (
    sha256 TEXT NOT NULL,
    statement_id INTEGER NOT NULL,
    change TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (sha256, statement_id)
);
CREATE TABLE IF NOT EXISTS failures (
    source TEXT PRIMARY KEY,
    error TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
"""


class LibraryError(RuntimeError):
    """The library file cannot be opened or written; ``str(error)`` is the message for the analyst."""


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """An analysis as the library keeps it: its id, when it was analysed, and the analysis itself."""

    id: int
    analysed_at: str
    analysis: Analysis


def data_dir(*, environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    value = env.get("STANCESCOPE_DATA", "").strip()
    return Path(value).expanduser() if value else DEFAULT_DATA_DIR


def default_path(*, environ: Mapping[str, str] | None = None) -> Path:
    """``$STANCESCOPE_DATA/library.sqlite3`` (default ``<project>/data/library.sqlite3``)."""
    return data_dir(environ=environ) / LIBRARY_FILE


def targets_key(targets: Sequence[str]) -> str:
    """Targets as stored and matched: the JSON list in the order typed."""
    return json.dumps(list(targets), ensure_ascii=False)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _table_blob(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.reset_index(drop=True).to_parquet(buffer, index=False)
    return buffer.getvalue()


def _blob_table(blob: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(blob))


class Library:
    """The library file. Every method opens its own connection, so one object may serve many threads and
    several ``Library`` objects (processes) may share a file."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as connection:
                connection.executescript(_SCHEMA)
                connection.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
        except (OSError, sqlite3.Error) as error:
            raise LibraryError(f"The library at {self.path} cannot be opened: {error}") from error

    # ------------------------------------------------------------------------------ connections

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction that takes the write lock at once (no deadlock between two upgrading readers)."""
        with self._connect() as connection:
            for attempt in range(3):
                try:
                    connection.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError:
                    if attempt == 2:
                        raise
                    time.sleep(0.2 * (attempt + 1))
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    # ------------------------------------------------------------------------------ analyses

    def save(self, analysis: Analysis, *, fingerprint: str) -> int:
        """Store an analysis (and its article); the same article, targets and models replace the old row."""
        article = analysis.article
        row = (
            article.sha256,
            targets_key(analysis.targets),
            fingerprint,
            json.dumps(analysis.models, ensure_ascii=False),
            float(analysis.elapsed_s),
            json.dumps(list(analysis.warnings), ensure_ascii=False),
            _now(),
            len(analysis.paragraphs),
            len(analysis.statements),
            *(_table_blob(getattr(analysis, name)) for name in TABLES),
        )
        try:
            with self._write() as connection:
                connection.execute(
                    "INSERT INTO articles (sha256, title, date, source_name, source_format, encoding, outlet, url,"
                    " text, warnings, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(sha256) DO UPDATE SET title=excluded.title, date=excluded.date,"
                    " source_name=excluded.source_name, outlet=COALESCE(excluded.outlet, articles.outlet),"
                    " url=COALESCE(excluded.url, articles.url)",
                    (
                        article.sha256,
                        article.title,
                        article.date.isoformat() if article.date else None,
                        article.source_name,
                        article.source_format,
                        article.encoding,
                        getattr(article, "outlet", None),
                        getattr(article, "url", None),
                        article.text,
                        json.dumps(list(article.warnings), ensure_ascii=False),
                        _now(),
                    ),
                )
                cursor = connection.execute(
                    "INSERT INTO analyses (sha256, targets, fingerprint, models, elapsed_s, warnings, analysed_at,"
                    " n_paragraphs, n_statements, paragraphs, statements, stances)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(sha256, targets, fingerprint) DO UPDATE SET models=excluded.models,"
                    " elapsed_s=excluded.elapsed_s, warnings=excluded.warnings, analysed_at=excluded.analysed_at,"
                    " n_paragraphs=excluded.n_paragraphs, n_statements=excluded.n_statements,"
                    " paragraphs=excluded.paragraphs, statements=excluded.statements, stances=excluded.stances"
                    " RETURNING id",
                    row,
                )
                return int(cursor.fetchone()[0])
        except sqlite3.Error as error:
            raise LibraryError(f"The analysis could not be saved to {self.path}: {error}") from error

    def find(self, *, sha256: str, targets: Sequence[str], fingerprint: str) -> int | None:
        """The id of the stored analysis of this article with these targets and models, if any."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT id FROM analyses WHERE sha256 = ? AND targets = ? AND fingerprint = ?",
                (sha256, targets_key(targets), fingerprint),
            ).fetchone()
        return int(row[0]) if row else None

    def load(self, analysis_id: int) -> StoredAnalysis:
        with self._connect() as connection:
            row = connection.execute(
                "SELECT a.id, a.targets, a.models, a.elapsed_s, a.warnings, a.analysed_at, a.paragraphs,"
                " a.statements, a.stances, r.sha256, r.title, r.date, r.source_name, r.source_format,"
                " r.encoding, r.outlet, r.url, r.text, r.warnings"
                " FROM analyses a JOIN articles r ON r.sha256 = a.sha256 WHERE a.id = ?",
                (int(analysis_id),),
            ).fetchone()
        if row is None:
            raise LibraryError(
                f"There is no analysis #{analysis_id} in the library (it may have been deleted)."
            )
        (id_, targets, models, elapsed, warnings, analysed_at, paragraphs, statements, stances) = row[:9]
        (sha256, title, day, source_name, source_format, encoding, outlet, url, text, article_warnings) = row[
            9:
        ]
        article = Article(
            text=text,
            title=title,
            date=date.fromisoformat(day) if day else None,
            sha256=sha256,
            source_name=source_name,
            source_format=source_format,
            encoding=encoding,
            warnings=tuple(json.loads(article_warnings)),
            **_article_extras(outlet=outlet, url=url),
        )
        analysis = Analysis(
            article=article,
            targets=tuple(json.loads(targets)),
            paragraphs=_blob_table(paragraphs),
            statements=_blob_table(statements),
            stances=_blob_table(stances),
            models=json.loads(models),
            elapsed_s=float(elapsed),
            warnings=tuple(json.loads(warnings)),
        )
        return StoredAnalysis(id=int(id_), analysed_at=analysed_at, analysis=analysis)

    def entries(self) -> pd.DataFrame:
        """One row per stored analysis, newest first: id, title, date, source, outlet, targets, statements,
        paragraphs, analysed_at, sha256, opening (the first 400 characters of the text), corrections."""
        with self._connect() as connection:
            frame = pd.read_sql_query(
                "SELECT a.id, r.title, r.date, r.source_name AS source, r.outlet, a.targets, a.n_statements AS"
                " statements, a.n_paragraphs AS paragraphs, a.analysed_at, a.sha256, substr(r.text, 1, 400) AS opening,"
                " (SELECT COUNT(*) FROM corrections c WHERE c.sha256 = a.sha256) AS corrections"
                " FROM analyses a JOIN articles r ON r.sha256 = a.sha256 ORDER BY a.analysed_at DESC, a.id DESC",
                connection,
            )
        text_columns = ["title", "date", "source", "outlet", "opening"]
        return frame.assign(
            targets=lambda t: t["targets"].map(lambda value: tuple(json.loads(value))),
            # SQL NULL comes back as NaN in an all-missing column: make it None, as for a single row
            **{
                column: frame[column].astype(object).where(frame[column].notna(), None)
                for column in text_columns
            },
        )

    def version(self) -> str:
        """Changes whenever an analysis or a correction is added, replaced or deleted (for caches)."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT (SELECT COUNT(*) FROM analyses), (SELECT MAX(id) FROM analyses),"
                " (SELECT MAX(analysed_at) FROM analyses), (SELECT COUNT(*) FROM corrections),"
                " (SELECT MAX(updated_at) FROM corrections), (SELECT COUNT(*) FROM failures)"
            ).fetchone()
        return "|".join(str(value) for value in row)

    def delete(self, analysis_id: int) -> None:
        """Delete one analysis; the article (and its corrections) go too when no other analysis uses it."""
        with self._write() as connection:
            row = connection.execute(
                "SELECT sha256 FROM analyses WHERE id = ?", (int(analysis_id),)
            ).fetchone()
            if row is None:
                return
            connection.execute("DELETE FROM analyses WHERE id = ?", (int(analysis_id),))
            left = connection.execute("SELECT COUNT(*) FROM analyses WHERE sha256 = ?", row).fetchone()[0]
            if not left:
                connection.execute("DELETE FROM corrections WHERE sha256 = ?", row)
                connection.execute("DELETE FROM articles WHERE sha256 = ?", row)

    # ------------------------------------------------------------------------------ corrections

    def corrections(self, sha256: str) -> dict[int, dict]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT statement_id, change FROM corrections WHERE sha256 = ? ORDER BY statement_id",
                (sha256,),
            ).fetchall()
        return {int(statement_id): json.loads(change) for statement_id, change in rows}

    def set_correction(self, *, sha256: str, statement_id: int, change: Mapping[str, str | None]) -> None:
        """Merge ``change`` into the statement's correction (read and write in one transaction)."""
        with self._write() as connection:
            row = connection.execute(
                "SELECT change FROM corrections WHERE sha256 = ? AND statement_id = ?",
                (sha256, int(statement_id)),
            ).fetchone()
            merged = {**(json.loads(row[0]) if row else {}), **dict(change)}
            connection.execute(
                "INSERT INTO corrections (sha256, statement_id, change, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(sha256, statement_id) DO UPDATE SET change=excluded.change,"
                " updated_at=excluded.updated_at",
                (sha256, int(statement_id), json.dumps(merged, ensure_ascii=False), _now()),
            )

    def clear_corrections(self, sha256: str) -> None:
        with self._write() as connection:
            connection.execute("DELETE FROM corrections WHERE sha256 = ?", (sha256,))

    # ------------------------------------------------------------------------------ batch failures

    def record_failure(self, *, source: str, error: str) -> None:
        with self._write() as connection:
            connection.execute(
                "INSERT INTO failures (source, error, failed_at) VALUES (?, ?, ?) ON CONFLICT(source) DO UPDATE"
                " SET error=excluded.error, failed_at=excluded.failed_at",
                (source, " ".join(str(error).split())[:500], _now()),
            )

    def clear_failure(self, *, source: str) -> None:
        with self._write() as connection:
            connection.execute("DELETE FROM failures WHERE source = ?", (source,))

    def failures(self) -> pd.DataFrame:
        with self._connect() as connection:
            return pd.read_sql_query(
                "SELECT source, error, failed_at FROM failures ORDER BY source", connection
            )

    # ------------------------------------------------------------------------------ export

    def export_zip(self) -> bytes:
        """Every stored analysis as one ZIP: per analysis its article text, metadata and tables (CSV and
        JSON), the analyst's corrections, and an index of the library."""
        from analysis.export import safe_csv

        entries = self.entries()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "library.csv", safe_csv(entries.assign(targets=entries["targets"].map("; ".join)))
            )
            for entry in entries.itertuples(index=False):
                stored = self.load(int(entry.id))
                analysis = stored.analysis
                folder = f"analysis-{int(entry.id):05d}"
                article = analysis.article
                meta = {
                    "id": int(entry.id),
                    "title": article.title,
                    "date": article.date.isoformat() if article.date else None,
                    "source_name": article.source_name,
                    "outlet": getattr(article, "outlet", None),
                    "sha256": article.sha256,
                    "targets": list(analysis.targets),
                    "models": analysis.models,
                    "analysed_at": stored.analysed_at,
                    "warnings": list(analysis.warnings),
                    "corrections": {str(k): v for k, v in self.corrections(article.sha256).items()},
                }
                archive.writestr(f"{folder}/analysis.json", json.dumps(meta, indent=2, ensure_ascii=False))
                archive.writestr(f"{folder}/article.txt", article.text)
                for name in TABLES:
                    table = getattr(analysis, name)
                    archive.writestr(f"{folder}/{name}.csv", safe_csv(table))
                    archive.writestr(
                        f"{folder}/{name}.json", table.to_json(orient="records", force_ascii=False)
                    )
        return buffer.getvalue()


def _article_extras(*, outlet: str | None, url: str | None) -> dict[str, str | None]:
    """Outlet and URL for an Article that has those fields (the corpus adds them)."""
    fields = getattr(Article, "__dataclass_fields__", {})
    return {name: value for name, value in (("outlet", outlet), ("url", url)) if name in fields}
