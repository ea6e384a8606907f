"""How the chat adapters find people to deliver to, and recognise a delivery they have seen before."""

from __future__ import annotations

from core.unit_of_work import UnitOfWork
from storage.models import Channel
from storage.queries import Reach, claim_key, open_sender_id, reach_of_identity, reach_of_submitter

__all__ = ["Reach", "first_time", "open_sender", "staff_reach", "submitter_reach"]


def submitter_reach(*, uow: UnitOfWork, submitter_id: int, channel: Channel) -> Reach | None:
    """Where a submitter is reached on a channel; None once they are erased."""
    return reach_of_submitter(uow.session, submitter_id=submitter_id, channel=channel)


def staff_reach(*, uow: UnitOfWork, channel: Channel, external_id: str) -> Reach | None:
    """A commissioner's or administrator's conversation with the bot, if they ever had one."""
    return reach_of_identity(uow.session, channel=channel, external_id=external_id)


def open_sender(*, uow: UnitOfWork, idea_id: int, channel: Channel) -> str | None:
    """The channel id of whoever sent a non-anonymous idea there. None for anonymous ideas, always."""
    return open_sender_id(uow.session, idea_id=idea_id, channel=channel)


def first_time(*, uow: UnitOfWork, key: str) -> bool:
    """Records an inbound delivery that makes no idea (a help request); False when it was seen before."""
    return claim_key(uow.session, key)
