"""What the Teams adapter keeps: each person's conversation reference, and the replies it queues.

A conversation reference is stored at first contact (the bot being added, or a first message) in the person's
Teams identity (`Identity.address`), keyed by their AAD object id. The outbox reaches an employee through it
("submitter:<id>") and a commissioner too ("user:<aad id>"), since Teams lets a bot write to a person only in a
conversation that person has had with it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from bot import turns
from core import reach, submission
from core.intake import SubmitterRef
from core.outbox import enqueue
from core.services import Services
from core.unit_of_work import UnitOfWork
from storage.models import Channel

REPLY = "teams_reply"  # an outbox kind of our own: an answer to a chat message that made no idea
# In an idea's reply_to: its confirmation was the answer to the click that sent it, shown in place of the card.
ANSWERED = "answered_in_place"


def external_id(*, aad_object_id: str | None, channel_user_id: str) -> str:
    """The id a Teams user is known by here: the AAD object id (also in the org config), else the channel id."""
    return (aad_object_id or channel_user_id).lower()


def remember(services: Services, *, ref: SubmitterRef) -> int:
    """Create or refresh the person's Teams identity with its conversation reference; returns the submitter id."""
    return turns.write(services, submission.meet, person=ref)


def staff_address(services: Services, *, aad_id: str) -> reach.Reach | None:
    """A commissioner's or administrator's conversation with the bot, if they ever had one."""
    found = turns.look(services, reach.staff_reach, channel=Channel.TEAMS, external_id=aad_id.lower())
    return found if found is not None and found.address else None


def sender_aad_id(services: Services, *, idea_id: int) -> str | None:
    """The AAD object id of whoever sent a non-anonymous idea through Teams. None for anonymous ideas, always."""
    return turns.look(services, reach.open_sender, idea_id=idea_id, channel=Channel.TEAMS)


def queue_reply(services: Services, *, submitter_id: int, payload: dict[str, Any], source_key: str) -> bool:
    """Queue an answer (help, "mine forslag", an error) once per inbound activity, so a redelivery adds none."""

    def reply(*, uow: UnitOfWork) -> bool:
        if not reach.first_time(uow=uow, key=source_key):
            return False
        enqueue(session=uow.session, idea=None, kind=REPLY, channel=Channel.TEAMS,
                recipient=f"submitter:{submitter_id}", payload=payload)
        return True

    try:
        return turns.write(services, reply)
    except IntegrityError:  # the same activity, delivered twice at once: the other one queued it
        return False
