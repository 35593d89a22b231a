"""Build training data for the plain-text page-dump reader and fit its line model.

Usage::

    python tools/train_textdump.py render [--eval DIR] [--out /tmp/textdump-train]
    python tools/train_textdump.py fit [--out /tmp/textdump-train]

``render`` turns the HTML pages of the Fundus fixtures and of NAEB into text with every tool
of ``tools/render_dumps.py`` (lynx at 1000 and 80 columns, w3m, html2text, links, elinks) and
stores each dump next to its gold body paragraphs as JSON in ``--out`` (never in the
repository). ``fit`` labels each line of each dump as body or
not by matching the gold text, computes the line features of
:mod:`newsgraph.sources.textdump_lines`, fits a logistic regression with numpy and writes the
weights to ``src/newsgraph/knowledge/textdump_model.json``.

The AEB pages are not used here: they are the held-out check (``benchmarks/textdump_aeb.py``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "tools"))

from render_dumps import TOOLS  # noqa: E402
from render_dumps import render as render_page  # noqa: E402

from newsgraph.errors import InputError  # noqa: E402
from newsgraph.evaluation.extraction import normalize_text  # noqa: E402
from newsgraph.sources import textdump_lines as tl  # noqa: E402
from newsgraph.sources import textdump_title as tt  # noqa: E402
from newsgraph.sources.textdump import title_candidates  # noqa: E402
from newsgraph.sources.textdump_wrap import read_page  # noqa: E402

MODEL_PATH = ROOT / "src" / "newsgraph" / "knowledge" / "textdump_model.json"
TITLE_MODEL_PATH = ROOT / "src" / "newsgraph" / "knowledge" / "textdump_title_model.json"
WORD = re.compile(r"\w+")


def fundus_cases(base: Path) -> list[dict[str, Any]]:
    """Return the Fundus cases: id, HTML path, gold paragraphs, headings and summary."""
    cases = []
    for item in json.loads((base / "manifest.json").read_text()):
        gold_all = json.loads((base / item["country"] / f"{item['publisher']}.json").read_text())
        gold = gold_all.get(item["parser_version"])
        if not gold:
            continue
        body = gold.get("body") or {}
        paragraphs: list[str] = []
        headings: list[str] = []
        for section in body.get("sections") or []:
            headings.extend(section.get("headline") or [])
            paragraphs.extend(section.get("paragraphs") or [])
        cases.append(
            {
                "id": f"fundus-{item['publisher']}-{item['parser_version']}",
                "html": str(base / item["html"]),
                "paragraphs": paragraphs,
                "headings": headings,
                "summary": body.get("summary") or [],
                "title": gold.get("title"),
            }
        )
    return cases


def naeb_cases(base: Path) -> list[dict[str, Any]]:
    """Return the NAEB cases: id, HTML path and gold body paragraphs."""
    cases = []
    for key, item in json.loads((base / "articles.json").read_text()).items():
        path = base / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        paragraphs = [p for p in item["articleBody"].split("\n") if p.strip()]
        cases.append(
            {
                "id": f"naeb-{key}",
                "html": str(path),
                "paragraphs": paragraphs,
                "headings": [],
                "summary": [],
                "title": item.get("title"),
            }
        )
    return cases


def render(eval_dir: Path, out: Path, tools: list[str]) -> None:
    """Render every training page with each tool; store dump plus gold as JSON in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    cases = fundus_cases(eval_dir / "fundus-fixtures-dev") + naeb_cases(eval_dir / "naeb-dev")

    def one(job: tuple[dict[str, Any], str]) -> None:
        case, tool = job
        target = out / f"{case['id']}@{tool}.json"
        if target.exists():
            return
        html = gzip.decompress(Path(case["html"]).read_bytes())
        target.write_text(json.dumps({**case, "dump": render_page(tool, html)}, ensure_ascii=False))

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(one, [(case, tool) for case in cases for tool in tools]))
    print(f"rendered {len(cases)} pages with {', '.join(tools)} into {out}")


def _shingles(tokens: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}


