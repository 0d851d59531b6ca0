"""The command line over real files: JSON shape on the seed, CSV, and one-line errors with exit code 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_ROOT, SEED_PATH, SEED_TARGET


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def seed_json(tiny_model_env) -> dict:
    result = run_cli(
        "analyze", str(SEED_PATH), "--target", SEED_TARGET, "--format", "json", env=tiny_model_env
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, "one JSON object per article"
    return json.loads(lines[0])


def test_seed_json_article(seed_json):
    article = seed_json["article"]
    assert article["date"] == "2020-01-02"
    assert article["sha256"] == __import__("hashlib").sha256(SEED_PATH.read_bytes()).hexdigest()
    assert set(seed_json) >= {"article", "paragraphs", "statements", "stances", "actors"}


def test_seed_json_paragraph_and_statement_offsets(seed_json):
    text = seed_json["article"]["text"]
    assert [p["index"] for p in seed_json["paragraphs"]] == list(range(len(seed_json["paragraphs"])))
    for paragraph in seed_json["paragraphs"]:
        assert text[paragraph["start"] : paragraph["end"]] == paragraph["text"]
        assert -1 <= paragraph["sentiment"] <= 1
        assert paragraph["sentiment_label"] in {"negative", "neutral", "positive"}
    for statement in seed_json["statements"]:
        assert text[statement["start"] : statement["end"]] == statement["text"]
        assert statement["kind"] in {"direct", "indirect"}
        if statement["speaker_start"] is not None:
            assert text[statement["speaker_start"] : statement["speaker_end"]].strip()
        assert statement["sentiment_label"] in {"negative", "neutral", "positive"}


def test_seed_json_stances_are_tidy(seed_json):
    stances = seed_json["stances"]
    assert {s["unit"] for s in stances} == {"paragraph", "statement"}
    assert {s["target"] for s in stances} == {SEED_TARGET}
    assert sum(s["unit"] == "paragraph" for s in stances) == len(seed_json["paragraphs"])
    assert sum(s["unit"] == "statement" for s in stances) == len(seed_json["statements"])
    for stance in stances:
        assert stance["label"] in {"favor", "against", "none"}
        assert -1 <= stance["score"] <= 1


@pytest.mark.parametrize(
    ("speaker", "party", "words"),
    [
        ("Mike Pompeo", "Republican", "We reacted defensively to the Iranian proxy attack"),
        ("Elizabeth Warren", "Democratic", "We must end the eternal wars"),
        ("Elizabeth Warren", "Democratic", "Trump's reckless decisions to withdraw"),
        ("Marco Rubio", "Republican", "There are no questions"),
        ("Lindsey Graham", "Republican", "No more Benghazis"),
    ],
)
def test_seed_quotes_are_attributed(seed_json, speaker, party, words):
    matches = [s for s in seed_json["statements"] if words in s["text"]]
    assert matches, f"no statement contains {words!r}"
    assert matches[0]["speaker"] == speaker
    assert matches[0]["party"] == party


def test_seed_actors_table(seed_json):
    actors = {a["speaker"]: a for a in seed_json["actors"]}
    assert {"Mike Pompeo", "Elizabeth Warren", "Marco Rubio", "Lindsey Graham"} <= set(actors)
    assert actors["Elizabeth Warren"]["party"] == "Democratic"
    assert actors["Elizabeth Warren"]["statements"] >= 2


def test_csv_is_statements_joined_with_stances(tiny_model_env, tmp_path):
    out = tmp_path / "seed.csv"
    result = run_cli(
        "analyze",
        str(SEED_PATH),
        "--target",
        SEED_TARGET,
        "--target",
        "the Iran nuclear deal",
        "--format",
        "csv",
        "--out",
        str(out),
        env=tiny_model_env,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {"text", "speaker", "party", "target", "stance", "stance_label", "sentiment"} <= set(rows[0])
    assert {r["target"] for r in rows} == {SEED_TARGET, "the Iran nuclear deal"}


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: write(d / "empty.txt", b""), "empty"),
        (lambda d: write(d / "img.txt", b"\x89PNG\r\n\x1a\n" + bytes(100)), "PNG"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tiny_model_env, tmp_path, setup, message):
    path = setup(tmp_path)
    result = run_cli("analyze", str(path), "--target", "x", env=tiny_model_env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and message in error_lines[0]


def test_missing_models_is_a_clear_error(tiny_model_env):
    env = {**tiny_model_env, "STANCESCOPE_STANCE_MODEL": "/nowhere/stance"}
    result = run_cli("analyze", str(SEED_PATH), "--target", "x", env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "No model folder" in result.stderr


def test_save_writes_the_library_and_a_rerun_reads_it_back(tmp_path, tiny_model_env):
    env = {**tiny_model_env, "STANCESCOPE_DATA": str(tmp_path / "data")}
    first = run_cli("analyze", str(SEED_PATH), "--target", SEED_TARGET, "--save", env=env)
    assert first.returncode == 0, first.stderr
    assert "saved to the library as analysis #1" in first.stderr
    again = run_cli("analyze", str(SEED_PATH), "--target", SEED_TARGET, "--save", env=env)
    assert "read from the library (analysis #1), not recomputed" in again.stderr
    assert json.loads(first.stdout)["statements"] == json.loads(again.stdout)["statements"]
    listed = run_cli("library", "list", env=env)
    assert listed.returncode == 0
    header, row = listed.stdout.strip().splitlines()
    assert header.split("\t") == ["id", "title", "date", "source", "targets", "statements"]
    cells = row.split("\t")
    assert (
        cells[0] == "1"
        and cells[2] == "2020-01-02"
        and cells[3] == SEED_PATH.name
        and cells[4] == SEED_TARGET
    )
    assert int(cells[5]) == len(json.loads(first.stdout)["statements"])


def test_long_runs_print_progress_unless_quiet(tmp_path, tiny_model_env):
    env = {**tiny_model_env, "STANCESCOPE_DATA": str(tmp_path), "STANCESCOPE_PROGRESS_AFTER_S": "0"}
    loud = run_cli("analyze", str(SEED_PATH), "--target", SEED_TARGET, env=env)
    quiet = run_cli("analyze", str(SEED_PATH), "--target", SEED_TARGET, "--quiet", env=env)
    assert "progress:" in loud.stderr and "Scoring stance" in loud.stderr
    assert "progress:" not in quiet.stderr
    default = run_cli(
        "analyze", str(SEED_PATH), "--target", SEED_TARGET, env={**env, "STANCESCOPE_PROGRESS_AFTER_S": "600"}
    )
    assert "progress:" not in default.stderr  # a run shorter than the threshold stays silent


def test_library_list_of_an_empty_library(tmp_path, tiny_model_env):
    listed = run_cli("library", "list", env={**tiny_model_env, "STANCESCOPE_DATA": str(tmp_path)})
    assert listed.returncode == 0 and listed.stdout.strip() == "id\ttitle\tdate\tsource\ttargets\tstatements"
