"""Who takes part: how many people sent, supported or commented per area and month, how many people are known, and
the ideas with the most support. Shaped for 100,000 ideas (bench/queries.py).

The people per month and area are counted from the participation rows (storage/models/participation.py: one per
person, month, area and activity, kept as the acts happen), read off their unique key. A person is a submitter
row; supports are kept on the person's first row (core/support.py), so a supporter is counted once across their
linked identities. `rebuild` writes the rows afresh from the ideas, supports and comments (the seed's bulk
inserts pass no listener).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.models import Comment, Idea, Status, Submitter, Support, Voice
from storage.models.participation import (
    ACTIVITIES,
    ALL_AREAS,
    ANY,
    COMMENTED,
    SENT,
    SUPPORTED,
    TRIAGE,
    Participation,
    keep,
    month_of,
    rows_for,
)

__all__ = ["ALL_AREAS", "ANY", "forget", "known_people", "most_supported", "people_by_month", "rebuild"]


def people_by_month(session: Session, months: Sequence[datetime]) -> dict[str, dict[str | None, dict[str, int]]]:
    """For each month from months[i] to months[i+1] ('YYYY-MM'): per area (None: the triage queue; ALL_AREAS:
    every area) the number of different people who did each activity, and who did any (ANY). Months and areas
    where nobody did anything are left out."""
    keys = [month_of(start) for start, _ in pairwise(months)]
    if not keys:
        return {}
    rows = session.execute(select(Participation.month, Participation.area, Participation.activity, func.count())
                           .where(Participation.month.in_(keys))
                           .group_by(Participation.month, Participation.area, Participation.activity))
    found: dict[str, dict[str | None, dict[str, int]]] = {}
    for month, area, activity, n in rows:
        counts = found.setdefault(month, {}).setdefault(None if area == TRIAGE else area,
                                                        dict.fromkeys((*ACTIVITIES, ANY), 0))
        counts[activity] = int(n)
    return found


def rebuild(session: Session) -> int:
    """Write every participation row again from the ideas, supports and colleagues' comments, in the area each
    idea is in now. Returns the number of acts read."""
    session.execute(delete(Participation))
    acts = [(person, area, SENT, when) for person, area, when in session.execute(
        select(Idea.submitter_id, Idea.focus_area, Idea.created_at).where(Idea.submitter_id.is_not(None)))]
    acts += [(person, area, SUPPORTED, when) for person, area, when in session.execute(
        select(Support.submitter_id, Idea.focus_area, Support.created_at).join(Idea, Idea.id == Support.idea_id))]
    acts += [(person, area, COMMENTED, when) for person, area, when in session.execute(
        select(Comment.submitter_id, Idea.focus_area, Comment.created_at).join(Idea, Idea.id == Comment.idea_id)
        .where(Comment.submitter_id.is_not(None), Comment.voice != Voice.HANDLER))]
    unique = {tuple(row.values()): row for person, area, activity, when in acts
              for row in rows_for(person=person, area=area, activity=activity, when=when)}
    rows = list(unique.values())
    for start in range(0, len(rows), 5_000):
        keep(session.connection(), rows[start:start + 5_000])
    return len(acts)


def forget(session: Session, people: Sequence[int]) -> None:
    """An erased person's acts leave the figures with them."""
    if people:
        session.execute(delete(Participation).where(Participation.submitter_id.in_(list(people))))


def known_people(session: Session) -> int:
    """The people the service knows (sent, supported or signed in to act), erased ones left out."""
    return session.scalar(select(func.count()).select_from(Submitter).where(Submitter.erased_at.is_(None))) or 0


def most_supported(session: Session, *, statuses: Sequence[Status], limit: int) -> list[tuple[Idea, int]]:
    """The ideas with one of `statuses` that most people support, most first, with their counts."""
    counts = select(Support.idea_id, func.count().label("n")).group_by(Support.idea_id).subquery()
    rows = session.execute(select(Idea, counts.c.n).join(counts, counts.c.idea_id == Idea.id)
                           .where(Idea.status.in_(statuses))
                           .order_by(counts.c.n.desc(), Idea.received_on.desc(), Idea.id.desc()).limit(limit))
    return [(idea, int(n)) for idea, n in rows]
