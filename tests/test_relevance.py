"""The relevance gate: stance of text unrelated to the target moves to "none" (analysis/relevance.py)."""

from __future__ import annotations

import pytest

from analysis import relevance
from analysis.labels import stance_label
from analysis.models import ModelScore


@pytest.mark.parametrize(
    ("similarity", "expected"),
    [
        (-0.3, 0.0),
        (relevance.LOW, 0.0),
        ((relevance.LOW + relevance.HIGH) / 2, 0.5),
        (relevance.HIGH, 1.0),
        (0.9, 1.0),
    ],
)
def test_weight_ramps_between_low_and_high(similarity, expected):
    assert relevance.weight(similarity) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("similarity", "favor", "against"),
    [
        (0.9, 0.8, 0.1),  # relevant: unchanged
        (relevance.LOW, 0.8, 0.1),  # unrelated: all to none
        ((relevance.LOW + relevance.HIGH) / 2, 0.2, 0.7),  # half way: half the mass moves
        (0.0, 0.0, 0.0),  # nothing to move
    ],
)
def test_gated_keeps_probabilities_and_the_one_label_rule(similarity, favor, against):
    result = ModelScore(
        label=stance_label(favor - against),
        score=favor - against,
        probs={"against": against, "none": 1 - favor - against, "favor": favor},
    )
    gated = relevance.gated(result, similarity)
    kept = relevance.weight(similarity)
    assert gated.probs["favor"] == pytest.approx(favor * kept, abs=1e-6)
    assert gated.probs["against"] == pytest.approx(against * kept, abs=1e-6)
    assert sum(gated.probs.values()) == pytest.approx(1.0, abs=1e-5)
    assert gated.score == pytest.approx(gated.probs["favor"] - gated.probs["against"], abs=1e-5)
    assert gated.label == stance_label(gated.score)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"STANCESCOPE_RELEVANCE_MODEL": "none"}, None),
        ({"STANCESCOPE_RELEVANCE_MODEL": " NONE "}, None),
        ({"STANCESCOPE_RELEVANCE_MODEL": "/some/encoder"}, "/some/encoder"),
    ],
)
def test_relevance_path_setting(environ, expected):
    assert relevance.relevance_path(environ=environ) == expected


def test_default_is_the_installed_base_encoder():
    path = relevance.relevance_path(environ={})
    assert path is not None and path.endswith("model")


def test_a_missing_encoder_folder_is_a_clear_error(tmp_path):
    from analysis.models import ModelError

    with pytest.raises(ModelError, match="No sentence-encoder folder"):
        relevance.load_relevance_scorer(str(tmp_path / "nothing"))


# ------------------------------------------------------------------------------- the real encoder


@pytest.fixture(scope="module")
def encoder():
    return relevance.load_relevance_scorer(relevance.relevance_path(environ={}), threads=1)


@pytest.mark.parametrize(
    ("target", "paragraph", "relevant"),
    [
        (
            "US military strikes against Iran-backed militias in Iraq",
            "The Pentagon said the air strikes hit five Kataib Hezbollah sites in Iraq and Syria.",
            True,
        ),
        (
            "the new stadium",
            "Council members argued for hours over the cost of the new arena downtown.",
            True,
        ),
        (
            "US military strikes against Iran-backed militias in Iraq",
            "The bakery's sourdough won first prize at the county fair for the third year running.",
            False,
        ),
        ("a ban on plastic straws", "The quarterback threw for three touchdowns in the second half.", False),
    ],
)
def test_real_encoder_tells_related_from_unrelated(encoder, target, paragraph, relevant):
    units = relevance.embed_units(encoder, paragraphs=[paragraph], statement_paragraphs=[0])
    paragraph_similarity, statement_similarity = relevance.unit_similarities(encoder, units, target=target)
    assert statement_similarity[0] == paragraph_similarity[0]
    kept = relevance.weight(float(paragraph_similarity[0]))
    # unrelated: at least three quarters of the favor/against mass goes to none (the ramp is soft on purpose)
    assert (kept == 1.0) if relevant else (kept <= 0.25), float(paragraph_similarity[0])


def test_pipeline_with_the_gate_keeps_the_seed_and_quiets_an_unrelated_target(
    seed_article, tiny_scorers, encoder
):
    """Over the real encoder (tiny stance model): the seed's statements keep their scores toward the seed's
    target; toward an unrelated target the paragraphs and statements lose most of their favor/against mass."""
    from dataclasses import replace

    from analysis.pipeline import analyze

    gated_scorers = replace(tiny_scorers, relevance=encoder)
    seed_target = "US military strikes against Iran-backed militias in Iraq"
    unrelated = "a ban on plastic straws"
    plain = analyze(article=seed_article, targets=[seed_target, unrelated], scorers=tiny_scorers).stances
    gated = analyze(article=seed_article, targets=[seed_target, unrelated], scorers=gated_scorers).stances
    joined = plain.merge(gated, on=["unit", "id", "target"], suffixes=("_plain", "_gated"))
    own = joined.loc[joined["target"] == seed_target]
    other = joined.loc[joined["target"] == unrelated]
    assert (own["score_gated"].abs() <= own["score_plain"].abs() + 1e-6).all()
    assert (own["score_gated"] == own["score_plain"]).mean() >= 0.6, "most of the seed is about its target"
    # measured: 89% of the units lose at least three quarters of their mass
    assert other["score_gated"].abs().sum() <= 0.2 * other["score_plain"].abs().sum()
