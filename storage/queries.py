"""Reading ideas: filtered, searched, paged lists and single ideas with their history."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, bindparam, delete, false, func, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    AuditEntry,
    Channel,
    Correction,
    Event,
    EventKind,
    Idea,
    Identity,
    OutboxMessage,
    ProcessedKey,
    Status,
    SteeredCount,
    Submitter,
)

MAX_ID = 2**31 - 1  # ids are INTEGER columns; a larger number is no id (and would overflow the driver)
IDEA_NUMBERS = range(100_000, 1_000_000)


@dataclass(frozen=True)
class Page:
    items: list[Idea]
    total: int
    page: int
    page_size: int


def text_search(q: str) -> ColumnElement[bool]:
    if "\x00" in q:
        return false()  # no stored text holds a NUL (PostgreSQL cannot even compare with one)
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(Idea.text.ilike(pattern, escape="\\"), Idea.title.ilike(pattern, escape="\\"))


def list_ideas(
    session: Session,
    *,
    where: Sequence[ColumnElement[bool]] = (),
    status: Status | None = None,
    focus_area: str | None = None,
    q: str | None = None,
    page: int = 1,
    page_size: int = 20,
    oldest_first: bool = False,
) -> Page:
    conditions = list(where)
    if status is not None:
        conditions.append(Idea.status == status)
    if focus_area is not None:
        conditions.append(Idea.focus_area == focus_area if "\x00" not in focus_area else false())
    if q:
        conditions.append(text_search(q))
    total = session.scalar(select(func.count()).select_from(Idea).where(*conditions)) or 0
    order = (Idea.received_on.asc(), Idea.id.asc()) if oldest_first else (Idea.received_on.desc(), Idea.id.desc())
    query: Select[tuple[Idea]] = (
        select(Idea).where(*conditions).order_by(*order).limit(page_size).offset((page - 1) * page_size)
    )
    return Page(items=list(session.scalars(query)), total=total, page=page, page_size=page_size)


def unused_idea_id(session: Session) -> int:
    """A free six-digit number for a new idea, drawn at random: sequential numbers would let anyone who sees two
    named ideas from one person place their anonymous idea between them. Two writers drawing the same free
    number is caught by the primary key, and the submission retried (core/submission.py).

    Several numbers are tried in one query on the connection, not through the ORM: a free number is found at the
    first try until the numbers run short, and the ORM's `get` of a missing row cost a twentieth of a submission."""
    while True:
        candidates = [secrets.choice(IDEA_NUMBERS) for _ in range(_CANDIDATES)]
        taken = set(session.connection().execute(_TAKEN_NUMBERS, {"candidates": candidates}).scalars())
        free = next((c for c in candidates if c not in taken), None)
        if free is not None:
            return free


_CANDIDATES = 4
_TAKEN_NUMBERS = select(Idea.__table__.c.id).where(Idea.__table__.c.id.in_(bindparam("candidates", expanding=True)))


def get_idea(session: Session, idea_id: int, *, for_update: bool = False) -> Idea | None:
    if not 0 < idea_id <= MAX_ID:
        return None
    query = select(Idea).where(Idea.id == idea_id).options(selectinload(Idea.events))
    if for_update:
        # What the lock was waited for is read anew: an Idea already in the session (say, from an attempt rolled
        # back to its savepoint, which on PostgreSQL also lets go of the lock) would otherwise keep its old status.
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


def find_by_source_key(session: Session, source_key: str) -> Idea | None:
    return session.scalar(select(Idea).where(Idea.source_key == source_key))


# Built once: every submitted idea runs it, and building the statement and its cache key each time cost a fifth
# of the query's time in the server.
_SUBMITTER_BY_IDENTITY = (
    select(Submitter)
    .join(Identity)
    .where(Identity.channel == bindparam("channel"), Identity.external_id == bindparam("external_id"))
)


def find_submitter(session: Session, *, channel: str, external_id: str) -> Submitter | None:
    return session.scalar(_SUBMITTER_BY_IDENTITY, {"channel": channel, "external_id": external_id})


def idea_texts(session: Session) -> list[tuple[int, str]]:
    return [(idea_id, text) for idea_id, text in session.execute(select(Idea.id, Idea.text).order_by(Idea.id))]


def history(session: Session, idea_ids: Sequence[int]) -> dict[int, list[Event]]:
    """The events of several ideas in one query, oldest first."""
    found: dict[int, list[Event]] = {}
    if idea_ids:
        for event in session.scalars(select(Event).where(Event.idea_id.in_(idea_ids)).order_by(Event.id)):
            found.setdefault(event.idea_id, []).append(event)
    return found


def idea_texts_by_id(session: Session, idea_ids: Sequence[int]) -> dict[int, str]:
    if not idea_ids:
        return {}
    return {idea_id: text for idea_id, text in session.execute(select(Idea.id, Idea.text).where(Idea.id.in_(idea_ids)))}


def ideas_of(session: Session, people: Sequence[Submitter]) -> list[Idea]:
    """Every idea the given submitters sent, with their histories, in the order they sent them."""
    if not people:
        return []
    query = (select(Idea).where(Idea.submitter_id.in_([person.id for person in people]))
             .order_by(Idea.created_at, Idea.id)
             .options(selectinload(Idea.events)))
    return list(session.scalars(query))


