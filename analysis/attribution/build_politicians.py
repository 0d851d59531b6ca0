"""Derive the compact politician table ``data/politicians.csv`` from congress-legislators.

Source: unitedstates/congress-legislators (CC0 1.0), the snapshot in ``shared/data/legislators``
(see its SOURCE.md). Run from the repository root::

    .venv/bin/python -m analysis.attribution.build_politicians [--source ../shared/data/legislators]

One row per person and stretch of consecutive terms with the same party (current members and
presidents / vice presidents have dated terms). Former members come from the historical CSV, which
holds only the person's last congressional term with no dates: their row has empty ``start``/``end``
and ``dated=0``. Only people born in 1900 or later are kept (older namesakes would only cause
false matches on modern news). ``names`` holds the lower-cased name variants, ``|``-separated.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import yaml

DEFAULT_SOURCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "legislators"
OUTPUT = Path(__file__).parent / "data" / "politicians.csv"
MIN_BIRTH_YEAR = 1900
MAX_GAP_DAYS = 62
"""Consecutive terms with the same party and office merge when the gap between them is at most this."""
FIELDS = (
    "bioguide",
    "display",
    "last",
    "names",
    "party",
    "office",
    "state",
    "start",
    "end",
    "dated",
    "origin",
)


def _variants(*, first: str, last: str, middle: str = "", nickname: str = "", full: str = "") -> list[str]:
    names = []
    for given in (first, nickname, middle):
        given = given.strip().rstrip(".")
        if given and len(given) > 1:
            names.append(f"{given} {last}")
    if first and middle:
        names.append(f"{first} {middle} {last}")
    if full:
        names.append(full)
    seen: list[str] = []
    for name in names:
        key = " ".join(name.lower().replace(",", " ").split())
        if key and key not in seen:
            seen.append(key)
    return seen


def _days_between(end: str, start: str) -> int:
    return (date.fromisoformat(start[:10]) - date.fromisoformat(end[:10])).days


def _birth_ok(birthday: str | None) -> bool:
    return bool(birthday) and str(birthday)[:4].isdigit() and int(str(birthday)[:4]) >= MIN_BIRTH_YEAR


def _yaml_rows(path: Path, origin: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        people = yaml.safe_load(handle)
    for person in people:
        name = person.get("name", {})
        if not _birth_ok(person.get("bio", {}).get("birthday")):
            continue
        last = name.get("last", "")
        variants = _variants(
            first=name.get("first", ""),
            last=last,
            middle=name.get("middle", ""),
            nickname=name.get("nickname", ""),
            full=name.get("official_full", ""),
        )
        for other in person.get("other_names", []) or []:
            variants += _variants(
                first=other.get("first", name.get("first", "")), last=other.get("last", last)
            )
        display = (
            name.get("official_full") or f"{name.get('nickname') or name.get('first', '')} {last}".strip()
        )
        merged: list[dict[str, str]] = []
        for term in person.get("terms", []):
            pieces = term.get("party_affiliations") or [
                {"start": term["start"], "end": term["end"], "party": term.get("party", "")}
            ]
            for piece in pieces:
                party = piece.get("party", "")
                row = {
                    "bioguide": person.get("id", {}).get("bioguide", "")
                    or f"govtrack:{person.get('id', {}).get('govtrack', '')}",
                    "display": display,
                    "last": last.lower(),
                    "names": "|".join(dict.fromkeys(variants)),
                    "party": party,
                    "office": term.get("type", ""),
                    "state": term.get("state", ""),
                    "start": str(piece["start"]),
                    "end": str(piece["end"]),
                    "dated": "1",
                    "origin": origin,
                }
                previous = merged[-1] if merged else None
                if (
                    previous
                    and previous["party"] == party
                    and previous["office"] == row["office"]
                    and _days_between(previous["end"], row["start"]) <= MAX_GAP_DAYS
                ):
                    previous["end"] = max(previous["end"], row["end"])
                else:
                    merged.append(row)
        rows += merged
    return rows


def _historical_rows(path: Path, known: set[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["bioguide_id"] in known or not _birth_ok(record.get("birthday")):
                continue
            last = record["last_name"]
            variants = _variants(
                first=record["first_name"],
                last=last,
                middle=record["middle_name"],
                nickname=record["nickname"],
                full=record["full_name"],
            )
            rows.append(
                {
                    "bioguide": record["bioguide_id"],
                    "display": record["full_name"] or f"{record['first_name']} {last}",
                    "last": last.lower(),
                    "names": "|".join(variants),
                    "party": record["party"],
                    "office": record["type"],
                    "state": record["state"],
                    "start": "",
                    "end": "",
                    "dated": "0",
                    "origin": "legislators-historical.csv (last term only)",
                }
            )
    return rows


def build(source: Path) -> list[dict[str, str]]:
    rows = _yaml_rows(source / "legislators-current.yaml", "legislators-current.yaml")
    rows += _yaml_rows(source / "executive.yaml", "executive.yaml")
    known = {row["bioguide"] for row in rows if row["origin"] == "legislators-current.yaml"}
    rows += _historical_rows(source / "legislators-historical.csv", known)
    return rows


NAMES_OUTPUT = Path(__file__).parent / "data" / "given_names.csv"
NAME_AGREEMENT = 0.9
"""A given name gets a gender when at least this share of the legislators bearing it have that gender."""


def given_names(source: Path) -> list[dict[str, str]]:
    """Given name -> gender (m/f) of the legislators and executives who bear it, for pronoun agreement."""
    counts: dict[str, Counter] = defaultdict(Counter)
    with (source / "legislators-historical.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            for given in (record["first_name"], record["nickname"]):
                if given.isalpha() and record["gender"] in {"M", "F"}:
                    counts[given.lower()][record["gender"].lower()] += 1
    for name in ("legislators-current.yaml", "executive.yaml"):
        with (source / name).open(encoding="utf-8") as handle:
            for person in yaml.safe_load(handle):
                gender = (person.get("bio") or {}).get("gender", "")
                for given in (person["name"].get("first", ""), person["name"].get("nickname", "")):
                    if given.isalpha() and gender in {"M", "F"}:
                        counts[given.lower()][gender.lower()] += 1
    rows = []
    for given in sorted(counts):
        gender, count = counts[given].most_common(1)[0]
        total = sum(counts[given].values())
        if count / total >= NAME_AGREEMENT:
            rows.append({"name": given, "gender": gender, "people": str(total)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--names-output", type=Path, default=NAMES_OUTPUT)
    args = parser.parse_args(argv)
    rows = build(args.source)
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.output}", file=sys.stderr)
    names = given_names(args.source)
    with args.names_output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "gender", "people"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(names)
    print(f"wrote {len(names)} given names to {args.names_output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
