"""The CAMEO codes of PLOVER types: the shipped table, its rule and its source files."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsgraph.knowledge import load_csv
from newsgraph.knowledge.cameo import QUAD_CLASSES, cameo_of

ROOT = Path(__file__).resolve().parents[2]


def build_cameo() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_cameo", ROOT / "tools" / "build_cameo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_cameo_every_plover_type_has_a_code_of_its_own_root() -> None:
    categories = {row["category"] for row in load_csv("plover_categories.csv")}
    assert len(categories) == 16
    for category in categories:
        code = cameo_of(category)
        assert code is not None, category
        assert code.code.startswith(code.root) and len(code.root) == 2
        assert code.base == code.code[:3] and code.label
        assert code.goldstein is not None and -10 <= code.goldstein <= 10


def test_cameo_mode_rows_and_fallback_to_the_type() -> None:
    assert cameo_of("CONSULT", "visit").code == "042"  # type: ignore[union-attr]
    assert cameo_of("ACCUSE", "investigate").root == "09"  # type: ignore[union-attr]
    # A mode the table does not distinguish takes the type's row.
    assert cameo_of("COERCE", "cyber") == cameo_of("COERCE", None)
    assert cameo_of("NOT-A-TYPE") is None and cameo_of(None) is None


def test_cameo_quad_classes_are_gdelts() -> None:
    quads = {row["quad"] for row in load_csv("plover_categories.csv")}
    assert quads == set(QUAD_CLASSES)
    assert sorted(QUAD_CLASSES.values()) == [1, 2, 3, 4]


def test_cameo_rule_majority_root_then_most_general_code() -> None:
    tool = build_cameo()
    mapped = tool.Mapped
    # Invented groups: root 11 has three codes against two of root 09.
    group = [mapped(c, "X", "") for c in ("1121", "112", "111", "090", "091")]
    assert tool.choose(group) == ("111", "11")
    # A tie between roots goes to the lower one; the shortest code wins before the lowest.
    assert tool.choose([mapped("0871", "X", ""), mapped("091", "X", "")]) == ("0871", "08")
    assert tool.choose([mapped("0861", "X", ""), mapped("087", "X", "")]) == ("087", "08")


def test_cameo_reader_skips_section_headings_and_strips_modes(tmp_path: Path) -> None:
    tool = build_cameo()
    path = tmp_path / "table.txt"
    path.write_text(
        "# a comment\n08: CONCEDE\n08: RETREAT\n"
        "0861: RETREAT, access , peacekeeping # Receive peacekeepers\n"
        "175: ASSAULT, , military # Use repression\n175: ASSAULT, , military # Again\n",
        encoding="utf-8",
    )
    found = tool.read_cameo2plover(path)
    assert [(m.code, m.category, m.mode) for m in found] == [
        ("0861", "RETREAT", "access"),
        ("175", "ASSAULT", ""),
    ]
    assert found[1].root == "17"


def test_cameo_table_is_built_from_its_sources(shared_eval: Path) -> None:
    ontology = shared_eval / "events" / "ontology"
    if not (ontology / "CAMEO2PLOVER-2021.txt").is_file():
        pytest.skip("no CAMEO2PLOVER table in ../shared")
    tool = build_cameo()
    shipped = [dict(row) for row in load_csv("plover_cameo.csv")]
    assert tool.build(ontology) == shipped
    # Every row's code is mapped by the source to its type (and mode), and its Goldstein
    # value and label are the ICEWS table's.
    mapped = {
        (m.code, m.category, m.mode)
        for m in tool.read_cameo2plover(ontology / "CAMEO2PLOVER-2021.txt")
    }
    with (ontology / "cameo-codes.andybega-icews.csv").open(encoding="utf-8") as handle:
        icews = {row["code"]: row for row in csv.DictReader(handle)}
    for row in shipped:
        assert any(
            code == row["cameo"] and category == row["category"] and row["mode"] in ("", mode)
            for code, category, mode in mapped
        ), row
        assert float(icews[row["cameo"]]["goldstein"]) == float(row["goldstein"])
        assert icews[row["cameo"]]["root_code"] == row["cameo_root"]


def test_cameo_docs_table_matches_the_shipped_table() -> None:
    page = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    found = re.findall(r"\| ([A-Z]+) \| (\d{3,4}) \((\d\d)\)", page)
    assert len(found) == 16
    for category, code, root in found:
        shown = cameo_of(category)
        assert shown is not None and (shown.code, shown.root) == (code, root)


def test_cameo_agent_codes_of_sectors() -> None:
    from newsgraph.knowledge.cameo import agent_code

    assert (agent_code("government"), agent_code("rebel"), agent_code("IGO")) == (
        "GOV", "REB", "IGO"
    )  # fmt: skip
    assert agent_code(None) is None and agent_code("think tank") is None
    # Every sector the actor tables give has a code, but the one CAMEO lacks.
    sectors = {
        row["sector"]
        for name in ("role_titles.csv", "organizations.csv", "igos.csv", "org_words.csv")
        for row in load_csv(name)
    }
    assert {s for s in sectors if s and agent_code(s) is None} == {"think tank"}


def test_cameo_agent_table_is_built_from_the_role_title_codes() -> None:
    shipped = [dict(row) for row in load_csv("cameo_agents.csv")]
    assert build_cameo().agent_rows() == shipped
