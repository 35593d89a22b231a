"""Pages nested deeper than the HTML parser goes: flattened so that no text is lost.

libxml2 (lxml's HTML parser) stops building the tree at 256 levels of nesting and drops
what lies deeper, so a page wrapped in 300 ``<div>`` gives an empty body. When a parsed tree
reaches that depth, :func:`flatten_deep` rewrites the markup: the elements in the middle
levels of the nesting (wrappers) are left out, tags only, while the outer levels (``html``,
``body``) and the inner ones (paragraphs, links) stay, at most :data:`MAX_DEPTH` levels in
all. Text is never dropped, and pages of ordinary depth are never rewritten.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 200
"""Elements opened deeper than this are dropped (their content is kept)."""

PARSER_LIMIT = 250
"""A parsed tree this deep may have been cut off by the parser."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")
_VOID = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input"),
        *("link", "meta", "param", "source", "track", "wbr"),
    }
)
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
"""Elements that a new one of the same name closes (``<p>a<p>b``), as the parser does."""
_RAW = frozenset({"script", "style", "textarea", "title"})


def tree_depth(tree: Any) -> int:
    """Return the depth of the deepest element of an lxml tree (the root is 1)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """Return ``html`` with the middle levels of too deep a nesting left out, text kept.

    An element is kept when it opens within the top ``limit // 2`` levels or holds fewer
    than ``limit // 2`` levels below it, so that the page's outer structure (``html``,
    ``body``) and the inner one (paragraphs, links) both stay, and only wrappers in the
    middle go.

    Example:
        >>> flatten_deep("<div>" * 3 + "<p>text</p>" + "</div>" * 3, limit=2)
        '<div><p>text</p></div>'
    """
    tags = list(_TAG.finditer(html))
    owner, height = _structure(tags)
    half = max(1, limit // 2)
    out: list[str] = []
    last = 0
    for n, match in enumerate(tags):
        element = owner[n]
        if element is None:
            continue
        depth, index = element
        if depth < half or height[index] < half:
            continue
        out.append(html[last : match.start()])
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def _structure(
    tags: list[re.Match[str]],
) -> tuple[list[tuple[int, int] | None], list[int]]:
    """Return, per tag, the depth and number of the element it opens or closes, and heights.

    A void tag, an end tag that closes nothing and a tag inside a script get ``None``.
    """
    owner: list[tuple[int, int] | None] = [None] * len(tags)
    height: list[int] = []
    stack: list[tuple[str, int]] = []  # (tag, element)
    open_names: dict[str, int] = {}
    raw_until: str | None = None

    def close() -> None:
        name, element = stack.pop()
        open_names[name] -= 1
        if stack:
            parent = stack[-1][1]
            height[parent] = max(height[parent], height[element] + 1)

    for n, match in enumerate(tags):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if raw_until is not None:
            if not (closing and name == raw_until):
                continue
            raw_until = None
        if closing:
            if not open_names.get(name):
                continue
            while stack[-1][0] != name:
                close()
            owner[n] = (len(stack) - 1, stack[-1][1])
            close()
        elif name not in _VOID and not match.group().endswith("/>"):
            if name in _SELF_CLOSING and stack and stack[-1][0] == name:
                close()
            height.append(0)
            owner[n] = (len(stack), len(height) - 1)
            stack.append((name, len(height) - 1))
            open_names[name] = open_names.get(name, 0) + 1
            if name in _RAW:
                raw_until = name
    while stack:
        close()
    return owner, height