@dataclass(frozen=True)
class Reach:
    """Where a person is reached on a channel: the identity's id, its stored address and the person's language."""

    external_id: str
    address: dict[str, object] | None
    locale: str


def reach_of_submitter(session: Session, *, submitter_id: int, channel: Channel) -> Reach | None:
    row = session.execute(
        select(Identity, Submitter.locale).join(Submitter)
        .where(Identity.submitter_id == submitter_id, Identity.channel == channel, Submitter.erased_at.is_(None))
    ).first()
    return None if row is None else Reach(external_id=row[0].external_id, address=row[0].address, locale=row[1])


def reach_of_identity(session: Session, *, channel: Channel, external_id: str) -> Reach | None:
    row = session.execute(
        select(Identity, Submitter.locale).join(Submitter)
        .where(Identity.channel == channel, Identity.external_id == external_id, Submitter.erased_at.is_(None))
    ).first()
    return None if row is None else Reach(external_id=row[0].external_id, address=row[0].address, locale=row[1])


def open_sender_id(session: Session, *, idea_id: int, channel: Channel) -> str | None:
    """The channel id of whoever sent a non-anonymous idea on that channel. None for anonymous ideas, always."""
    return session.scalar(
        select(Identity.external_id).join(Idea, Idea.submitter_id == Identity.submitter_id)
        .where(Idea.id == idea_id, Idea.anonymous.is_(False), Identity.channel == channel)
    )


def claim_key(session: Session, key: str) -> bool:
    """Record an inbound delivery key; False when it was recorded before (a redelivery)."""
    if session.get(ProcessedKey, key) is not None:
        return False
    session.add(ProcessedKey(key=key))
    return True


def audit_page(session: Session, *, limit: int, offset: int) -> tuple[list[AuditEntry], int]:
    """The audit trail, newest first, with the total count."""
    total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset))
    return list(rows), total


def forget_outbox_of(session: Session, recipient: str) -> None:
    session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == recipient)
                    .execution_options(synchronize_session="fetch"))


def all_ideas(session: Session, *, where: Sequence[ColumnElement[bool]] = ()) -> list[Idea]:
    """Every idea matching `where`, by number, with its submitter: for exports."""
    query = select(Idea).where(*where).order_by(Idea.id).options(selectinload(Idea.submitter))
    return list(session.scalars(query))


def lock_submitter(session: Session, submitter_id: int) -> None:
    """Hold the submitter's row until the transaction ends (PostgreSQL), so their ideas are counted one by one."""
    session.execute(select(Submitter.id).where(Submitter.id == submitter_id).with_for_update())


def nth_newest_idea_since(session: Session, *, submitter_id: int, since: datetime, n: int) -> datetime | None:
    """When the submitter sent their n-th newest idea after `since`; None when they sent fewer."""
    return session.scalar(
        select(Idea.created_at)
        .where(Idea.submitter_id == submitter_id, Idea.created_at > since)
        .order_by(Idea.created_at.desc())
        .offset(n - 1)
        .limit(1)
    )


def commissioners_and_ideas(session: Session, *, where: ColumnElement[bool]) -> list[tuple[str, int]]:
    """(commissioner id, idea id) of the ideas matching `where` that have a commissioner, oldest first."""
    rows = session.execute(select(Idea.commissioner, Idea.id)
                           .where(where, Idea.commissioner.is_not(None)).order_by(Idea.created_at, Idea.id))
    return [(commissioner, idea_id) for commissioner, idea_id in rows if commissioner is not None]


def key_seen(session: Session, key: str) -> bool:
    return session.get(ProcessedKey, key) is not None


_INSERT_EVENT = insert(Event.__table__)


def record_received(session: Session, *, idea_id: int, focus_area: str | None) -> None:
    """The idea's first event. A plain INSERT, not an ORM object: nothing reads the event back in the unit of work
    that stores the idea, and taking it through the ORM's unit of work cost a tenth of a submission (bench/load.py)."""
    session.execute(_INSERT_EVENT, {"idea_id": idea_id, "kind": EventKind.RECEIVED, "actor": "submitter",
                                    "to_value": focus_area})


def count_steered(session: Session, *, month: str, intent: str, channel: Channel) -> None:
    """One more message of `intent` steered away this month; an upsert, so concurrent requests both count."""
    upsert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = upsert(SteeredCount).values(month=month, intent=intent, channel=channel, count=1)
    session.execute(statement.on_conflict_do_update(
        index_elements=["month", "intent", "channel"], set_={"count": SteeredCount.count + 1}))


def steered_by_month(session: Session) -> list[tuple[str, str, int]]:
    """(month, intent, count) over all channels, oldest month first."""
    rows = session.execute(select(SteeredCount.month, SteeredCount.intent, func.sum(SteeredCount.count))
                           .group_by(SteeredCount.month, SteeredCount.intent)
                           .order_by(SteeredCount.month, SteeredCount.intent))
    return [(month, intent, int(total)) for month, intent, total in rows]


def corrections_oldest_first(session: Session) -> list[Correction]:
    return list(session.scalars(select(Correction).order_by(Correction.id)))
