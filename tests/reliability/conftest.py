"""What the reliability tests share: a database of their own (they commit, from several threads or processes),
Slack-enabled services pointed at the local fake Slack, and reading back what the fake Slack was sent.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.slack import endpoint as slack_app
from core.services import Services, build_services
from core.settings import Settings
from core.worker import run_outbox_worker
from storage.db import make_engine
from storage.models import OutboxMessage, OutboxState, utcnow
from tests.bot.slack.conftest import BOT_TOKEN, SECRET, with_slack_ids
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.teams.conftest import teams, teams_org, teams_services, teams_settings  # noqa: F401
from tests.conftest import LOTEN
from tests.fakes import StaticClassifier

BLOCK_ID = re.compile(r"^(idea|review)-(\d+)$")
KINDS = {"idea": "idea_received", "review": "idea_routed"}


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(anyone=True).start()
    yield fake
    fake.stop()


def slack_services(url: str, slack_api_url: str, data_dir: Path, *, area: str | None = "helse-og-livskvalitet",
                   **overrides: object) -> Services:
    """One running instance's services with its own engine, Slack on (at the fake), routing to `area`."""
    settings = Settings(_env_file=None, data_dir=data_dir, database_url=url, org_config=LOTEN,
                        secret_key="x" * 48, slack_bot_token=BOT_TOKEN, slack_signing_secret=SECRET,
                        slack_api_url=slack_api_url, run_worker=False, **overrides)
    services = build_services(settings, classifier=StaticClassifier(area), engine=make_engine(url))
    services.org = with_slack_ids(services.org)
    slack_app.attach(services)
    return services


def delivered_by_slack(fake: FakeSlack) -> Counter[tuple[str, int]]:
    """(outbox kind, idea id) of every message the fake Slack accepted, counted: a 2 means sent twice."""
    found: Counter[tuple[str, int]] = Counter()
    for call in list(fake.calls):
        if call.method != "chat.postMessage" or call.result is None:
            continue
        for block in call.args.get("blocks") or []:
            if match := BLOCK_ID.match(str(block.get("block_id", ""))):
                found[(KINDS[match[1]], int(match[2]))] += 1
    return found


def outbox_states(services: Services) -> Counter[OutboxState]:
    with services.session_factory() as session:
        return Counter(dict(session.execute(
            select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)).all()))


def make_due(session_factory: sessionmaker[Session]) -> int:
    """Moves time forward for the outbox: every waiting row (backing off, or leased by a dead worker) is due now.

    Only while no worker is in the middle of a pass: a row's lease is also its owner's proof that it still holds it.
    """
    with session_factory.begin() as session:
        return session.execute(update(OutboxMessage).where(OutboxMessage.state == OutboxState.PENDING)
                               .values(next_attempt_at=utcnow())).rowcount


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class WorkerThread:
    """`run_outbox_worker`, the loop of `forslagskassa worker`, on its own thread, event loop and engine."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._started = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)

    def start(self) -> WorkerThread:
        self._thread.start()
        self._started.wait(5)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(15)
        assert not self._thread.is_alive(), "the worker did not stop"
        self.services.close()

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        self._started.set()
        await run_outbox_worker(self.services, stop=self._stop)
