"""Speaker attribution and party resolution (issue 4).

``find_statements`` is the one entry point the pipeline calls; ``resolve_party`` re-resolves a party when an
analyst corrects a speaker. Plain Python: no UI imports. Rules live as tables in ``data/``.
"""

from analysis.attribution.extract import find_statements
from analysis.attribution.party import resolve_party

__all__ = ["find_statements", "resolve_party"]
