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


# --------------------------------------------------------------------------- a crowded article

CROWDED_PARTIES = (
    "Democratic",
    "Republican",
    "Independent",
    None,
    "Working Families Party of New York State",
)
LONG_NAMES = (
    "Elizabeth Warren",
    "Mike Pompeo",
    "the Pentagon’s Chief Inspector General of Operation Inherent Resolve",
    "the Pentagon’s Chief Inspector General of the Combined Joint Task Force",
    "Chairman of the House Permanent Select Committee on Intelligence",
    'A <b>bold</b> "spokesperson" & <img src=x onerror=alert(1)>',
    "Alexandria Ocasio-Cortez",
    "Senate Majority Leader Mitch McConnell of Kentucky",
)


def crowded_statements(*, speakers: int = 22, per_speaker: int = 2) -> pd.DataFrame:
    """``speakers`` speakers (long, look-alike and hostile names) with ``per_speaker`` statements each."""
    rows = []
    for number in range(speakers):
        base = LONG_NAMES[number % len(LONG_NAMES)]
        name = base if number < len(LONG_NAMES) else f"{base} (aide {number})"
        party = CROWDED_PARTIES[number % len(CROWDED_PARTIES)]
        for k in range(per_speaker):
            rows.append(
                {
                    "id": len(rows),
                    "paragraph": len(rows) // 3,
                    "start": 0,
                    "end": 1,
                    "text": f"Statement {k} by {name}: the strikes were {'right' if number % 2 else 'wrong'}.",
                    "kind": "direct" if k % 2 == 0 else "indirect",
                    "speaker": name,
                    "speaker_type": "person",
                    "party": party,
                    "party_source": "test" if party else None,
                    "cue": "said",
                    "rule": "test",
                    "sentiment": round(((number * 7 + k * 3) % 21 - 10) / 10, 2),
                    "sentiment_label": "neutral",
                }
            )
    return pd.DataFrame(rows)


def crowded_stances(
    statements: pd.DataFrame, *, targets: tuple[str, ...] = (TARGET, TARGET_2)
) -> pd.DataFrame:
    """Scores spread over -1..1 for every statement and paragraph; every label deliberately "none",
    as an older analysis labelled by another rule might have it."""
    paragraphs = int(statements["paragraph"].max()) + 1
    rows = []
    for number, target in enumerate(targets):
        for unit, count in (("statement", len(statements)), ("paragraph", paragraphs)):
            for i in range(count):
                score = round(((i * 5 + number * 3) % 21 - 10) / 10, 2)
                rows.append({"unit": unit, "id": i, "target": target, "label": "none", "score": score})
    return pd.DataFrame(rows)


def crowded_paragraphs(statements: pd.DataFrame) -> pd.DataFrame:
    count = int(statements["paragraph"].max()) + 1
    return pd.DataFrame(
        {
            "index": range(count),
            "start": range(count),
            "end": range(1, count + 1),
            "text": [f"Paragraph {i} <i>text</i>" for i in range(count)],
            "quoted_share": [(i % 3) / 3 for i in range(count)],
            "sentiment": [round((i % 7 - 3) / 4, 2) for i in range(count)],
            "sentiment_label": "neutral",
        }
    )
