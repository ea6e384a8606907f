"""Reminders of area packages below their share as a phase's deadline nears.

From `packages.reminder_days` (org config, default 14) before a phase's deadline until the deadline, the
commissioner of each area whose package is not adopted and sums below the area's share is reminded in their chat,
once per phase (a marker per phase and area, as the weekly digest keeps one per week), and the weekly digest lists
the package too while the shortfall lasts. The worker checks once a day.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from core import notify
from core.budget import Phase
from core.locale import day_of
from core.orgconfig import Commissioner, OrgConfig
from core.package_figures import Figures
from core.package_views import standings
from storage.models import PackageState, ProcessedKey, utcnow
from storage.queries import key_seen

log = logging.getLogger(__name__)


def phases_due(org: OrgConfig, today: date) -> list[Phase]:
    """The phases whose deadline is within the reminder days from today (the deadline day included)."""
    days = org.packages.reminder_days
    if days <= 0:
        return []
    return [p for p in org.phases if p.deadline - timedelta(days=days) <= today <= p.deadline]


@dataclass(frozen=True)
class Shortfall:
    phase: Phase
    focus_area: str
    commissioner: Commissioner
    figures: Figures

    def payload(self, today: date) -> dict[str, Any]:
        """What the chat message and the digest say: plain values, rendered in the reader's language at delivery."""
        return {"phase": self.phase.id, "focus_area": self.focus_area, "deadline": self.phase.deadline.isoformat(),
                "days_left": (self.phase.deadline - today).days, "target_year": self.figures.target_year,
                "packaged_nok": self.figures.packaged_nok, "share_nok": self.figures.share_nok,
                "challenge_nok": self.figures.challenge_nok}


def shortfalls(*, session: Session, org: OrgConfig, today: date) -> list[Shortfall]:
    """The packages below their area's share in the phases due for reminders; adopted ones are settled."""
    found = []
    for phase in phases_due(org, today):
        for standing in standings(session, org, phase):
            commissioner = org.commissioner_for(standing.focus_area)
            if standing.state is not PackageState.ADOPTED and standing.figures.below_share and commissioner:
                found.append(Shortfall(phase=phase, focus_area=standing.focus_area, commissioner=commissioner,
                                       figures=standing.figures))
    return found


def shortfalls_by_commissioner(*, session: Session, org: OrgConfig, today: date) -> dict[str, list[dict[str, Any]]]:
    """For the weekly digest: each commissioner's packages below their share, as payloads."""
    found: dict[str, list[dict[str, Any]]] = {}
    for shortfall in shortfalls(session=session, org=org, today=today):
        found.setdefault(shortfall.commissioner.id, []).append(shortfall.payload(today))
    return found


def enqueue_reminders(*, session: Session, org: OrgConfig, now: datetime | None = None) -> int:
    """Queue the reminders not sent yet in this phase; returns how many notifications."""
    today = day_of(now or utcnow())
    queued = 0
    for shortfall in shortfalls(session=session, org=org, today=today):
        marker = f"package-reminder:{shortfall.phase.id}:{shortfall.focus_area}"
        if key_seen(session, marker):
            continue
        session.add(ProcessedKey(key=marker))
        queued += notify.package_reminder(session=session, commissioner=shortfall.commissioner,
                                          payload=shortfall.payload(today))
    return queued


@dataclass
class DailyReminders:
    """Due once a day while some phase is within its reminder days; remembers the day to spare the database."""

    checked_on: date | None = None

    def run_if_due(self, *, session_factory: sessionmaker[Session], org: OrgConfig,
                   now: datetime | None = None) -> int | None:
        today = day_of(now or utcnow())
        if self.checked_on == today or not phases_due(org, today):
            return None
        try:
            with session_factory.begin() as session:
                queued = enqueue_reminders(session=session, org=org, now=now)
        except IntegrityError:  # another worker wrote a marker first: it sends those reminders
            self.checked_on = today
            return 0
        except Exception:  # the database may be briefly away: try again on the next pass
            log.exception("package reminders failed")
            return None
        self.checked_on = today
        if queued:
            log.info("package reminders: %d notifications queued", queued)
        return queued
