"""The one function that runs a whole analysis: article in, typed tables out.

The app, the command line and the tests all call :func:`analyze`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from analysis.attribution import find_statements
from analysis.labels import label_for
from analysis.models import MAX_WINDOWS_PER_TEXT, WINDOW_TOKENS, ModelScore, Scorers
from analysis.paragraphs import MAX_PARAGRAPHS, split_paragraphs
from analysis.reading import Article
from analysis.records import Statement

MAX_TARGETS = 5
STATEMENT_CONTEXT_WEIGHT = 0.0
"""Weight of a statement's paragraph in its stance (0: the statement alone); chosen on BASIL dev quotes."""
MAX_TARGET_CHARS = 200

Progress = Callable[[float, str], None]

PARAGRAPH_COLUMNS = ["index", "start", "end", "text", "quoted_share", "sentiment", "sentiment_label"]
STATEMENT_COLUMNS = [
    "id",
    "paragraph",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_type",
    "party",
    "party_source",
    "cue",
    "cue_type",
    "rule",
    "sentiment",
    "sentiment_label",
]
STANCE_COLUMNS = ["unit", "id", "target", "label", "score", "p_favor", "p_against", "p_none"]


class AnalysisError(ValueError):
    """The analysis cannot run as asked; ``str(error)`` is the message for the analyst."""


@dataclass(frozen=True)
class Analysis:
    """Everything one analysis produced: one tidy table per unit."""

    article: Article
    targets: tuple[str, ...]
    paragraphs: pd.DataFrame
    statements: pd.DataFrame
    stances: pd.DataFrame
    models: dict[str, str]
    elapsed_s: float
    warnings: tuple[str, ...] = field(default_factory=tuple)


def clean_targets(*, targets: Sequence[str]) -> tuple[str, ...]:
    """Trimmed, de-duplicated targets; refuses none, too many or too long ones."""
    cleaned: list[str] = []
    for target in targets:
        target = " ".join(str(target).split())
        if target and target.lower() not in (t.lower() for t in cleaned):
            cleaned.append(target)
    if not cleaned:
        raise AnalysisError(
            "Type a stance target, e.g. 'US military strikes against Iran-backed militias in Iraq'."
        )
    if len(cleaned) > MAX_TARGETS:
        raise AnalysisError(f"At most {MAX_TARGETS} stance targets at once; {len(cleaned)} were given.")
    too_long = [t for t in cleaned if len(t) > MAX_TARGET_CHARS]
    if too_long:
        raise AnalysisError(
            f"A stance target is at most {MAX_TARGET_CHARS} characters; shorten '{too_long[0][:40]}…'."
        )
    return tuple(cleaned)


def analyze(
    *,
    article: Article,
    targets: Sequence[str],
    scorers: Scorers,
    progress: Progress | None = None,
    batch_size: int = 32,
) -> Analysis:
    """Paragraphs, statements and speakers, then sentiment and stance for every unit and target."""
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    targets = clean_targets(targets=targets)
    warnings = list(article.warnings)

    report(0.02, "Splitting paragraphs")
    paragraphs = split_paragraphs(text=article.text)
    if not paragraphs:
        raise AnalysisError(f"{article.source_name}: no paragraphs with text were found.")
    if len(paragraphs) > MAX_PARAGRAPHS:
        warnings.append(
            f"The article has {len(paragraphs):,} paragraphs; the first {MAX_PARAGRAPHS:,} were analysed."
        )
        paragraphs = paragraphs[:MAX_PARAGRAPHS]

    report(0.08, "Finding statements and speakers")
    statements = find_statements(
        text=article.text,
        paragraphs=paragraphs,
        article_date=article.date,
        tagger=getattr(scorers, "attribution", None),
    )

    paragraph_texts = [p.text for p in paragraphs]
    statement_texts = [s.text for s in statements]
    steps = 1 + len(targets)
    report(0.2, "Scoring sentiment")
    sentiments = scorers.sentiment.score(paragraph_texts + statement_texts, batch_size=batch_size)
    sampled = sum(1 for result in sentiments if result.sampled)
    if sampled:
        warnings.append(
            f"{sampled:,} paragraph(s) or statement(s) are longer than {MAX_WINDOWS_PER_TEXT} passes of "
            f"{WINDOW_TOKENS} tokens; their scores average {MAX_WINDOWS_PER_TEXT} passes spread evenly over "
            "the whole text."
        )
    stance_rows: list[dict] = []
    relevance = getattr(scorers, "relevance", None)
    units = None
    if relevance is not None:
        from analysis.relevance import embed_units

        position = {p.index: number for number, p in enumerate(paragraphs)}
        units = embed_units(
            relevance,
            paragraphs=paragraph_texts,
            statement_paragraphs=[position.get(s.paragraph, 0) for s in statements],
        )
    for number, target in enumerate(targets, 1):
        report(0.2 + 0.75 * number / steps, f"Scoring stance toward '{target}'")
        scored = scorers.stance.score(
            paragraph_texts + statement_texts, targets=target, batch_size=batch_size
        )
        if units is not None:
            scored = _weighed_by_relevance(scored, relevance=relevance, units=units, target=target)
        by_paragraph = {
            p.index: result for p, result in zip(paragraphs, scored[: len(paragraphs)], strict=True)
        }
        in_context = [
            in_paragraph(result, by_paragraph.get(statement.paragraph), weight=STATEMENT_CONTEXT_WEIGHT)
            for statement, result in zip(statements, scored[len(paragraphs) :], strict=True)
        ]
        stance_rows += _stance_rows(scored[: len(paragraphs)], unit="paragraph", target=target)
        stance_rows += _stance_rows(in_context, unit="statement", target=target)
    if statements and not any(s.speaker for s in statements):
        warnings.append("Statements were found, but no speaker could be named for any of them.")
    if not statements:
        warnings.append("No quotes or reported statements were found; only the paragraphs are scored.")

    report(1.0, "Done")
    return Analysis(
        article=article,
        targets=targets,
        paragraphs=_paragraph_table(paragraphs, statements, sentiments[: len(paragraphs)]),
        statements=_statement_table(statements, sentiments[len(paragraphs) :]),
        stances=pd.DataFrame(stance_rows, columns=STANCE_COLUMNS),
        models={
            "sentiment": scorers.settings.sentiment,
            "stance": scorers.settings.stance,
            "stance_mode": scorers.settings.stance_mode,
            "attribution": scorers.settings.attribution or "rules only",
            "relevance": scorers.settings.relevance or "off",
            "statement_context_weight": str(STATEMENT_CONTEXT_WEIGHT),
            "fingerprint": scorers.settings.fingerprint,
        },
        elapsed_s=round(time.perf_counter() - started, 3),
        warnings=tuple(warnings),
    )


