"""Load on ``newsgraph serve`` (loopback only): reads keep their latency while analyses run.

Starts ``newsgraph serve`` on 127.0.0.1 over a corpus (``--db``, or one ingested here from
``examples/`` and invented articles), then for ``--seconds`` runs ``--readers`` threads that
read pages and API lists and ``--analysts`` threads that ``POST /api/analyze`` texts (prose
of a few KB to 60 KB, and hostile ones: a run of 30,000 quotation marks, ``“a, said Biden.``
repeated). It prints the status codes, the read latencies (p50, p95, p99, max) and the
analyses done, and exits non-zero on any 5xx or read that got no answer.

Usage: python benchmarks/bench_serve_load.py [--seconds 60] [--readers 8] [--analysts 2]
       [--db corpus.db] [--analyze-workers 1]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
READ_TIMEOUT = 30.0
"""A read not answered within this is counted as lost."""

PARAGRAPH = (
    "Maria Lopez{n}, a professor at Keio University, said on Monday that Japan and South Korea "
    "would hold talks in Seoul. “We expect progress on trade,” Lopez{n} told reporters. China "
    "accused the two governments of forming a bloc, a spokesman in Beijing said.\n\n"
)


def texts() -> list[str]:
    """What the analysts send, in turn: prose of several sizes and two hostile texts."""
    prose = [PARAGRAPH.format(n=n) for n in range(300)]
    return [
        "".join(prose[:3]),
        "".join(prose[:40]),
        "".join(prose[:200]),
        'The minister said "' + '"' * 30_000 + '" and left the talks in Seoul.',
        "“a, said Biden. " * 2_000,
    ]


@dataclass
class LoadReport:
    """What a load run saw."""

    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    read_seconds: list[float] = field(default_factory=list)
    analyses: int = 0
    lost_reads: int = 0
    errors: list[str] = field(default_factory=list)

    def server_errors(self) -> int:
        return sum(n for (_, status), n in self.statuses.items() if status >= 500)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.read_seconds)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def read_paths(client: httpx.Client) -> list[str]:
    articles = client.get("/api/articles?limit=20").json()["items"]
    ids = [a["id"] for a in articles]
    paths = [
        "/",
        "/api/articles",
        "/api/actors?limit=20",
        "/api/events?limit=20",
        "/api/quotes?limit=20",
        "/api/search?q=talks",
        "/api/network",
        "/articles",
        "/search?q=Seoul",
    ]
    paths += [f"/articles/{i}" for i in ids[:5]] + [f"/api/articles/{i}" for i in ids[:5]]
    return paths


def run_load(base: str, seconds: float, readers: int, analysts: int) -> LoadReport:
    """Read and analyse against the server at ``base`` for ``seconds``; return what was seen."""
    report = LoadReport()
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=READ_TIMEOUT) as probe:
        paths = read_paths(probe)
    bodies = texts()

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=READ_TIMEOUT) as client:
            while time.monotonic() < stop:
                path = rng.choice(paths)
                started = time.perf_counter()
                try:
                    status = client.get(path, headers={"accept": "text/html"}).status_code
                except httpx.HTTPError as exc:
                    with lock:
                        report.lost_reads += 1
                        report.errors.append(f"GET {path}: {type(exc).__name__}")
                    continue
                with lock:
                    report.read_seconds.append(time.perf_counter() - started)
                    report.statuses[("read", status)] += 1

    def analyst(seed: int) -> None:
        with httpx.Client(base_url=base, timeout=300) as client:
            n = seed
            while time.monotonic() < stop:
                text = bodies[n % len(bodies)]
                n += 1
                try:
                    status = client.post("/api/analyze", json={"text": text}).status_code
                except httpx.HTTPError as exc:
                    with lock:
                        report.errors.append(f"POST: {type(exc).__name__}")
                    continue
                with lock:
                    report.statuses[("analyze", status)] += 1
                    report.analyses += status == 200

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    threads += [threading.Thread(target=analyst, args=(n,)) for n in range(analysts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return report


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``newsgraph serve`` on a free loopback port; return it and its base URL."""
    port = free_port()
    command = [
        sys.executable, "-c", "from newsgraph.cli import main; main()",
        "serve", "--db", db, "--port", str(port), "--analyze-workers", str(workers),
    ]  # fmt: skip
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=str(ROOT)
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/articles", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"newsgraph serve did not start on {base}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def make_corpus(folder: str) -> str:
    """Ingest ``examples/`` and a few invented articles into a new SQLite file; return its path."""
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    articles = Path(folder) / "articles"
    articles.mkdir()
    for n in range(12):
        body = "".join(PARAGRAPH.format(n=n * 10 + k) for k in range(4))
        (articles / f"story-{n}.txt").write_text(f"Story {n}\n\n{body}", encoding="utf-8")
    db = str(Path(folder) / "load.db")
    with open_store(db) as store:
        ingest(store, [str(ROOT / "examples"), str(articles)])
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--analysts", type=int, default=2)
    parser.add_argument("--analyze-workers", type=int, default=1)
    parser.add_argument("--db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as folder:
        db = args.db or make_corpus(folder)
        server, base = start_server(db, args.analyze_workers)
        try:
            idle = run_load(base, min(10.0, args.seconds), args.readers, 0)
            busy = run_load(base, args.seconds, args.readers, args.analysts)
        finally:
            stop_server(server)
    print(f"{args.readers} readers, {args.analysts} analysts, {os.cpu_count()} cores, {base}")
    print("| run | reads | analyses | read p50 | p95 | p99 | max | 5xx | lost reads |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, report in (("reads alone", idle), ("reads + analyses", busy)):
        print(
            f"| {name} | {len(report.read_seconds)} | {report.analyses} | "
            f"{statistics.median(report.read_seconds) * 1000:.0f} ms | "
            f"{report.percentile(0.95) * 1000:.0f} ms | {report.percentile(0.99) * 1000:.0f} ms | "
            f"{max(report.read_seconds) * 1000:.0f} ms | {report.server_errors()} | "
            f"{report.lost_reads} |"
        )
    print("statuses:", dict(busy.statuses))
    for line in busy.errors[:10]:
        print("error:", line)
    bad = busy.server_errors() + busy.lost_reads + idle.server_errors() + idle.lost_reads
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
