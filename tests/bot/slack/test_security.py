"""Bolt checks Slack's signature: a missing, wrong or stale one gets 401 and stores nothing. Off without settings."""

from __future__ import annotations

import json
import time

import pytest

from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, KARI, SECRET


def dm_body(text: str = "Et forslag") -> str:
    return payloads.event_callback(payloads.message_im(text, user=KARI, channel=DM[KARI]))


async def test_a_missing_signature_is_refused(slack):
    response = await slack.post(dm_body(), content_type="application/json", sign=False)
    assert response.status_code == 401
    await slack.settle()
    assert await slack.count_ideas() == 0 and slack.fake.calls == []


async def test_a_wrong_signature_is_refused(slack):
    body = dm_body()
    headers = payloads.signed("not-the-secret", body, content_type="application/json")
    response = await slack.http.post("/slack/events", content=body.encode(), headers=headers)
    assert response.status_code == 401
    await slack.settle()
    assert await slack.count_ideas() == 0 and slack.fake.calls == []


async def test_a_body_changed_after_signing_is_refused(slack):
    headers = payloads.signed(SECRET, dm_body("original"), content_type="application/json")
    response = await slack.http.post("/slack/events", content=dm_body("tampered").encode(), headers=headers)
    assert response.status_code == 401
    assert await slack.count_ideas() == 0


@pytest.mark.parametrize("age", [301, 3600])
async def test_a_signature_older_than_five_minutes_is_refused(slack, age):
    response = await slack.post(dm_body(), content_type="application/json", timestamp=int(time.time()) - age)
    assert response.status_code == 401
    await slack.settle()
    assert await slack.count_ideas() == 0 and slack.fake.calls == []


async def test_a_signed_slash_command_with_a_bad_signature_is_refused(slack):
    body = payloads.slash_command("et forslag", user=KARI, channel="C1", response_url=slack.fake.response_url())
    response = await slack.post(body, content_type="application/x-www-form-urlencoded",
                                headers={"X-Slack-Signature": "v0=" + "0" * 64})
    assert response.status_code == 401
    assert await slack.count_ideas() == 0


async def test_url_verification_answers_the_challenge(slack):
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"})
    response = await slack.post(body, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_slack_is_off_without_token_and_secret(client):
    response = client.post("/slack/events", content=dm_body(), headers={"Content-Type": "application/json"})
    assert response.status_code == 404
    assert "/slack/events" not in client.get("/openapi.json").text
