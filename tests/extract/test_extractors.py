"""The extractor contract: ``(analysis, doc) -> None``, setting exactly the fields it declares.

Each built-in extractor runs on the founding example in pipeline order, and the fields of the
analysis it changed are compared with its ``assigns``; its signature is the declared one.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
from pathlib import Path
from typing import Any

import pytest

from newsgraph import extract
from newsgraph.analyze import load_builtin_extractors
from newsgraph.model import Analysis
from newsgraph.nlp import parse_many
from newsgraph.sources import read_article

FIELDS = {f.name for f in dataclasses.fields(Analysis)}


@pytest.fixture(scope="module")
def registry() -> dict[str, extract.Extractor]:
    load_builtin_extractors()
    return extract.REGISTRY


def test_extractors_declare_real_fields_and_known_requirements(
    registry: dict[str, extract.Extractor],
) -> None:
    assert set(extract.DEFAULT_PIPELINE) <= set(registry)
    for extractor in registry.values():
        assert extractor.assigns, extractor.name
        assert set(extractor.assigns) <= FIELDS - {"article"}, extractor.name
        assert set(extractor.requires) <= set(registry), extractor.name


def test_extractors_have_the_declared_signature(registry: dict[str, extract.Extractor]) -> None:
    for extractor in registry.values():
        parameters = list(inspect.signature(extractor.func).parameters.values())
        assert [p.name for p in parameters] == ["analysis", "doc"], extractor.name
        assert [str(p.annotation) for p in parameters] == ["Analysis", "Doc | None"]
        assert str(inspect.signature(extractor.func).return_annotation) == "None"


def test_extractors_set_exactly_the_fields_they_assign(
    registry: dict[str, extract.Extractor], nlp: Any, example_path: Path
) -> None:
    del nlp  # loaded once by the session fixture; parse_many uses it
    article = read_article(example_path)
    doc = next(parse_many([article.text]))
    analysis = Analysis(article=article)
    for extractor in extract.check_pipeline(extract.DEFAULT_PIPELINE):
        before = {name: copy.deepcopy(getattr(analysis, name)) for name in FIELDS}
        result = extractor.func(analysis, doc)
        assert result is None, extractor.name
        changed = {name for name in FIELDS if getattr(analysis, name) != before[name]}
        assert changed == set(extractor.assigns), extractor.name
