"""Merging a duplicate into its original, the rule behind marking an idea as a duplicate (core/handling.py).

The people attached to the duplicate (its supporters; every kind in ATTACHED) move to the original, each person
once: someone attached to both counts once, the duplicate's submitter joins them unless they sent the original,
and the original's submitter is never made a supporter of their own idea. The duplicate's text stays readable
under the original (storage.merging.merged_into; who may read it is decided in core/actors.py). Both ideas get an
event, and the original's submitter is told (the duplicate's hears where their idea went from its status change).

A merge racing a support cannot lose or double it: the original's row is held like a support holds it
(PostgreSQL; SQLite writes one at a time), and the unique key on (idea, person) stops a row slipping in twice —
the move is then undone to its savepoint and made again, as core/support.py does. Nothing here commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import notify
from core.actors import Actor
from storage.board import support_counts
from storage.merging import move_attached, same_person
from storage.models import Event, EventKind, Follow, Idea, Support, utcnow
from storage.queries import get_idea

ATTEMPTS = 3
# The kinds of people attached to an idea, each a table with idea_id and submitter_id, unique together, and whether
# the duplicate's submitter joins them on the original. Supports: the sender becomes a supporter (and so follows
# it, core/following.py). Follows: each person's own choice about the duplicate (following it or not) carries over
# unless they made one about the original already; nobody is given a choice they did not make.
ATTACHED: tuple[tuple[Any, bool], ...] = ((Support, True), (Follow, False))


def merge(*, session: Session, duplicate: Idea, actor: Actor) -> list[Event]:
    """Merge `duplicate` (just marked so, its row held) into the idea it points at; the two events written."""
    if duplicate.duplicate_of_id is None:
        raise ValueError("only an idea marked as a duplicate is merged")
    original = get_idea(session, duplicate.duplicate_of_id, for_update=True)
    if original is None:
        raise ValueError("the original was checked to exist when the duplicate was marked")
    sender = same_person(session, duplicate.submitter_id) if duplicate.submitter_id is not None else []
    owner = same_person(session, original.submitter_id) if original.submitter_id is not None else []
    for model, sender_joins in ATTACHED:
        _move(session, model, duplicate=duplicate, original=original,
              add=sender[0] if sender and sender_joins else None, skip=owner)
    count = support_counts(session, [original.id]).get(original.id, 0)
    events = [_record(session, duplicate, EventKind.MERGED_AWAY, actor, None, str(original.id)),
              _record(session, original, EventKind.MERGED_IN, actor, str(duplicate.id), str(count))]
    if not set(sender) & set(owner):  # one person's second idea: they heard it from the status change
        notify.merged(session=session, original=original, supporters=count)
    return events


def _move(session: Session, model: Any, *, duplicate: Idea, original: Idea, add: int | None,
          skip: list[int]) -> int:
    for attempt in range(ATTEMPTS):
        try:
            with session.begin_nested():
                return move_attached(session, model, from_idea=duplicate.id, to_idea=original.id, add=add,
                                     skip=skip)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # the loop returns or raises


def _record(session: Session, idea: Idea, kind: EventKind, actor: Actor, old: str | None, new: str | None) -> Event:
    event = Event(idea_id=idea.id, kind=kind, actor=actor.label, from_value=old, to_value=new)
    session.add(event)
    idea.updated_at = utcnow()
    return event
