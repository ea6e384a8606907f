"""The weekly digest: one outbox notification per commissioner listing their overdue ideas, and their area
packages below the area's share while a phase's deadline nears (core/package_reminders.py).

Sent once per ISO week (Europe/Oslo), from the worker on Monday morning or by hand with `forslagskassa digest`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from core.locale import TIME_ZONE, day_of
from core.notify import Kind, staff_addresses
from core.orgconfig import OrgConfig
from core.outbox import enqueue
from core.package_reminders import shortfalls_by_commissioner
from storage.models import ProcessedKey, utcnow
from storage.queries import commissioners_and_ideas, key_seen
from storage.stats import overdue_condition

log = logging.getLogger(__name__)

SEND_AT = time(7, 0)  # Monday morning, before the week's meetings


def week_of(now: datetime) -> str:
    year, week, _ = now.astimezone(TIME_ZONE).isocalendar()
    return f"{year}-W{week:02d}"


def overdue_by_commissioner(*, session: Session, org: OrgConfig, now: datetime) -> dict[str, list[int]]:
    """Idea ids past the SLA, oldest first, per commissioner id. Ideas in the triage queue have none."""
    found: dict[str, list[int]] = {}
    for commissioner, idea_id in commissioners_and_ideas(session, where=overdue_condition(sla_days=org.sla_days,
                                                                                        now=now)):
        found.setdefault(commissioner, []).append(idea_id)
    return found


def enqueue_digests(*, session: Session, org: OrgConfig, now: datetime | None = None, force: bool = False) -> int:
    """Queue this week's digests; returns how many notifications. A second call in the same week queues none."""
    now = now or utcnow()
    week = week_of(now)
    marker = f"digest:{week}"
    if key_seen(session, marker):
        if not force:
            return 0
    else:
        session.add(ProcessedKey(key=marker))
    queued = 0
    overdue = overdue_by_commissioner(session=session, org=org, now=now)
    short = shortfalls_by_commissioner(session=session, org=org, today=day_of(now))
    for commissioner_id in [*overdue, *(c for c in short if c not in overdue)]:
        person = org.commissioner(commissioner_id)
        if person is None:  # an idea routed to someone since removed from the org config
            continue
        payload = {"week": week, "commissioner": person.id, "idea_ids": overdue.get(commissioner_id, []),
                   "packages": short.get(commissioner_id, [])}
        for channel, recipient in staff_addresses(person):
            enqueue(session=session, idea=None, kind=Kind.DIGEST, channel=channel, recipient=recipient,
                    payload=payload)
            queued += 1
    return queued


@dataclass
class WeeklySchedule:
    """Due from Monday 07:00 local time until the week's digest is done; remembers the week to skip the database."""

    done_week: str | None = None

    def due(self, now: datetime) -> bool:
        local = now.astimezone(TIME_ZONE)
        monday = local.date() - timedelta(days=local.weekday())
        return self.done_week != week_of(now) and local >= datetime.combine(monday, SEND_AT, tzinfo=TIME_ZONE)

    def run_if_due(self, *, session_factory: sessionmaker[Session], org: OrgConfig,
                   now: datetime | None = None) -> int | None:
        now = now or utcnow()
        if not self.due(now):
            return None
        try:
            with session_factory.begin() as session:
                queued = enqueue_digests(session=session, org=org, now=now)
        except IntegrityError:  # another worker wrote this week's marker first: it sends the digest
            self.done_week = week_of(now)
            return 0
        except Exception:  # the database may be briefly away: try again on the next pass
            log.exception("weekly digest failed")
            return None
        self.done_week = week_of(now)
        if queued:
            log.info("weekly digest %s: %d notifications queued", self.done_week, queued)
        return queued
