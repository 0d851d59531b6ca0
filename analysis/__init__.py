"""StanceScope analysis package: reading, attribution, models, aggregation, charts, export.

This package never imports streamlit: the app, the command line and the tests all call it.
"""

from analysis.records import Paragraph, Statement

__all__ = ["Paragraph", "Statement"]
