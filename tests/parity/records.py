"""What a use case wrote, read back from the database with ids and times taken out, so channels compare equal.

Ideas, events, outbox rows, routing corrections and audit entries newer than a `Mark` are what one action wrote.
A submitter is written as the identity they were known by ("slack:UKARI"); the idea acted on and its earlier
original are "idea" and "earlier".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.models import AuditEntry, Channel, Correction, Event, EventKind, Idea, OutboxMessage, Status, Submitter

THREAD = "<the chat thread it answers>"


@dataclass(frozen=True)
class Mark:
    event: int
    outbox: int
    correction: int
    audit: int


@dataclass(frozen=True)
class IdeaState:
    status: Status
    focus_area: str | None
    commissioner: str | None
    anonymous: bool
    channel: Channel
    submitter: str | None  # "channel:external id" of the identity that sent it
    estimated_saving_nok: int | None = None
    duplicate_of: str | None = None
    answered: bool = False  # first_answered_at is set


@dataclass(frozen=True)
class Ev:
    kind: EventKind
    from_value: str | None
    to_value: str | None
    actor: str
    note: str | None = None


@dataclass(frozen=True)
class Notice:
    kind: str
    channel: Channel
    recipient: str  # "submitter" (the idea's), or the staff address
    payload: dict[str, Any]


@dataclass(frozen=True)
class Written:
    idea: IdeaState
    events: tuple[Ev, ...] = ()
    notices: tuple[Notice, ...] = ()
    corrections: tuple[tuple[str, str | None, str], ...] = ()  # (focus_area, predicted, actor)
    audit: tuple[tuple[str, str, str | None, Channel, dict[str, Any] | None], ...] = ()
    elsewhere: tuple[str, ...] = ()  # anything written about another idea
    # What was written about the earlier idea (the original a duplicate is merged into).
    earlier_events: tuple[Ev, ...] = ()
    earlier_notices: tuple[Notice, ...] = ()


def mark(session: Session) -> Mark:
    def top(column: Any) -> int:
        return session.scalar(select(func.coalesce(func.max(column), 0))) or 0

    return Mark(event=top(Event.id), outbox=top(OutboxMessage.id), correction=top(Correction.id),
                audit=top(AuditEntry.id))


def notified_ideas(session: Session, since: Mark) -> list[int | None]:
    """The ideas of the notifications queued since `since`; None for an answer about no idea (Teams queues even
    its answer to a message)."""
    return list(session.scalars(select(OutboxMessage.idea_id).where(OutboxMessage.id > since.outbox)))


def newest_idea(session: Session, since: Mark) -> int | None:
    """The idea received since `since` (numbers are drawn at random: the events tell the order)."""
    return session.scalar(select(Event.idea_id).where(Event.id > since.event, Event.kind == EventKind.RECEIVED)
                          .order_by(Event.id.desc()).limit(1))


def written(session: Session, since: Mark, idea_id: int, *, earlier: int | None = None,
            submitter_id: int | None = None) -> Written:
    """What was written since `since`, as it concerns idea `idea_id`. `submitter_id`: the idea's submitter before
    the action (an erasure takes it away)."""
    idea = session.scalars(select(Idea).where(Idea.id == idea_id).options(
        selectinload(Idea.submitter).selectinload(Submitter.identities))).one()
    submitter_id = submitter_id if submitter_id is not None else idea.submitter_id
    names = {idea_id: "idea", **({earlier: "earlier"} if earlier else {})}
    events = session.scalars(select(Event).where(Event.id > since.event).order_by(Event.id)).all()
    outbox = session.scalars(select(OutboxMessage).where(OutboxMessage.id > since.outbox)
                             .order_by(OutboxMessage.id)).all()
    corrections = session.scalars(select(Correction).where(Correction.id > since.correction)
                                  .order_by(Correction.id)).all()
    audit = session.scalars(select(AuditEntry).where(AuditEntry.id > since.audit).order_by(AuditEntry.id)).all()
    elsewhere = [f"{type(row).__name__} on idea {row.idea_id}" for row in (*events, *outbox, *corrections)
                 if row.idea_id not in names]

    def evs(about: int | None) -> tuple[Ev, ...]:
        return tuple(Ev(e.kind, *_named(e, names), e.actor, e.note)
                     for e in events if about is not None and e.idea_id == about)

    def notices(about: int | None) -> tuple[Notice, ...]:
        return tuple(Notice(o.kind, o.channel, _recipient(o.recipient, submitter_id), _payload(o.payload))
                     for o in outbox if about is not None and o.idea_id == about)

    return Written(
        idea=_state(idea, names),
        events=evs(idea_id),
        notices=notices(idea_id),
        earlier_events=evs(earlier),
        earlier_notices=notices(earlier),
        corrections=tuple((c.focus_area, c.predicted, c.actor) for c in corrections if c.idea_id == idea_id),
        audit=tuple((a.action, a.actor, _recipient(a.subject, submitter_id) if a.subject else None, a.via, a.detail)
                    for a in audit),
        elsewhere=tuple(elsewhere),
    )


def _state(idea: Idea, names: dict[int, str]) -> IdeaState:
    identity = idea.submitter.identities[0] if idea.submitter and idea.submitter.identities else None
    return IdeaState(
        status=idea.status, focus_area=idea.focus_area, commissioner=idea.commissioner, anonymous=idea.anonymous,
        channel=idea.channel, submitter=f"{identity.channel.value}:{identity.external_id}" if identity else None,
        estimated_saving_nok=idea.estimated_saving_nok,
        duplicate_of=names.get(idea.duplicate_of_id, "another idea") if idea.duplicate_of_id else None,
        answered=idea.first_answered_at is not None,
    )


def _named(event: Event, names: dict[int, str]) -> tuple[str | None, str | None]:
    """A merge event's idea numbers as "idea" or "earlier": numbers are drawn at random."""
    if event.kind not in (EventKind.MERGED_AWAY, EventKind.MERGED_IN):
        return event.from_value, event.to_value
    return tuple(names.get(int(v), v) if v and v.isdigit() else v  # type: ignore[return-value]
                 for v in (event.from_value, event.to_value))


def _recipient(recipient: str, submitter_id: int | None) -> str:
    kind, _, number = recipient.partition(":")
    if kind == "submitter":
        return "submitter" if number == str(submitter_id) else "another submitter"
    return recipient


def _payload(payload: dict[str, Any]) -> dict[str, Any]:
    reply_to = payload.get("reply_to")
    if isinstance(reply_to, dict) and set(reply_to) == {"channel", "thread_ts"}:
        return {**payload, "reply_to": THREAD}
    return payload
