"""Pure helpers of the app's bridge module."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [(1, "Strikes in Iraq", "a.txt", ("strikes",)), (2, "Strikes in Iraq", "b.txt", ("strikes",))],
            ["Strikes in Iraq · strikes", "Strikes in Iraq · strikes (2)"],
        ),
        ([(3, None, "/tmp/x/pasted.txt", ("t",))], ["pasted.txt · t"]),
        ([(4, "T" * 90, "a.txt", ("t",))], ["T" * 59 + "… · t"]),
    ],
)
def test_entry_labels_are_distinct_and_short(rows, expected):
    import app_state

    entries = pd.DataFrame(rows, columns=["id", "title", "source", "targets"])
    assert list(app_state.entry_labels(entries).values()) == expected
