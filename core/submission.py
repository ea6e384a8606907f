"""Sending an idea, from any channel: the use case every adapter calls (rules in core/intake.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from core import intake
from core.actors import Actor, Role
from core.presentation import IdeaView, present
from core.unit_of_work import UnitOfWork

ATTEMPTS = 3


@dataclass(frozen=True)
class Submitted:
    idea: IdeaView  # for a repeated delivery, the idea stored the first time


def submit(*, uow: UnitOfWork, draft: intake.Draft, detail: bool = False) -> Submitted:
    """Store a new idea with its first event and notifications, or find the one stored for the same delivery.

    A repeated delivery key racing in from another request or process, or the first idea of a person arriving twice
    at once, breaks a unique key: the rows that did it are there to find now, so the attempt is undone to its
    savepoint and made again, looking the key up. Almost every key is new, so the first attempt does not look it up
    (one query less per idea). `detail`: the view with similar ideas' snippets, for a chat confirmation.
    """
    session = uow.session
    for attempt in range(ATTEMPTS):
        try:
            with session.begin_nested():
                idea = intake.submit(session=session, draft=draft, router=uow.router, org=uow.org,
                                     limit=uow.settings.submit_limit, look_up_source_key=attempt > 0)
            break
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    viewer = Actor(role=Role.EMPLOYEE, user_id=draft.submitter.external_id, channel=draft.submitter.channel)
    return Submitted(idea=present(session, uow.org, idea, viewer=viewer, detail=detail))


def meet(*, uow: UnitOfWork, person: intake.SubmitterRef) -> int:
    """A person's first contact (or a later one): their channel identity is stored or refreshed. Returns the
    submitter id the outbox reaches them by."""
    return intake.ensure_submitter(uow.session, person).id
