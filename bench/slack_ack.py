"""Benchmark: how fast Slack gets its HTTP 200 for direct messages, with many arriving at once.

`python bench/slack_ack.py` from the repository root. Starts the real app under uvicorn on 127.0.0.1 in its own
process (a fresh SQLite database, Løten's org config with Slack ids, the trained classifier) and, in a third,
a fake Slack Web API; then sends rounds of 20 concurrent signed `message.im` events over real HTTP and prints
p50/p99 time to HTTP 200. Slack's limit is 3,000 ms; the target here is p99 <= 300 ms. Afterwards it checks that
every event made exactly one idea and one threaded answer.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import uvicorn
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from core.services import build_services  # noqa: E402
from core.settings import Settings  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Idea, OutboxMessage, OutboxState  # noqa: E402
from tests.bot.slack.fake_slack import FakeSlack  # noqa: E402
from tests.bot.slack.payloads import event_callback, message_im, signed  # noqa: E402
from tests.people import org_with_slack_ids  # noqa: E402

SECRET = "bench-signing-secret"
TARGET_P99_MS = 300.0
IDEAS = [
    "Felles turnusplanlegging i hjemmetjenesten sparer tid for alle avdelingslederne",
    "Skolene kan dele spesialpedagog i stedet for å leie inn hver for seg",
    "Felles innkjøpsavtale for kontorrekvisita til alle enheter i kommunen",
    "Velferdsteknologi med digitalt tilsyn om natten på sykehjemmet",
    "Samle vaktmestertjenesten for skoler og barnehager i én enhet",
]


def serve(directory: Path, slack_api_url: str) -> None:
    """The server process: like `forslagskassa serve`, on a free port it prints for the benchmark to read."""
    settings = bench_settings(directory, slack_api_url)
    upgrade(settings.resolved_database_url)
    services = build_services(settings)  # trains the classifier on first start, as `serve` does
    config = uvicorn.Config(create_app(services), host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)

    async def run() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.01)
        print(f"URL http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}", flush=True)
        await task

    asyncio.run(run())


def bench_settings(directory: Path, slack_api_url: str) -> Settings:
    return Settings(_env_file=None, data_dir=directory, database_url=f"sqlite:///{directory / 'bench.db'}",
                    org_config=org_with_slack_ids(directory), secret_key="x" * 48, slack_bot_token="xoxb-bench",
                    slack_signing_secret=SECRET, slack_api_url=slack_api_url, run_worker=True, log_level="WARNING")


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    """This script again in a process of its own, until it prints the URL it serves at."""
    process = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("URL "):
            return process, line.split()[1]
    raise RuntimeError(f"{args[0]} did not start (exit code {process.wait()})")


def fake_slack() -> None:
    """The fake Slack process: Slack is another system, so it does not share a CPU-bound process with either."""
    fake = FakeSlack(anyone=True).start()
    print(f"URL {fake.url}", flush=True)
    threading.Event().wait()


def calls(slack_api_url: str) -> list[dict[str, object]]:
    return httpx.get(slack_api_url.removesuffix("api/") + "_calls").json()


def request(host: str, *, user: str, text: str) -> bytes:
    """One signed event as raw HTTP/1.1 bytes, built before the clock starts so only the server is timed."""
    body = event_callback(message_im(text, user=user, channel="D" + user.removeprefix("U"))).encode()
    headers = signed(SECRET, body.decode(), content_type="application/json")
    lines = ["POST /slack/events HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}", "Connection: close",
             *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def send(host: str, port: int, raw: bytes) -> float:
    """Milliseconds from opening the connection, as Slack does for a delivery, to the status line of the answer."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(raw)
    await writer.drain()
    status = await reader.readline()
    elapsed = (time.perf_counter() - started) * 1000
    await reader.read()
    writer.close()
    assert status.split()[1] == b"200", status
    return elapsed


async def rounds(url: str, *, events: int, count: int) -> list[list[float]]:
    host, port = urlsplit(url).hostname or "127.0.0.1", urlsplit(url).port or 80
    first = await send(host, port, request(host, user="UWARMUP", text="Første melding etter start"))
    await asyncio.sleep(0.5)
    results = [[first]]
    for r in range(count):
        burst = [request(host, user=f"UEMP{r:02d}{n:02d}", text=f"{IDEAS[n % len(IDEAS)]} ({r}.{n})")
                 for n in range(events)]
        results.append(list(await asyncio.gather(*(send(host, port, raw) for raw in burst))))
        await asyncio.sleep(0.5)  # Slack's deliveries come in bursts, not as one endless stream
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def wait_until_done(directory: Path, expected: int, *, timeout: float = 60) -> tuple[int, int]:
    engine = make_engine(f"sqlite:///{directory / 'bench.db'}")
    deadline = time.monotonic() + timeout
    try:
        while True:
            with engine.connect() as connection:
                ideas = connection.scalar(select(func.count()).select_from(Idea)) or 0
                pending = connection.scalar(select(func.count()).select_from(OutboxMessage)
                                            .where(OutboxMessage.state == OutboxState.PENDING)) or 0
            if (ideas >= expected and not pending) or time.monotonic() > deadline:
                return ideas, pending
            time.sleep(0.1)
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20, help="concurrent events per round (default 20)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--serve", nargs=2, metavar=("DIR", "SLACK_API_URL"), help=argparse.SUPPRESS)
    parser.add_argument("--fake-slack", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fake_slack:
        fake_slack()
        return 0
    if args.serve:
        serve(Path(args.serve[0]), args.serve[1])
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        slack, slack_api_url = start("--fake-slack")
        server, url = start("--serve", tmp, slack_api_url)
        try:
            results = asyncio.run(rounds(url, events=args.events, count=args.rounds))
            expected = 1 + args.events * args.rounds
            ideas, pending = wait_until_done(Path(tmp), expected)
            answers = len([c for c in calls(slack_api_url)
                           if c["method"] == "chat.postMessage" and c["args"].get("thread_ts")])  # type: ignore[union-attr]
        finally:
            for process in (server, slack):
                process.terminate()
                process.wait()
    print(f"{args.events} concurrent signed DM events per round, time to HTTP 200 (ms)\n")
    first, results = results[0][0], results[1:]
    print(f"first event after start (alone): {first:.1f} ms\n")
    print("| round | p50 | p99 | max |\n| --- | --- | --- | --- |")
    for n, values in enumerate(results, 1):
        print(f"| {n} | {statistics.median(values):.1f} | {percentile(values, 0.99):.1f} | {max(values):.1f} |")
    every = [v for values in results for v in values]
    p50, p99 = statistics.median(every), percentile(every, 0.99)
    print(f"| all {len(every)} | {p50:.1f} | {p99:.1f} | {max(every):.1f} |\n")
    print(f"ideas stored: {ideas} of {expected}; threaded answers: {answers}; outbox rows still pending: {pending}")
    ok = p99 <= TARGET_P99_MS and ideas == expected and answers == expected and not pending
    print(f"p99 {p99:.1f} ms {'<=' if p99 <= TARGET_P99_MS else '>'} target {TARGET_P99_MS:.0f} ms: "
          f"{'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
