"""Follow-up statistics, computed in SQL: counts, answer times, SLA, implementation, savings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from storage.models import Correction, Idea, OutboxMessage, OutboxState, Status
from storage.sqlfunc import days_between, month_of

ANSWERED = Idea.first_answered_at.is_not(None)
COUNTS_FOR_SLA = Idea.status != Status.WITHDRAWN
SAVING_STATUSES = (Status.ACCEPTED, Status.IMPLEMENTED)


@dataclass(frozen=True)
class SlaShare:
    due: int
    answered_within: int

    @property
    def share(self) -> float | None:
        return round(self.answered_within / self.due, 4) if self.due else None


def count_by(session: Session, column: ColumnElement[str | None]) -> dict[str | None, int]:
    rows = session.execute(select(column, func.count()).group_by(column).order_by(column))
    return {key: count for key, count in rows}


def count_by_status(session: Session) -> dict[str, int]:
    counts = count_by(session, Idea.status)
    return {status.value: counts.get(status, 0) for status in Status}


def count_by_month(session: Session) -> dict[str, int]:
    month = month_of(Idea.created_at)
    rows = session.execute(select(month, func.count()).group_by(month).order_by(month))
    return {key: count for key, count in rows}


def overdue_condition(*, sla_days: int, now: datetime) -> ColumnElement[bool]:
    return and_(Idea.status == Status.RECEIVED, Idea.created_at < now - timedelta(days=sla_days))


def count_overdue(session: Session, *, sla_days: int, now: datetime) -> int:
    return session.scalar(select(func.count()).where(overdue_condition(sla_days=sla_days, now=now))) or 0


def median_days_to_first_answer(session: Session) -> float | None:
    days = days_between(Idea.created_at, Idea.first_answered_at)
    answered = session.scalar(select(func.count()).where(ANSWERED)) or 0
    if not answered:
        return None
    # The middle one or two values of the ordered answer times, picked by the database.
    middle = select(days.label("days")).where(ANSWERED).order_by(days)
    middle = middle.limit(2 - answered % 2).offset((answered - 1) // 2).subquery()
    return round(float(session.scalar(select(func.avg(middle.c.days))) or 0.0), 2)


def sla_shares(session: Session, *, sla_days: int, now: datetime) -> dict[str | None, SlaShare]:
    """Per commissioner: ideas whose answer was due, and how many were answered within the SLA.

    An idea is due once it is answered or its deadline has passed without an answer.
    """
    due = and_(COUNTS_FOR_SLA, or_(ANSWERED, Idea.created_at < now - timedelta(days=sla_days)))
    within = and_(ANSWERED, days_between(Idea.created_at, Idea.first_answered_at) <= sla_days)
    rows = session.execute(
        select(Idea.commissioner, func.count(), func.sum(case((within, 1), else_=0)))
        .where(due)
        .group_by(Idea.commissioner)
        .order_by(Idea.commissioner)
    )
    return {who: SlaShare(due=int(n), answered_within=int(ok or 0)) for who, n, ok in rows}


def implementation_counts(session: Session) -> tuple[int, int]:
    """(implemented, accepted or implemented): the share of accepted ideas carried through."""
    implemented = func.sum(case((Idea.status == Status.IMPLEMENTED, 1), else_=0))
    accepted = select(func.count(), implemented).where(Idea.status.in_(SAVING_STATUSES))
    total, done = session.execute(accepted).one()
    return int(done or 0), int(total or 0)


def savings_by_focus_area(session: Session) -> dict[str | None, int]:
    rows = session.execute(
        select(Idea.focus_area, func.coalesce(func.sum(Idea.estimated_saving_nok), 0))
        .where(Idea.status.in_(SAVING_STATUSES))
        .group_by(Idea.focus_area)
        .order_by(Idea.focus_area)
    )
    return {area: int(total) for area, total in rows}


def count_rerouted_by_hand(session: Session) -> int:
    return session.scalar(select(func.count(func.distinct(Correction.idea_id)))) or 0


def outbox_counts(session: Session) -> dict[str, int]:
    counts = count_by(session, OutboxMessage.state)
    return {state.value: counts.get(state, 0) for state in OutboxState}
