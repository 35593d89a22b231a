"""Analysis time against text size, 10 KB to 1 MB: near linear, for prose and hostile text.

For each kind of text (written here, from invented names and sentences) and each size, the
full pipeline (:func:`newsgraph.analyze`: parse, actors, dates, quotes, events) is timed in
CPU seconds, and so is bare ``nlp.pipe`` on the same text in the same process (the stock
cost of the parse). The kinds:

- ``prose``: news paragraphs with people, roles, countries, quotes and dates;
- ``attributions``: the issue's ``“a, said Biden. `` repeated (one speaker, endless cues);
- ``quote-run``: prose with a run of 32,000 ``"`` in the middle;
- ``affixes``: ``'s's's…`` and ``:):)…`` runs (the tokenizer strips one affix at a time);
- ``one-sentence``: a list of names with no sentence end;
- ``names``: distinct names, each with a role (people extraction joins names pairwise);
- ``entities``: thousands of distinct organisations, places, dates and events.

Bare ``nlp.pipe`` is quadratic on the hostile kinds; it runs on them only up to
``--bare-limit`` characters. The table prints seconds per size and seconds per 100 KB
(flat when the cost is linear) and the ratio to bare ``nlp.pipe``.

Usage: python benchmarks/bench_linearity.py [--sizes 10000,30000,100000,300000,1000000]
       [--kinds prose,attributions,...] [--bare-limit 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable

FIRST = ["Maria", "John", "Wei", "Olga", "Ahmed", "Yuki", "Pierre", "Ana", "Kofi", "Lena"]
LAST = ["Lopez", "Smith", "Zhang", "Ivanova", "Hassan", "Tanaka", "Dubois", "Silva", "Berg"]
ROLES = [
    "a professor at Keio University",
    "the foreign minister",
    "an analyst at the Lowy Institute",
]
COUNTRIES = ["Japan", "South Korea", "China", "France", "Brazil", "Ghana", "Norway"]
DAYS = ["on Monday", "last week", "on May 9, 2023", "in March", "yesterday"]


def _name(rng: random.Random, n: int) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}{chr(65 + n % 26)}{chr(97 + n // 26 % 26)}"


def prose(size: int, rng: random.Random) -> str:
    parts: list[str] = []
    n = 0
    while sum(map(len, parts)) < size:
        a, b = rng.sample(COUNTRIES, 2)
        name = _name(rng, n)
        parts.append(
            f"{name}, {rng.choice(ROLES)}, said {rng.choice(DAYS)} that {a} and {b} would "
            f"hold talks. “We expect progress on trade,” {name.split()[-1]} told reporters. "
            f"{a} accused {b} of delaying the deal {rng.choice(DAYS)}.\n\n"
        )
        n += 1
    return "".join(parts)[:size]


def attributions(size: int, rng: random.Random) -> str:
    return ("“a, said Biden. " * (size // 16 + 1))[:size]


def quote_run(size: int, rng: random.Random) -> str:
    run = " " + '"' * min(32_000, size // 3) + " "
    half = prose((size - len(run)) // 2, rng)
    return (half + run + prose(size - len(run) - len(half), rng))[:size]


def affixes(size: int, rng: random.Random) -> str:
    chunk = "'s" * 5_000 + " " + ":)" * 5_000 + " "
    return (chunk * (size // len(chunk) + 1))[:size]


def one_sentence(size: int, rng: random.Random) -> str:
    words: list[str] = []
    n = 0
    while sum(map(len, words)) + len(words) < size:
        words.append(f"{_name(rng, n)} and")
        n += 1
    return " ".join(words)[:size]


def names(size: int, rng: random.Random) -> str:
    parts: list[str] = []
    n = 0
    while sum(map(len, parts)) < size:
        parts.append(f"{_name(rng, n)}, {rng.choice(ROLES)}, spoke. ")
        n += 1
    return "".join(parts)[:size]


def entities(size: int, rng: random.Random) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        w = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()
        month = rng.choice(["May", "June", "March"])
        day = f"{month} {rng.randint(1, 28)}, {rng.randint(1990, 2023)}"
        parts.append(
            f"The {w} Institute in {w}ville, {rng.choice(COUNTRIES)}, said on {day} "
            f"that {w} Corp. and the {w} Party had signed a deal with Minister {w}a Lopez. "
        )
    return "".join(parts)[:size]


KINDS: dict[str, Callable[[int, random.Random], str]] = {
    "prose": prose,
    "attributions": attributions,
    "quote-run": quote_run,
    "affixes": affixes,
    "one-sentence": one_sentence,
    "names": names,
    "entities": entities,
}


def cpu(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000,300000,1000000")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--bare-limit", type=int, default=100_000)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import newsgraph
    from newsgraph.nlp import load_nlp

    nlp = load_nlp()
    # Warm-up: every lazily loaded table (places, office holders, lexicons) once.
    newsgraph.analyze(
        newsgraph.Article(text=prose(20_000, random.Random(0)), published="2024-05-06")
    )
    print("| kind | size (chars) | analysis (CPU s) | per 100 KB | bare nlp.pipe (CPU s) | ratio |")
    print("|---|---|---|---|---|---|")
    for kind in args.kinds.split(","):
        for size in sizes:
            text = KINDS[kind](size, random.Random(size))
            article = newsgraph.Article(text=text, published="2024-05-06")
            full = cpu(lambda article=article: newsgraph.analyze(article))
            bare_s, ratio = "—", "—"
            if (kind == "prose" or size <= args.bare_limit) and size <= nlp.max_length:
                bare = cpu(lambda text=text: list(nlp.pipe([text])))
                bare_s, ratio = f"{bare:.2f}", f"{full / bare:.2f}×" if bare else "—"
            per = full / size * 100_000
            print(
                f"| {kind} | {size:,} | {full:.2f} | {per:.2f} | {bare_s} | {ratio} |", flush=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
