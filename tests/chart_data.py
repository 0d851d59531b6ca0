"""Small tidy example tables shaped like the pipeline's output, for chart, highlight and export tests."""

from __future__ import annotations

import pandas as pd

from analysis import aggregate

TARGET = "US military strikes against Iran-backed militias in Iraq"
TARGET_2 = "Withdrawing US troops from Iraq"

TEXT = (
    "Militias stormed the embassy.\n\n"
    '"We reacted defensively," Secretary of State Mike Pompeo said. "They threaten us."\n\n'
    '"Reckless decisions brought us closer to war," said Senator Elizabeth Warren (D-MA).\n\n'
    '"There are no questions," said Rubio. Someone shouted "<script>alert(1)</script>".'
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def statements() -> pd.DataFrame:
    rows = [
        (0, 1, "We reacted defensively,", "Mike Pompeo", "Republican", 0.2, "neutral", "Pompeo"),
        (1, 1, "They threaten us.", "Mike Pompeo", "Republican", -0.6, "negative", "Pompeo"),
        (
            2,
            2,
            "Reckless decisions brought us closer to war,",
            "Elizabeth Warren",
            "Democratic",
            -0.8,
            "negative",
            "Elizabeth Warren",
        ),
        (3, 3, "There are no questions,", "Marco Rubio", "Republican", 0.1, "neutral", "Rubio"),
        (4, 3, "<script>alert(1)</script>", None, None, -0.2, "neutral", None),
    ]
    records = []
    for sid, paragraph, text, speaker, party, sentiment, label, mention in rows:
        start, end = _span(TEXT, text)
        s_start, s_end = _span(TEXT, mention) if mention else (None, None)
        records.append(
            {
                "id": sid,
                "paragraph": paragraph,
                "start": start,
                "end": end,
                "text": text,
                "kind": "direct",
                "speaker": speaker,
                "speaker_start": s_start,
                "speaker_end": s_end,
                "speaker_type": "person" if speaker else None,
                "party": party,
                "party_source": "inline" if party else None,
                "cue": "said",
                "rule": "test",
                "sentiment": sentiment,
                "sentiment_label": label,
            }
        )
    return pd.DataFrame(records).astype({"speaker_start": "Int64", "speaker_end": "Int64"})


def paragraphs() -> pd.DataFrame:
    rows, start = [], 0
    for index, text in enumerate(TEXT.split("\n\n")):
        start = TEXT.index(text, start)
        rows.append(
            {
                "index": index,
                "start": start,
                "end": start + len(text),
                "text": text,
                "quoted_share": [0.0, 0.6, 0.55, 0.7][index],
                "sentiment": [-0.7, -0.3, -0.8, 0.0][index],
                "sentiment_label": "negative",
            }
        )
        start += len(text)
    return pd.DataFrame(rows)


def stances(targets: tuple[str, ...] = (TARGET,)) -> pd.DataFrame:
    statement_scores = [0.7, 0.4, -0.9, 0.5, 0.0]
    paragraph_scores = [-0.2, 0.5, -0.8, 0.3]
    rows = []
    for number, target in enumerate(targets):
        sign = 1 if number == 0 else -1
        for unit, scores in (("statement", statement_scores), ("paragraph", paragraph_scores)):
            for i, score in enumerate(scores):
                score = sign * score
                label = "favor" if score > 0.2 else "against" if score < -0.2 else "none"
                rows.append(
                    {
                        "unit": unit,
                        "id": i,
                        "target": target,
                        "label": label,
                        "score": score,
                        "p_favor": max(score, 0),
                        "p_against": max(-score, 0),
                        "p_none": 1 - abs(score),
                    }
                )
    return pd.DataFrame(rows)


def statement_table(targets: tuple[str, ...] = (TARGET,)) -> pd.DataFrame:
    return aggregate.statement_stances(statements(), stances(targets))
