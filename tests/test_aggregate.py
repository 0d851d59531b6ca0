"""Aggregation over small tidy tables: corrections, joins, filters, actor and party summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import aggregate
from analysis.export import neutralise_cell, safe_csv
from analysis.labels import BAND, SENTIMENT_LABELS, STANCE_LABELS, sentiment_label, stance_label


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
        ({"types": ["quote"]}, {0, 1, 3}),
        ({"types": ["reported speech"]}, {2}),
        ({"types": ["quote", "reported speech"]}, {0, 1, 2, 3}),
        ({"types": ["belief", "plan or position"]}, set()),
        ({"types": ["quote"], "parties": ["Republican"]}, set()),
    ],
)
def test_filter_statements(statements, stances, filters, expected_ids):
    joined = aggregate.statement_stances(statements, stances)
    assert set(aggregate.filter_statements(joined, **filters)["id"]) == expected_ids


@pytest.mark.parametrize(
    ("kind", "cue_type", "expected"),
    [
        ("direct", "speech", "quote"),
        ("direct", None, "quote"),
        ("indirect", "speech", "reported speech"),
        ("indirect", "belief", "belief"),
        ("indirect", "plan", "plan or position"),
        ("indirect", None, "reported speech"),  # stored before cue_type existed
        ("indirect", "unknown", "reported speech"),
    ],
)
def test_statement_types(kind, cue_type, expected):
    table = pd.DataFrame([{"kind": kind, "cue_type": cue_type}])
    assert aggregate.statement_types(table).tolist() == [expected]
    assert expected in aggregate.STATEMENT_TYPES


def test_statement_types_of_a_table_without_cue_types_and_of_an_empty_one(statements):
    assert aggregate.statement_types(statements).tolist() == ["quote", "quote", "reported speech", "quote"]
    assert aggregate.statement_types(statements.iloc[0:0]).tolist() == []


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


# --------------------------------------------------------------------------- labels agree with numbers

SCORES = (-1.0, -0.75, -0.32, -0.2, -0.1999, -0.05, 0.0, 0.05, 0.1999, 0.2, 0.32, 0.75, 1.0)


def _legacy_stances(scores, *, label: str = "none") -> pd.DataFrame:
    """One statement and one paragraph per score, every label ``label``: an older analysis whose stored
    labels disagree with its scores."""
    return pd.DataFrame(
        [
            {"unit": unit, "id": number, "target": "strikes", "label": label, "score": score}
            for unit in ("statement", "paragraph")
            for number, score in enumerate(scores)
        ]
    )


def _legacy_statements(scores) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(len(scores)),
            "paragraph": range(len(scores)),
            "text": "x",
            "kind": "direct",
            "speaker": ["Elizabeth Warren" if n % 2 else "Mike Pompeo" for n in range(len(scores))],
            "speaker_type": "person",
            "party": ["Democratic" if n % 2 else "Republican" for n in range(len(scores))],
            "party_source": "inline_tag",
            "rule": "x",
            "sentiment": list(scores),
            "sentiment_label": "neutral",
        }
    )


@pytest.mark.parametrize("score", SCORES)
def test_every_row_label_is_the_rule_of_its_score(score):
    stances = _legacy_stances([score])
    table = aggregate.statement_stances(_legacy_statements([score]), stances)
    paragraphs = aggregate.paragraph_stances(
        pd.DataFrame({"index": [0], "text": ["p"], "quoted_share": [0.0], "sentiment": [score]}).assign(
            sentiment_label="neutral"
        ),
        stances,
    )
    for frame in (table, paragraphs):
        row = frame.iloc[0]
        assert row["stance_label"] == stance_label(score)
        assert row["sentiment_label"] == sentiment_label(score)
        if abs(score) >= BAND:
            assert row["stance_label"] != "none" and row["sentiment_label"] != "neutral"


def test_minus_032_is_against_and_negative_everywhere():
    scores = [-0.32, -0.32, -0.32]
    table = aggregate.statement_stances(_legacy_statements(scores), _legacy_stances(scores))
    assert set(table["stance_label"]) == {"against"} and set(table["sentiment_label"]) == {"negative"}
    actors = aggregate.actor_summary(table)
    pompeo = actors.set_index("speaker").loc["Mike Pompeo"]
    assert (pompeo["against"], pompeo["none"], pompeo["favor"]) == (2, 0, 0)  # the rule's labels are counted
    assert pompeo["mean_stance_label"] == "against" and pompeo["mean_sentiment_label"] == "negative"
    parties = aggregate.party_summary(table)
    assert set(parties["mean_stance_label"]) == {"against"}
    assert set(parties["mean_sentiment_label"]) == {"negative"}


def test_labels_are_monotone_in_the_score():
    order = {label: rank for rank, label in enumerate(STANCE_LABELS)}
    table = aggregate.statement_stances(_legacy_statements(SCORES), _legacy_stances(SCORES))
    ranks = [order[label] for label in table.sort_values("stance")["stance_label"]]
    assert ranks == sorted(ranks)
    sentiment_order = {label: rank for rank, label in enumerate(SENTIMENT_LABELS)}
    ranks = [sentiment_order[label] for label in table.sort_values("sentiment")["sentiment_label"]]
    assert ranks == sorted(ranks)
    # Finer: the rule itself never goes down as the score goes up.
    grid = [n / 1000 for n in range(-1000, 1001)]
    ranks = [order[stance_label(score)] for score in grid]
    assert ranks == sorted(ranks)


def test_summary_mean_labels_agree_with_the_means(statements, stances):
    table = aggregate.statement_stances(statements, stances)
    for summary in (aggregate.actor_summary(table), aggregate.party_summary(table)):
        assert list(summary["mean_stance_label"]) == [stance_label(s) for s in summary["mean_stance"]]
        assert list(summary["mean_sentiment_label"]) == [
            sentiment_label(s) for s in summary["mean_sentiment"]
        ]
    actors = aggregate.actor_summary(table)
    counted = actors[["favor", "against", "none"]].sum(axis=1)
    assert list(counted) == list(actors["statements"])


def test_missing_scores_get_no_label():
    assert aggregate.rule_label(None) is None
    assert aggregate.rule_label(float("nan")) is None
    assert aggregate.rule_label(pd.NA) is None
    assert aggregate.rule_label(-0.32) == "against"
    assert aggregate.rule_label(-0.32, rule=sentiment_label) == "negative"


@pytest.mark.parametrize("typed", [("strikes", "deal"), ("deal", "strikes")])
def test_summaries_keep_the_typed_target_order(statements, stances, typed):
    """Targets come out in the order typed (first appearance), not alphabetically."""
    ordered = pd.concat([stances.loc[stances["target"] == target] for target in typed], ignore_index=True)
    table = aggregate.statement_stances(statements, ordered)
    for summary in (aggregate.actor_summary(table), aggregate.party_summary(table)):
        assert list(dict.fromkeys(summary["target"])) == list(typed)
        for _, rows in summary.groupby("target", sort=False):
            assert list(rows["mean_stance"]) == sorted(rows["mean_stance"], reverse=True)


def test_empty_summaries_have_the_label_columns(statements, stances):
    table = aggregate.statement_stances(statements, stances).iloc[0:0]
    assert {"mean_stance_label", "mean_sentiment_label"} <= set(aggregate.actor_summary(table).columns)
    assert {"mean_stance_label", "mean_sentiment_label"} <= set(aggregate.party_summary(table).columns)