def label_lines(lines: list[tl.Line], case: dict[str, Any]) -> list[float]:
    """Label each line 1 (body), 0 (not body) or -1 (ignore: standfirst or unclear)."""
    gold_text = "\n".join(case["paragraphs"] + case["headings"])
    gold_tokens = WORD.findall(gold_text.lower())
    gold_sh = _shingles(gold_tokens)
    whole = {" ".join(WORD.findall(p.lower())) for p in case["paragraphs"] + case["headings"]}
    summary = {" ".join(WORD.findall(p.lower())) for p in case["summary"]}
    summary_sh = _shingles(WORD.findall(" ".join(case["summary"]).lower()))
    labels = []
    for line in lines:
        tokens = WORD.findall(tl.strip_markers(line.text).lower())
        joined = " ".join(tokens)
        if not tokens:
            labels.append(0.0)
            continue
        if len(tokens) < 4:
            labels.append(1.0 if joined in whole else 0.0)
            continue
        sh = _shingles(tokens)
        share = len(sh & gold_sh) / len(sh)
        if summary and (joined in summary or len(sh & summary_sh) / len(sh) > 0.5):
            labels.append(-1.0)
        elif share >= 0.6:
            labels.append(1.0)
        elif share <= 0.2:
            labels.append(0.0)
        else:
            labels.append(-1.0)
    return labels


def dataset(out: Path, tools: list[str]) -> tuple[list[list[float]], list[float], list[str]]:
    """Return features, labels and the page id of every labelled line of ``tools``' dumps."""
    xs: list[list[float]] = []
    ys: list[float] = []
    groups: list[str] = []
    for path in sorted(p for tool in tools for p in out.glob(f"*@{tool}.json")):
        case = json.loads(path.read_text())
        lines = read_page(case["dump"]).lines
        if not lines:
            continue
        labels = label_lines(lines, case)
        if sum(1 for y in labels if y == 1.0) < 2:
            continue  # the renderer lost the body (script-built page): nothing to learn
        for row, y in zip(tl.feature_matrix(lines), labels, strict=True):
            if y >= 0:
                xs.append(row)
                ys.append(y)
                groups.append(case["id"])
    return xs, ys, groups


def fit_logistic(
    xs: list[list[float]], ys: list[float], l2: float = 1e-3, steps: int = 3000
) -> tuple[list[float], list[float], list[float], float]:
    """Fit a standardised, L2-regularised logistic regression by full-batch gradient descent.

    Returns:
        Means, scales, weights and bias.
    """
    import numpy as np

    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    b = 0.0
    # Adam on the mean log-loss.
    m_w = np.zeros_like(w)
    v_w = np.zeros_like(w)
    m_b = v_b = 0.0
    lr, beta1, beta2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        g = p - y
        gw = z.T @ g / len(y) + l2 * w
        gb = float(g.mean())
        m_w = beta1 * m_w + (1 - beta1) * gw
        v_w = beta2 * v_w + (1 - beta2) * gw * gw
        m_b = beta1 * m_b + (1 - beta1) * gb
        v_b = beta2 * v_b + (1 - beta2) * gb * gb
        w -= lr * (m_w / (1 - beta1**t)) / (np.sqrt(v_w / (1 - beta2**t)) + 1e-8)
        b -= lr * (m_b / (1 - beta1**t)) / (math.sqrt(v_b / (1 - beta2**t)) + 1e-8)
    return mean.tolist(), scale.tolist(), w.tolist(), b


def fit(out: Path, tools: list[str]) -> None:
    """Fit the line model on the rendered pages and write it to the package data."""
    xs, ys, groups = dataset(out, tools)
    mean, scale, weights, bias = fit_logistic(xs, ys)
    model = {
        "about": "Logistic regression over textdump line features (tools/train_textdump.py); "
        "trained on dumps of the Fundus fixtures and NAEB pages by lynx, w3m, html2text, "
        "links and elinks.",
        "features": tl.FEATURE_NAMES,
        "mean": [round(v, 6) for v in mean],
        "scale": [round(v, 6) for v in scale],
        "weights": [round(v, 6) for v in weights],
        "bias": round(bias, 6),
        "pages": len(set(groups)),
        "lines": len(ys),
    }
    MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n")
    ranked = sorted(zip(tl.FEATURE_NAMES, weights, strict=True), key=lambda kv: -abs(kv[1]))
    for name, weight in ranked:
        print(f"{name:28s} {weight:+.3f}")
    print(f"{len(ys)} lines from {len(set(groups))} pages; wrote {MODEL_PATH}")


