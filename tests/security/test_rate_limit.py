"""SUBMIT_RATE_LIMIT as each channel's user meets it: a 429 problem with Retry-After on the API, a friendly message
with the text kept on the web form, a polite answer in Slack and Teams. The rule itself: tests/core/test_ratelimit.py.
"""

from __future__ import annotations

import pytest

from tests.bot.slack.conftest import DM
from tests.bot.teams.activities import PER
from tests.bot.teams.conftest import texts_of
from tests.security.conftest import World, form_post

TWO_A_MINUTE = "2/minute"


@pytest.fixture(autouse=True)
def two_a_minute(services):
    services.settings.submit_rate_limit = TWO_A_MINUTE


def test_the_api_answers_429_with_retry_after_and_a_problem(client, token):
    kari = token("employee", "kari")
    for n in range(2):
        assert client.post("/api/v1/ideas", json={"text": f"Forslag {n}"}, headers=kari).status_code == 201
    refused = client.post("/api/v1/ideas", json={"text": "Ett til"}, headers=kari)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    wait = int(refused.headers["Retry-After"])
    assert 0 < wait <= 60
    problem = refused.json()
    assert problem["code"] == "rate_limited" and problem["retry_after"] == wait
    assert "2 ideas within 1 minute" in problem["detail"] and f"Try again in {wait} seconds" in problem["detail"]
    # Nobody else is held up, and a retry of a stored submission is answered, not refused.
    assert client.post("/api/v1/ideas", json={"text": "Per sitt"}, headers=token("employee", "per")).status_code == 201
    total = client.get("/api/v1/ideas", headers=token("admin", "forslagskassa-admin")).json()["total"]
    assert total == 3


def test_an_idempotent_retry_is_answered_even_at_the_limit(client, token):
    kari = token("employee", "kari")
    client.post("/api/v1/ideas", json={"text": "Første"}, headers=kari)
    second = client.post("/api/v1/ideas", json={"text": "Andre"}, headers={**kari, "Idempotency-Key": "k-2"})
    again = client.post("/api/v1/ideas", json={"text": "Andre"}, headers={**kari, "Idempotency-Key": "k-2"})
    assert again.status_code == 201 and again.json()["id"] == second.json()["id"]


def test_the_web_form_says_wait_and_keeps_the_text(client, browse_as):
    browse_as("submitter")
    for n in range(2):
        assert form_post(client, "/", {"text": f"Forslag {n}"}).status_code == 303
    refused = form_post(client, "/", {"text": "Mitt tredje forslag", "title": "Tittelen min"})
    assert refused.status_code == 429 and refused.headers["content-type"].startswith("text/html")
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert "Du har sendt mange forslag på kort tid. Vent 1 min og send igjen" in refused.text
    assert "Mitt tredje forslag</textarea>" in refused.text and 'value="Tittelen min"' in refused.text


async def test_slack_answers_politely_in_the_thread(world: World):
    world.services.settings.submit_rate_limit = TWO_A_MINUTE
    for n in range(3):
        await world.slack.dm(f"Slack-forslag {n}", user="UKARI", message_ts=f"1700000000.00010{n}")
    reply = (await world.slack.posted(channel=DM["UKARI"], thread_ts="1700000000.000102"))[-1]
    assert reply["text"] == ("Takk! Du har sendt mange forslag på kort tid, så dette ble ikke sendt. "
                             "Prøv igjen om 1 min.")
    assert len([i for i in await world.slack.ideas() if i.text.startswith("Slack-forslag")]) == 2


async def test_teams_answers_politely_in_the_chat(world: World):
    world.services.settings.submit_rate_limit = TWO_A_MINUTE
    for n in range(3):
        await world.teams.say(PER, f"Teams-forslag {n}", locale="en-US")
    assert texts_of(world.teams.last_to(PER).card) == [
        "Thank you! You have sent many ideas in a short time, so this one was not sent. Please try again in 1 min."]
    assert len([i for i in world.teams.ideas() if i.text.startswith("Teams-forslag")]) == 2
