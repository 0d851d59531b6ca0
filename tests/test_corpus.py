"""The corpus: inputs, one analysis per article, resumable batches, failures recorded, local vs Ray, export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from analysis import corpus
from analysis.store import Library
from tests.conftest import PROJECT_ROOT, SHARED_DATA

TARGET = "the strikes"
STORY = """Senators clash over {topic}

"These strikes are a reckless escalation that puts our troops in danger," said Senator Jane Roe (D-NY).

"The strikes were necessary and fully justified," said Senator John Doe (R-TX) on {day}.

Analysts said the response to {topic} could escalate further.
"""


def write_corpus(folder, count: int = 4) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"story-{number}.txt"
        path.write_text(STORY.format(topic=f"topic number {number}", day="Tuesday"), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def library(tmp_path):
    return Library(tmp_path / "library.sqlite3")


def test_collect_files_folders_and_records(tmp_path):
    write_corpus(tmp_path / "news", 2)
    (tmp_path / "news" / "notes.csv").write_text("a,b\n")  # unsupported in a folder: skipped
    (tmp_path / "news" / "deep").mkdir()
    (tmp_path / "news" / "deep" / "page.html").write_text("<p>Deep article text here.</p>")
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "a1", "text": "Body one.", "title": "One", "date": "2019-05-01", "outlet": "Fox"})
        + "\n\nnot json\n"
        + json.dumps({"text": "Body two."})
        + "\n"
    )
    items = corpus.collect(paths=[tmp_path / "news"], jsonl=[records])
    keys = [item.key for item in items]
    assert keys[:3] == [str(tmp_path / "news" / n) for n in ("deep/page.html", "story-0.txt", "story-1.txt")]
    assert keys[3:] == [f"{records}#a1", f"{records}#3", f"{records}#4"]
    assert items[3].outlet == "Fox" and items[3].date == "2019-05-01"
    with pytest.raises(corpus.CorpusError, match="no such file"):
        corpus.collect(paths=[tmp_path / "missing"])


def test_record_metadata_wins_and_a_bad_record_says_why(tmp_path):
    item = corpus.CorpusItem(
        key="r#1", text="Plain body text.", title="Title", date="2019-05-01", outlet="NYT"
    )
    article = corpus.read_item(item)
    assert (article.title, article.date.isoformat(), article.outlet) == ("Title", "2019-05-01", "NYT")
    with pytest.raises(corpus.ArticleError, match="not JSON"):
        corpus.read_item(corpus.CorpusItem(key="r#2", text=None, title="line 2: not JSON (Expecting value)"))


@pytest.mark.parametrize(("workers", "cores", "threads"), [(1, 2, 2), (2, 2, 1), (3, 2, 1), (2, 16, 8)])
def test_threads_split_the_cores(workers, cores, threads):
    assert corpus.threads_per_worker(workers, cores=cores) == threads


def test_a_batch_with_broken_empty_and_duplicate_inputs_completes(tmp_path, library, tiny_scorers):
    paths = write_corpus(tmp_path / "news", 3)
    (tmp_path / "news" / "empty.txt").write_text("   \n")
    (tmp_path / "news" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (tmp_path / "news" / "copy.txt").write_bytes(paths[0].read_bytes())
    items = corpus.collect(paths=[tmp_path / "news"])
    summary = corpus.BatchSummary()
    fingerprint = tiny_scorers.settings.fingerprint
    jobs = corpus.plan(items, targets=[TARGET], library=library, fingerprint=fingerprint, summary=summary)
    corpus.run_local(
        jobs, library=library, fingerprint=fingerprint, workers=1, summary=summary, scorers=tiny_scorers
    )
    assert (summary.analysed, summary.duplicates, summary.failed, summary.skipped) == (3, 1, 2, 0)
    failed = dict(library.failures()[["source", "error"]].itertuples(index=False))
    assert set(failed) == {str(tmp_path / "news" / "empty.txt"), str(tmp_path / "news" / "broken.txt")}
    assert "empty" in failed[str(tmp_path / "news" / "empty.txt")]
    # A rerun analyses nothing twice.
    again = corpus.BatchSummary()
    jobs = corpus.plan(items, targets=[TARGET], library=library, fingerprint=fingerprint, summary=again)
    assert jobs == [] and again.skipped == 3 and again.failed == 2
    assert len(library.entries()) == 3


def test_corpus_table_has_article_metadata(tmp_path, library, tiny_scorers):
    records = tmp_path / "records.jsonl"
    records.write_text(
        "\n".join(
            json.dumps(
                {
                    "id": n,
                    "text": STORY.format(topic=f"t{n}", day="Monday"),
                    "date": f"2019-0{n}-01",
                    "outlet": o,
                }
            )
            for n, o in ((1, "Fox"), (2, "NYT"))
        )
    )
    summary = corpus.BatchSummary()
    fingerprint = tiny_scorers.settings.fingerprint
    jobs = corpus.plan(
        corpus.collect(jsonl=[records]),
        targets=[TARGET],
        library=library,
        fingerprint=fingerprint,
        summary=summary,
    )
    corpus.run_local(
        jobs, library=library, fingerprint=fingerprint, workers=1, summary=summary, scorers=tiny_scorers
    )
    table = corpus.corpus_statements(library=library, target=TARGET)
    assert list(table.columns) == corpus.CORPUS_COLUMNS
    assert set(table["outlet"]) == {"Fox", "NYT"}
    assert {"Jane Roe", "John Doe"} <= set(table["speaker_label"])
    assert table["article_date"].min() == pd.Timestamp("2019-01-01")
    assert corpus.corpus_statements(library=library, target="another target").empty


def _cli(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        **kwargs,
    )


def test_cli_add_list_export_and_resume_after_a_kill(tmp_path, tiny_model_env):
    env = {**tiny_model_env, "STANCESCOPE_DATA": str(tmp_path / "data")}
    write_corpus(tmp_path / "news", 6)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis",
            "corpus",
            "add",
            str(tmp_path / "news"),
            "--target",
            TARGET,
            "--quiet",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    library = Library(tmp_path / "data" / "library.sqlite3")
    deadline = time.monotonic() + 180
    while len(library.entries()) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    before = len(library.entries())
    assert 1 <= before <= 6
    done = _cli(["corpus", "add", str(tmp_path / "news"), "--target", TARGET, "--quiet"], env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{6 - before} analysed, {before} already in the library" in done.stderr
    assert len(library.entries()) == 6 and library.entries()["sha256"].nunique() == 6
    listed = _cli(["corpus", "list"], env, timeout=120)
    assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) == 7
    exported = _cli(["corpus", "export", "--target", TARGET, "--format", "csv"], env, timeout=120)
    assert exported.returncode == 0
    assert exported.stdout.splitlines()[0].startswith("analysis_id,article_title,article_date,outlet")
    out = tmp_path / "corpus.parquet"
    assert (
        _cli(
            ["corpus", "export", "--target", TARGET, "--format", "parquet", "--out", str(out)],
            env,
            timeout=120,
        ).returncode
        == 0
    )
    assert len(pd.read_parquet(out)) == len(exported.stdout.strip().splitlines()) - 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["corpus", "add", "/no/such/folder", "--target", TARGET], "no such file"),
        (["corpus", "export", "--target", "never analysed"], "no stored analysis"),
        (["corpus", "add", "--target", TARGET], "no article files"),
    ],
)
def test_cli_corpus_errors_are_one_line(tmp_path, tiny_model_env, args, message):
    result = _cli(args, {**tiny_model_env, "STANCESCOPE_DATA": str(tmp_path)}, timeout=120)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_local_and_ray_engines_give_identical_tables(tmp_path, tiny_model_env, monkeypatch):
    pytest.importorskip("ray")
    for key, value in tiny_model_env.items():
        if key.startswith(("STANCESCOPE_", "HF_")):
            monkeypatch.setenv(key, value)
    from analysis.models import load_settings

    write_corpus(tmp_path / "news", 3)
    items = corpus.collect(paths=[tmp_path / "news"])
    fingerprint = load_settings().fingerprint
    tables = {}
    for engine in ("local", "ray"):
        library = Library(tmp_path / engine / "library.sqlite3")
        summary = corpus.BatchSummary()
        jobs = corpus.plan(items, targets=[TARGET], library=library, fingerprint=fingerprint, summary=summary)
        run = corpus.run_ray if engine == "ray" else corpus.run_local
        run(jobs, library=library, fingerprint=fingerprint, workers=2, summary=summary)
        assert summary.analysed == 3, summary.failures
        tables[engine] = corpus.corpus_statements(library=library, target=TARGET).drop(
            columns=["analysis_id"]
        )
    import ray

    ray.shutdown()
    key = ["sha256", "id"]
    pd.testing.assert_frame_equal(
        tables["local"].sort_values(key).reset_index(drop=True),
        tables["ray"].sort_values(key).reset_index(drop=True),
    )


@pytest.mark.skipif(not (SHARED_DATA / "basil").is_dir(), reason="../shared/data/basil is not here")
def test_basil_articles_read_as_a_corpus():
    from bench.corpus_data import basil_items

    items = basil_items(limit=6)
    assert len(items) == 6 and all(item.outlet and item.date for item in items)
    assert {item.outlet for item in items} <= {"New York Times", "HuffPost", "Fox News"}


def _corpus_frame() -> pd.DataFrame:
    rows = []
    for number, (speaker, party, outlet, day, stance) in enumerate(
        [
            ("Jane <b>Roe</b>", "Democratic", "Fox", "2019-01-05", -0.6),
            ("Jane <b>Roe</b>", "Democratic", "NYT", "2019-02-05", -0.4),
            ("John Doe", "Republican", "Fox", "2019-01-07", 0.7),
            ("(unattributed)", "(no party)", "NYT", "2019-02-07", 0.1),
        ]
    ):
        rows.append(
            {
                "analysis_id": number // 2 + 1,
                "article_title": f"Article <i>{number}</i>",
                "article_date": pd.Timestamp(day),
                "outlet": outlet,
                "source": "a.txt",
                "sha256": f"{number // 2}",
                "target": TARGET,
                "id": number,
                "paragraph": 0,
                "kind": "indirect" if number == 2 else "direct",
                "cue_type": "plan" if number == 2 else "speech",
                "statement_type": "plan or position" if number == 2 else "quote",
                "speaker_label": speaker,
                "party_label": party,
                "text": "<script>alert(1)</script> quote",
                "stance": stance,
                "stance_label": None,
                "sentiment": 0.0,
                "corrected": False,
            }
        )
    return pd.DataFrame(rows)


def test_corpus_summaries_and_charts_escape_everything():
    from analysis import corpus_charts

    table = _corpus_frame()
    top = corpus.top_actors(table)
    assert top["speaker"].tolist() == ["Jane <b>Roe</b>", "John Doe"]  # unattributed left out
    assert top.loc[0, "stance_label"] == "against" and top.loc[0, "outlets"] == 2
    parties = corpus.party_over_time(table)
    assert set(parties["period"]) == {pd.Timestamp("2019-01-01"), pd.Timestamp("2019-02-01")}
    grid = corpus.outlet_party(table)
    assert grid.loc[(grid["outlet"] == "Fox") & (grid["party"] == "Republican"), "statements"].item() == 1
    figures = [
        corpus_charts.actors_over_time(table, target=TARGET, actors=top["speaker"].tolist()),
        corpus_charts.parties_over_time(parties, target=TARGET),
        corpus_charts.outlet_party_heatmap(grid, target=TARGET),
        corpus_charts.top_actors_chart(top, target=TARGET),
    ]
    for figure in figures:
        spec = figure.to_json()
        assert "<script>" not in spec and "<b>Roe</b>" not in spec and "<i>" not in spec
    assert list(figures[0].data[0].customdata[0][:2]) == [1, 0]  # analysis id and statement id for a click


@pytest.mark.parametrize(
    ("kwargs", "ids"),
    [
        ({}, [0, 1, 2, 3]),
        ({"outlets": ["Fox"]}, [0, 2]),
        ({"parties": ["Republican"]}, [2]),
        ({"since": pd.Timestamp("2019-02-01").date()}, [1, 3]),
        ({"speakers": ["nobody"]}, []),
        ({"types": ["plan or position"]}, [2]),
        ({"types": ["quote"], "outlets": ["Fox"]}, [0]),
        ({"types": ["belief"]}, []),
    ],
)
def test_filter_corpus(kwargs, ids):
    assert corpus.filter_corpus(_corpus_frame(), **kwargs)["id"].tolist() == ids


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # (speaker_label, speaker_type, party_label) rows -> labels and parties after unify_surnames
        (
            [("Donald Trump", "person", "Republican"), ("Trump", "person", "(no party)")],
            [("Donald Trump", "Republican"), ("Donald Trump", "Republican")],
        ),
        (
            [("Barack Obama", "person", "Democratic"), ("Obama", "person", "Democratic")],
            [("Barack Obama", "Democratic"), ("Barack Obama", "Democratic")],
        ),
        (  # two people share the surname: nobody is guessed
            [
                ("Bill Clinton", "person", "Democratic"),
                ("Hillary Clinton", "person", "Democratic"),
                ("Clinton", "person", "Democratic"),
            ],
            [("Bill Clinton", "Democratic"), ("Hillary Clinton", "Democratic"), ("Clinton", "Democratic")],
        ),
        (  # a middle initial is the same person; a surname joins the far most quoted full name
            [("Donald Trump", "person", "Republican")] * 4
            + [("Donald J. Trump", "person", "Republican"), ("Melania Trump", "person", "(no party)")]
            + [("Trump", "person", "(no party)")],
            [("Donald Trump", "Republican")] * 5
            + [("Melania Trump", "(no party)"), ("Donald Trump", "Republican")],
        ),
        (  # a group never joins a person or another group
            [("House Democrats", "group", "Democratic"), ("Democrats", "group", "Democratic")],
            [("House Democrats", "Democratic"), ("Democrats", "Democratic")],
        ),
        (  # no full name in the corpus: unchanged
            [("Pelosi", "person", "(no party)"), ("(unattributed)", None, "(no party)")],
            [("Pelosi", "(no party)"), ("(unattributed)", "(no party)")],
        ),
    ],
)
def test_unify_surnames_across_articles(rows, expected):
    table = pd.DataFrame(rows, columns=["speaker_label", "speaker_type", "party_label"])
    unified = corpus.unify_surnames(table)
    assert list(zip(unified["speaker_label"], unified["party_label"], strict=True)) == expected


@pytest.mark.parametrize(
    ("days", "widened"),
    [
        (["2020-01-02"], True),  # one article: weeks either side, not millisecond ticks
        (["2020-01-02", "2020-01-20"], True),
        (["2010-01-02", "2019-06-20"], False),  # a long corpus keeps Plotly's own range
    ],
)
def test_corpus_time_charts_show_dates_as_dates(days, widened):
    from analysis import corpus_charts

    table = _corpus_frame().head(len(days)).assign(article_date=[pd.Timestamp(d) for d in days])
    for fig in (
        corpus_charts.actors_over_time(table, target=TARGET, actors=table["speaker_label"].unique().tolist()),
        corpus_charts.parties_over_time(corpus.party_over_time(table), target=TARGET),
    ):
        axis = fig.layout.xaxis
        assert axis.tickformat == "%Y-%m-%d"
        assert (axis.range is not None) is widened
        if widened:
            low, high = (pd.Timestamp(v) for v in axis.range)
            assert high - low >= pd.Timedelta(days=59)
