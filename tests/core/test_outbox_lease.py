"""One delivery pass: a claimed notification is only sent while its lease holds (so a second worker can never
send it too), and a platform that is down costs one try per pass, not one per message.
"""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.outbox import DeliveryFailed, Notification, claim_due, deliver_due, record_result
from storage.models import Channel, OutboxMessage, OutboxState, utcnow
from tests.core.helpers import submit

DAY = timedelta(days=1)


class SlowNotifier:
    """Takes `seconds` per delivery, like a slow platform; records what it sent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.delivered: list[int] = []

    async def deliver(self, notification: Notification) -> None:
        await asyncio.sleep(self.seconds)
        self.delivered.append(notification.id)


@pytest.fixture
def three(session, org):
    """Three Slack ideas, each with a confirmation waiting."""
    for n in range(3):
        submit(session, org, channel=Channel.SLACK, text=f"Forslag {n}")
    session.commit()
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_rows_whose_lease_runs_short_are_given_back_untried(session, session_factory, three):
    notifier = SlowNotifier(0.2)
    # 0.5 s of lease, 0.25 s per try at most: the third would start at 0.4 s and could outlive the lease.
    tried = await deliver_due(session_factory=session_factory, notifiers={Channel.SLACK: notifier},
                              give_up_after=DAY, lease=timedelta(seconds=0.5),
                              send_timeout=timedelta(seconds=0.25))
    assert tried == 2 and notifier.delivered == [three[0].id, three[1].id]
    for row in three:
        session.refresh(row)
    last = three[2]
    assert last.state is OutboxState.PENDING and last.attempts == 0 and last.next_attempt_at <= utcnow()
    assert await deliver_due(session_factory=session_factory, notifiers={Channel.SLACK: notifier},
                             give_up_after=DAY) == 1
    assert notifier.delivered == [row.id for row in three]


async def test_a_platform_that_never_answers_is_cut_off_and_retried_later(session, session_factory, three):
    notifier = SlowNotifier(30)
    started = asyncio.get_running_loop().time()
    await deliver_due(session_factory=session_factory, notifiers={Channel.SLACK: notifier}, give_up_after=DAY,
                      limit=1, send_timeout=timedelta(seconds=0.2))
    assert asyncio.get_running_loop().time() - started < 2
    session.refresh(three[0])
    assert three[0].state is OutboxState.PENDING and three[0].last_error == "no answer within 0.2 s"
    assert three[0].next_attempt_at > utcnow()


def test_a_result_for_a_row_someone_else_has_claimed_since_is_not_recorded(session, session_factory, three):
    first = [OutboxMessage.id == three[0].id]
    with session_factory.begin() as claiming:
        [mine] = claim_due(session=claiming, channels={Channel.SLACK}, now=utcnow(), limit=1, where=first,
                           lease=timedelta(seconds=1))
    # The lease ran out (the worker hung) and another worker took the row.
    with session_factory.begin() as claiming:
        [theirs] = claim_due(session=claiming, channels={Channel.SLACK}, now=utcnow() + timedelta(seconds=2),
                             limit=1, where=first)
    assert theirs.attempts == 2
    with session_factory.begin() as recording:
        record_result(session=recording, notification=mine, error=DeliveryFailed("HTTP 503"), now=utcnow(),
                      give_up_after=DAY)
    session.refresh(three[0])
    assert three[0].last_error is None and three[0].next_attempt_at == theirs.leased_until
    with session_factory.begin() as recording:
        record_result(session=recording, notification=theirs, error=None, now=utcnow(), give_up_after=DAY)
    session.refresh(three[0])
    assert three[0].state is OutboxState.DELIVERED


class Unreachable:
    def __init__(self) -> None:
        self.tries = 0

    async def deliver(self, notification: Notification) -> None:
        self.tries += 1
        raise DeliveryFailed("connection: ClientConnectorError", unreachable=True)


async def test_a_channel_that_is_down_is_tried_once_per_pass_and_holds_up_no_other(session, session_factory, org,
                                                                                  three):
    teams_idea = submit(session, org, channel=Channel.TEAMS, text="Via Teams")
    session.commit()
    slack, teams = Unreachable(), SlowNotifier(0)
    tried = await deliver_due(session_factory=session_factory, notifiers={Channel.SLACK: slack, Channel.TEAMS: teams},
                              give_up_after=DAY)
    assert tried == 4 and slack.tries == 1
    assert teams.delivered == [r.id for r in session.scalars(
        select(OutboxMessage).where(OutboxMessage.idea_id == teams_idea.id))]
    for row in three:
        session.refresh(row)
        assert (row.state, row.attempts, row.last_error) == (OutboxState.PENDING, 1, "connection: ClientConnectorError")
        assert row.next_attempt_at > utcnow()
