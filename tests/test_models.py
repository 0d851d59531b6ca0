"""The model loading and scoring code, run on tiny random classifiers (fast) with real tokenizers."""

from __future__ import annotations

import pytest

from analysis.labels import sentiment_label
from analysis.models import (
    MAX_WINDOWS_PER_TEXT,
    STANCE_LABELS,
    ModelError,
    build_random_classifier,
    load_sentiment_scorer,
    load_settings,
    load_stance_scorer,
)


def test_scores_are_probabilities_and_labels(tiny_scorers):
    results = tiny_scorers.sentiment.score(["A fine day.", "A terrible loss."])
    assert len(results) == 2
    for result in results:
        assert set(result.probs) == {"negative", "neutral", "positive"}
        assert sum(result.probs.values()) == pytest.approx(1.0, abs=1e-4)
        assert result.score == pytest.approx(result.probs["positive"] - result.probs["negative"], abs=1e-5)
        assert result.label == sentiment_label(result.score)  # the one rule of analysis.labels


def test_stance_takes_one_target_or_one_per_text(tiny_scorers):
    texts = ["We must strike.", "No more wars."]
    same = tiny_scorers.stance.score(texts, targets="military strikes")
    per_text = tiny_scorers.stance.score(texts, targets=["military strikes", "military strikes"])
    assert [r.probs for r in same] == [r.probs for r in per_text]
    with pytest.raises(ValueError):
        tiny_scorers.stance.score(texts, targets=["only one"])


def test_batching_does_not_change_scores(tiny_scorers):
    texts = [f"Statement number {i} " * (i + 1) for i in range(7)]
    one_by_one = [tiny_scorers.sentiment.score([t])[0].probs for t in texts]
    batched = [r.probs for r in tiny_scorers.sentiment.score(texts, batch_size=3)]
    for single, batch in zip(one_by_one, batched, strict=True):
        for label in single:
            assert batch[label] == pytest.approx(single[label], abs=1e-4)


@pytest.mark.parametrize(("words", "min_windows"), [(10, 1), (600, 3), (3000, 12)])
def test_long_texts_are_split_into_windows_not_truncated(tiny_scorers, words, min_windows):
    (result,) = tiny_scorers.stance.score(["word " * words], targets="a target")
    assert min_windows <= result.windows <= MAX_WINDOWS_PER_TEXT


def test_empty_text_is_scored_not_crashed(tiny_scorers):
    assert len(tiny_scorers.sentiment.score(["", "   "])) == 2
    assert tiny_scorers.sentiment.score([]) == []


def test_wrong_label_set_is_refused(tiny_model_dirs):
    with pytest.raises(ModelError, match="not a sentiment model"):
        load_sentiment_scorer(str(tiny_model_dirs["stance"]))


def test_nli_mode_refuses_a_model_without_an_nli_head(tiny_model_dirs):
    with pytest.raises(ModelError, match="not a NLI model"):
        load_stance_scorer(str(tiny_model_dirs["stance"]), mode="nli")


def test_nli_mode_runs_on_an_nli_model(tmp_path):
    path = build_random_classifier(path=tmp_path / "nli", labels=("entailment", "neutral", "contradiction"))
    scorer = load_stance_scorer(str(path), mode="nli")
    (result,) = scorer.score(["We must strike now."], targets="strikes")
    assert set(result.probs) == set(STANCE_LABELS)
    assert scorer.label_index == {"against": 2, "none": 1, "favor": 0}


@pytest.mark.parametrize("missing", ["/no/such/model", "./relative/missing", "not-a-cached/model-id"])
def test_missing_model_is_a_clear_error_never_a_download(missing):
    with pytest.raises(ModelError, match="never downloads|No model folder"):
        load_sentiment_scorer(missing)


def test_settings_from_environment():
    settings = load_settings(
        environ={
            "STANCESCOPE_STANCE_MODEL": "/m/nli",
            "STANCESCOPE_STANCE_MODE": "NLI",
            "STANCESCOPE_THREADS": "1",
        }
    )
    assert (settings.stance, settings.stance_mode, settings.threads) == ("/m/nli", "nli", 1)
    assert settings.sentiment.endswith("models/sentiment")
    with pytest.raises(ModelError):
        load_settings(environ={"STANCESCOPE_STANCE_MODE": "magic"})


def test_int8_setting_quantises_linear_layers_and_keeps_scores_close(tiny_model_dirs):
    import torch

    path = str(tiny_model_dirs["sentiment"])
    fp32 = load_sentiment_scorer(path)
    int8 = load_sentiment_scorer(path, int8=True)
    assert any(isinstance(m, torch.ao.nn.quantized.dynamic.Linear) for m in int8.model.modules())
    assert not any(isinstance(m, torch.ao.nn.quantized.dynamic.Linear) for m in fp32.model.modules())
    texts = ["A fine day.", "A terrible loss for the town."]
    for a, b in zip(fp32.score(texts), int8.score(texts), strict=True):
        for label in a.probs:
            assert b.probs[label] == pytest.approx(a.probs[label], abs=0.05)


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False), ("true", True), ("", False)])
def test_int8_setting_from_environment(value, expected):
    assert load_settings(environ={"STANCESCOPE_INT8": value}).int8 is expected


def test_bad_int8_setting_is_refused():
    with pytest.raises(ModelError, match="STANCESCOPE_INT8"):
        load_settings(environ={"STANCESCOPE_INT8": "maybe"})
