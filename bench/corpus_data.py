"""Real corpora for the corpus bench and tests, read from ../shared/data when it is there (never committed).

* BASIL: 201 articles, each story told by the New York Times, HuffPost and Fox News, 2010-2019.
* PolNeAR train: 840 articles from 7 publishers, 2016, with ``metadata.tsv`` (publisher, date, title).
"""

from __future__ import annotations

import csv
import json

from analysis.corpus import CorpusItem
from train.common import data_dir

BASIL_OUTLETS = {"nyt": "New York Times", "hpo": "HuffPost", "fox": "Fox News"}
POLNEAR_OUTLETS = {
    "breitbart": "Breitbart",
    "huffington-post": "HuffPost",
    "new-york-times": "New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "washington-post": "Washington Post",
    "western-journalism": "Western Journalism",
}


def basil_items(*, limit: int | None = None) -> list[CorpusItem]:
    """BASIL articles as corpus records: paragraphs joined by blank lines, title, date, outlet, url."""
    root = data_dir() / "basil" / "articles"
    items = []
    for path in sorted(root.rglob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = article.get("body-paragraphs")
        if isinstance(paragraphs, str):  # some files keep the list as its Python repr
            import ast

            paragraphs = ast.literal_eval(paragraphs)
        text = "\n\n".join(" ".join(sentences) for sentences in paragraphs or [])
        items.append(
            CorpusItem(
                key=f"basil/{path.parent.name}/{path.name}",
                text=text,
                title=article.get("title"),
                date=article.get("date"),
                outlet=BASIL_OUTLETS.get(str(article.get("source", "")).lower(), article.get("source")),
                url=article.get("url"),
            )
        )
        if limit and len(items) >= limit:
            break
    return items


def polnear_items(*, limit: int | None = None, split: str = "train") -> list[CorpusItem]:
    root = data_dir() / "polnear"
    with open(root / "metadata.tsv", encoding="utf-8", newline="") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    items = []
    for path in sorted((root / split / "text").glob("*.txt")):
        row = meta.get(path.stem, {})
        publisher = row.get("publisher", path.stem.split("_")[0])
        items.append(
            CorpusItem(
                key=f"polnear/{split}/{path.name}",
                text=path.read_text(encoding="utf-8"),
                title=row.get("title") or None,
                date=row.get("publication_date") or None,
                outlet=POLNEAR_OUTLETS.get(publisher, publisher),
            )
        )
        if limit and len(items) >= limit:
            break
    return items


def main(argv=None) -> None:
    """``python -m bench.corpus_data basil|polnear --out FILE.jsonl``: the records for ``corpus add --jsonl``
    (written outside the repository: the article texts are not ours to commit)."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("source", choices=("basil", "polnear"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    items = basil_items(limit=args.limit) if args.source == "basil" else polnear_items(limit=args.limit)
    with open(args.out, "w", encoding="utf-8") as handle:
        for item in items:
            record = {"id": item.key, "text": item.text, "title": item.title, "date": item.date}
            record |= {"outlet": item.outlet, "url": item.url}
            handle.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
    print(f"{len(items)} records -> {args.out}")


if __name__ == "__main__":
    main()
