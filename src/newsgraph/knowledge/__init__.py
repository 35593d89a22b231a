"""Knowledge tables shipped as package data (countries, demonyms, office holders, lexicons).

Every data file is read here and nowhere else, once per process (:func:`load_json`,
:func:`load_csv`). The files themselves say where their data comes from (``SOURCES.md``).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from functools import cache
from importlib.resources import files
from typing import Any


def read_text(name: str) -> str:
    """Return the text of the data file ``name`` in this package (``.gz`` files unpacked)."""
    path = files(__name__).joinpath(name)
    if name.endswith(".gz"):
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    return path.read_text(encoding="utf-8")


@cache
def load_json(name: str) -> Any:
    """Return the parsed JSON data file ``name`` (cached)."""
    return json.loads(read_text(name))


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of the CSV data file ``name`` as dicts (cached)."""
    return tuple(csv.DictReader(io.StringIO(read_text(name))))
