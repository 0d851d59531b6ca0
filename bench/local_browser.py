"""How StanceScope's own tooling starts a local Streamlit server and Debian's Chromium.

Shared by the browser tests, the load test and the README screenshot script, so the flags that keep
Chromium quiet on a closed network, and the server command, live in one place.
"""

from __future__ import annotations

import sys

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium keeps dialling Google's hosts, which a closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = "127.0.0.1"


def streamlit_command(*, port: int, host: str = LOOPBACK) -> list[str]:
    """The command that serves ``dashboard.py`` headless on ``host:port`` (run it from the repository root)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.headless",
        "true",
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
