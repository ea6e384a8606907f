"""Follow-up statistics, computed in SQL: counts, answer times, SLA, implementation, savings (per phase, area and
unit: storage/progress.py).

Shaped to stay fast at 100,000 ideas and more (bench/queries.py): one pass over a covering index for every count
and sum (`idea_groups`), index range scans for the rest, and no date arithmetic per row — the answer time is
stored (`Idea.days_to_first_answer`), and months are counted as ranges of `created_at`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from storage.models import Correction, Idea, OutboxMessage, OutboxState, Status

SAVING_STATUSES = (Status.ACCEPTED, Status.IMPLEMENTED)


@dataclass(frozen=True)
class SlaShare:
    due: int
    answered_within: int

    @property
    def share(self) -> float | None:
        return round(self.answered_within / self.due, 4) if self.due else None


@dataclass(frozen=True)
class Group:
    """The ideas with one status, focus area and commissioner: how many, answered (in time), their savings."""

    status: Status
    focus_area: str | None
    commissioner: str | None
    count: int
    answered: int
    answered_within_sla: int
    saving_nok: int


def idea_groups(session: Session, *, sla_days: int) -> list[Group]:
    days = Idea.days_to_first_answer
    rows = session.execute(
        select(Idea.status, Idea.focus_area, Idea.commissioner, func.count(), func.count(days),
               func.count(case((days <= sla_days, 1))), func.coalesce(func.sum(Idea.estimated_saving_nok), 0))
        .group_by(Idea.status, Idea.focus_area, Idea.commissioner)
    )
    return [Group(Status(s), area, who, n, int(answered), int(ok), int(saving))
            for s, area, who, n, answered, ok, saving in rows]


def total(groups: Iterable[Group]) -> int:
    return sum(g.count for g in groups)


def count_by_status(groups: Iterable[Group]) -> dict[str, int]:
    counts = {status.value: 0 for status in Status}
    for group in groups:
        counts[group.status.value] += group.count
    return counts


def count_by_focus_area(groups: Iterable[Group]) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for group in groups:
        counts[group.focus_area] = counts.get(group.focus_area, 0) + group.count
    return _sorted(counts)


def implementation_counts(groups: Iterable[Group]) -> tuple[int, int]:
    """(implemented, accepted or implemented): the share of accepted ideas carried through."""
    groups = list(groups)
    implemented = sum(g.count for g in groups if g.status is Status.IMPLEMENTED)
    return implemented, sum(g.count for g in groups if g.status in SAVING_STATUSES)


def savings_by_focus_area(groups: Iterable[Group]) -> dict[str | None, int]:
    savings: dict[str | None, int] = {}
    for group in groups:
        if group.status in SAVING_STATUSES:
            savings[group.focus_area] = savings.get(group.focus_area, 0) + group.saving_nok
    return _sorted(savings)


def sla_shares(session: Session, groups: Iterable[Group], *, sla_days: int, now: datetime) -> dict[str | None,
                                                                                                  SlaShare]:
    """Per commissioner: ideas whose answer was due, and how many were answered within the SLA.

    An idea is due once it is answered or its deadline has passed without an answer; withdrawn ideas never are.
    """
    due: dict[str | None, int] = {}
    within: dict[str | None, int] = {}
    for group in groups:
        if group.status is not Status.WITHDRAWN and group.answered:
            due[group.commissioner] = due.get(group.commissioner, 0) + group.answered
            within[group.commissioner] = within.get(group.commissioner, 0) + group.answered_within_sla
    late = session.execute(
        select(Idea.commissioner, func.count())
        .where(Idea.first_answered_at.is_(None), Idea.created_at < now - timedelta(days=sla_days),
               Idea.status != Status.WITHDRAWN)
        .group_by(Idea.commissioner)
    )
    for who, n in late:
        due[who] = due.get(who, 0) + n
    return {who: SlaShare(due=n, answered_within=within.get(who, 0)) for who, n in _sorted(due).items()}


def count_by_month(session: Session) -> dict[str, int]:
    """Ideas per 'YYYY-MM' (UTC), months without ideas left out: one range count per month, in one statement."""
    # Two queries: SQLite reads min() or max() alone off the index, but both in one SELECT scan the table.
    first = session.scalar(select(func.min(Idea.created_at)))
    last = session.scalar(select(func.max(Idea.created_at)))
    if first is None or last is None:
        return {}
    months = _months(first, last)
    counts = [select(func.count()).where(Idea.created_at >= start, Idea.created_at < end).scalar_subquery()
              for start, end in pairwise(months)]
    found = session.execute(select(*counts)).one()
    return {start.strftime("%Y-%m"): n for start, n in zip(months, found, strict=False) if n}


def overdue_condition(*, sla_days: int, now: datetime) -> ColumnElement[bool]:
    return and_(Idea.status == Status.RECEIVED, Idea.created_at < now - timedelta(days=sla_days))


def count_overdue(session: Session, *, sla_days: int, now: datetime) -> int:
    return session.scalar(select(func.count()).where(overdue_condition(sla_days=sla_days, now=now))) or 0


def median_days_to_first_answer(session: Session, groups: Iterable[Group]) -> float | None:
    answered = sum(g.answered for g in groups)
    if not answered:
        return None
    # The middle one or two answer times, read in order from their index.
    days = Idea.days_to_first_answer
    middle = (select(days.label("days")).where(days.is_not(None)).order_by(days)
              .limit(2 - answered % 2).offset((answered - 1) // 2).subquery())
    return round(float(session.scalar(select(func.avg(middle.c.days))) or 0.0), 2)


def count_rerouted_by_hand(session: Session) -> int:
    return session.scalar(select(func.count(func.distinct(Correction.idea_id)))) or 0


def outbox_counts(session: Session) -> dict[str, int]:
    """Delivered is what is left of the whole: it grows without end, so it is never counted row by row."""
    everything = session.scalar(select(func.count()).select_from(OutboxMessage)) or 0
    counts = {state.value: session.scalar(select(func.count()).where(OutboxMessage.state == state)) or 0
              for state in (OutboxState.PENDING, OutboxState.DEAD)}
    return {OutboxState.PENDING.value: counts["pending"],
            OutboxState.DELIVERED.value: everything - counts["pending"] - counts["dead"],
            OutboxState.DEAD.value: counts["dead"]}


def oldest_pending_at(session: Session) -> datetime | None:
    """When the longest-waiting notification was queued; pending ones are few and found by their index."""
    return session.scalar(select(func.min(OutboxMessage.created_at)).where(OutboxMessage.state == OutboxState.PENDING))


def dead_letters(session: Session, *, limit: int) -> list[OutboxMessage]:
    """Notifications given up on, newest first: what an administrator has to follow up by hand."""
    return list(session.scalars(
        select(OutboxMessage).where(OutboxMessage.state == OutboxState.DEAD)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(limit)))


def _months(first: datetime, last: datetime) -> list[datetime]:
    """The first instant (UTC) of every month from `first`'s to the one after `last`'s."""
    month = first.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    months = [month]
    while month <= last:
        month = (month + timedelta(days=32)).replace(day=1)
        months.append(month)
    return months


def _sorted(counts: dict[str | None, int]) -> dict[str | None, int]:
    """In key order, None (the triage queue) last, as SQL's ORDER BY put it."""
    return dict(sorted(counts.items(), key=lambda item: (item[0] is None, item[0] or "")))
