"""Shared fixtures. Slow fixtures (models) are built or loaded once per test session."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Tests never touch the analyst's library: every test session gets an empty library folder of its own
# (servers and command lines the tests start inherit it).
os.environ["STANCESCOPE_DATA"] = tempfile.mkdtemp(prefix="stancescope-test-library-")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = PROJECT_ROOT / "seeds" / "000_e0fae7b1ce5278b9.txt"
SEED_TARGET = "US military strikes against Iran-backed militias in Iraq"
SHARED_DATA = Path(os.environ.get("STANCESCOPE_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def tiny_model_dirs(tmp_path_factory) -> dict[str, Path]:
    """Two tiny randomly initialised classifiers with the real label sets and tokenizer.

    They run the real loading and scoring code fast; their scores mean nothing.
    """
    from analysis.models import SENTIMENT_LABELS, STANCE_LABELS, build_random_classifier

    root = tmp_path_factory.mktemp("tiny-models")
    return {
        "sentiment": build_random_classifier(path=root / "sentiment", labels=SENTIMENT_LABELS, seed=1),
        "stance": build_random_classifier(path=root / "stance", labels=STANCE_LABELS, seed=2),
    }


@pytest.fixture(scope="session")
def tiny_settings(tiny_model_dirs):
    from analysis.models import ModelSettings

    return ModelSettings(sentiment=str(tiny_model_dirs["sentiment"]), stance=str(tiny_model_dirs["stance"]))


@pytest.fixture(scope="session")
def tiny_scorers(tiny_settings):
    from analysis.models import load_scorers

    return load_scorers(tiny_settings)


@pytest.fixture(scope="session")
def tiny_model_env(tiny_model_dirs) -> dict[str, str]:
    """Environment for a subprocess (command line, Streamlit server) that uses the tiny models."""
    return {
        **os.environ,
        "STANCESCOPE_SENTIMENT_MODEL": str(tiny_model_dirs["sentiment"]),
        "STANCESCOPE_STANCE_MODEL": str(tiny_model_dirs["stance"]),
        "HF_HUB_OFFLINE": "1",
    }


@pytest.fixture(scope="session")
def seed_article():
    from analysis.reading import read_path

    return read_path(SEED_PATH)


# The app's own background work: the model load and the chart-image prefetch (``analysis.models``,
# ``analysis.chart_export``). The kaleido event loop thread runs for the whole process and is left alone.
_BACKGROUND_THREADS = {"stancescope-model-load", "stancescope-prefetch"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Each test waits for the background work its app run started. A thread still importing after the test
    changes ``sys.modules`` while pytest's own teardown iterates it ("dictionary changed size during
    iteration" at the teardown of an AppTest page test, once in a fresh clone's ``make test``)."""
    try:
        return (yield)
    finally:
        for thread in threading.enumerate():
            if thread.name in _BACKGROUND_THREADS and thread is not threading.current_thread():
                thread.join(timeout=120)
