"""Participation: the share of the organisation's people who sent or supported ideas, per area and month, and the
open ideas with the most support. Part of the follow-up figures (core/stats.py: the dashboard, GET /api/v1/stats).

"The organisation's people" is the org config's `headcount` when it is given (the employees, from HR), else the
people the service knows: everyone who has sent, supported or acted here. The second undercounts the quiet ones,
so the shares read high; the figures say which was used (`people_from`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from core import lifecycle
from core.orgconfig import OrgConfig
from core.presentation import HEADING, snippet
from storage import participation as sql

MONTHS = 12  # the current month and the eleven before it
MOST_SUPPORTED = 10
TRIAGE = "triage"
ALL_AREAS = "all"


def participation(*, session: Session, org: OrgConfig, now: datetime) -> dict[str, Any]:
    people = org.headcount or sql.known_people(session)
    counted = sql.people_by_month(session, last_months(now, MONTHS))
    by_month = {month: {_area(area): _figures(counts, people) for area, counts in _ordered(areas).items()}
                for month, areas in sorted(counted.items())}
    return {"people": people, "people_from": "headcount" if org.headcount else "known_people",
            "by_month": by_month}


def most_supported(*, session: Session, limit: int = MOST_SUPPORTED) -> list[dict[str, Any]]:
    """The open ideas (received or in review) most people support: for administrators, so never who sent them."""
    found = sql.most_supported(session, statuses=sorted(lifecycle.OPEN), limit=limit)
    return [{"id": idea.id, "heading": idea.title or snippet(idea.text, HEADING),
             "focus_area": idea.focus_area or TRIAGE, "status": idea.status.value, "support_count": n}
            for idea, n in found]


def last_months(now: datetime, n: int) -> list[datetime]:
    """The first instants (UTC) of the last `n` months and of the month after: n spans, the current one last."""
    month = now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    starts = [month]
    for _ in range(n - 1):
        month = (month - timedelta(days=1)).replace(day=1)
        starts.insert(0, month)
    return [*starts, (starts[-1] + timedelta(days=32)).replace(day=1)]


def _figures(counts: dict[str, int], people: int) -> dict[str, Any]:
    shares = {f"share_{name}": round(n / people, 4) if people else None for name, n in counts.items()}
    return {**counts, **shares}


def _ordered(areas: dict[str | None, dict[str, int]]) -> dict[str | None, dict[str, int]]:
    """Every area first, then the areas by id, the triage queue last."""
    return dict(sorted(areas.items(), key=lambda item: (item[0] != sql.ALL_AREAS, item[0] is None, item[0] or "")))


def _area(area: str | None) -> str:
    return ALL_AREAS if area == sql.ALL_AREAS else area or TRIAGE
