"""Fault injection against the local Bot Connector fake: 500s, 429 with Retry-After, timeouts and connection
refused for a while, then recovery. Ideas come in through `POST /api/messages`; the real Teams notifier runs through
the outbox's delivery passes with time moved forward between them. Every notification arrives exactly once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.teams import notifier as teams_notifier
from storage.models import OutboxMessage, OutboxState, utcnow
from tests.bot.teams.activities import ARNE, KARI
from tests.bot.teams.conftest import Teams
from tests.bot.teams.fakes import ConnectorFake

IDEAS = 3
FAILING_PASSES = 2


def down(fake: ConnectorFake) -> None:
    assert fake.server is not None
    fake.server.stop()  # nothing listens on the port: connection refused


def failing(status: int, headers: dict[str, str] | None = None, delay: float = 0.0) -> Callable[[ConnectorFake],
                                                                                                  None]:
    def start(fake: ConnectorFake) -> None:
        for _ in range(100):
            fake.fail_next(status, headers, delay=delay)

    return start


OUTAGES: dict[str, tuple[Callable[[ConnectorFake], None], str]] = {
    "HTTP 500": (failing(500), r"error 500"),
    "HTTP 503": (failing(503), r"error 503"),
    "timeout": (failing(504, delay=1.0), r"unreachable: TimeoutError"),
    "connection refused": (down, r"unreachable: Client"),
}


@pytest.fixture(autouse=True)
def _setting(classifier, monkeypatch: pytest.MonkeyPatch) -> None:
    classifier.focus_area = "helse-og-livskvalitet"  # Arne Jørstad's area
    monkeypatch.setattr(teams_notifier, "SEND_TIMEOUT_S", 0.3)  # a stalled connector costs the test little


def title(n: int) -> str:
    return f"Forslag {n}: felles innkjøp av kontorrekvisita"


async def worker_pass(teams: Teams, *, due: bool = True) -> int:
    if due:
        with teams.services.session_factory.begin() as session:
            session.execute(update(OutboxMessage).where(OutboxMessage.state == OutboxState.PENDING)
                            .values(next_attempt_at=utcnow()))
    return await teams.deliver()


def received(teams: Teams, conversation: str, n: int) -> int:
    """How many messages in `conversation` are about idea `n`."""
    return sum(title(n) in json.dumps(sent.body, ensure_ascii=False) for sent in teams.connector.to(conversation))


def assert_each_once(teams: Teams) -> None:
    for n in range(IDEAS):
        assert (received(teams, KARI.conversation, n), received(teams, ARNE.conversation, n)) == (1, 1), n
    assert {row.state for row in teams.outbox()} == {OutboxState.DELIVERED}


async def send_ideas(teams: Teams) -> None:
    for n in range(IDEAS):
        await teams.say(KARI, title(n))


@pytest.mark.parametrize("outage", OUTAGES)
async def test_every_notification_arrives_once_after_an_outage(teams: Teams, outage: str) -> None:
    await teams.install(ARNE)  # Teams lets the bot write to the commissioner once they have opened a chat
    start, error = OUTAGES[outage]
    port = int(teams.connector.url.rsplit(":", 1)[1].strip("/"))
    start(teams.connector)
    await send_ideas(teams)  # each answer is tried at once, and fails
    for _ in range(FAILING_PASSES):
        await worker_pass(teams)

    assert len(teams.ideas()) == IDEAS
    waiting = [row for row in teams.outbox() if row.state is OutboxState.PENDING]
    assert len(waiting) == 2 * IDEAS and all(re.search(error, row.last_error or "") for row in waiting)
    assert not any(received(teams, KARI.conversation, n) for n in range(IDEAS))

    if outage == "connection refused":
        teams.connector.start(port)
    teams.connector.failures.clear()
    await worker_pass(teams)
    assert_each_once(teams)
    assert await worker_pass(teams) == 0


async def test_a_429_is_waited_out_as_long_as_the_connector_asks(teams: Teams) -> None:
    await teams.install(ARNE)
    failing(429, {"Retry-After": "30"})(teams.connector)
    await send_ideas(teams)
    await worker_pass(teams)

    waiting = [row for row in teams.outbox() if row.state is OutboxState.PENDING]
    assert len(waiting) == 2 * IDEAS and all("429" in row.last_error for row in waiting)
    assert min(row.next_attempt_at for row in waiting) >= utcnow() + timedelta(seconds=28)
    teams.connector.failures.clear()
    assert await worker_pass(teams, due=False) == 0  # not a moment sooner than the connector asked

    await worker_pass(teams)
    assert_each_once(teams)
