"""The board of shared ideas and colleagues' support: reading it, counting it, and each person's own rows."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, false, func, select
from sqlalchemy.orm import Session

from storage.models import Idea, Status, Support
from storage.queries import Page, text_search


class BoardOrder(enum.StrEnum):
    NEWEST = "newest"
    MOST_SUPPORTED = "most_supported"


def board_page(session: Session, *, where: Sequence[ColumnElement[bool]], focus_area: str | None = None,
               status: Status | None = None, q: str | None = None, order: BoardOrder = BoardOrder.NEWEST,
               page: int = 1, page_size: int = 20) -> Page:
    """A page of the ideas matching `where` (the board's visibility, core/actors.py) and the filters."""
    conditions = list(where)
    if focus_area is not None:
        conditions.append(Idea.focus_area == focus_area if "\x00" not in focus_area else false())
    if status is not None:
        conditions.append(Idea.status == status)
    if q:
        conditions.append(text_search(q))
    total = session.scalar(select(func.count()).select_from(Idea).where(*conditions)) or 0
    query = select(Idea).where(*conditions)
    newest = (Idea.received_on.desc(), Idea.id.desc())
    if order is BoardOrder.MOST_SUPPORTED:
        counts = (select(Support.idea_id, func.count().label("n")).group_by(Support.idea_id).subquery())
        query = (query.outerjoin(counts, counts.c.idea_id == Idea.id)
                 .order_by(func.coalesce(counts.c.n, 0).desc(), *newest))
    else:
        query = query.order_by(*newest)
    items = list(session.scalars(query.limit(page_size).offset((page - 1) * page_size)))
    return Page(items=items, total=total, page=page, page_size=page_size)


def ideas_among(session: Session, *, where: Sequence[ColumnElement[bool]], idea_ids: Sequence[int]) -> list[Idea]:
    """Those of the ideas that match `where` (the board's visibility), in no particular order."""
    if not idea_ids:
        return []
    return list(session.scalars(select(Idea).where(*where, Idea.id.in_(idea_ids))))


def support_counts(session: Session, idea_ids: Sequence[int] | None) -> dict[int, int]:
    """How many people support each idea; ideas nobody supports are left out. `idea_ids` None: every idea (an
    export, where a list of every number would outgrow a statement's parameters)."""
    if idea_ids is not None and not idea_ids:
        return {}
    query = select(Support.idea_id, func.count()).group_by(Support.idea_id)
    rows = session.execute(query if idea_ids is None else query.where(Support.idea_id.in_(idea_ids)))
    return {idea_id: int(n) for idea_id, n in rows}


def supported_by(session: Session, idea_ids: Sequence[int], submitter_ids: Sequence[int]) -> set[int]:
    """Which of the ideas the person (any of their submitter rows) supports."""
    if not idea_ids or not submitter_ids:
        return set()
    return set(session.scalars(select(Support.idea_id).where(Support.idea_id.in_(idea_ids),
                                                             Support.submitter_id.in_(submitter_ids))))


def add_support(session: Session, *, idea_id: int, submitter_id: int) -> None:
    """One row; a second one for the same person breaks the unique key (core/support.py retries)."""
    session.add(Support(idea_id=idea_id, submitter_id=submitter_id))
    session.flush()


def remove_support(session: Session, *, idea_id: int, submitter_ids: Sequence[int]) -> int:
    """Take the person's support back; the number of rows removed (0 when there was none)."""
    if not submitter_ids:
        return 0
    done = session.execute(delete(Support).where(Support.idea_id == idea_id,
                                                 Support.submitter_id.in_(submitter_ids))
                           .execution_options(synchronize_session=False))
    return int(getattr(done, "rowcount", 0) or 0)


def supports_of(session: Session, submitter_ids: Sequence[int]) -> list[tuple[int, datetime]]:
    """(idea id, when) of every support the person gave, oldest first: for their copy of their data."""
    if not submitter_ids:
        return []
    rows = session.execute(select(Support.idea_id, Support.created_at)
                           .where(Support.submitter_id.in_(submitter_ids)).order_by(Support.created_at, Support.id))
    return [(idea_id, when) for idea_id, when in rows]


def forget_supports_of(session: Session, submitter_ids: Sequence[int]) -> int:
    """Erase the person's supports ("Slett meg"); the number removed."""
    if not submitter_ids:
        return 0
    done = session.execute(delete(Support).where(Support.submitter_id.in_(submitter_ids))
                           .execution_options(synchronize_session=False))
    return int(getattr(done, "rowcount", 0) or 0)
