"""Finding ideas as a person may see them: lists with filters, one idea with its history, a chat search, and
whether a person may handle an idea. Visibility is decided in core/actors.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement

from core.actors import Actor, may_handle, require_visible, visible_ideas
from core.errors import NotFound
from core.presentation import IdeaView, present
from core.unit_of_work import UnitOfWork
from storage.board import support_counts
from storage.merging import merged_into
from storage.models import Idea, Status
from storage.queries import all_ideas, get_idea, history, list_ideas
from storage.stats import overdue_condition

TRIAGE = "triage"  # the focus area filter for ideas no area has yet


@dataclass(frozen=True)
class IdeaList:
    items: list[IdeaView]
    total: int
    page: int
    page_size: int


def find(*, uow: UnitOfWork, actor: Actor, status: Status | None = None, focus_area: str | None = None,
         q: str | None = None, page: int = 1, page_size: int = 20, oldest_first: bool = False,
         statuses: frozenset[Status] | None = None, routed_only: bool = False, ids: set[int] | None = None,
         with_history: bool = False) -> IdeaList:
    """`focus_area` 'triage': the ideas no area has yet. `routed_only`: leave those out. `with_history`: each
    idea's events and merged duplicates too, read in one query each for the page."""
    where: list[ColumnElement[bool]] = visible_ideas(uow.session, actor, uow.org)
    if focus_area == TRIAGE:
        where.append(Idea.focus_area.is_(None))
        focus_area = None
    if routed_only:
        where.append(Idea.focus_area.is_not(None))
    if statuses is not None:
        where.append(Idea.status.in_(statuses))
    if ids is not None:
        where.append(Idea.id.in_(ids))
    found = list_ideas(uow.session, where=where, status=status, focus_area=focus_area, q=q, page=page,
                       page_size=page_size, oldest_first=oldest_first)
    ids = [idea.id for idea in found.items]
    events = history(uow.session, ids) if with_history else {}
    merged = merged_into(uow.session, ids) if with_history else {}
    counts = support_counts(uow.session, ids)
    items = [present(uow.session, uow.org, idea, viewer=actor, events=events.get(idea.id, []),
                     supports=counts.get(idea.id, 0), merged=merged.get(idea.id, [])) for idea in found.items]
    return IdeaList(items=items, total=found.total, page=found.page, page_size=found.page_size)


def show(*, uow: UnitOfWork, actor: Actor | None, idea_id: int) -> IdeaView:
    """One idea with its history. `actor` None: shown to its handlers (a notification card)."""
    idea = get_idea(uow.session, idea_id)
    if actor is not None:
        idea = require_visible(uow.session, actor, uow.org, idea, idea_id)
    elif idea is None:
        raise NotFound(f"Idea {idea_id} not found.")
    return present(uow.session, uow.org, idea, viewer=actor, detail=True)


def search(*, uow: UnitOfWork, actor: Actor, q: str | None, exclude: int | None = None,
           limit: int = 20) -> list[IdeaView]:
    """Ideas the actor may see, newest first: by number ("#12", "12") or by words in the title and text."""
    q = (q or "").strip()
    where = visible_ideas(uow.session, actor, uow.org)
    if exclude is not None:
        where.append(Idea.id != exclude)
    number = q.removeprefix("#")
    if number.isdigit():
        where.append(Idea.id == int(number))
        q = ""
    page = list_ideas(uow.session, where=where, q=q or None, page_size=limit)
    return [present(uow.session, uow.org, idea, viewer=actor, detail=True) for idea in page.items]


def handles(*, uow: UnitOfWork, actor: Actor | None, idea_id: int) -> bool:
    """Whether the actor may answer or route the idea; asked before opening a form, so a refusal comes first."""
    idea = get_idea(uow.session, idea_id)
    return actor is not None and idea is not None and may_handle(actor, uow.org, idea)


def overdue(*, uow: UnitOfWork, actor: Actor, now: datetime, page_size: int) -> IdeaList:
    """Ideas still only received after the org's answer deadline, oldest first: the dashboard's follow-up list."""
    where = [*visible_ideas(uow.session, actor, uow.org), overdue_condition(sla_days=uow.org.sla_days, now=now)]
    found = list_ideas(uow.session, where=where, oldest_first=True, page_size=page_size)
    counts = support_counts(uow.session, [idea.id for idea in found.items])
    return IdeaList(items=[present(uow.session, uow.org, idea, viewer=actor, supports=counts.get(idea.id, 0))
                           for idea in found.items],
                    total=found.total, page=found.page, page_size=found.page_size)


def everything(*, uow: UnitOfWork, actor: Actor) -> list[IdeaView]:
    """Every idea the actor may see, by number: for exports."""
    ideas = all_ideas(uow.session, where=visible_ideas(uow.session, actor, uow.org))
    counts = support_counts(uow.session, None)
    return [present(uow.session, uow.org, idea, viewer=actor, supports=counts.get(idea.id, 0)) for idea in ideas]
