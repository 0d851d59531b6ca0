"""Command line: ``python -m analysis analyze PATH... --target TEXT --format json|csv [--out FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis import cli

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:], prog=f"python -m {Path(__file__).parent.name}"))
