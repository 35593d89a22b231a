"""Language identification of article text (py3langid, offline, ~100 languages)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the language ``text`` is written in, or ``None`` if unsure."""
    sample = text[:_SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= 0.5 else None
