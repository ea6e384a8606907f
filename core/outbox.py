"""The transactional outbox: notifications are stored with the change that causes them, then delivered
by a worker with retries and backoff. Channels plug in a Notifier; core never imports them.

Several workers (processes, or `serve` beside `worker`) may run against one database. A claim takes rows for
`LEASE` (`FOR UPDATE SKIP LOCKED` on PostgreSQL, `BEGIN IMMEDIATE` on SQLite), and a delivery only starts while
at least `SEND_TIMEOUT` of the lease is left and is cut off after `SEND_TIMEOUT`: so no other worker can claim a
row while it is being sent. Only a crash between the platform's answer and our commit can send a row twice.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Channel, Idea, OutboxMessage, OutboxState, utcnow
from storage.outbox_rows import due_rows, locked_row

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
# The longest one delivery may take; a slower one counts as failed. Must stay well below LEASE.
SEND_TIMEOUT = timedelta(seconds=60)
BASE_DELAY_S = 5.0
MAX_DELAY_S = 3600.0


@dataclass(frozen=True)
class Notification:
    """What a notifier gets: the row's facts, detached from the session."""

    id: int
    idea_id: int | None
    kind: str
    channel: Channel
    recipient: str
    payload: dict[str, Any]
    attempts: int
    leased_until: datetime | None = None


class DeliveryFailed(Exception):
    """Raised by a notifier. `retry_after` honours the platform's Retry-After; `permanent` stops retrying;
    `unreachable` (no connection, no answer) means the platform is down for everyone, not just this recipient."""

    def __init__(self, reason: str, *, retry_after: float | None = None, permanent: bool = False,
                 unreachable: bool = False) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent
        self.unreachable = unreachable


RunSync = Callable[[Callable[[], Any]], Awaitable[Any]]


class Notifier(Protocol):
    async def deliver(self, notification: Notification) -> None: ...


def enqueue(*, session: Session, idea: Idea | None, kind: str, channel: Channel, recipient: str,
            payload: dict[str, Any]) -> OutboxMessage:
    message = OutboxMessage(idea_id=idea.id if idea else None, kind=kind, channel=channel,
                            recipient=recipient, payload=payload)
    session.add(message)
    return message


def backoff(attempts: int, *, retry_after: float | None = None) -> float:
    """Exponential with full jitter, never sooner than the platform asked."""
    delay = random.uniform(0, min(MAX_DELAY_S, BASE_DELAY_S * 2 ** max(attempts - 1, 0)))
    return max(delay, retry_after or 0.0)


def claim_due(*, session: Session, channels: set[Channel], now: datetime, limit: int,
              where: Sequence[ColumnElement[bool]] = (), lease: timedelta = LEASE) -> list[Notification]:
    """Take due rows for a while (a lease), so a second worker skips them and a crashed one's come back.

    `where` narrows the batch, e.g. to one recipient when a channel delivers its reply at once.
    """
    claimed = []
    for row in due_rows(session, channels=channels, now=now, limit=limit, where=where):
        row.next_attempt_at = now + lease
        row.attempts += 1
        claimed.append(Notification(row.id, row.idea_id, row.kind, row.channel, row.recipient,
                                    dict(row.payload), row.attempts, row.next_attempt_at))
    return claimed


def release(*, session: Session, notification: Notification, now: datetime) -> None:
    """Give back a claimed row that was not tried (its lease ran short), due at once and its attempt uncounted."""
    row = _still_ours(session, notification)
    if row is not None:
        row.attempts -= 1
        row.next_attempt_at = now


def record_result(*, session: Session, notification: Notification, error: DeliveryFailed | None,
                  now: datetime, give_up_after: timedelta) -> None:
    row = _still_ours(session, notification)
    if row is None:
        return
    if error is None:
        row.state, row.delivered_at, row.last_error = OutboxState.DELIVERED, now, None
        return
    row.last_error = str(error)[:2000]
    if error.permanent or now - row.created_at > give_up_after:
        row.state = OutboxState.DEAD
        log.warning("outbox %s (%s via %s) given up: %s", row.id, row.kind, row.channel, error)
        return
    row.next_attempt_at = now + timedelta(seconds=backoff(row.attempts, retry_after=error.retry_after))


def _still_ours(session: Session, notification: Notification) -> OutboxMessage | None:
    """The row, locked, unless someone else claimed it since: a fencing check on the claim's own lease."""
    row = locked_row(session, notification.id)
    if row is None or row.state is not OutboxState.PENDING or (
            notification.leased_until is not None and row.next_attempt_at != notification.leased_until):
        log.warning("outbox %s changed hands while being delivered; leaving it to its new owner", notification.id)
        return None
    return row


async def deliver_due(*, session_factory: sessionmaker[Session], notifiers: Mapping[Channel, Notifier],
                      give_up_after: timedelta, limit: int = 50, where: Sequence[ColumnElement[bool]] = (),
                      run_sync: RunSync | None = None, lease: timedelta = LEASE,
                      send_timeout: timedelta = SEND_TIMEOUT) -> int:
    """One pass: claim due notifications, deliver each outside any transaction, record the outcome.

    `run_sync` runs each database step, e.g. in a thread, so a busy database never holds up the event loop.
    Returns how many were tried; those whose lease ran short before their turn are given back untried.
    Once a platform is unreachable, the rest of its batch fails the same way without waiting for it again, so an
    outage of one channel costs one timeout per pass, and the other channels' messages are not held up behind it.
    """
    if not notifiers:
        return 0
    run = run_sync or _inline

    def claim() -> list[Notification]:
        with session_factory.begin() as session:
            return claim_due(session=session, channels=set(notifiers), now=utcnow(), limit=limit, where=where,
                             lease=lease)

    batch: list[Notification] = await run(claim)
    down: dict[Channel, DeliveryFailed] = {}
    for tried, notification in enumerate(batch):
        if not _time_left(notification, send_timeout):
            await run(lambda rest=batch[tried:]: _release_all(session_factory, rest))
            return tried
        error = down.get(notification.channel) or await _attempt(notifiers[notification.channel], notification,
                                                                 send_timeout)
        if error is not None and error.unreachable:
            down[notification.channel] = error

        def record(notification: Notification = notification, error: DeliveryFailed | None = error) -> None:
            with session_factory.begin() as session:
                record_result(session=session, notification=notification, error=error, now=utcnow(),
                              give_up_after=give_up_after)

        await run(record)
    return len(batch)


def _time_left(notification: Notification, send_timeout: timedelta) -> bool:
    """Whether a delivery started now ends before the lease does, so no other worker can have claimed the row."""
    return notification.leased_until is None or utcnow() + send_timeout <= notification.leased_until


def _release_all(session_factory: sessionmaker[Session], notifications: Sequence[Notification]) -> None:
    with session_factory.begin() as session:
        for notification in notifications:
            release(session=session, notification=notification, now=utcnow())


async def _inline(step: Callable[[], Any]) -> Any:
    return step()


async def _attempt(notifier: Notifier, notification: Notification,
                   send_timeout: timedelta) -> DeliveryFailed | None:
    try:
        await asyncio.wait_for(notifier.deliver(notification), send_timeout.total_seconds())
    except DeliveryFailed as error:
        return error
    except TimeoutError:
        return DeliveryFailed(f"no answer within {send_timeout.total_seconds():g} s", unreachable=True)
    except Exception as error:  # a bug or an unexpected platform answer must not stop the worker
        log.exception("outbox %s: notifier failed", notification.id)
        return DeliveryFailed(f"{type(error).__name__}: {error}")
    return None
