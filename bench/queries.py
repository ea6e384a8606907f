"""Benchmark: the statistics and list endpoints with 100,000 ideas stored.

`python bench/queries.py [--database-url postgresql://...] [--ideas 100000]` from the repository root. Makes a
scratch database (SQLite by default; with a PostgreSQL URL, a new database on that server, dropped afterwards),
fills it with `forslagskassa seed --ideas N`, starts `forslagskassa serve` on 127.0.0.1 and asks each endpoint
one request at a time, as an administrator or commissioner opening a page does. Prints p50/p99 per endpoint.
Target: GET /api/v1/stats and GET /api/v1/ideas p50 <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from harness import ROOT, Http, bearer, kind, our_server, percentile, scratch_database, server_env, train_model

from core.actors import Role

TARGET_P50_MS = 100.0


@dataclass(frozen=True)
class Query:
    name: str
    path: str
    who: tuple[Role, str]
    target: bool = True  # part of the <= 100 ms promise; the others are shown for the picture


QUERIES = [
    Query("stats", "/api/v1/stats", (Role.ADMIN, "forslagskassa-admin")),
    Query("list, newest first", "/api/v1/ideas", (Role.ADMIN, "forslagskassa-admin")),
    Query("list, page 50", "/api/v1/ideas?page=50", (Role.ADMIN, "forslagskassa-admin")),
    Query("list, status filter", "/api/v1/ideas?status=received", (Role.ADMIN, "forslagskassa-admin")),
    Query("commissioner's queue, oldest first", "/api/v1/ideas?status=received&oldest_first=true",
          (Role.COMMISSIONER, "arne-jorstad")),
    Query("list, triage queue", "/api/v1/ideas?focus_area=triage", (Role.ADMIN, "forslagskassa-admin")),
    Query("text search", "/api/v1/ideas?q=turnus", (Role.ADMIN, "forslagskassa-admin"), target=False),
    Query("employee's own ideas", "/api/v1/ideas", (Role.EMPLOYEE, "seed-2"), target=False),
]


async def measure(url: str, query: Query, requests: int) -> list[float]:
    http = Http(url)
    headers = {"Authorization": bearer(*query.who)}
    for _ in range(3):  # warm: the first request of a kind compiles its SQL and fills the page cache
        status, body = await http.request("GET", query.path, headers=headers)
        assert status == 200, (query.path, status, body[:300])
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        status, _ = await http.request("GET", query.path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200
    await http.close()
    return times


def seed(database_url: str, directory: Path, ideas: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cli.main", "seed", "--ideas", str(ideas)], cwd=ROOT, check=True,
                   env=server_env(database_url, directory))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server to use (default: a SQLite file)")
    parser.add_argument("--ideas", type=int, default=100_000, help="ideas to seed (default 100000)")
    parser.add_argument("--requests", type=int, default=50, help="requests per endpoint (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.database_url, Path(tmp), "queries") as url:
        directory = Path(tmp)
        train_model(directory / "model.skops")
        seconds = seed(url, directory, args.ideas)
        with our_server(url, directory) as server:
            results = {q.name: asyncio.run(measure(server.url, q, args.requests)) for q in QUERIES}
    print(f"{kind(args.database_url)}, {args.ideas:,} ideas (seeded in {seconds:.0f} s), "
          f"{args.requests} sequential requests each, ms\n")
    print("| endpoint | p50 | p99 | target |\n| --- | --- | --- | --- |")
    ok = True
    for query in QUERIES:
        times = results[query.name]
        p50 = statistics.median(times)
        met = p50 <= TARGET_P50_MS
        ok &= met or not query.target
        target = (f"p50 <= {TARGET_P50_MS:.0f}: {'OK' if met else 'MISSED'}") if query.target else "–"
        print(f"| {query.name} `{query.path}` | {p50:.1f} | {percentile(times, 0.99):.1f} | {target} |")
    print(f"\n{'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
