"""Outgoing messages go through the outbox: a throttled or failing Bot Connector delays a message, never loses it
(and never loses the idea); a refusal that will not change (403, 404) stops the retries.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import update

from bot.teams.notifier import retry_after
from storage.models import OutboxMessage, OutboxState, utcnow
from tests.bot.teams import activities
from tests.bot.teams.activities import KARI
from tests.bot.teams.conftest import Teams, texts_of

IDEA = "Samkjør innkjøp av kontorrekvisita for alle enhetene"


@pytest.fixture(autouse=True)
def _routes(classifier) -> None:
    classifier.focus_area = "samfunnsutvikler"


def confirmation(teams: Teams) -> OutboxMessage:
    return next(row for row in teams.outbox() if row.kind == "idea_received")


def make_due(teams: Teams) -> None:
    with teams.services.session_factory.begin() as session:
        session.execute(update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at))


async def test_throttled_answers_wait_for_retry_after_and_then_arrive(teams: Teams) -> None:
    teams.connector.fail_next(429, {"Retry-After": "30"})

    await teams.say(KARI, IDEA)

    assert len(teams.ideas()) == 1  # the idea is stored whatever the connector says
    row = confirmation(teams)
    assert row.state is OutboxState.PENDING and row.attempts == 1 and "429" in row.last_error
    assert row.next_attempt_at >= utcnow() + timedelta(seconds=28)
    assert teams.connector.to(KARI.conversation) == []

    make_due(teams)
    await teams.deliver()

    assert confirmation(teams).state is OutboxState.DELIVERED
    assert "Sendt til Kommunen som samfunnsutvikler — Frank Hauge." in texts_of(teams.last_to(KARI).card)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_retried(teams: Teams, status: int) -> None:
    teams.connector.fail_next(status)

    await teams.say(KARI, IDEA)

    row = confirmation(teams)
    assert row.state is OutboxState.PENDING and str(status) in row.last_error
    make_due(teams)
    await teams.deliver()
    assert confirmation(teams).state is OutboxState.DELIVERED


@pytest.mark.parametrize("status", [403, 404])
async def test_a_blocked_bot_or_a_gone_conversation_is_not_retried(teams: Teams, status: int) -> None:
    teams.connector.fail_next(status)

    await teams.say(KARI, IDEA)

    row = confirmation(teams)
    assert row.state is OutboxState.DEAD and str(status) in row.last_error
    assert len(teams.ideas()) == 1


async def test_an_unreachable_connector_is_retried(teams: Teams) -> None:
    activity = activities.message(KARI, IDEA, "http://127.0.0.1:9/")  # nothing listens on the discard port

    assert (await teams.post(activity)).status_code == 202

    row = confirmation(teams)
    assert row.state is OutboxState.PENDING and "unreachable" in row.last_error
    assert len(teams.ideas()) == 1


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    assert retry_after({"Retry-After": "7"}) == 7.0
    later = datetime.now(UTC) + timedelta(seconds=120)
    assert 100 < retry_after({"Retry-After": format_datetime(later, usegmt=True)}) <= 120
    assert retry_after({}) is None
    assert retry_after({"Retry-After": "soon"}) is None
