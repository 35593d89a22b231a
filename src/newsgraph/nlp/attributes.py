"""A faster ``attribute_ruler`` with the same output: the model's rules, matched by lookup.

The stock ``attribute_ruler`` of ``en_core_web_sm`` maps tags to parts of speech and
morphology, and fixes a few words, with 179 one- or two-token ``Matcher`` patterns. Running
the ``Matcher`` over every token costs about as much as the tagger and the parser together.
:class:`FastAttributeRuler` keeps the stock component's patterns and normalized attributes,
and finds the matches with dictionary lookups on each token's ``LOWER`` or ``TAG`` hash (read
for the whole doc with one ``to_array``); the matches are then applied in pattern order, as
the stock component applies them, and written back with one ``from_array``, so every token
gets the same ``POS``, ``TAG``, ``MORPH``, ``LEMMA`` and ``DEP``. :func:`install` swaps it
in; ``tests/test_scale.py`` checks the output is identical.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

FACTORY = "newsgraph_fast_attribute_ruler"

MATCH_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE", "ORTH", "POS")
"""Token attributes a pattern may test (read for a whole doc with one ``to_array``)."""

SET_ATTRS = ("POS", "TAG", "MORPH", "LEMMA", "DEP")
"""Token attributes a rule may set (written back with one ``from_array``)."""

Check = Callable[[list[int]], bool]


class UnsupportedPattern(ValueError):
    """A pattern uses a key or operator this ruler does not implement (keep the stock one)."""


def _predicate(key: str, value: Any, strings: Any) -> Check:
    if key not in MATCH_ATTRS:
        raise UnsupportedPattern(key)
    col = MATCH_ATTRS.index(key)

    def code(item: Any) -> int:
        if isinstance(item, bool):
            return int(item)
        return 0 if item == "" else int(strings.add(item))

    if not isinstance(value, dict):
        wanted = code(value)
        return lambda row: row[col] == wanted
    checks: list[Check] = []
    for op, arg in value.items():
        if op == "IN":
            allowed = frozenset(code(a) for a in arg)
            checks.append(lambda row, a=allowed: row[col] in a)  # type: ignore[misc]
        elif op == "NOT_IN":
            refused = frozenset(code(a) for a in arg)
            checks.append(lambda row, r=refused: row[col] not in r)  # type: ignore[misc]
        elif op == "REGEX":
            pattern = re.compile(arg)
            checks.append(lambda row, p=pattern: bool(p.search(strings[row[col]])))  # type: ignore[misc]
        else:
            raise UnsupportedPattern(f"{key} {op}")
    return lambda row: all(check(row) for check in checks)


class _Rule:
    """One alternative of one stock pattern: its position, token checks and target index."""

    def __init__(self, number: int, tokens: list[dict[str, Any]], index: int, strings: Any):
        if not tokens or any("OP" in spec for spec in tokens):
            raise UnsupportedPattern("OP")
        self.number = number
        self.length = len(tokens)
        self.index = index if index >= 0 else self.length + index
        self.checks = [[_predicate(k, v, strings) for k, v in spec.items()] for spec in tokens]
        # The values of one attribute of the first token that the rule needs (an index key).
        self.key: tuple[int, frozenset[int]] | None = None
        first = tokens[0]
        for name in ("LOWER", "TAG", "DEP", "IS_SPACE"):
            value = first.get(name)
            if isinstance(value, dict) and set(value) == {"IN"}:
                value = list(value["IN"])
            elif isinstance(value, str | bool):
                value = [value]
            else:
                continue
            codes = frozenset(
                int(v) if isinstance(v, bool) else 0 if v == "" else int(strings.add(v))
                for v in value
            )
            self.key = (MATCH_ATTRS.index(name), codes)
            break

    def matches(self, rows: list[list[int]], start: int) -> bool:
        if start + self.length > len(rows):
            return False
        return all(
            check(rows[start + offset])
            for offset, checks in enumerate(self.checks)
            for check in checks
        )


class FastAttributeRuler:
    """The stock ``attribute_ruler``'s rules, matched by per-token lookups (same output)."""

    def __init__(self, stock: Any) -> None:
        from spacy.attrs import IDS

        strings = stock.vocab.strings
        self.stock = stock
        self.name = getattr(stock, "name", "attribute_ruler")
        self.match_ids = [IDS[name] for name in MATCH_ATTRS]
        self.set_ids = [IDS[name] for name in SET_ATTRS]
        # index[column][value]: the rules whose first token needs that value there.
        self.index: list[dict[int, list[_Rule]]] = [{} for _ in range(4)]
        self.other: list[_Rule] = []
        for number, entry in enumerate(stock.patterns):
            for tokens in entry["patterns"]:
                rule = _Rule(number, tokens, entry.get("index", 0), strings)
                if rule.key is None:
                    self.other.append(rule)
                    continue
                column, codes = rule.key
                for code in codes:
                    self.index[column].setdefault(code, []).append(rule)
        place = {attr_id: i for i, attr_id in enumerate(self.set_ids)}
        self.effects: list[list[tuple[int, int]]] = []
        for attrs in stock.attrs:
            if any(attr_id not in place for attr_id in attrs):
                raise UnsupportedPattern(f"sets {sorted(attrs)}")
            self.effects.append([(place[a], int(v)) for a, v in attrs.items()])

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        rows: list[list[int]] = doc.to_array(self.match_ids).tolist()
        found: set[tuple[int, int]] = set()
        lower, tag, dep, space = self.index
        other = self.other
        for start, row in enumerate(rows):
            for rules in (
                lower.get(row[0]),
                tag.get(row[1]),
                dep.get(row[2]),
                space.get(row[3]),
                other,
            ):
                if rules:
                    for rule in rules:
                        if rule.matches(rows, start):
                            found.add((rule.number, start + rule.index))
        values = doc.to_array(self.set_ids)
        effects = self.effects
        # In pattern order, as the stock component applies them: later rules win.
        for number, position in sorted(found):
            for column, value in effects[number]:
                values[position, column] = value
        doc.from_array(self.set_ids, values)
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Apply the rules to each doc, in order."""
        for doc in docs:
            yield self(doc)


def install(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Replace ``nlp``'s attribute ruler by a :class:`FastAttributeRuler` built from it.

    Returns:
        Whether it was replaced (``False``: no such pipe, or a pattern this ruler does not
        implement; the stock component then stays).
    """
    from spacy.language import Language

    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if isinstance(stock, FastAttributeRuler):
        return True
    try:
        fast = FastAttributeRuler(stock)
    except UnsupportedPattern:
        return False
    if not Language.has_factory(FACTORY):

        @Language.factory(FACTORY)
        def make(nlp: Any, name: str) -> Any:
            return _READY.pop()

    _READY.append(fast)
    nlp.replace_pipe(name, FACTORY)
    return True


_READY: list[FastAttributeRuler] = []
"""The component the factory hands to ``replace_pipe`` (it cannot take the stock one as config)."""
