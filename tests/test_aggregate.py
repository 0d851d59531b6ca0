"""Aggregation over small tidy tables: corrections, joins, filters, actor and party summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import aggregate
from analysis.export import neutralise_cell, safe_csv


@pytest.fixture
def statements() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": 0,
                "paragraph": 1,
                "text": "a",
                "kind": "direct",
                "speaker": "Elizabeth Warren",
                "speaker_type": "person",
                "party": "Democratic",
                "party_source": "inline_tag",
                "rule": "x",
                "sentiment": -0.5,
            },
            {
                "id": 1,
                "paragraph": 2,
                "text": "b",
                "kind": "direct",
                "speaker": "Elizabeth Warren",
                "speaker_type": "person",
                "party": "Democratic",
                "party_source": "inline_tag",
                "rule": "x",
                "sentiment": -0.3,
            },
            {
                "id": 2,
                "paragraph": 3,
                "text": "c",
                "kind": "indirect",
                "speaker": "Marco Rubio",
                "speaker_type": "person",
                "party": "Republican",
                "party_source": "inline_tag",
                "rule": "x",
                "sentiment": -0.1,
            },
            {
                "id": 3,
                "paragraph": 4,
                "text": "d",
                "kind": "direct",
                "speaker": None,
                "speaker_type": None,
                "party": None,
                "party_source": None,
                "rule": "",
                "sentiment": 0.2,
            },
        ]
    )


@pytest.fixture
def stances() -> pd.DataFrame:
    rows = []
    for target, scores in {"strikes": [-0.8, -0.6, 0.7, 0.0], "deal": [0.5, 0.3, -0.4, 0.1]}.items():
        for statement_id, score in enumerate(scores):
            label = "favor" if score > 0.2 else "against" if score < -0.2 else "none"
            rows.append(
                {"unit": "statement", "id": statement_id, "target": target, "label": label, "score": score}
            )
        rows.append({"unit": "paragraph", "id": 0, "target": target, "label": "none", "score": 0.0})
    return pd.DataFrame(rows)


def test_statement_stances_is_one_row_per_statement_and_target(statements, stances):
    joined = aggregate.statement_stances(statements, stances)
    assert len(joined) == 8
    assert set(joined["speaker_label"]) == {"Elizabeth Warren", "Marco Rubio", aggregate.UNATTRIBUTED}


def test_actor_summary(statements, stances):
    summary = aggregate.actor_summary(aggregate.statement_stances(statements, stances))
    warren = summary.query("speaker == 'Elizabeth Warren' and target == 'strikes'").iloc[0]
    assert warren["statements"] == 2
    assert warren["mean_stance"] == pytest.approx(-0.7)
    assert warren["party"] == "Democratic"
    assert warren["against"] == 2
    assert warren["stance_ci95"] == pytest.approx(1.96 * pd.Series([-0.8, -0.6]).std() / 2**0.5, abs=1e-4)
    assert aggregate.UNATTRIBUTED not in set(summary["speaker"])


def test_party_summary(statements, stances):
    summary = aggregate.party_summary(aggregate.statement_stances(statements, stances))
    strikes = summary.query("target == 'strikes'").set_index("party")
    assert strikes.loc["Republican", "mean_stance"] > strikes.loc["Democratic", "mean_stance"]
    assert strikes.loc[aggregate.NO_PARTY, "statements"] == 1


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        ({}, {0, 1, 2, 3}),
        ({"speakers": ["Marco Rubio"]}, {2}),
        ({"parties": ["Democratic"]}, {0, 1}),
        ({"min_statements": 2}, {0, 1}),
        ({"include_unattributed": False}, {0, 1, 2}),
        ({"speakers": ["Nobody"]}, set()),
    ],
)
def test_filter_statements(statements, stances, filters, expected_ids):
    joined = aggregate.statement_stances(statements, stances)
    assert set(aggregate.filter_statements(joined, **filters)["id"]) == expected_ids


def test_corrections_flow_into_summaries(statements, stances):
    corrected = aggregate.apply_corrections(
        statements, corrections={2: {"speaker": "Lindsey Graham", "party": "Republican"}}
    )
    assert statements.loc[2, "speaker"] == "Marco Rubio", "the input table is not changed"
    summary = aggregate.actor_summary(aggregate.statement_stances(corrected, stances))
    assert "Lindsey Graham" in set(summary["speaker"])
    assert "Marco Rubio" not in set(summary["speaker"])
    assert corrected.loc[corrected["id"] == 2, "rule"].item() == "analyst"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain text", "plain text"),
        (-0.5, -0.5),
    ],
)
def test_neutralise_cell(cell, expected):
    assert neutralise_cell(cell) == expected


def test_safe_csv_neutralises_text_but_keeps_numbers():
    csv_text = safe_csv(pd.DataFrame({"text": ["=cmd()", "ok"], "score": [-0.5, 0.25]}))
    assert csv_text.splitlines() == ["text,score", "'=cmd(),-0.5", "ok,0.25"]
