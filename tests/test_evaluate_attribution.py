"""The attribution evaluation's scoring, on hand-made gold (no data set, no model), and its held-out split (data)."""

from __future__ import annotations

import pytest

from analysis.records import Statement
from eval import evaluate_attribution as ev
from eval.evaluate_attribution import Counts, Gold, is_group_label, score_article, source_kind

TEXT = "Mr. Smith said the plan would fail. Jones, who spoke later, said it would not. The sky was grey."


def _span(piece: str) -> tuple[int, int]:
    at = TEXT.index(piece)
    return at, at + len(piece)


def _statement(content: str, mention: str | None, rule: str = "reported_speech") -> Statement:
    start, end = _span(content)
    speaker_start, speaker_end = _span(mention) if mention else (None, None)
    return Statement(
        paragraph=0,
        start=start,
        end=end,
        text=content,
        kind="indirect",
        speaker=mention,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        rule=rule,
    )


GOLD = [
    Gold([_span("the plan would fail")], _span("Mr. Smith"), "Mr. Smith"),
    Gold([_span("it would not")], _span("who"), "who"),
]


@pytest.mark.parametrize(
    ("statements", "exact", "overlap", "missed", "wrong"),
    [
        (  # both right; the second only by overlap ("Jones, who" holds "who")
            [_statement("the plan would fail", "Mr. Smith"), _statement("it would not", "Jones, who")],
            1,
            2,
            {},
            {},
        ),
        (  # the second content has the wrong speaker
            [_statement("the plan would fail", "Mr. Smith"), _statement("it would not", "Mr. Smith")],
            1,
            1,
            {"wrong source (gold is a relative pronoun)": 1},
            {"wrong source, reported_speech (gold is a relative pronoun)": 1},
        ),
        (  # nothing found
            [],
            0,
            0,
            {"content not found": 2},
            {},
        ),
        (  # a content with no speaker, and a statement that is no attribution at all
            [_statement("the plan would fail", None), _statement("The sky was grey", "Jones")],
            0,
            0,
            {"content found, no speaker": 1, "content not found": 1},
            {"content is not an attribution": 1},
        ),
    ],
)
def test_source_scoring_and_error_kinds(statements, exact, overlap, missed, wrong):
    counts = Counts()
    score_article(TEXT, GOLD, None, counts, statements)
    assert counts.source_exact == exact
    assert counts.source_overlap == overlap
    assert dict(counts.missed) == missed
    assert dict(counts.wrong) == wrong


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("who", "relative pronoun"),
        ("He", "personal pronoun"),
        ("Sen. Ted Cruz", "name or short phrase"),
        ("Senator Jeff Flake, Republican of Arizona,", "phrase of 4+ words"),
    ],
)
def test_source_kind(source, kind):
    assert source_kind(source) == kind


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("House_Democrats", True),
        ("Democratic_lawmakers", True),
        ("internet_companies", True),
        ("Catholics", True),
        ("Donald_Trump", False),
        ("Alexandria_Ocasio-Cortez", False),
        ("Trump", False),
    ],
)
def test_group_labels(label, group):
    assert is_group_label(label) is group


@pytest.mark.skipif(
    not (ev.DATA / "polnear" / "train" / "attributions").is_dir(), reason="PolNeAR is not in ../shared/data"
)
def test_the_held_out_split_scores_the_articles_the_tagger_never_saw():
    from train.attribution import HELD_OUT_SEED, held_out_split, polnear_articles

    held, training = held_out_split(polnear_articles("train"), seed=HELD_OUT_SEED)
    assert len(held) == 42 and not {n for n, _t, _s in held} & {n for n, _t, _s in training}
    counts, _speech, n_articles = ev.polnear(ev.HELD_OUT, 2)  # rules only, first two of them: quick
    assert n_articles == 2 and counts.gold > 0 and counts.statements > 0
