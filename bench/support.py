"""Benchmark: 200 concurrent supporters against the real server, the counts checked exactly, and the board at
100,000 ideas.

`python bench/support.py [--database-url postgresql://...] [--ideas 100000] [--supporters 200]` from the
repository root. Makes a scratch database (a SQLite file, or a new database on the given PostgreSQL server,
dropped afterwards), seeds it (`forslagskassa seed`: a third of the ideas shared, with colleagues' support), and
starts `forslagskassa serve` with Løten's org config under `sharing: opt_in`. Then:

1. one idea: N supporters, each with their own token, press "Støtt" at the same moment (POST
   /api/v1/ideas/{id}/support, one keep-alive connection each);
2. 100 ideas: the same N supporters each support 5 of them drawn at random, and click one of those twice;
3. the board (GET /api/v1/board, newest and most supported first; the web page /ideer runs the same use case)
   and the statistics with participation, one request at a time.

After 1 and 2 the supports in the database must be exactly those before plus one per person and idea asked for:
a lost or a double support fails the benchmark, as does any answer but 200. Prints p50/p99 per step.
Targets: exact counts; support p99 <= 2,000 ms with all 200 at once on one idea (they queue on its row, by design)
and <= 1,000 ms spread over 100 ideas; the board's p50 <= 150 ms (newest) and <= 300 ms (most supported).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from harness import (
    ORG_CONFIG,
    ROOT,
    Http,
    bearer,
    kind,
    our_server,
    percentile,
    scratch_database,
    server_env,
    train_model,
)
from sqlalchemy import create_engine, func, select

from core.actors import Role
from storage.db import normalise_url
from storage.models import Idea, Status, Support

SUPPORT_P99_ONE_MS = 2_000.0
SUPPORT_P99_MANY_MS = 1_000.0
BOARD_P50_MS = {"board, newest first": 150.0, "board, most supported first": 300.0}
IDEAS_PER_SUPPORTER = 5
START_TIMEOUT_S = 900.0
READS = {"board, newest first": "/api/v1/board", "board, most supported first": "/api/v1/board?sort=most_supported",
         "stats (with participation)": "/api/v1/stats"}


def opt_in_org(directory: Path) -> Path:
    """Løten's org config with `sharing: opt_in`, beside the scratch database (its relative paths made whole)."""
    raw = yaml.safe_load(ORG_CONFIG.read_text(encoding="utf-8"))
    raw["sharing"] = "opt_in"
    defaults = {"intents": "shared/intents.jsonl", "services": "shared/services.yaml"}
    for key in ("examples", "intents", "services"):
        if found := raw["classifier"].get(key, defaults.get(key)):
            raw["classifier"][key] = str((ORG_CONFIG.parent / found).resolve())
    path = directory / "org.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def targets(url: str, n: int) -> list[int]:
    """Shared ideas still open (they take support), a spread of them."""
    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        found = list(connection.scalars(select(Idea.id).where(Idea.shared.is_(True), Idea.status.in_(
            [Status.RECEIVED, Status.IN_REVIEW])).order_by(Idea.id).limit(n * 20)))
    engine.dispose()
    return found[::max(1, len(found) // n)][:n]


def counts(url: str, ideas: list[int]) -> dict[int, int]:
    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        rows = connection.execute(select(Support.idea_id, func.count()).where(Support.idea_id.in_(ideas))
                                  .group_by(Support.idea_id))
        found = {idea: 0 for idea in ideas} | {idea: int(n) for idea, n in rows}
    engine.dispose()
    return found


async def supporters_at_once(url: str, plans: list[list[int]]) -> tuple[list[float], list[str], float]:
    """Supporter i supports the ideas plans[i] in turn, all supporters starting together. (latencies, errors,
    seconds from the start to the last answer)"""
    start = asyncio.Event()
    latencies: list[float] = []
    errors: list[str] = []

    async def supporter(i: int, plan: list[int]) -> None:
        http = Http(url)
        headers = {"Authorization": bearer(Role.EMPLOYEE, f"bench-supporter-{i}", name=f"Kollega {i}")}
        await http.request("GET", "/healthz")  # connected before the start
        await start.wait()
        for idea in plan:
            began = time.perf_counter()
            status, body = await http.request("POST", f"/api/v1/ideas/{idea}/support", headers=headers)
            latencies.append((time.perf_counter() - began) * 1000)
            if status != 200:
                errors.append(f"{status} {body[:120]!r}")
        await http.close()

    tasks = [asyncio.create_task(supporter(i, plan)) for i, plan in enumerate(plans)]
    await asyncio.sleep(1.0)
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return latencies, errors, time.perf_counter() - began


async def reads(url: str, requests: int) -> dict[str, list[float]]:
    http = Http(url)
    found: dict[str, list[float]] = {}
    for name, path in READS.items():
        role, user = (Role.ADMIN, "forslagskassa-admin") if "stats" in name else (Role.EMPLOYEE, "seed-2")
        headers = {"Authorization": bearer(role, user)}
        for _ in range(3):  # warm
            status, body = await http.request("GET", path, headers=headers)
            assert status == 200, (path, status, body[:300])
        found[name] = []
        for _ in range(requests):
            began = time.perf_counter()
            status, _ = await http.request("GET", path, headers=headers)
            found[name].append((time.perf_counter() - began) * 1000)
            assert status == 200
    await http.close()
    return found


def step(database: str, url: str, name: str, plans: list[list[int]], p99_target: float) -> tuple[str, bool]:
    ideas = sorted({idea for plan in plans for idea in plan})
    before = counts(database, ideas)
    wanted = {idea: len({i for i, plan in enumerate(plans) if idea in plan}) for idea in ideas}
    latencies, errors, seconds = asyncio.run(supporters_at_once(url, plans))
    after = counts(database, ideas)
    wrong = {idea: (after[idea] - before[idea], wanted[idea]) for idea in ideas
             if after[idea] - before[idea] != wanted[idea]}
    p99 = percentile(latencies, 0.99)
    ok = not errors and not wrong and p99 <= p99_target
    exact = "exact" if not wrong else f"WRONG on {len(wrong)} ideas (gained, expected): {list(wrong.items())[:5]}"
    line = (f"| {name} | {len(latencies)} in {seconds:.1f} s | {statistics.median(latencies):.0f} | {p99:.0f} | "
            f"{len(errors)} | {exact} | p99 <= {p99_target:.0f}: {'OK' if p99 <= p99_target else 'MISSED'} |")
    if errors:
        line += f"\n  first errors: {errors[:3]}"
    return line, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server to use (default: a SQLite file)")
    parser.add_argument("--ideas", type=int, default=100_000, help="ideas to seed (default 100000)")
    parser.add_argument("--supporters", type=int, default=200, help="concurrent supporters (default 200)")
    parser.add_argument("--requests", type=int, default=50, help="requests per read (default 50)")
    args = parser.parse_args()
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.database_url, Path(tmp), "support") as url:
        directory = Path(tmp)
        train_model(directory / "model.skops")
        org = opt_in_org(directory)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cli.main", "seed", "--ideas", str(args.ideas)], cwd=ROOT, check=True,
                       env=server_env(url, directory, ORG_CONFIG=str(org)))
        seeded = time.perf_counter() - started
        hundred = targets(url, 100)
        assert len(hundred) == 100, f"only {len(hundred)} shared open ideas to support"
        n = args.supporters
        one = [[hundred[0]] for _ in range(n)]
        many = []
        for _ in range(n):
            plan = rng.sample(hundred[1:], IDEAS_PER_SUPPORTER)
            many.append([*plan, plan[0]])  # a double click: must count once
        # Started by hand: at 100,000 ideas a busy machine can take longer than the usual two minutes to index them.
        server = our_server(url, directory, ORG_CONFIG=str(org)).start(timeout=START_TIMEOUT_S)
        try:
            lines = [step(url, server.url, f"{n} supporters, one idea", one, SUPPORT_P99_ONE_MS),
                     step(url, server.url, f"{n} supporters, 100 ideas (5 each, one clicked twice)", many,
                          SUPPORT_P99_MANY_MS)]
            read = asyncio.run(reads(server.url, args.requests))
        finally:
            server.stop()
    print(f"{kind(args.database_url)}, {args.ideas:,} ideas (seeded in {seeded:.0f} s), ms\n")
    print("| step | requests | p50 | p99 | errors | final counts | target |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ok = True
    for line, met in lines:
        print(line)
        ok &= met
    print("\n| read | p50 | p99 | target |\n| --- | --- | --- | --- |")
    for name, times in read.items():
        p50, target = statistics.median(times), BOARD_P50_MS.get(name)
        met = target is None or p50 <= target
        ok &= met
        shown = f"p50 <= {target:.0f}: {'OK' if met else 'MISSED'}" if target else "–"
        print(f"| {name} `{READS[name]}` | {p50:.1f} | {percentile(times, 0.99):.1f} | {shown} |")
    print(f"\n{'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