def title_rows(out: Path, tools: list[str]) -> list[dict[str, Any]]:
    """Return, per rendered page, its headline candidates' features and which is the title.

    Computed once per page and kept in ``out/titles-<tool>.json``.
    """
    pages: list[dict[str, Any]] = []
    for tool in tools:
        cache = out / f"titles-{tool}.json"
        if cache.exists():
            pages.extend(json.loads(cache.read_text()))
            continue
        found: list[dict[str, Any]] = []
        for path in sorted(out.glob(f"*@{tool}.json")):
            case = json.loads(path.read_text())
            try:
                rows = title_candidates(case["dump"])
            except InputError:
                continue
            gold = normalize_text(case.get("title"))
            labels = [1.0 if normalize_text(text) == gold else 0.0 for text, _ in rows]
            found.append({"id": case["id"], "tool": tool, "x": [r for _, r in rows], "y": labels})
        cache.write_text(json.dumps(found))
        pages.extend(found)
    return pages


def fit_title(out: Path, tools: list[str], sets: list[str]) -> None:
    """Fit the headline model on the pages of ``sets``; report top-1 accuracy on every set."""
    pages = title_rows(out, tools)
    xs: list[list[float]] = []
    ys: list[float] = []
    for page in pages:
        if page["id"].split("-")[0] in sets and any(page["y"]):
            xs.extend(page["x"])
            ys.extend(page["y"])
    mean, scale, weights, bias = fit_logistic(xs, ys)
    model = {
        "about": "Logistic regression over headline-candidate features of textdump "
        "(tools/train_textdump.py fit-title); trained on dumps of "
        + " and ".join(sets)
        + " pages by lynx, w3m, html2text, links and elinks.",
        "features": tt.FEATURE_NAMES,
        "mean": [round(v, 6) for v in mean],
        "scale": [round(v, 6) for v in scale],
        "weights": [round(v, 6) for v in weights],
        "bias": round(bias, 6),
        "lines": len(ys),
    }
    TITLE_MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n")
    tt.title_model.cache_clear()
    for name, weight in sorted(
        zip(tt.FEATURE_NAMES, weights, strict=True), key=lambda kv: -abs(kv[1])
    ):
        print(f"{name:20s} {weight:+.3f}")
    tally: dict[tuple[str, str], list[int]] = {}
    for page in pages:
        right = (
            bool(page["x"])
            and page["y"][max(range(len(page["x"])), key=lambda k: tt.score(page["x"][k]))] == 1.0
        )
        key = (page["id"].split("-")[0], page["tool"])
        tally.setdefault(key, [0, 0])
        tally[key][0] += right
        tally[key][1] += 1
    for (group, tool), (right, total) in sorted(tally.items()):
        trained = "trained" if group in sets else "held out"
        print(f"{group:7s} {tool:10s} top-1 title {right / total:.3f} ({right}/{total}, {trained})")


def main() -> None:
    """Parse the command line and run ``render`` or ``fit``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["render", "fit", "fit-title"])
    parser.add_argument("--sets", default="naeb,fundus", help="page sets to fit the title on")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval" / "extraction")
    parser.add_argument("--out", type=Path, default=Path("/tmp/textdump-train"))
    parser.add_argument("--tools", default=",".join(TOOLS), help="renderers, comma-separated")
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    if args.command == "render":
        render(args.eval, args.out, tools)
    elif args.command == "fit":
        fit(args.out, tools)
    else:
        fit_title(args.out, tools, args.sets.split(","))


if __name__ == "__main__":
    main()
