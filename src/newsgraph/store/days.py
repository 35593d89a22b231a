"""The first calendar day of a stored date (``2023``, ``2023-05``, ``2023-05-07/2023-05-09``)."""

from __future__ import annotations

import re

__all__ = ["first_day"]

_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def first_day(value: str | None) -> str | None:
    """Return the first day (``YYYY-MM-DD``) of a date, month, year or ``a/b`` range."""
    if not value:
        return None
    match = _DAY.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"
