"""The weekly digest of overdue ideas: one notification per commissioner, once per week, Monday 07:00 Oslo."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.digest import WeeklySchedule, enqueue_digests, overdue_by_commissioner, week_of
from core.notify import Kind
from storage.models import Channel, OutboxMessage, Status
from tests.core.helpers import submit

# Monday 24 November 2025, 07:00 in Oslo (UTC+1 in winter).
MONDAY_7 = datetime(2025, 11, 24, 6, 0, tzinfo=UTC)


@pytest.fixture
def slack_org(org):
    """Løten with a Slack user for each commissioner (the shipped config has none)."""
    people = {"kommunalsjef-oppvekst": "UOPPVEKST", "arne-jorstad": "UHELSE", "frank-hauge": "UDIREKTOR"}
    return org.model_copy(update={"commissioners": [
        c.model_copy(update={"slack_user_id": people[c.id]}) for c in org.commissioners]})


def idea(session, org, *, area, days_old, status=Status.RECEIVED, now=MONDAY_7):
    made = submit(session, org, area=area, text=f"{area} {days_old} {status}")
    made.created_at = now - timedelta(days=days_old)
    made.status = status
    session.flush()
    return made


def digests(session):
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.kind == Kind.DIGEST)
                                .order_by(OutboxMessage.id)))


def test_only_unanswered_ideas_past_the_sla_are_overdue(session, org):
    old = idea(session, org, area="helse-og-livskvalitet", days_old=20)
    older = idea(session, org, area="helse-og-livskvalitet", days_old=30)
    idea(session, org, area="helse-og-livskvalitet", days_old=3)
    idea(session, org, area="helse-og-livskvalitet", days_old=40, status=Status.IN_REVIEW)
    school = idea(session, org, area="barn-og-unge", days_old=15)
    idea(session, org, area=None, days_old=50)  # the triage queue has no commissioner
    assert overdue_by_commissioner(session=session, org=org, now=MONDAY_7) == {
        "arne-jorstad": [older.id, old.id], "kommunalsjef-oppvekst": [school.id]}


def test_one_digest_per_commissioner_and_channel_once_a_week(session, slack_org):
    old = idea(session, slack_org, area="helse-og-livskvalitet", days_old=20)
    assert enqueue_digests(session=session, org=slack_org, now=MONDAY_7) == 1
    [row] = digests(session)
    assert (row.channel, row.recipient, row.idea_id) == (Channel.SLACK, "user:UHELSE", None)
    assert row.payload == {"week": "2025-W48", "commissioner": "arne-jorstad", "idea_ids": [old.id], "packages": []}

    assert enqueue_digests(session=session, org=slack_org, now=MONDAY_7 + timedelta(days=2)) == 0
    assert enqueue_digests(session=session, org=slack_org, now=MONDAY_7, force=True) == 1
    assert enqueue_digests(session=session, org=slack_org, now=MONDAY_7 + timedelta(days=7)) == 1
    assert [r.payload["week"] for r in digests(session)] == ["2025-W48", "2025-W48", "2025-W49"]


def test_commissioners_without_a_chat_identity_get_no_digest(session, org):
    idea(session, org, area="helse-og-livskvalitet", days_old=20)
    assert enqueue_digests(session=session, org=org, now=MONDAY_7) == 0


def test_the_week_is_counted_in_oslo():
    sunday_late_utc = datetime(2025, 11, 23, 23, 30, tzinfo=UTC)  # already Monday 00:30 in Oslo
    assert week_of(sunday_late_utc) == "2025-W48"


@pytest.mark.parametrize(("now", "due"), [
    (MONDAY_7 - timedelta(minutes=1), False),
    (MONDAY_7, True),
    (MONDAY_7 + timedelta(days=3), True),  # the server was down on Monday: it goes out when it is back
])
def test_the_schedule_is_due_from_monday_seven(now, due):
    assert WeeklySchedule().due(now) is due


def test_the_schedule_runs_once_a_week(session_factory, slack_org, session):
    idea(session, slack_org, area="helse-og-livskvalitet", days_old=20)
    session.commit()
    schedule = WeeklySchedule()
    assert schedule.run_if_due(session_factory=session_factory, org=slack_org, now=MONDAY_7 - timedelta(hours=1)) \
        is None
    assert schedule.run_if_due(session_factory=session_factory, org=slack_org, now=MONDAY_7) == 1
    assert schedule.run_if_due(session_factory=session_factory, org=slack_org, now=MONDAY_7 + timedelta(hours=1)) \
        is None
    # A second worker (or a restart) in the same week finds the week's marker and sends nothing.
    assert WeeklySchedule().run_if_due(session_factory=session_factory, org=slack_org, now=MONDAY_7) == 0
    assert schedule.run_if_due(session_factory=session_factory, org=slack_org, now=MONDAY_7 + timedelta(days=7)) == 1
