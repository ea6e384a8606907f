"""Reminders of packages below their area's share as a phase's deadline nears (core/package_reminders.py): to the
commissioner in their chat once per phase, and in the weekly digest."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from core import handling, packages
from core.digest import enqueue_digests
from core.notify import Kind
from core.package_reminders import DailyReminders, enqueue_reminders, phases_due
from core.package_settings import PackageSettings
from core.unit_of_work import UnitOfWork
from storage.models import OutboxMessage
from tests.core.helpers import submit
from tests.people import ADMIN, OPPVEKST

# Løten's phase 1 closes on 31 October 2026; by default reminders go out from 17 October.
BEFORE = datetime(2026, 10, 10, 8, 0, tzinfo=UTC)
WITHIN = datetime(2026, 10, 19, 8, 0, tzinfo=UTC)  # a Monday
LATER = datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
PEOPLE = {"kommunalsjef-oppvekst": "UOPPVEKST", "arne-jorstad": "UHELSE", "frank-hauge": "UDIREKTOR"}


@pytest.fixture
def chat_org(org):
    """Løten with a Slack user for each commissioner, and a Teams id for one (the shipped config has none)."""
    return org.model_copy(update={"commissioners": [
        c.model_copy(update={"slack_user_id": PEOPLE[c.id],
                             "teams_aad_id": "aad-helse" if c.id == "arne-jorstad" else None})
        for c in org.commissioners]})


def reminders(session) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.kind == Kind.PACKAGE_REMINDER)
                                .order_by(OutboxMessage.id)))


def fill(session, services, org, saving: int) -> None:
    """barn-og-unge's package of phase 1 with one accepted idea saving `saving` a year."""
    uow = UnitOfWork(session=session, services=dataclasses.replace(services, org=org))
    idea = submit(session, org, text="Felles innkjøp", area="barn-og-unge")
    handling.accept(uow=uow, actor=OPPVEKST, idea_id=idea.id)
    handling.estimate_saving(uow=uow, actor=OPPVEKST, idea_id=idea.id, amount_nok=saving)
    packages.add(uow=uow, actor=OPPVEKST, focus_area="barn-og-unge", phase="fase-1", idea_id=idea.id)


def test_the_reminder_window_is_the_configured_days_before_the_deadline(org):
    assert phases_due(org, date(2026, 10, 16)) == []
    assert [p.id for p in phases_due(org, date(2026, 10, 17))] == ["fase-1"]
    assert [p.id for p in phases_due(org, date(2026, 10, 31))] == ["fase-1"]
    assert phases_due(org, date(2026, 11, 1)) == []
    never = org.model_copy(update={"packages": PackageSettings(reminder_days=0)})
    assert phases_due(never, date(2026, 10, 31)) == []


def test_commissioners_below_their_share_are_reminded_once_per_phase(session, services, chat_org):
    fill(session, services, chat_org, saving=10_000_000)  # barn-og-unge far above its share
    assert enqueue_reminders(session=session, org=chat_org, now=BEFORE) == 0
    # helse-og-livskvalitet (Slack and Teams) and samfunnsutvikler (Slack) have nothing packaged.
    assert enqueue_reminders(session=session, org=chat_org, now=WITHIN) == 3
    sent = reminders(session)
    assert sorted((m.channel.value, m.recipient) for m in sent) == [
        ("slack", "user:UDIREKTOR"), ("slack", "user:UHELSE"), ("teams", "user:aad-helse")]
    helse = next(m.payload for m in sent if m.recipient == "user:UHELSE")
    assert helse["phase"] == "fase-1" and helse["packaged_nok"] == 0 and helse["days_left"] == 12
    assert helse["share_nok"] > 0 and helse["deadline"] == "2026-10-31"
    # The next day, and the next worker, queue nothing again.
    assert enqueue_reminders(session=session, org=chat_org, now=LATER) == 0


def test_an_adopted_package_is_not_reminded_of(session, services, chat_org):
    fill(session, services, chat_org, saving=1_000)
    uow = UnitOfWork(session=session, services=dataclasses.replace(services, org=chat_org))
    packages.submit(uow=uow, actor=OPPVEKST, focus_area="barn-og-unge", phase="fase-1")
    packages.adopt(uow=uow, actor=ADMIN, focus_area="barn-og-unge", phase="fase-1", adopted_on=date(2026, 10, 18),
                   case_reference="PS 45/26")
    enqueue_reminders(session=session, org=chat_org, now=WITHIN)
    assert "user:UOPPVEKST" not in {m.recipient for m in reminders(session)}


def test_the_weekly_digest_lists_the_packages_below_their_share(session, services, chat_org):
    fill(session, services, chat_org, saving=1_000)
    assert enqueue_digests(session=session, org=chat_org, now=WITHIN) == 4  # three commissioners, one twice
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == Kind.DIGEST)).all()
    oppvekst = next(r.payload for r in rows if r.recipient == "user:UOPPVEKST")
    assert oppvekst["idea_ids"] == []
    assert [(p["focus_area"], p["packaged_nok"]) for p in oppvekst["packages"]] == [("barn-og-unge", 1_000)]


def test_the_worker_checks_once_a_day_and_only_in_the_window(session_factory, chat_org, session):
    schedule = DailyReminders()
    assert schedule.run_if_due(session_factory=session_factory, org=chat_org, now=BEFORE) is None
    assert schedule.run_if_due(session_factory=session_factory, org=chat_org, now=WITHIN) == 4
    assert schedule.run_if_due(session_factory=session_factory, org=chat_org, now=WITHIN) is None
    assert DailyReminders().run_if_due(session_factory=session_factory, org=chat_org, now=LATER) == 0