def _weighed_by_relevance(scored: list[ModelScore], *, relevance, units, target: str) -> list[ModelScore]:
    """Paragraph and statement stances with the mass of units unrelated to ``target`` moved to none."""
    from analysis import relevance as gate

    paragraph_similarity, statement_similarity = gate.unit_similarities(relevance, units, target=target)
    similarities = [*paragraph_similarity.tolist(), *statement_similarity.tolist()]
    return [gate.gated(result, similarity) for result, similarity in zip(scored, similarities, strict=True)]


def in_paragraph(statement: ModelScore, paragraph: ModelScore | None, *, weight: float) -> ModelScore:
    """A statement's stance read in its paragraph: its probabilities blended with the paragraph's.

    A quote such as "No more Benghazis" has a stance only given what surrounds it."""
    if paragraph is None or weight <= 0:
        return statement
    probs = {k: round((1 - weight) * v + weight * paragraph.probs[k], 6) for k, v in statement.probs.items()}
    labels = list(probs)
    score = round(probs[labels[-1]] - probs[labels[0]], 6)
    return replace(statement, probs=probs, score=score, label=label_for(score, labels=labels))


def _stance_rows(scored: Sequence[ModelScore], *, unit: str, target: str) -> list[dict]:
    return [
        {
            "unit": unit,
            "id": number,
            "target": target,
            "label": result.label,
            "score": result.score,
            "p_favor": result.probs["favor"],
            "p_against": result.probs["against"],
            "p_none": result.probs["none"],
        }
        for number, result in enumerate(scored)
    ]


def _paragraph_table(
    paragraphs, statements: Sequence[Statement], sentiments: Sequence[ModelScore]
) -> pd.DataFrame:
    quoted: dict[int, int] = {}
    for statement in statements:
        quoted[statement.paragraph] = quoted.get(statement.paragraph, 0) + (statement.end - statement.start)
    rows = [
        {
            "index": p.index,
            "start": p.start,
            "end": p.end,
            "text": p.text,
            "quoted_share": round(min(1.0, quoted.get(p.index, 0) / max(1, p.end - p.start)), 4),
            "sentiment": result.score,
            "sentiment_label": result.label,
        }
        for p, result in zip(paragraphs, sentiments, strict=True)
    ]
    return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)


def _statement_table(statements: Sequence[Statement], sentiments: Sequence[ModelScore]) -> pd.DataFrame:
    rows = [
        {"id": number, **asdict(statement), "sentiment": result.score, "sentiment_label": result.label}
        for number, (statement, result) in enumerate(zip(statements, sentiments, strict=True))
    ]
    table = pd.DataFrame(rows)
    for column in STATEMENT_COLUMNS:
        if column not in table:
            table[column] = pd.Series(dtype="object")
    extra = [c for c in table.columns if c not in STATEMENT_COLUMNS]
    table = table[STATEMENT_COLUMNS + extra]
    return table.astype({"speaker_start": "Int64", "speaker_end": "Int64"})
