"""Fault injection against the local fake Slack: 500s, 429 with Retry-After, timeouts and connection refused for a
while, then recovery. The real Slack notifier runs through the outbox's delivery passes, with time moved forward
between passes instead of slept; every notification arrives exactly once, and none is lost meanwhile.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.slack import endpoint as slack_app
from core import intake
from core.outbox import deliver_due
from core.services import Services
from storage.models import Channel, OutboxMessage, OutboxState, utcnow
from tests.bot.slack.fake_slack import FakeSlack
from tests.reliability.conftest import delivered_by_slack, make_due, outbox_states, slack_services

IDEAS = 3
FAILING_PASSES = 2  # each refused or stalled call costs real time (slack-sdk's own retry, our timeout)


@dataclass(frozen=True)
class Outage:
    start: Callable[[FakeSlack], None]
    error: str  # what the outbox row says meanwhile (a regular expression)


def down(fake: FakeSlack) -> None:
    fake.stop()  # nothing listens on the port: connection refused


OUTAGES = {
    "HTTP 500": Outage(lambda fake: fake.fail("chat.postMessage", status=500, times=1000), r"HTTP 500"),
    "HTTP 503": Outage(lambda fake: fake.fail("chat.postMessage", status=503, times=1000), r"HTTP 503"),
    "timeout": Outage(lambda fake: (fake.fail("chat.postMessage", status=504, times=1000),
                                    fake.delay("chat.postMessage", 1.0)), r"connection: .*Timeout"),
    "connection refused": Outage(down, r"connection: "),
}


@pytest.fixture
def services(own_database: str, fake_slack: FakeSlack, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    # A timeout of a fraction of a second instead of Slack's ten, so a stalled Slack costs the test little.
    monkeypatch.setattr(slack_app, "TIMEOUT_SECONDS", 0.3)
    services = slack_services(own_database, fake_slack.url, tmp_path)
    yield services
    services.close()


def send_ideas(services: Services, count: int = IDEAS) -> list[int]:
    """Slack ideas from a few employees: each queues a confirmation and a card for the commissioner."""
    ids = []
    for n in range(count):
        with services.session_factory.begin() as session:
            ref = intake.SubmitterRef(channel=Channel.SLACK, external_id=f"UEMP{n % 2}")
            draft = intake.Draft(text=f"Forslag {n} om felles innkjøp", submitter=ref, channel=Channel.SLACK)
            ids.append(intake.submit(session=session, draft=draft, classifier=services.classifier, org=services.org).id)
    return ids


async def worker_pass(services: Services, *, due: bool = True) -> int:
    """One pass of the outbox worker; `due` moves time forward so every waiting row is tried."""
    if due:
        make_due(services.session_factory)
    return await deliver_due(session_factory=services.session_factory, notifiers=services.notifiers,
                             give_up_after=services.give_up_after)


def rows(services: Services) -> list[OutboxMessage]:
    with services.session_factory() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def each_once(ideas: list[int]) -> dict[tuple[str, int], int]:
    return {(kind, idea): 1 for idea in ideas for kind in ("idea_received", "idea_routed")}


@pytest.mark.parametrize("outage", OUTAGES)
async def test_every_notification_arrives_once_after_an_outage(services: Services, fake_slack: FakeSlack,
                                                               outage: str) -> None:
    port = fake_slack.port
    OUTAGES[outage].start(fake_slack)
    ideas = send_ideas(services)
    for _ in range(FAILING_PASSES):
        await worker_pass(services)

    assert not delivered_by_slack(fake_slack)
    waiting = rows(services)
    assert {(r.state, r.attempts) for r in waiting} == {(OutboxState.PENDING, FAILING_PASSES)}  # kept, tried
    assert all(re.search(OUTAGES[outage].error, r.last_error or "") for r in waiting), waiting[0].last_error

    if outage == "connection refused":
        fake_slack.start(port)
    fake_slack.recover()
    await worker_pass(services)

    assert dict(delivered_by_slack(fake_slack)) == each_once(ideas)
    assert outbox_states(services) == Counter({OutboxState.DELIVERED: 2 * IDEAS})
    assert await worker_pass(services) == 0


async def test_a_429_is_waited_out_as_long_as_slack_asks(services: Services, fake_slack: FakeSlack) -> None:
    fake_slack.fail("chat.postMessage", status=429, retry_after=30, times=2 * IDEAS)
    ideas = send_ideas(services)
    await worker_pass(services)

    waiting = rows(services)
    assert all(r.state is OutboxState.PENDING and r.last_error.startswith("ratelimited") for r in waiting)
    assert min(r.next_attempt_at for r in waiting) >= utcnow() + timedelta(seconds=28)
    assert await worker_pass(services, due=False) == 0  # not a moment sooner than Slack asked
    assert not delivered_by_slack(fake_slack)

    await worker_pass(services)
    assert dict(delivered_by_slack(fake_slack)) == each_once(ideas)


async def test_a_flapping_slack_still_delivers_each_once(services: Services, fake_slack: FakeSlack) -> None:
    """Failures of every kind interleaved with successes, over many passes."""
    ideas = send_ideas(services, 8)
    for status, retry_after in [(500, None), (429, 7), (503, None), (502, None), (429, 1), (500, None)]:
        fake_slack.fail("chat.postMessage", status=status, retry_after=retry_after, times=2)
    for _ in range(8):
        await worker_pass(services)
    assert dict(delivered_by_slack(fake_slack)) == each_once(ideas)
    assert outbox_states(services) == Counter({OutboxState.DELIVERED: 16})


async def test_give_up_after_the_configured_time_is_a_visible_dead_letter(services: Services,
                                                                         fake_slack: FakeSlack) -> None:
    fake_slack.fail("chat.postMessage", status=500, times=1000)
    send_ideas(services, 1)
    await worker_pass(services)
    with services.session_factory.begin() as session:  # two days on: past OUTBOX_GIVE_UP_HOURS (48)
        for row in session.scalars(select(OutboxMessage)):
            row.created_at = utcnow() - timedelta(hours=49)
    await worker_pass(services)
    assert outbox_states(services) == Counter({OutboxState.DEAD: 2})
    fake_slack.recover()
    assert await worker_pass(services) == 0  # a dead letter is not tried again
    assert not delivered_by_slack(fake_slack)
