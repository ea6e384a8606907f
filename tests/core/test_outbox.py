"""Notifications leave through the outbox: delivered once, retried with backoff, given up visibly."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.outbox import DeliveryFailed, backoff, deliver_due
from storage.models import Channel, OutboxMessage, OutboxState, utcnow
from tests.core.helpers import submit
from tests.fakes import FakeNotifier

DAY = timedelta(days=1)


@pytest.fixture
def queued(session, session_factory, org):
    """A Slack idea: one confirmation to the submitter is waiting in the outbox."""
    submit(session, org, channel=Channel.SLACK)
    session.commit()
    return session.scalars(select(OutboxMessage)).one()


async def run(session_factory, notifier, give_up_after=DAY):
    return await deliver_due(session_factory=session_factory, notifiers={Channel.SLACK: notifier},
                             give_up_after=give_up_after)


async def test_a_notification_is_delivered_once(session, session_factory, queued):
    notifier = FakeNotifier()
    assert await run(session_factory, notifier) == 1
    assert await run(session_factory, notifier) == 0
    assert [(n.kind, n.recipient) for n in notifier.delivered] == [("idea_received", queued.recipient)]
    session.refresh(queued)
    assert queued.state is OutboxState.DELIVERED and queued.delivered_at is not None


async def test_a_failure_is_retried_later_not_at_once(session, session_factory, queued):
    notifier = FakeNotifier()
    notifier.fail_next(DeliveryFailed("ratelimited", retry_after=30))
    await run(session_factory, notifier)
    session.refresh(queued)
    assert queued.state is OutboxState.PENDING and queued.attempts == 1
    assert queued.next_attempt_at >= utcnow() + timedelta(seconds=29)
    assert queued.last_error == "ratelimited"
    assert await run(session_factory, notifier) == 0  # not due yet
    queued.next_attempt_at = utcnow()
    session.commit()
    await run(session_factory, notifier)
    session.refresh(queued)
    assert queued.state is OutboxState.DELIVERED and len(notifier.delivered) == 1


async def test_a_permanent_failure_is_dead_at_once(session, session_factory, queued):
    notifier = FakeNotifier()
    notifier.fail_next(DeliveryFailed("channel_not_found", permanent=True))
    await run(session_factory, notifier)
    session.refresh(queued)
    assert queued.state is OutboxState.DEAD and queued.last_error == "channel_not_found"


async def test_retries_stop_after_the_give_up_time(session, session_factory, queued):
    queued.created_at = utcnow() - timedelta(hours=3)
    session.commit()
    notifier = FakeNotifier()
    notifier.fail_next(DeliveryFailed("HTTP 503"))
    await run(session_factory, notifier, give_up_after=timedelta(hours=2))
    session.refresh(queued)
    assert queued.state is OutboxState.DEAD


async def test_channels_without_a_notifier_wait(session, session_factory, queued):
    assert await deliver_due(session_factory=session_factory, notifiers={Channel.TEAMS: FakeNotifier()},
                             give_up_after=DAY) == 0
    session.refresh(queued)
    assert queued.state is OutboxState.PENDING and queued.attempts == 0


def test_backoff_grows_but_honours_retry_after():
    assert all(0 <= backoff(1) <= 5 for _ in range(50))
    assert max(backoff(8) for _ in range(200)) > 5
    assert all(backoff(10) <= 3600 for _ in range(50))
    assert backoff(1, retry_after=120) >= 120
