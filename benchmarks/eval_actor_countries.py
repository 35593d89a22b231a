"""Score actor countries on PLOVER GSR dev and the PETRARCH2 unit-test records.

Usage::

    python benchmarks/eval_actor_countries.py [--shared ../shared] [--failures 20]

For every gold source or target actor that has a real country code, the question is whether
that country is among the countries the ``actors`` extractor finds in the sentence: a country
actor mentioned there, or a person, organisation or place mentioned there whose ``country`` is
that code. Prints the share per set. Skips cleanly (exit 0) when ``../shared`` is absent.

Codes: legacy CAMEO codes are mapped to ISO 3166-1 alpha-3 (JAP -> JPN ...); non-state codes
(IGO, NGO, IMG, ISM) are left out. PETRARCH2's actors are mostly fictional (Arnor, Gondor,
Mordor): a code counts only when its first three letters are a country in our table and not one
of the fictional places that share an ISO code (ERI is Eriador there, not Eritrea).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from newsgraph.extract.actors import find_actors
from newsgraph.extract.countries import country_name
from newsgraph.nlp import parse_many

ROOT = Path(__file__).resolve().parent.parent
LEGACY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "KUW": "KWT", "NZE": "NZL", "ZBW": "ZWE"}
FICTIONAL = {"ERI", "FRO"}  # PETRARCH2: Eriador and Frodo's codes collide with Eritrea, Faroes

Record = tuple[str, str, date | None, list[tuple[str, str]]]
"""(id, sentence, date, [(gold actor text, ISO3)])."""


def real_country(code: str | None, *, fictional: frozenset[str] = frozenset()) -> str | None:
    if not code or len(code) < 3:
        return None
    root = LEGACY.get(code[:3], code[:3])
    if root in fictional:
        return None
    try:
        country_name(root)
    except KeyError:
        return None
    return root


def plover_records(path: Path) -> Iterator[Record]:
    for record in json.loads(path.read_text(encoding="utf-8"))[1:]:
        gold = []
        for side in ("source", "target"):
            actors = record.get(side) or []
            for actor in actors if isinstance(actors, list) else []:
                iso3 = real_country(actor.get("code"))
                if iso3:
                    gold.append((actor.get("actorText", ""), iso3))
        # Dates in this set are all the placeholder 2000-01-01: pass none.
        yield record["id"], record["text"], None, gold


def petrarch_records(path: Path) -> Iterator[Record]:
    text = path.read_text(encoding="utf-8")
    for match in re.finditer(r"<Sentence ([^>]*)>(.*?)</Sentence>", text, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        body = match.group(2)
        sentence = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if sentence is None:
            continue
        gold = []
        for coding in re.finditer(r"<EventCoding ([^>]*)>", body):
            codes = dict(re.findall(r'(\w+)="([^"]*)"', coding.group(1)))
            for side in ("sourcecode", "targetcode"):
                iso3 = real_country(codes.get(side), fictional=frozenset(FICTIONAL))
                if iso3:
                    gold.append((side, iso3))
        raw = attrs.get("date", "")
        day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])) if len(raw) == 8 else None
        yield attrs.get("id", "?"), " ".join(sentence.group(1).split()), day, gold


def found_countries(sentence: str, doc: object, day: date | None) -> set[str]:
    found: set[str] = set()
    for actor in find_actors(doc, day):
        if actor.mentions:
            if actor.kind == "country":
                found.add(actor.id)
            if actor.country:
                found.add(actor.country)
    return found


def score(name: str, records: list[Record], failures: int) -> float:
    records = [r for r in records if r[3]]
    docs = parse_many(r[1] for r in records)
    hits = total = 0
    missed: list[str] = []
    started = time.perf_counter()
    for (rid, sentence, day, gold), doc in zip(records, docs, strict=True):
        found = found_countries(sentence, doc, day)
        for actor_text, iso3 in gold:
            total += 1
            if iso3 in found:
                hits += 1
            else:
                missed.append(f"  {rid}: {iso3} ({actor_text}) not in {sorted(found)}: {sentence}")
    elapsed = time.perf_counter() - started
    share = hits / total if total else 0.0
    print(f"{name}: {hits}/{total} = {share:.3f} of gold country actors found ({elapsed:.1f} s)")
    for line in missed[:failures]:
        print(line)
    return share


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--failures", type=int, default=0, help="print this many misses per set")
    args = parser.parse_args()
    events = args.shared / "eval" / "events"
    if not events.is_dir():
        print(f"skipped: {events} is not present")
        return 0
    plover = list(plover_records(events / "plover-gsr-dev.json"))
    petrarch = list(petrarch_records(events / "petrarch2-unittest" / "PETR.UnitTest.records.xml"))
    score("PLOVER GSR dev", plover, args.failures)
    score("PETRARCH2 unit tests", petrarch, args.failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
