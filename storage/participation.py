"""Who takes part: how many people sent or supported ideas per area and month, how many people are known, and the
ideas with the most support. Computed in SQL, shaped for 100,000 ideas (bench/queries.py).

Each activity is a query of (area, person) in a span of time, read off a covering index (`ix_ideas_participation`,
`ix_supports_participation`): months are ranges of a timestamp, never date arithmetic per row. A person is a
submitter row; supports are kept on the person's first row (core/support.py), so a supporter is counted once
across their linked identities. Each activity (sent, supported, commented) is one entry in ACTIVITIES.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import pairwise

from sqlalchemy import Select, func, literal, select, union, union_all
from sqlalchemy.orm import Session

from storage.models import Comment, Idea, Status, Submitter, Support, Voice

Span = tuple[datetime, datetime]
Activity = Callable[[datetime, datetime], Select[tuple[str | None, int]]]
ALL_AREAS = "*"  # the key of a month's figures over every area (a person active in two areas counts once)
ANY = "participated"  # the key of the people who did any of the activities


def _sent(start: datetime, end: datetime) -> Select[tuple[str | None, int]]:
    return (select(Idea.focus_area.label("area"), Idea.submitter_id.label("person"))
            .where(Idea.created_at >= start, Idea.created_at < end, Idea.submitter_id.is_not(None)))


def _supported(start: datetime, end: datetime) -> Select[tuple[str | None, int]]:
    return (select(Idea.focus_area.label("area"), Support.submitter_id.label("person"))
            .join(Idea, Idea.id == Support.idea_id)
            .where(Support.created_at >= start, Support.created_at < end))


def _commented(start: datetime, end: datetime) -> Select[tuple[str | None, int]]:
    # A handler's official answer is their work, not taking part: only comments by a person's own row count.
    return (select(Idea.focus_area.label("area"), Comment.submitter_id.label("person"))
            .join(Idea, Idea.id == Comment.idea_id)
            .where(Comment.created_at >= start, Comment.created_at < end, Comment.submitter_id.is_not(None),
                   Comment.voice != Voice.HANDLER))


ACTIVITIES: dict[str, Activity] = {"sent": _sent, "supported": _supported, "commented": _commented}


def people_by_month(session: Session, months: Sequence[datetime]) -> dict[str, dict[str | None, dict[str, int]]]:
    """For each month from months[i] to months[i+1] ('YYYY-MM'): per area (None: the triage queue; ALL_AREAS:
    every area) the number of different people who did each activity, and who did any (ANY). Months and areas
    where nobody did anything are left out."""
    spans = list(pairwise(months))
    found: dict[str, dict[str | None, dict[str, int]]] = {}
    kinds: dict[str, Callable[[Span], Select[tuple[str | None, int]]]] = {
        name: (lambda span, make=make: make(*span)) for name, make in ACTIVITIES.items()}
    # UNION, not UNION ALL: a person who both sent and supported in an area counts once among those taking part.
    kinds[ANY] = lambda span: union(*(make(*span) for make in ACTIVITIES.values())).subquery().select()
    for name, rows_of in kinds.items():
        for month, area, n in _counted(session, spans, rows_of):
            found.setdefault(month, {}).setdefault(area, {})[name] = n
    for figures in found.values():
        for counts in figures.values():
            for name in kinds:
                counts.setdefault(name, 0)
    return found


def _counted(session: Session, spans: list[Span],
             rows_of: Callable[[Span], Select[tuple[str | None, int]]]) -> list[tuple[str, str | None, int]]:
    """(month, area or ALL_AREAS, distinct people) for every span, in two statements (by area, and overall)."""
    if not spans:
        return []
    by_area, overall = [], []
    for span in spans:
        rows = rows_of(span).subquery()
        label = literal(span[0].strftime("%Y-%m"))
        people = func.count(func.distinct(rows.c.person))
        by_area.append(select(label.label("month"), rows.c.area, people).group_by(rows.c.area))
        overall.append(select(label.label("month"), literal(ALL_AREAS).label("area"), people)
                       .having(people > 0))
    found = []
    for statement in (union_all(*by_area), union_all(*overall)):
        found += [(month, area, int(n)) for month, area, n in session.execute(statement)]
    return found


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
