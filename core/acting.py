"""The one way a use case changes an idea: lock it, check that the actor may see it and that the actor's picture
of it is current, apply the rule (which writes the events and queues the notifications), and show the result."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.actors import Actor, require_visible
from core.errors import Conflict
from core.presentation import Outcome, present
from core.unit_of_work import UnitOfWork
from storage.models import Event, Idea, Status
from storage.queries import get_idea

Rule = Callable[[Idea], Event | Sequence[Event] | None]


def act(uow: UnitOfWork, actor: Actor, idea_id: int, rule: Rule, *, expected: Status | None = None) -> Outcome:
    """`expected`: the status the actor's message or page showed; a click on an out-of-date one changes nothing."""
    idea = require_visible(uow.session, actor, uow.org, get_idea(uow.session, idea_id, for_update=True), idea_id)
    if expected is not None and idea.status is not expected:
        raise Conflict(f"The idea is already {idea.status.value}.")
    written = rule(idea)
    events = [written] if isinstance(written, Event) else list(written or [])
    uow.session.flush()
    return Outcome(idea=present(uow.session, uow.org, idea, viewer=actor, detail=True),
                   happened=tuple(event.kind for event in events))
