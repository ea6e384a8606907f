"""Bolt checks Slack's signature: a missing, wrong or stale one gets 401 and stores nothing. Off without settings."""

from __future__ import annotations

import json
import logging
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


# -- malformed headers and what a refusal leaves in the log ----------------------------------------------------

MALFORMED_TIMESTAMPS = {"letters": b"abc", "float": b"1700000000.5", "exponent": b"1e9", "empty": b"",
                        "huge": b"9" * 5000, "not-ascii": "١٧٠٠٠٠٠٠٠٠".encode(), "latin-1": b"\xe9\xe9"}
MALFORMED_SIGNATURES = {"not-ascii": b"v0=" + b"\xe9" * 64, "no-version": b"0" * 64, "empty": b"",
                        "very-long": b"v0=" + b"a" * 10_000}


def _headers(body: str, *, timestamp: bytes | None = None, signature: bytes | None = None) -> list[tuple]:
    good = payloads.signed(SECRET, body, content_type="application/json")
    return [(b"content-type", b"application/json"),
            (b"x-slack-request-timestamp", good["X-Slack-Request-Timestamp"].encode() if timestamp is None
             else timestamp),
            (b"x-slack-signature", good["X-Slack-Signature"].encode() if signature is None else signature)]


def _no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("timestamp", MALFORMED_TIMESTAMPS.values(), ids=MALFORMED_TIMESTAMPS.keys())
async def test_a_malformed_timestamp_is_refused_with_401_and_no_traceback(slack, caplog, timestamp):
    body = dm_body()
    with caplog.at_level(logging.DEBUG):
        response = await slack.http.post("/slack/events", content=body.encode(),
                                         headers=_headers(body, timestamp=timestamp))
    assert response.status_code == 401, response.text
    _no_traceback(caplog)
    assert await slack.count_ideas() == 0 and slack.fake.calls == []


@pytest.mark.parametrize("signature", MALFORMED_SIGNATURES.values(), ids=MALFORMED_SIGNATURES.keys())
async def test_a_malformed_signature_is_refused_with_401_and_no_traceback(slack, caplog, signature):
    body = dm_body()
    with caplog.at_level(logging.DEBUG):
        response = await slack.http.post("/slack/events", content=body.encode(),
                                         headers=_headers(body, signature=signature))
    assert response.status_code == 401, response.text
    _no_traceback(caplog)
    assert await slack.count_ideas() == 0


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO])
@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
async def test_a_refused_request_leaves_one_line_without_body_or_user_in_the_log(slack, caplog, level,
                                                                                 content_type):
    marker = "MARKER-7f3c9d-" + "x" * 20
    body = dm_body(f"Hemmelig forslag {marker}") if content_type == "application/json" else payloads.slash_command(
        marker, user=KARI, channel="C1", response_url=slack.fake.response_url())
    headers = payloads.signed("not-the-secret", body, content_type=content_type)
    with caplog.at_level(level):
        response = await slack.http.post("/slack/events", content=body.encode(), headers=headers)
    assert response.status_code == 401
    logged = [r.getMessage() for r in caplog.records]
    assert not [line for line in logged if marker in line or KARI in line], logged
    refusals = [line for line in logged if "refused" in line.lower()]
    assert len(refusals) == 1 and "\n" not in refusals[0], logged
