"""What an employee does with their own ideas and data: list them, ask for one to be moved to another area,
withdraw, make anonymous, share with colleagues, download everything kept about them, erase themselves.
One function per use case; every channel calls these, and none commits.
"""

from __future__ import annotations

from typing import Any

from core import lifecycle, privacy
from core.acting import act
from core.actors import Actor, as_submitter
from core.presentation import Outcome
from core.reading import IdeaList, find
from core.unit_of_work import UnitOfWork
from storage.models import Channel

MY_IDEAS_PAGE = 10


def list_mine(*, uow: UnitOfWork, actor: Actor, page: int = 1, page_size: int = MY_IDEAS_PAGE) -> IdeaList:
    """My ideas, newest first, from every channel known to be me, with their histories."""
    return find(uow=uow, actor=as_submitter(actor), page=page, page_size=page_size, with_history=True)


def withdraw(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Outcome:
    """Take an idea back shortly after sending it ("Angre"), while it is still only received."""
    return act(uow, actor, idea_id, lambda idea: lifecycle.withdraw(
        session=uow.session, idea=idea, actor=actor, window=uow.services.withdraw_window))


def make_anonymous(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Outcome:
    """Hide my name on an idea already sent. One way: it cannot be undone."""
    return act(uow, actor, idea_id, lambda idea: lifecycle.make_anonymous(session=uow.session, idea=idea,
                                                                            actor=actor))


def share(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Outcome:
    """"Del med kolleger" after sending: put my idea on the board (under `sharing: opt_in`). One way."""
    return act(uow, actor, idea_id, lambda idea: lifecycle.share_own(session=uow.session, idea=idea, actor=actor,
                                                                       org=uow.org))


def ask_to_move(*, uow: UnitOfWork, actor: Actor, idea_id: int, focus_area: str,
                note: str | None = None) -> Outcome:
    """"Feil område?": ask for my idea to be moved while it is open. It stays where it is until the area's
    commissioner (or an administrator, for the triage queue) moves it or keeps it; a new request replaces mine."""
    return act(uow, actor, idea_id, lambda idea: lifecycle.ask_to_move(
        session=uow.session, idea=idea, focus_area=focus_area, actor=actor, org=uow.org, note=note))


def export_me(*, uow: UnitOfWork, actor: Actor, via: Channel) -> dict[str, Any]:
    """Everything kept about me, as plain data; audited."""
    return privacy.export_data(session=uow.session, channel=actor.channel, external_id=actor.user_id, via=via,
                               verified_email=actor.verified_email)


def erase_me(*, uow: UnitOfWork, actor: Actor, via: Channel) -> privacy.Erasure:
    """"Slett meg": cut me from everything I sent; the ideas stay, anonymised. Audited."""
    return privacy.erase(session=uow.session, channel=actor.channel, external_id=actor.user_id, via=via,
                         verified_email=actor.verified_email)
