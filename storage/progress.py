"""The sums the follow-up of the savings programme is built from: per phase, focus area, unit and status, the
ideas, their estimated annual saving and their realised saving.

One GROUP BY over the covering index `ix_ideas_follow_up`: the table is not read, and the groups are few (phases ×
areas × units × statuses), so core/progress.py folds them into its figures without touching a row twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from storage.models import Idea, Status


@dataclass(frozen=True)
class SavingGroup:
    phase: str | None
    focus_area: str | None
    unit: str | None
    status: Status
    ideas: int
    estimated_nok: int
    realised_nok: int


def grouped() -> Select[tuple[str | None, str | None, str | None, Status, int, int, int]]:
    keys = (Idea.phase, Idea.focus_area, Idea.unit, Idea.status)
    return (select(*keys, func.count(), func.coalesce(func.sum(Idea.estimated_saving_nok), 0),
                   func.coalesce(func.sum(Idea.realised_saving_nok), 0)).group_by(*keys))


def saving_groups(session: Session) -> list[SavingGroup]:
    rows = session.execute(grouped())
    return [SavingGroup(phase, area, unit, Status(status), int(n), int(estimated), int(realised))
            for phase, area, unit, status, n, estimated, realised in rows]
