"""Rows to Arrow-backed DataFrames, on invented rows: each kind keeps its dtype, bad values null."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd

from newsgraph.frames.columns import Column, chunks, frame

COLUMNS = [
    Column("name", "x.name"),
    Column("n", "x.n", "int"),
    Column("score", "x.score", "float"),
    Column("flag", "x.flag", "bool"),
    Column("sides", "x.sides", "strings"),
    Column("day", "x.day", "day"),
    Column("at", "x.at", "time"),
    Column("role", "x.roles", "role"),
    Column("organization", "x.roles", "organization"),
]

ROLES = json.dumps(
    [{"title": None, "organization": None}, {"title": "mayor", "organization": "Town Hall"}]
)


def test_each_kind_gets_its_arrow_dtype_and_values() -> None:
    rows = [
        ("a", 1, 2, 1, '["FRA", "DEU"]', "2024-02-29", "2024-03-01T10:00:00+02:00", ROLES, ROLES),
        (None, None, 0.5, 0, "[]", "2024-02", "2024-03-01T10:00:00", "[]", None),
    ]
    result = frame(COLUMNS, rows)
    assert [str(t) for t in result.dtypes] == [
        "string[pyarrow]",
        "int64[pyarrow]",
        "double[pyarrow]",
        "bool[pyarrow]",
        "list<item: string>[pyarrow]",
        "timestamp[s][pyarrow]",
        "timestamp[us, tz=UTC][pyarrow]",
        "string[pyarrow]",
        "string[pyarrow]",
    ]
    first, second = result.iloc[0], result.iloc[1]
    assert list(first["sides"]) == ["FRA", "DEU"] and list(second["sides"]) == []
    assert first["score"] == 2.0 and bool(first["flag"]) and not bool(second["flag"])
    assert first["day"] == pd.Timestamp("2024-02-29")
    assert pd.isna(second["day"])  # a month is not a day: no timestamp is made up
    assert first["at"] == pd.Timestamp("2024-03-01T08:00:00Z")
    assert second["at"] == pd.Timestamp("2024-03-01T10:00:00Z")  # no offset: read as UTC
    assert (first["role"], first["organization"]) == ("mayor", "Town Hall")
    assert pd.isna(second["role"]) and pd.isna(second["organization"])
    assert pd.isna(second["name"]) and pd.isna(second["n"])


def test_a_time_arrow_cannot_read_is_read_alone_or_left_null() -> None:
    result = frame([Column("at", "x.at", "time")], [("2024-03-01 10:00:00.5",), ("soon",)])
    assert result["at"].iloc[0] == pd.Timestamp("2024-03-01T10:00:00.5Z")
    assert pd.isna(result["at"].iloc[1])


def test_no_rows_keep_the_columns_and_their_dtypes() -> None:
    result = frame(COLUMNS, [])
    assert list(result.columns) == [c.name for c in COLUMNS] and len(result) == 0
    assert all(isinstance(t, pd.ArrowDtype) for t in result.dtypes)


def test_chunks_read_rows_as_they_come_and_number_them_on() -> None:
    taken: list[int] = []

    def rows() -> Iterator[tuple[str, int]]:
        for i in range(7):
            taken.append(i)
            yield (f"r{i}", i)

    parts = chunks([Column("name", "x"), Column("n", "y", "int")], rows(), 3)
    first = next(parts)
    assert len(taken) == 3 and list(first["n"]) == [0, 1, 2]
    rest = list(parts)
    assert [len(p) for p in rest] == [3, 1]
    assert list(rest[-1].index) == [6]
    assert list(chunks([Column("n", "y", "int")], iter(()), 3)) == []
