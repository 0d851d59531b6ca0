"""Benchmarks: each prints its Markdown table and keeps it under bench/results/."""

from __future__ import annotations

from pathlib import Path


def publish(text: str, *, path: Path, write: bool = True) -> None:
    """Print a benchmark's Markdown result and, unless told not to, keep it at ``path``."""
    print(text)
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
