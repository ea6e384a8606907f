"""Sending a message that may be an idea, from any channel: the use case every adapter calls.

The classifier first says what the message is. An idea is stored and routed (rules in core/intake.py); anything
else is steered to where it belongs and stored nowhere (core/steering.py), unless the person chose to send it as
an idea anyway. In a chat, an idea like shared ones on the board waits for the person's choice first
(core/similar.py): steering comes before that, so a report of wrongdoing never meets colleagues' ideas.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from classifier import IDEA
from core import intake
from core.actors import Actor, Role
from core.presentation import IdeaView, present
from core.similar import SimilarShared, offer
from core.steering import Steered, steer
from core.unit_of_work import UnitOfWork
from storage.queries import find_submitter

ATTEMPTS = 3


@dataclass(frozen=True)
class Submitted:
    idea: IdeaView  # for a repeated delivery, the idea stored the first time


def submit(*, uow: UnitOfWork, draft: intake.Draft, detail: bool = False) -> Submitted | Steered | SimilarShared:
    """Store a new idea with its first event and notifications, find the one stored for the same delivery, or
    steer a message that is not an idea to where it belongs. A chat's draft with `offer_similar` that is an idea
    like shared ones on the board is not stored yet: those come back for the person to choose.

    A repeated delivery key racing in from another request or process, or the first idea of a person arriving twice
    at once, breaks a unique key: the rows that did it are there to find now, so the attempt is undone to its
    savepoint and made again, looking the key up. Almost every key is new, so the first attempt does not look it up
    (one query less per idea). `detail`: the view with similar ideas' snippets, for a chat confirmation.
    """
    text, _ = intake.clean(draft)
    # CPU work before the first query, outside the transaction (see intake.submit).
    routing = uow.classifier.classify(text)
    if routing.intent != IDEA and not draft.send_anyway:
        return steer(uow=uow, intent=routing.intent, channel=draft.channel, source_key=draft.source_key)
    if draft.offer_similar and (found := offer(uow=uow, draft=draft)):
        return found
    session = uow.session
    for attempt in range(ATTEMPTS):
        try:
            with session.begin_nested():
                idea = intake.submit(session=session, draft=draft, classifier=uow.classifier, org=uow.org,
                                     limit=uow.settings.submit_limit, look_up_source_key=attempt > 0,
                                     routing=routing)
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


def recognise(*, uow: UnitOfWork, person: intake.SubmitterRef) -> None:
    """A person logging in: what their channel vouches for now (their verified e-mail, which links their
    identities) refreshes their stored identity, so every channel finds it linked as the login does. Someone not
    known yet stays unknown: a login alone is not taking part."""
    known = find_submitter(uow.session, channel=person.channel, external_id=person.external_id)
    if known is not None:
        intake.refresh_submitter(known, person)
