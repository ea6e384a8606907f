"""The outbox's rows as the delivery loop takes them: due ones under a lease, and one row locked to record a result."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from storage.models import Channel, OutboxMessage, OutboxState


def due_rows(session: Session, *, channels: set[Channel], now: datetime, limit: int,
             where: Sequence[ColumnElement[bool]] = ()) -> list[OutboxMessage]:
    """Pending rows due by `now`, oldest first, locked; rows another worker holds are skipped (PostgreSQL)."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.state == OutboxState.PENDING, OutboxMessage.next_attempt_at <= now,
               OutboxMessage.channel.in_(channels), *where)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.scalars(query))


def locked_row(session: Session, row_id: int) -> OutboxMessage | None:
    return session.get(OutboxMessage, row_id, with_for_update=True)
