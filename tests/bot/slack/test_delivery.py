"""Outgoing messages: rate limits are waited out, failures stay in the outbox, nothing is lost or sent twice."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from sqlalchemy import select, update

from bot.slack.endpoint import web_client
from bot.slack.ids import Action
from core.outbox import deliver_due
from storage.models import OutboxMessage, OutboxState, Submitter, utcnow
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, HELSE, KARI


async def worker_pass(slack):
    """What the outbox worker does on its next pass, with every waiting row due now."""
    await slack.settle()
    with slack.services.session_factory.begin() as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.state == OutboxState.PENDING)
                        .values(next_attempt_at=utcnow()))
    return await deliver_due(session_factory=slack.services.session_factory, notifiers=slack.services.notifiers,
                             give_up_after=slack.services.give_up_after)


async def confirmations(slack):
    return [row for row in await slack.outbox() if row.kind == "idea_received"]


async def test_a_429_is_waited_out_by_the_client_and_then_delivered(slack):
    slack.fake.fail("chat.postMessage", status=429, retry_after=0)
    await slack.dm("Felles kalender for møterom")
    await slack.settle()
    attempts = slack.fake.to("chat.postMessage")
    assert len(attempts) == 3  # confirmation: 429 then sent; the commissioner's card: sent
    assert {row.state for row in await slack.outbox()} == {OutboxState.DELIVERED}
    assert [row.attempts for row in await confirmations(slack)] == [1]  # one outbox attempt: slack-sdk retried inside


async def test_a_long_retry_after_is_left_to_the_outbox(slack):
    slack.fake.fail("chat.postMessage", status=429, retry_after=120, times=2)
    started = time.monotonic()
    await slack.dm("Felles kalender for møterom")
    await slack.settle()
    assert time.monotonic() - started < 3  # nobody slept for two minutes
    [row] = await confirmations(slack)
    assert row.state is OutboxState.PENDING and row.last_error.startswith("ratelimited")
    assert row.next_attempt_at >= utcnow() + timedelta(seconds=110)
    await worker_pass(slack)
    assert {r.state for r in await slack.outbox()} == {OutboxState.DELIVERED}
    assert len([m for m in slack.messages() if m["channel"] == DM[KARI]]) == 1


async def test_ok_false_for_a_gone_channel_is_permanent(slack):
    slack.fake.fail("chat.postMessage", error="channel_not_found")
    await slack.dm("Et forslag")
    await slack.settle()
    [row] = await confirmations(slack)
    assert (row.state, row.last_error) == (OutboxState.DEAD, "channel_not_found")


async def test_a_server_error_is_retried_later_and_sent_once(slack):
    slack.fake.fail("chat.postMessage", status=503)
    await slack.dm("Et forslag")
    await slack.settle()
    [row] = await confirmations(slack)
    assert row.state is OutboxState.PENDING and row.last_error == "HTTP 503"
    await worker_pass(slack)
    await worker_pass(slack)
    assert {r.state for r in await slack.outbox()} == {OutboxState.DELIVERED}
    assert len([m for m in slack.messages() if m["channel"] == DM[KARI]]) == 1


async def test_slack_unreachable_loses_no_idea(slack, fake_slack):
    # Slack reaches us, but we cannot reach Slack: the idea is stored, the answers wait in the outbox.
    runtime = slack.app.state.slack
    runtime.client.base_url = "http://127.0.0.1:9/api/"
    await slack.dm("Et forslag mens Slack er nede")
    await slack.settle()
    [idea] = await slack.ideas()
    assert idea.text == "Et forslag mens Slack er nede" and idea.submitter.locale == "nb"
    assert {(r.state, r.last_error.startswith("connection")) for r in await slack.outbox()} == {
        (OutboxState.PENDING, True)}

    runtime.client.base_url = fake_slack.url
    await worker_pass(slack)
    assert {r.state for r in await slack.outbox()} == {OutboxState.DELIVERED}
    assert len(slack.messages()) == 2


async def test_a_failed_profile_lookup_keeps_the_language_we_know(slack):
    slack.fake.user(KARI, locale="en-US")
    await slack.dm("The first idea")
    slack.app.state.slack.people._cache.clear()  # half a day later: Slack is asked again, and fails
    slack.fake.fail("users.info", status=500)
    await slack.dm("The second idea")
    await slack.settle()
    with slack.services.session_factory() as session:
        [submitter] = session.scalars(select(Submitter)).all()
        assert submitter.locale == "en"


async def test_a_slow_slack_does_not_hold_up_the_idea(slack):
    slack.fake.delay("users.info", 4)
    started = time.monotonic()
    response = await slack.dm("Et forslag mens Slack er treg")
    acked = time.monotonic() - started
    assert response.status_code == 200 and acked < 2, acked  # users.info gave up after a second: inside Slack's 3 s
    with slack.services.session_factory() as session:  # stored by then, in bokmål and without the name
        [submitter] = session.scalars(select(Submitter)).all()
        assert (submitter.locale, submitter.display_name) == ("nb", None)
    await slack.posted(channel=DM[KARI])


async def test_a_slow_slack_does_not_delay_the_answer_to_a_command_or_a_button(slack):
    # A button acknowledges first and asks Slack after. A command with an idea stores it first, waiting at most
    # INTAKE_LOOKUP_SECONDS for the profile: well inside Slack's three seconds, after which it shows a timeout.
    slack.fake.delay("users.info", 2)
    started = time.monotonic()
    response = await slack.command("Felles bildeling for hjemmetjenesten")
    assert response.status_code == 200 and time.monotonic() - started < 2.0, time.monotonic() - started
    assert response.json()["text"].startswith("Takk for forslaget!") and await slack.count_ideas() == 1
    started = time.monotonic()
    response = await slack.interactive(payloads.home_button(Action.NEW_IDEA, user=KARI))
    assert response.status_code == 200 and time.monotonic() - started < 0.8, time.monotonic() - started
    await slack.fake.wait_for("views.open", timeout=5)


async def test_concurrent_ideas_are_each_answered_once(slack):
    await asyncio.gather(*(slack.dm(f"Forslag nummer {n}") for n in range(10)))
    await slack.settle()
    assert await slack.count_ideas() == 10
    assert len([m for m in slack.messages() if m["channel"] == DM[KARI]]) == 10
    assert len([m for m in slack.messages() if m["channel"] == DM[HELSE]]) == 10
    assert {r.state for r in await slack.outbox()} == {OutboxState.DELIVERED}


async def test_a_row_for_an_erased_submitter_is_given_up(slack):
    await slack.dm("Et forslag")
    await slack.settle()
    [idea] = await slack.ideas()
    with slack.services.session_factory.begin() as session:
        session.execute(update(Submitter).where(Submitter.id == idea.submitter_id).values(erased_at=utcnow()))
        row = OutboxMessage(idea_id=idea.id, kind="status_changed", channel="slack",
                            recipient=f"submitter:{idea.submitter_id}", payload={"to": "received", "note": "x"})
        session.add(row)
    await worker_pass(slack)
    dead = [r for r in await slack.outbox() if r.state is OutboxState.DEAD]
    assert [r.last_error for r in dead] == ["the submitter was erased or has no Slack identity"]


def test_the_web_api_url_gets_its_trailing_slash(slack_services):
    settings = slack_services.settings.model_copy(update={"slack_api_url": "http://x/api"})
    assert web_client(settings).base_url == "http://x/api/"
