"""The one analysis function, on the seed and on edge cases, with tiny models (fast)."""

from __future__ import annotations

import pytest

from analysis.pipeline import MAX_TARGETS, AnalysisError, analyze, clean_targets
from analysis.reading import read_article
from tests.conftest import SEED_TARGET


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (["  strikes  "], ("strikes",)),
        (["strikes", "Strikes", "the deal"], ("strikes", "the deal")),
        (["a  b\n c"], ("a b c",)),
    ],
)
def test_clean_targets(targets, expected):
    assert clean_targets(targets=targets) == expected


@pytest.mark.parametrize("targets", [[], ["", "  "], [f"t{i}" for i in range(MAX_TARGETS + 1)], ["x" * 201]])
def test_bad_targets_are_refused(targets):
    with pytest.raises(AnalysisError):
        clean_targets(targets=targets)


def test_seed_analysis_tables(seed_article, tiny_scorers):
    seen = []
    result = analyze(
        article=seed_article,
        targets=[SEED_TARGET, "the Iran nuclear deal"],
        scorers=tiny_scorers,
        progress=lambda fraction, message: seen.append((fraction, message)),
    )
    assert seen[-1][0] == 1.0 and [f for f, _ in seen] == sorted(f for f, _ in seen)
    assert len(result.paragraphs) == 25
    assert len(result.stances) == 2 * (len(result.paragraphs) + len(result.statements))
    assert result.statements["id"].tolist() == list(range(len(result.statements)))
    text = seed_article.text
    for row in result.statements.itertuples():
        assert text[row.start : row.end] == row.text
        paragraph = result.paragraphs.iloc[row.paragraph]
        assert paragraph.start <= row.start and row.end <= paragraph.end
    assert (result.paragraphs["quoted_share"].between(0, 1)).all()
    assert result.elapsed_s > 0


def test_article_without_statements_still_scores_paragraphs(tiny_scorers):
    article = read_article(data=b"The river rose.\n\nThe town stayed dry.", name="calm.txt")
    result = analyze(article=article, targets=["flood defences"], scorers=tiny_scorers)
    assert len(result.paragraphs) == 2
    assert result.statements.empty
    assert any("No quotes" in warning for warning in result.warnings)


def test_too_many_paragraphs_are_capped_with_a_warning(tiny_scorers, monkeypatch):
    import analysis.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_PARAGRAPHS", 3)
    article = read_article(data="\n\n".join(f"Paragraph {i}." for i in range(6)).encode(), name="many.txt")
    result = analyze(article=article, targets=["x"], scorers=tiny_scorers)
    assert len(result.paragraphs) == 3
    assert any("first 3" in warning for warning in result.warnings)
