"""Server defaults (issue 6): bound to localhost, XSRF protection on, an upload limit that matches the reader's.

Reads ``.streamlit/config.toml`` as Streamlit does, checks every key is a real Streamlit option (a typo
would be silently ignored), and checks the effective values Streamlit itself resolves.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from analysis.reading import MAX_UPLOAD_BYTES
from tests.conftest import PROJECT_ROOT

CONFIG = PROJECT_ROOT / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    assert CONFIG.exists(), ".streamlit/config.toml is missing"
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def test_server_is_bound_to_localhost(config):
    assert config["server"]["address"] in ("localhost", "127.0.0.1", "::1")


def test_xsrf_and_cors_protection_are_on(config):
    assert config["server"].get("enableXsrfProtection", True) is True
    assert config["server"].get("enableCORS", True) is True


def test_upload_limit_matches_the_reader(config):
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_UPLOAD_BYTES


def test_users_never_see_tracebacks_and_nothing_phones_home(config):
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"].get("headless", False) is True


def test_every_key_is_a_streamlit_option(config):
    from streamlit import config as streamlit_config

    known = set(streamlit_config._config_options_template)
    unknown = [
        f"{section}.{key}"
        for section, values in config.items()
        for key in values
        if f"{section}.{key}" not in known
    ]
    assert not unknown, f"not Streamlit options (ignored silently): {unknown}"


def test_streamlit_resolves_the_same_defaults():
    """What ``streamlit config show`` resolves from the project folder, as ``make run`` starts it."""
    result = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]

    def value(option: str) -> str:
        match = re.search(
            rf"^{re.escape(option.split('.')[1])} = (.+)$", _section(result.stdout, option), re.M
        )
        assert match, f"{option} not shown"
        return match.group(1).strip()

    assert value("server.address") in ('"localhost"', '"127.0.0.1"')
    assert value("server.enableXsrfProtection") == "true"
    assert value("server.maxUploadSize") == str(MAX_UPLOAD_BYTES // (1024 * 1024))


def _section(text: str, option: str) -> str:
    name = option.split(".")[0]
    start = text.index(f"[{name}]")
    following = text.find("\n[", start + 1)
    return text[start : following if following != -1 else len(text)]


def test_make_run_does_not_override_the_bind_address():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    run_lines = [line for line in makefile.splitlines() if "streamlit run" in line]
    assert run_lines
    for line in run_lines:
        assert "0.0.0.0" not in line and "enableXsrfProtection false" not in line.replace("=", " ")
