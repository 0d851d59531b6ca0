"""A corpus: many articles analysed into the library, on this machine's cores or on Ray, then read back as one
tidy table per target (statements with their article's date, outlet and title).

Every article goes through the same function, :func:`analyse_job`, whichever engine runs it. An article is
analysed once per (content hash, targets, models): a rerun skips what the library already holds, so an
interrupted batch resumes where it stopped, and a bad article is recorded with its one-line error while the
batch goes on.
"""

from __future__ import annotations

import json
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.reading import SUPPORTED_SUFFIXES, ArticleError, read_article, read_path

MAX_RECORD_CHARS = 1_000_000


class CorpusError(ValueError):
    """The corpus input cannot be used as given; ``str(error)`` is the message."""


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One article to analyse: a file, or a JSON Lines record with its metadata."""

    key: str
    """Stable name of the input (the file path, or ``FILE#id``): failures are recorded under it."""
    path: str | None = None
    text: str | None = None
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass
class BatchSummary:
    analysed: int = 0
    skipped: int = 0
    """Already in the library with these targets and models."""
    duplicates: int = 0
    """The same content as another input of this batch."""
    failed: int = 0
    paragraphs: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def articles_per_s(self) -> float:
        return self.analysed / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        rate = (
            f"{self.articles_per_s:.2f} articles/s, {self.paragraphs / self.seconds:.1f} paragraphs/s"
            if (self.seconds and self.analysed)
            else "nothing analysed"
        )
        return (
            f"{self.analysed} analysed, {self.skipped} already in the library, {self.duplicates} duplicate(s), "
            f"{self.failed} failed; {self.seconds:.1f} s ({rate})"
        )


# --------------------------------------------------------------------------- inputs


def collect(*, paths: Sequence[str | Path] = (), jsonl: Sequence[str | Path] = ()) -> list[CorpusItem]:
    """Every supported file under ``paths`` (folders searched recursively, in name order) and every record of
    the ``jsonl`` files. A path that does not exist is an error; unsupported files in folders are skipped."""
    items: list[CorpusItem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            items += [CorpusItem(key=str(p), path=str(p)) for p in files]
        elif path.exists():
            items.append(CorpusItem(key=str(path), path=str(path)))
        else:
            raise CorpusError(f"{path}: no such file or folder.")
    for raw in jsonl:
        items += list(_records(Path(raw)))
    return items


def _records(path: Path) -> Iterator[CorpusItem]:
    """Records of a JSON Lines file: ``text`` and optional ``title``, ``date``, ``outlet``, ``url``, ``id``."""
    if not path.is_file():
        raise CorpusError(f"{path}: no such JSON Lines file.")
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            key = f"{path}#{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield CorpusItem(key=key, text=None, title=f"line {number}: not JSON ({error.msg})")
                continue
            if not isinstance(record, dict):
                yield CorpusItem(key=key, text=None, title=f"line {number}: not a JSON object")
                continue
            ident = record.get("id")
            yield CorpusItem(
                key=f"{path}#{ident}" if ident not in (None, "") else key,
                text=record.get("text") if isinstance(record.get("text"), str) else None,
                title=_field(record, "title"),
                date=_field(record, "date"),
                outlet=_field(record, "outlet"),
                url=_field(record, "url"),
            )


def _field(record: dict, name: str) -> str | None:
    value = record.get(name)
    return " ".join(str(value).split())[:300] if value not in (None, "") else None


def read_item(item: CorpusItem):
    """The item's article, with the record's metadata winning over what the text says."""
    if item.path is not None:
        article = read_path(item.path)
    else:
        if item.text is None:
            raise ArticleError(f"{item.key}: {item.title or 'the record has no text field'}")
        if len(item.text) > MAX_RECORD_CHARS:
            raise ArticleError(
                f"{item.key}: the text has {len(item.text):,} characters; the limit is 1,000,000."
            )
        article = read_article(data=item.text.encode("utf-8"), name=item.title or item.key)
    changes: dict[str, object] = {}
    if item.title:
        changes["title"] = item.title
    if item.date:
        parsed = _parse_date(item.date)
        if parsed is not None:
            changes["date"] = parsed
    if item.outlet:
        changes["outlet"] = item.outlet
    if item.url:
        changes["url"] = item.url
    return replace(article, **changes) if changes else article


def _parse_date(value: str) -> date | None:
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


# --------------------------------------------------------------------------- the per-article function


@dataclass(frozen=True, slots=True)
class Job:
    key: str
    article: object  # analysis.reading.Article
    targets: tuple[str, ...]


def analyse_job(job: Job, scorers) -> object:
    """One article's analysis: the same call for every engine, so their tables are identical."""
    from analysis.pipeline import analyze

    return analyze(article=job.article, targets=job.targets, scorers=scorers)


def plan(
    items: Iterable[CorpusItem], *, targets: Sequence[str], library, fingerprint: str, summary: BatchSummary
) -> list[Job]:
    """The jobs still to run: unreadable inputs are recorded as failures, stored and duplicate ones skipped."""
    jobs: list[Job] = []
    seen: set[str] = set()
    for item in items:
        try:
            article = read_item(item)
        except ArticleError as error:
            summary.failed += 1
            summary.failures.append((item.key, str(error)))
            library.record_failure(source=item.key, error=str(error))
            continue
        if article.sha256 in seen:
            summary.duplicates += 1
            continue
        seen.add(article.sha256)
        if library.find(sha256=article.sha256, targets=targets, fingerprint=fingerprint) is not None:
            summary.skipped += 1
            library.clear_failure(source=item.key)
            continue
        jobs.append(Job(key=item.key, article=article, targets=tuple(targets)))
    return jobs


Progress = Callable[[int], None]


def _error_line(error: BaseException) -> str:
    """One line for the failure record: the error's kind and message, newlines folded, at most 300 characters."""
    return f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"


def _record(
    library, job_key: str, result, error: str | None, fingerprint: str, summary: BatchSummary
) -> None:
    if error is not None:
        summary.failed += 1
        summary.failures.append((job_key, error))
        library.record_failure(source=job_key, error=error)
        return
    library.save(result, fingerprint=fingerprint)
    library.clear_failure(source=job_key)
    summary.analysed += 1
    summary.paragraphs += len(result.paragraphs)


# --------------------------------------------------------------------------- local engine


def threads_per_worker(workers: int, *, cores: int | None = None) -> int:
    """Torch threads for each worker so that workers x threads = cores (at least one each)."""
    cores = cores or os.cpu_count() or 1
    return max(1, cores // max(1, workers))


_WORKER_SCORERS = None


def _init_worker(threads: int) -> None:
    global _WORKER_SCORERS
    os.environ["STANCESCOPE_THREADS"] = str(threads)
    from analysis.models import load_scorers, load_settings

    _WORKER_SCORERS = load_scorers(load_settings())


def _run_in_worker(job: Job) -> tuple[str, bytes | None, str | None]:
    try:
        return job.key, pickle.dumps(analyse_job(job, _WORKER_SCORERS)), None
    except Exception as error:  # one bad article must not stop the batch
        return job.key, None, _error_line(error)


def run_local(
    jobs: Sequence[Job],
    *,
    library,
    fingerprint: str,
    workers: int,
    summary: BatchSummary,
    progress: Progress | None = None,
    scorers=None,
) -> BatchSummary:
    """Worker processes on this machine, each loading the models once; results are saved as they arrive."""
    started = time.perf_counter()
    tick = progress or (lambda n: None)
    if workers <= 1:
        if scorers is None:
            from analysis.models import load_scorers, load_settings

            settings = load_settings()
            scorers = load_scorers(replace(settings, threads=threads_per_worker(1)))
        for job in jobs:
            try:
                result, error = analyse_job(job, scorers), None
            except Exception as failure:
                result, error = None, _error_line(failure)
            _record(library, job.key, result, error, fingerprint, summary)
            tick(1)
    elif jobs:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # torch and fork do not mix
        with context.Pool(workers, initializer=_init_worker, initargs=(threads_per_worker(workers),)) as pool:
            for key, payload, error in pool.imap_unordered(_run_in_worker, jobs, chunksize=1):
                _record(library, key, pickle.loads(payload) if payload else None, error, fingerprint, summary)
                tick(1)
    summary.seconds += time.perf_counter() - started
    return summary


# --------------------------------------------------------------------------- Ray engine

RAY_CPUS_PER_ACTOR = 0.5
"""Fractional CPUs per actor: an actor asking for whole CPUs starves Ray Data's other stages on 2 cores."""


class _RayAnalyser:
    """Ray Data actor: loads the models once, then analyses batches of jobs."""

    def __init__(self, threads: int) -> None:
        os.environ["STANCESCOPE_THREADS"] = str(threads)
        from analysis.models import load_scorers, load_settings

        self.scorers = load_scorers(load_settings())

    def __call__(self, batch: dict) -> dict:
        keys, payloads, errors = [], [], []
        for key, job_bytes in zip(batch["key"], batch["job"], strict=True):
            job = pickle.loads(job_bytes)
            try:
                payloads.append(pickle.dumps(analyse_job(job, self.scorers)))
                errors.append("")
            except Exception as error:
                payloads.append(b"")
                errors.append(_error_line(error))
            keys.append(str(key))
        return {"key": keys, "analysis": payloads, "error": errors}


def run_ray(
    jobs: Sequence[Job],
    *,
    library,
    fingerprint: str,
    workers: int,
    summary: BatchSummary,
    progress: Progress | None = None,
    address: str | None = None,
    parts_dir: Path | None = None,
) -> BatchSummary:
    """The same per-article function on Ray Data: ``from_items`` -> ``map_batches`` with an actor pool of
    ``workers`` actors; each batch of results is written as a Parquet part that the library then ingests (and
    the part is removed), so a killed run keeps every ingested article."""
    import ray

    started = time.perf_counter()
    tick = progress or (lambda n: None)
    if not jobs:
        return summary
    if not ray.is_initialized():
        # the actors read the same model settings as this process
        runtime_env = {
            "env_vars": {k: v for k, v in os.environ.items() if k.startswith(("STANCESCOPE_", "HF_"))}
        }
        if address:
            ray.init(address=address, log_to_driver=False, runtime_env=runtime_env)
        else:
            ray.init(
                num_cpus=os.cpu_count() or 1,
                include_dashboard=False,
                log_to_driver=False,
                runtime_env=runtime_env,
            )
    parts = Path(parts_dir or library.path.parent / "ray-parts")
    parts.mkdir(parents=True, exist_ok=True)
    dataset = ray.data.from_items([{"key": job.key, "job": pickle.dumps(job)} for job in jobs])
    results = dataset.map_batches(
        _RayAnalyser,
        fn_constructor_args=(threads_per_worker(workers),),
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=RAY_CPUS_PER_ACTOR,
        batch_size=1,
        batch_format="numpy",
    )
    for number, batch in enumerate(results.iter_batches(batch_size=1, batch_format="pandas")):
        part = parts / f"part-{os.getpid()}-{number:06d}.parquet"
        batch.to_parquet(part, index=False)
        for row in pd.read_parquet(part).itertuples(index=False):
            error = row.error or None
            _record(
                library,
                row.key,
                pickle.loads(row.analysis) if not error else None,
                error,
                fingerprint,
                summary,
            )
            tick(1)
        part.unlink()
    summary.seconds += time.perf_counter() - started
    return summary


# --------------------------------------------------------------------------- reading the corpus back

CORPUS_COLUMNS = [
    "analysis_id",
    "article_title",
    "article_date",
    "outlet",
    "source",
    "sha256",
    "target",
    "id",
    "paragraph",
    "kind",
    "cue_type",
    "statement_type",
    "speaker_label",
    "party_label",
    "text",
    "stance",
    "stance_label",
    "sentiment",
    "corrected",
]


def corpus_statements(*, library, target: str | None = None) -> pd.DataFrame:
    """Every statement of the library with its stance toward ``target`` (all targets when None) and its
    article's metadata; one analysis per article (the newest that has the target), corrections applied."""
    from analysis import aggregate

    entries = library.entries()
    if target is not None:
        entries = entries.loc[entries["targets"].map(lambda ts: target in ts)]
    entries = entries.drop_duplicates("sha256", keep="first")  # entries are newest first
    frames = []
    for entry in entries.itertuples(index=False):
        analysis = library.load(int(entry.id)).analysis
        corrected = aggregate.apply_corrections(
            analysis.statements, corrections=library.corrections(entry.sha256)
        )
        table = aggregate.statement_stances(corrected, analysis.stances)
        if target is not None:
            table = table.loc[table["target"] == target]
        if table.empty:
            continue
        frames.append(
            table.assign(
                analysis_id=int(entry.id),
                article_title=entry.title or Path(str(entry.source)).name,
                article_date=pd.to_datetime(entry.date) if entry.date else pd.NaT,
                outlet=entry.outlet or "(unknown outlet)",
                source=Path(str(entry.source)).name,
                sha256=entry.sha256,
            )
        )
    if not frames:
        return pd.DataFrame(columns=CORPUS_COLUMNS)
    table = pd.concat(frames, ignore_index=True).pipe(unify_surnames)
    for column in CORPUS_COLUMNS:
        if column not in table:
            table[column] = None
    return table[CORPUS_COLUMNS].sort_values(["article_date", "analysis_id", "id"], kind="stable")


DOMINANT_SHARE = 3.0
"""A surname joins the most quoted full name only when it has this many times the statements of the next."""


def unify_surnames(table: pd.DataFrame) -> pd.DataFrame:
    """One person under one name across the corpus.

    Within an article the rules already resolve a surname to the full name the article gives; across articles one
    outlet writes "Obama" throughout and another "Barack Obama". So: a full name with a middle name or initial
    ("Donald J. Trump") joins the same first and last name ("Donald Trump"); a surname alone ("Trump") joins the
    full name ending with it that is quoted at least :data:`DOMINANT_SHARE` times as often as any other
    ("Melania Trump"), or is the only one; "Clinton" beside "Bill" and "Hillary Clinton" stays as it is. The
    party comes with the name where the article gave none. Groups ("Democrats") never join anyone."""
    from analysis.aggregate import NO_PARTY

    if table.empty or "speaker_type" not in table:
        return table
    is_person = table["speaker_type"] == "person"
    counts = table.loc[is_person, "speaker_label"].dropna().astype(str).value_counts()
    mapping: dict[str, str] = {}
    by_first_last: dict[tuple[str, str], list[str]] = {}
    for name in counts.index:
        words = name.split()
        if len(words) > 1:
            by_first_last.setdefault((words[0].lower(), words[-1].lower()), []).append(name)
    for variants in by_first_last.values():
        plain = [v for v in variants if len(v.split()) == 2]
        target = max(plain or variants, key=lambda v: counts[v])
        mapping |= {v: target for v in variants if v != target}
    full_by_last: dict[str, dict[str, int]] = {}
    for name in counts.index:
        words = name.split()
        if len(words) > 1:
            joined = mapping.get(name, name)
            by_name = full_by_last.setdefault(words[-1].lower(), {})
            by_name[joined] = by_name.get(joined, 0) + int(counts[name])
    for name in counts.index:
        if len(name.split()) != 1 or name.lower() not in full_by_last:
            continue
        ranked = sorted(full_by_last[name.lower()].items(), key=lambda item: -item[1])
        if len(ranked) == 1 or ranked[0][1] >= DOMINANT_SHARE * ranked[1][1]:
            mapping[name] = ranked[0][0]
    if not mapping:
        return table
    joined = is_person & table["speaker_label"].isin(list(mapping))
    speaker_label = table["speaker_label"].where(~joined, table["speaker_label"].map(mapping))
    named = is_person & (table["party_label"] != NO_PARTY)
    full_party = (
        table.loc[named]
        .assign(name=speaker_label[named])
        .groupby("name")["party_label"]
        .agg(lambda p: p.mode().iloc[0])
    )
    party_label = table["party_label"].where(
        ~(joined & (table["party_label"] == NO_PARTY)), speaker_label.map(full_party).fillna(NO_PARTY)
    )
    return table.assign(speaker_label=speaker_label, party_label=party_label)


# --------------------------------------------------------------------------- corpus summaries (tidy)


def filter_corpus(
    table: pd.DataFrame,
    *,
    speakers: Sequence[str] = (),
    parties: Sequence[str] = (),
    outlets: Sequence[str] = (),
    types: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """The corpus statements that pass the analyst's filters; empty selections mean "all"."""
    from analysis.aggregate import chosen_rows

    keep = chosen_rows(
        table, speaker_label=speakers, party_label=parties, statement_type=types, outlet=outlets
    )
    dates = pd.to_datetime(table["article_date"])
    if since is not None:
        keep &= dates >= pd.Timestamp(since)
    if until is not None:
        keep &= dates <= pd.Timestamp(until)
    return table.loc[keep]


def top_actors(table: pd.DataFrame, *, limit: int = 15, attributed_only: bool = True) -> pd.DataFrame:
    """Actors with the most statements: statements, articles, outlets, mean stance and its label, party."""
    from analysis.aggregate import UNATTRIBUTED
    from analysis.labels import stance_label

    rows = table.loc[table["speaker_label"] != UNATTRIBUTED] if attributed_only else table
    if rows.empty:
        return pd.DataFrame(
            columns=["speaker", "party", "statements", "articles", "outlets", "mean_stance", "stance_label"]
        )
    summary = (
        rows.groupby("speaker_label")
        .agg(
            party=("party_label", lambda s: s.mode().iloc[0]),
            statements=("text", "size"),
            articles=("analysis_id", "nunique"),
            outlets=("outlet", "nunique"),
            mean_stance=("stance", "mean"),
        )
        .reset_index()
        .rename(columns={"speaker_label": "speaker"})
        .assign(
            mean_stance=lambda t: t["mean_stance"].round(4),
            stance_label=lambda t: t["mean_stance"].map(stance_label),
        )
        .sort_values(["statements", "speaker"], ascending=[False, True])
    )
    return summary.head(limit).reset_index(drop=True)


def party_over_time(table: pd.DataFrame, *, freq: str = "MS") -> pd.DataFrame:
    """Mean stance per party per period (month by default): party, period, mean_stance, statements."""
    dated = table.dropna(subset=["article_date"])
    if dated.empty:
        return pd.DataFrame(columns=["party", "period", "mean_stance", "statements"])
    return (
        dated.assign(period=lambda t: pd.to_datetime(t["article_date"]).dt.to_period(freq[0]).dt.start_time)
        .groupby(["party_label", "period"])
        .agg(mean_stance=("stance", "mean"), statements=("text", "size"))
        .reset_index()
        .rename(columns={"party_label": "party"})
        .assign(mean_stance=lambda t: t["mean_stance"].round(4))
    )


def outlet_party(table: pd.DataFrame) -> pd.DataFrame:
    """How each outlet quotes each side: statements and mean stance per outlet and party."""
    if table.empty:
        return pd.DataFrame(columns=["outlet", "party", "statements", "mean_stance"])
    return (
        table.groupby(["outlet", "party_label"])
        .agg(statements=("text", "size"), mean_stance=("stance", "mean"))
        .reset_index()
        .rename(columns={"party_label": "party"})
        .assign(mean_stance=lambda t: t["mean_stance"].round(4))
    )
