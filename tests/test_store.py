"""The library on a real SQLite file: round trips, corrections, parallel writers, a writer killed mid-write."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile
from dataclasses import replace

import pandas as pd
import pytest

from analysis.pipeline import analyze
from analysis.store import Library, LibraryError, default_path
from tests.conftest import PROJECT_ROOT, SEED_TARGET

FINGERPRINT = "tiny-models"


@pytest.fixture(scope="module")
def seed_analysis(seed_article, tiny_scorers):
    return analyze(article=seed_article, targets=[SEED_TARGET, "the Iran nuclear deal"], scorers=tiny_scorers)


@pytest.fixture
def library(tmp_path):
    return Library(tmp_path / "library.sqlite3")


def test_round_trip_keeps_every_table_and_field(library, seed_analysis):
    analysis_id = library.save(seed_analysis, fingerprint=FINGERPRINT)
    stored = library.load(analysis_id)
    back = stored.analysis
    assert back.article == seed_analysis.article
    assert back.targets == seed_analysis.targets
    assert back.models == seed_analysis.models and back.warnings == seed_analysis.warnings
    for name in ("paragraphs", "statements", "stances"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(seed_analysis, name))


def test_same_article_targets_and_models_replace_one_row(library, seed_analysis):
    first = library.save(seed_analysis, fingerprint=FINGERPRINT)
    again = library.save(seed_analysis, fingerprint=FINGERPRINT)
    other_models = library.save(seed_analysis, fingerprint="other-models")
    assert first == again != other_models
    assert len(library.entries()) == 2


@pytest.mark.parametrize(
    ("targets", "fingerprint", "found"),
    [
        ((SEED_TARGET, "the Iran nuclear deal"), FINGERPRINT, True),
        (("the Iran nuclear deal", SEED_TARGET), FINGERPRINT, False),  # order typed is part of the key
        ((SEED_TARGET,), FINGERPRINT, False),
        ((SEED_TARGET, "the Iran nuclear deal"), "retrained-models", False),
    ],
)
def test_find_matches_article_targets_and_models(library, seed_analysis, targets, fingerprint, found):
    saved = library.save(seed_analysis, fingerprint=FINGERPRINT)
    hit = library.find(sha256=seed_analysis.article.sha256, targets=targets, fingerprint=fingerprint)
    assert (hit == saved) if found else hit is None


def test_entries_list_what_an_analyst_needs(library, seed_analysis):
    library.save(seed_analysis, fingerprint=FINGERPRINT)
    entry = library.entries().iloc[0]
    assert entry["title"] == seed_analysis.article.title
    assert entry["targets"] == seed_analysis.targets
    assert entry["statements"] == len(seed_analysis.statements)
    assert entry["analysed_at"] and entry["corrections"] == 0


def test_corrections_merge_persist_and_clear(tmp_path, seed_analysis):
    path = tmp_path / "library.sqlite3"
    sha = seed_analysis.article.sha256
    Library(path).set_correction(sha256=sha, statement_id=3, change={"speaker": "Kataib Hezbollah"})
    Library(path).set_correction(sha256=sha, statement_id=3, change={"party": None})
    reopened = Library(path)  # as after a server restart
    assert reopened.corrections(sha) == {3: {"speaker": "Kataib Hezbollah", "party": None}}
    reopened.clear_corrections(sha)
    assert Library(path).corrections(sha) == {}


def test_delete_takes_the_article_with_its_last_analysis(library, seed_analysis):
    first = library.save(seed_analysis, fingerprint=FINGERPRINT)
    second = library.save(replace(seed_analysis, targets=(SEED_TARGET,)), fingerprint=FINGERPRINT)
    library.set_correction(sha256=seed_analysis.article.sha256, statement_id=0, change={"speaker": None})
    library.delete(first)
    assert library.entries()["id"].tolist() == [second]
    assert library.corrections(seed_analysis.article.sha256)  # the article still has an analysis
    library.delete(second)
    assert library.entries().empty
    assert library.corrections(seed_analysis.article.sha256) == {}
    with pytest.raises(LibraryError, match="no analysis"):
        library.load(second)


def test_export_zip_has_every_analysis(library, seed_analysis):
    library.save(seed_analysis, fingerprint=FINGERPRINT)
    library.save(replace(seed_analysis, targets=(SEED_TARGET,)), fingerprint=FINGERPRINT)
    with zipfile.ZipFile(__import__("io").BytesIO(library.export_zip())) as archive:
        names = set(archive.namelist())
        assert "library.csv" in names
        assert sum(name.endswith("/statements.csv") for name in names) == 2
        some_article = next(name for name in names if name.endswith("article.txt"))
        assert archive.read(some_article).decode() == seed_analysis.article.text


@pytest.mark.parametrize("env", [{}, {"STANCESCOPE_DATA": ""}])
def test_default_path_is_the_project_data_folder(env):
    assert default_path(environ=env) == PROJECT_ROOT / "data" / "library.sqlite3"


def test_data_folder_comes_from_the_environment(tmp_path):
    assert default_path(environ={"STANCESCOPE_DATA": str(tmp_path)}) == tmp_path / "library.sqlite3"


@pytest.mark.parametrize("kind", ["not-a-database", "a-directory"])
def test_unusable_file_gives_a_clear_error(tmp_path, kind):
    path = tmp_path / "library.sqlite3"
    if kind == "a-directory":
        path.mkdir()
    else:
        path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LibraryError, match="cannot be opened"):
        Library(path)


def _writer(path: str, analysis, worker: int, count: int) -> None:
    library = Library(path)
    for number in range(count):
        library.save(replace(analysis, targets=(f"target {worker}-{number}",)), fingerprint=FINGERPRINT)
        library.set_correction(
            sha256=analysis.article.sha256,
            statement_id=worker * 100 + number,
            change={"speaker": f"w{worker}"},
        )


def test_parallel_writers_lose_nothing(tmp_path, seed_analysis):
    path = tmp_path / "library.sqlite3"
    Library(path)
    workers, count = 4, 6
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_writer, args=(str(path), seed_analysis, w, count)) for w in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    library = Library(path)
    assert len(library.entries()) == workers * count
    assert len(library.corrections(seed_analysis.article.sha256)) == workers * count


KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from analysis.store import Library
    library = Library(sys.argv[1])
    stored = library.load(int(sys.argv[2]))
    number = 0
    while True:
        saved = library.save(replace(stored.analysis, targets=(f"t{number}",)), fingerprint="tiny-models")
        print(saved, flush=True)
        number += 1
    """
)


def test_a_writer_killed_mid_write_leaves_every_committed_analysis(tmp_path, seed_analysis):
    path = tmp_path / "library.sqlite3"
    first = Library(path).save(seed_analysis, fingerprint=FINGERPRINT)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path), str(first)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    committed = []
    deadline = time.monotonic() + 60
    while len(committed) < 15 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.strip():
            committed.append(int(line))
    os.kill(child.pid, signal.SIGKILL)  # most likely inside a transaction: it writes continuously
    child.wait()
    assert len(committed) >= 15
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    library = Library(path)
    for analysis_id in [first, *committed]:
        assert library.load(analysis_id).analysis.article.sha256 == seed_analysis.article.sha256
