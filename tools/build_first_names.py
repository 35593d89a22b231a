"""Build ``knowledge/first_names.csv.gz`` (given name → gender) from two open name lists.

Usage: ``python tools/build_first_names.py SSA_RAW_DATA_DIR wgnd_noctry.csv [WORDS]``

- **US Social Security Administration**, "Baby Names from Social Security Card Applications -
  National Data" (``yob1880.txt`` … ``yob2020.txt``: name, sex, births), a US government work
  in the public domain, as mirrored in ``raw-data/`` of https://github.com/hackerb9/ssa-baby-names
  (commit 0b1a1316457d55447d1a1f7bfe57ee15e53cc2f0). Births are summed over the years; a name
  given to at least :data:`MIN_BIRTHS` babies gets the sex of at least :data:`MIN_SHARE` of them
  (names under that share, "Kim", "Lee", "Adel", get no gender).
- **World Gender-Name Dictionary 1.0** (WIPO; ``wgnd/data/wgnd_noctry.csv`` of
  https://github.com/IES-platform/r4r_gender, commit 23b28a9fe7c55118bcbad977c5728e98666e1713,
  MIT licence; the data is CC0 on Harvard Dataverse, doi:10.7910/DVN/YPRQH8): names from 13
  national and international sources, kept only where all sources and countries agree on the
  gender. It adds the names of the rest of the world; where it and the SSA list disagree the
  name gets no gender.

Kept are single-word names (letters, apostrophe, hyphen; 2 to 15 characters). Both lists hold
ordinary words ("Health", "World" and "Supreme" are names in WGND; "Justice" and "Royal" in the
SSA's): with an English word list (``WORDS``, default ``/usr/share/dict/words`` from Debian's
``wamerican``, SCOWL, Copyright 2000-2011 Kevin Atkinson, permissive licence; used only here,
not shipped) a WGND name that is an English word is left out, and so is an SSA name that is a
lower-case English word unless at least :data:`COMMON_BIRTHS` babies had it ("Mark", "Grant").
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

KNOWLEDGE = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "knowledge"
NAME = re.compile(r"^[a-z][a-z'\-]{1,14}$")
GENDERS = {"M": "male", "F": "female"}
MIN_BIRTHS = 100
MIN_SHARE = 0.9
COMMON_BIRTHS = 20_000


def ssa_genders(raw_dir: Path, words: set[str]) -> dict[str, str | None]:
    """Name → gender from the SSA yearly files (None: neither sex has the share)."""
    births: defaultdict[str, dict[str, int]] = defaultdict(lambda: {"M": 0, "F": 0})
    for path in sorted(raw_dir.glob("yob*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            name, sex, count = line.strip().split(",")
            births[name.lower()][sex] += int(count)
    result: dict[str, str | None] = {}
    for name, counts in births.items():
        total = counts["M"] + counts["F"]
        if total < MIN_BIRTHS or not NAME.match(name):
            continue
        if name in words and total < COMMON_BIRTHS:
            continue
        sex = max(counts, key=lambda s: counts[s])
        result[name] = GENDERS[sex] if counts[sex] >= MIN_SHARE * total else None
    return result


def wgnd_genders(source: Path, words: set[str], proper: set[str]) -> dict[str, str]:
    """Name → gender from WGND 1.0's table of names without conflicts, English words left out."""
    result = {}
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name, gender = row["name"].strip().lower(), row["gender"].strip()
            if NAME.match(name) and gender in GENDERS and name not in words | proper:
                result[name] = GENDERS[gender]
    return result


def english_words(path: Path) -> tuple[set[str], set[str]]:
    """``(lower-case words, lower-cased capitalised entries)`` of a one-word-a-line list."""
    lower, proper = set(), set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.strip()
        if word.isalpha():
            (lower if word.islower() else proper).add(word.lower())
    return lower, proper


def build(raw_dir: Path, wgnd: Path, words_path: Path) -> list[tuple[str, str]]:
    """Return the sorted ``(name, gender)`` rows of the table."""
    words, proper = english_words(words_path)
    ssa = ssa_genders(raw_dir, words)
    world = wgnd_genders(wgnd, words, proper - set(ssa))
    rows = []
    for name in sorted(set(ssa) | set(world)):
        genders = {g for g in (ssa.get(name, ""), world.get(name, "")) if g != ""}
        if name in ssa and ssa[name] is None:
            continue
        if len(genders) == 1 and None not in genders:
            rows.append((name, str(next(iter(genders)))))
    return rows


def main() -> None:
    """Write the table from the paths given on the command line."""
    words = Path(sys.argv[3]) if len(sys.argv) > 3 else Path("/usr/share/dict/words")
    rows = build(Path(sys.argv[1]), Path(sys.argv[2]), words)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "gender"])
    writer.writerows(rows)
    target = KNOWLEDGE / "first_names.csv.gz"
    with gzip.GzipFile(target, "wb", mtime=0) as handle:  # mtime=0: reproducible bytes
        handle.write(out.getvalue().encode("utf-8"))
    print(f"{target}: {len(rows)} names")


if __name__ == "__main__":
    main()
