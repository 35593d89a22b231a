from __future__ import annotations

import types

import newsgraph
from newsgraph import errors


def test_exports_all_is_sorted_and_complete() -> None:
    public = {
        name
        for name, value in vars(newsgraph).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    # The order is ruff's RUF022 (constants, classes, functions), checked by `make lint`.
    assert len(set(newsgraph.__all__)) == len(newsgraph.__all__)
    # Imported on first use (``newsgraph.__getattr__``): pandas is not loaded with newsgraph.
    lazy = {"Corpus", "open_corpus"}
    assert not lazy & set(vars(newsgraph))
    assert all(getattr(newsgraph, name) for name in lazy)
    assert set(newsgraph.__all__) == (public - {"annotations"}) | lazy


def test_exports_every_error_subclasses_newsgraph_error() -> None:
    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(classes) > 5
    for cls in classes:
        assert issubclass(cls, errors.NewsgraphError)
        assert cls.__doc__


def test_exports_error_renders_as_one_line_naming_the_source() -> None:
    error = errors.EmptyInputError("empty input", "dir/a.html")
    assert str(error) == "dir/a.html: empty input"
    assert "\n" not in str(error)
