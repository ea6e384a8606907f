"""Colleagues and shared ideas: the board, and supporting an idea or taking the support back.

Which ideas are on the board, and what of them a colleague sees, is decided in core/actors.py. A person supports an
idea once, whichever channel they use: the support is kept on their first submitter row, and the rows known to be
the same person (storage.identities.people_behind) count as theirs. Nothing here names a supporter to anyone; the
idea's history says "colleague" and the count. None of these commits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError

from core import lifecycle
from core.actors import (
    Actor,
    as_submitter,
    board_ideas,
    is_submitter,
    may_see_merged,
    own_submitter_ids,
    require_on_board,
)
from core.errors import Conflict, Forbidden
from core.intake import SubmitterRef, ensure_submitter
from core.locale import day_of
from core.orgconfig import Sharing
from core.presentation import HEADING, latest_note, snippet
from core.reading import TRIAGE
from core.unit_of_work import UnitOfWork
from storage.board import BoardOrder, add_support, board_page, remove_support, support_counts, supported_by
from storage.merging import merged_into
from storage.models import Idea, Status
from storage.queries import get_idea, history

ATTEMPTS = 3


@dataclass(frozen=True)
class Supported:
    """An idea's support after a change: the count, and whether the acting person is among it."""

    idea_id: int
    count: int
    supported: bool


@dataclass(frozen=True)
class BoardItem:
    """A shared idea as every colleague sees it: no submitter, no supporters, the day it came, not the time."""

    id: int
    title: str | None
    text: str
    status: Status
    focus_area: str | None
    area_name: dict[str, str] | None
    answer: str | None  # the official answer: the latest note of a status change
    support_count: int
    supported: bool  # by the person reading
    mine: bool  # the reader sent it (and so cannot support it)
    received_on: date
    open: bool  # still takes support
    merged: tuple[str, ...] = ()  # the texts of shared duplicates merged into it (core/merging.py): never who

    @property
    def heading(self) -> str:
        return self.title or snippet(self.text, HEADING)

    def area(self, locale: str) -> str | None:
        return self.area_name and (self.area_name["en"] if locale == "en" else self.area_name["nb"])


@dataclass(frozen=True)
class Board:
    items: list[BoardItem]
    total: int
    page: int
    page_size: int
    sharing: Sharing


def board(*, uow: UnitOfWork, actor: Actor, order: BoardOrder = BoardOrder.NEWEST, focus_area: str | None = None,
          status: Status | None = None, q: str | None = None, page: int = 1, page_size: int = 20) -> Board:
    """The shared ideas, newest or most supported first; `focus_area` 'triage' for those no area has yet."""
    where = board_ideas(uow.org)
    if focus_area == TRIAGE:
        where.append(Idea.focus_area.is_(None))
        focus_area = None
    found = board_page(uow.session, where=where, focus_area=focus_area, status=status, q=(q or "").strip() or None,
                       order=order, page=page, page_size=page_size)
    return Board(items=board_items(uow, actor, list(found.items)), total=found.total, page=found.page,
                 page_size=found.page_size, sharing=uow.org.sharing)


def board_items(uow: UnitOfWork, actor: Actor, ideas: list[Idea]) -> list[BoardItem]:
    """Ideas already known to be on the board, as the reader sees them there (in the order given)."""
    ids = [idea.id for idea in ideas]
    mine = set(own_submitter_ids(uow.session, as_submitter(actor)))
    counts, events = support_counts(uow.session, ids), history(uow.session, ids)
    supported = supported_by(uow.session, ids, sorted(mine))
    merged = merged_into(uow.session, ids)
    me = as_submitter(actor)
    return [dataclasses.replace(
        _item(uow, idea, counts.get(idea.id, 0), idea.id in supported, idea.submitter_id in mine,
              latest_note(events.get(idea.id, []))),
        merged=tuple(text for text, shared in merged.get(idea.id, [])
                     if may_see_merged(me, uow.org, duplicate_shared=shared))) for idea in ideas]


def support(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Supported:
    """Support a shared, open idea of someone else's. Supporting twice is one support.

    Two clicks at once (or the same person on two channels) both find no support and both insert: the unique key
    on (idea, person) stops the second, which is undone to its savepoint and made again, finding the first."""
    for attempt in range(ATTEMPTS):
        try:
            with uow.session.begin_nested():
                return _support(uow, actor, idea_id)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # the loop returns or raises


def withdraw_support(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Supported:
    """Take my support back; nothing happens when I gave none."""
    me = as_submitter(actor)
    idea = get_idea(uow.session, idea_id, for_update=True)
    people = own_submitter_ids(uow.session, me)
    removed = remove_support(uow.session, idea_id=idea_id, submitter_ids=people) if idea is not None else 0
    if not removed:
        # Only a supporter learns anything of an idea that has since left the board.
        idea = require_on_board(uow.org, idea, idea_id)
        return Supported(idea_id=idea_id, count=_count(uow, idea_id), supported=False)
    assert idea is not None
    count = _count(uow, idea_id)
    lifecycle.support_changed(session=uow.session, idea=idea, count=count)
    uow.session.flush()
    return Supported(idea_id=idea_id, count=count, supported=False)


def _support(uow: UnitOfWork, actor: Actor, idea_id: int) -> Supported:
    session, me = uow.session, as_submitter(actor)
    # The idea's row is held to the end of the transaction (PostgreSQL), so supporters of one idea count in turn.
    idea = require_on_board(uow.org, get_idea(session, idea_id, for_update=True), idea_id)
    if is_submitter(session, me, idea):
        raise Forbidden("You cannot support your own idea.")
    people = own_submitter_ids(session, me)
    if supported_by(session, [idea_id], people):
        return Supported(idea_id=idea_id, count=_count(uow, idea_id), supported=True)
    if idea.status not in lifecycle.OPEN:
        raise Conflict(f"The idea is already {idea.status.value}; only open ideas can be supported.")
    if not people:
        # First contact: the person's row, so their support is theirs to see, copy and erase.
        ensure_submitter(session, SubmitterRef(channel=me.channel, external_id=me.user_id, display_name=me.name,
                                               locale=None, verified_email=me.verified_email))
        people = own_submitter_ids(session, me)
    add_support(session, idea_id=idea_id, submitter_id=min(people))
    count = _count(uow, idea_id)
    lifecycle.support_changed(session=session, idea=idea, count=count)
    session.flush()
    return Supported(idea_id=idea_id, count=count, supported=True)


def _count(uow: UnitOfWork, idea_id: int) -> int:
    return support_counts(uow.session, [idea_id]).get(idea_id, 0)


def _item(uow: UnitOfWork, idea: Idea, count: int, supported: bool, mine: bool, answer: str | None) -> BoardItem:
    area = uow.org.area(idea.focus_area)
    return BoardItem(id=idea.id, title=idea.title, text=idea.text, status=idea.status, focus_area=idea.focus_area,
                     area_name=area.name.model_dump() if area else None, answer=answer, support_count=count,
                     supported=supported, mine=mine, received_on=day_of(idea.created_at),
                     open=idea.status in lifecycle.OPEN)


def board_item(*, uow: UnitOfWork, actor: Actor, idea: Idea) -> BoardItem:
    """One idea on the board as `actor` sees it there (its discussion page), with the ideas merged into it."""
    return board_items(uow, actor, [idea])[0]
