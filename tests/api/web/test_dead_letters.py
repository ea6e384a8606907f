"""Notifications the outbox gave up on are listed on /admin and counted in GET /api/v1/stats, so an administrator
can follow them up — without the list ever saying who sent an idea.
"""

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete

from core.actors import Actor, Role
from storage.models import Channel, OutboxMessage, OutboxState, utcnow
from tests.core.helpers import submit

SECRET_NAME = "Ragnhild Sofie Bakketun"


@pytest.fixture
def outbox(services):
    """An anonymous Slack idea whose confirmation died, a commissioner's card that died, and two that did not."""
    by = Actor(role=Role.EMPLOYEE, user_id="U0RAGNHILD", channel=Channel.SLACK, name=SECRET_NAME)
    with services.session_factory.begin() as session:
        idea = submit(session, services.org, channel=Channel.SLACK, anonymous=True, by=by,
                      text="Felles bestilling av vikarer")
        rows = {
            "confirmation": OutboxMessage(idea_id=idea.id, kind="idea_received", channel=Channel.SLACK,
                                          recipient=f"submitter:{idea.submitter_id}", payload={},
                                          state=OutboxState.DEAD, attempts=1, last_error="channel_not_found"),
            "card": OutboxMessage(idea_id=idea.id, kind="idea_routed", channel=Channel.TEAMS,
                                  recipient="user:3c9a1b2e-5f4d", payload={}, state=OutboxState.DEAD, attempts=31,
                                  last_error="Bot Connector error 503", created_at=utcnow() - timedelta(hours=49)),
            "delivered": OutboxMessage(idea_id=idea.id, kind="status_changed", channel=Channel.SLACK,
                                       recipient=f"submitter:{idea.submitter_id}", payload={},
                                       state=OutboxState.DELIVERED),
            "pending": OutboxMessage(idea_id=None, kind="overdue_digest", channel=Channel.SLACK,
                                     recipient="user:UHELSE", payload={}, state=OutboxState.PENDING),
        }
        session.execute(delete(OutboxMessage))  # only these four: the idea's own notifications are not the point
        session.add_all(rows.values())
        session.flush()
        return {name: row.id for name, row in rows.items()} | {"idea": idea.id, "submitter": idea.submitter_id}


def test_dead_letters_are_listed_with_what_why_and_when(client, login, outbox):
    login("forslagskassa-admin")
    page = client.get("/admin").text
    listed = [int(n) for n in re.findall(r'data-dead="(\d+)"', page)]
    assert listed == [outbox["confirmation"], outbox["card"]]  # newest first; delivered and waiting are not here
    assert "Varsler som ikke kom fram (2)" in page
    for shown in ("Bekreftelse til innsender", "Nytt forslag til behandling", "channel_not_found",
                  "Bot Connector error 503", "Innsenderen", "Slack", "Teams", f"Forslag {outbox['idea']}"):
        assert shown in page, shown


def test_the_dead_letter_list_never_names_the_submitter(client, login, outbox):
    login("forslagskassa-admin")
    page = client.get("/admin").text
    for secret in (SECRET_NAME, "U0RAGNHILD", "u0ragnhild", f"submitter:{outbox['submitter']}"):
        assert secret not in page


def test_the_stats_api_counts_dead_letters(client, token, outbox):
    stats = client.get("/api/v1/stats", headers=token("admin", "forslagskassa-admin")).json()
    assert stats["outbox"] == {"pending": 1, "delivered": 1, "dead": 2}


def test_no_dead_letters_says_so(client, login):
    login("forslagskassa-admin")
    page = client.get("/admin").text
    assert "data-dead=" not in page and "Alle varsler har kommet fram" in page
