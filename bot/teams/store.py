"""What the Teams adapter keeps: each person's conversation reference, and the replies it queues.

A conversation reference is stored at first contact (the bot being added, or a first message) in the person's
Teams identity (`Identity.address`), keyed by their AAD object id. The outbox reaches an employee through it
("submitter:<id>") and a commissioner too ("user:<aad id>"), since Teams lets a bot write to a person only in a
conversation that person has had with it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.conversation import Address
from core import intake
from core.outbox import enqueue
from core.services import Services
from storage.models import Channel, Idea, Identity, ProcessedKey, Submitter

REPLY = "teams_reply"  # an outbox kind of our own: an answer to a chat message that made no idea


def external_id(*, aad_object_id: str | None, channel_user_id: str) -> str:
    """The id a Teams user is known by here: the AAD object id (also in the org config), else the channel id."""
    return (aad_object_id or channel_user_id).lower()


def remember(services: Services, *, ref: intake.SubmitterRef) -> int:
    """Create or refresh the person's Teams identity with its conversation reference; returns the submitter id."""
    with services.session_factory.begin() as session:
        return intake.ensure_submitter(session, ref).id


def staff_address(services: Services, *, aad_id: str) -> Address | None:
    """A commissioner's or administrator's conversation with the bot, if they ever had one."""
    with services.session_factory() as session:
        row = session.execute(
            select(Identity, Submitter.locale)
            .join(Submitter)
            .where(Identity.channel == Channel.TEAMS, Identity.external_id == aad_id.lower(),
                   Submitter.erased_at.is_(None))
        ).first()
    if row is None or not row[0].address:
        return None
    identity, locale = row
    return Address(external_id=identity.external_id, address=identity.address, locale=locale)


def sender_aad_id(services: Services, *, idea_id: int) -> str | None:
    """The AAD object id of whoever sent a non-anonymous idea through Teams. None for anonymous ideas, always."""
    with services.session_factory() as session:
        return session.scalar(
            select(Identity.external_id)
            .join(Idea, Idea.submitter_id == Identity.submitter_id)
            .where(Idea.id == idea_id, Idea.anonymous.is_(False), Identity.channel == Channel.TEAMS)
        )


def queue_reply(services: Services, *, submitter_id: int, payload: dict[str, Any], source_key: str) -> bool:
    """Queue an answer (help, "mine forslag", an error) once per inbound activity, so a redelivery adds none."""
    try:
        with services.session_factory.begin() as session:
            if session.get(ProcessedKey, source_key) is not None:
                return False
            session.add(ProcessedKey(key=source_key))
            enqueue(session=session, idea=None, kind=REPLY, channel=Channel.TEAMS,
                    recipient=f"submitter:{submitter_id}", payload=payload)
    except IntegrityError:  # the same activity, delivered twice at once: the other one queued it
        return False
    return True
