"""A direct message becomes an idea, answered in its thread at once; retries, edits and bots make none."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot import turns
from storage.models import Channel, Idea, OutboxState, Status
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, KARI, PER
from tests.bot.slack.fake_slack import BOT_ID, BOT_USER


async def test_a_dm_becomes_an_idea_answered_in_its_thread(slack):
    message_ts = "1700000000.000100"
    response = await slack.dm("Vi bør ha felles turnusplanlegging i hjemmetjenesten", message_ts=message_ts)
    assert response.status_code == 200

    [reply] = await slack.posted(channel=DM[KARI], thread_ts=message_ts)
    assert reply["text"] == "Sendt til Helse og livskvalitet — Arne Jørstad."
    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["Feil område?", "Gjør anonym", "Angre"]
    [idea] = await slack.ideas()
    assert (idea.channel, idea.status, idea.focus_area) == (Channel.SLACK, Status.RECEIVED, "helse-og-livskvalitet")
    assert idea.submitter.display_name == "Kari Nordmann" and idea.submitter.locale == "nb"
    assert {b["value"] for b in buttons} == {f"{idea.id}:received"}
    await slack.settle()
    assert {row.state for row in await slack.outbox()} == {OutboxState.DELIVERED}


async def test_a_dm_is_stored_before_slack_hears_back(slack):
    # A slow users.info keeps the listener busy well past the point where an early acknowledgement would be sent.
    slack.fake.delay("users.info", 0.3)
    response = await slack.dm("Felles vikarpool for sykehjemmene", event_id="Ev0STORED")
    assert response.status_code == 200 and response.text == ""
    with slack.services.session_factory() as session:  # read at once, without settle(): a crash now loses nothing
        assert session.scalars(select(Idea.source_key)).all() == ["slack:Ev0STORED"]


async def test_an_idea_that_could_not_be_stored_is_not_acknowledged(slack, monkeypatch):
    def database_down(*args, **kwargs):
        raise OperationalError("INSERT INTO ideas", {}, ConnectionError("the database is gone"))

    monkeypatch.setattr(turns, "submit", database_down)
    failed = await slack.dm("Felles kalender for møterom", event_id="Ev0DOWN")
    assert failed.status_code == 500  # Slack sends it again: nothing was promised
    monkeypatch.undo()
    retried = await slack.dm("Felles kalender for møterom", event_id="Ev0DOWN",
                             headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retried.status_code == 200
    assert [idea.source_key for idea in await slack.ideas()] == ["slack:Ev0DOWN"]


async def test_slack_retrying_the_same_event_makes_no_second_idea(slack):
    await slack.dm("Felles innkjøp av kaffe", event_id="Ev0RETRY1")
    await slack.posted(channel=DM[KARI])
    again = await slack.dm("Felles innkjøp av kaffe", event_id="Ev0RETRY1",
                           headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert again.status_code == 200
    await slack.settle()
    assert await slack.count_ideas() == 1
    assert len(slack.messages()) == 2  # one confirmation, one card for the commissioner: nothing twice


async def test_concurrent_deliveries_of_one_event_make_one_idea(slack):
    responses = await asyncio.gather(*(slack.dm("Samme hendelse", event_id="Ev0SAME") for _ in range(3)))
    assert {r.status_code for r in responses} == {200}
    await slack.settle()
    assert await slack.count_ideas() == 1
    assert len([m for m in slack.messages() if m["channel"] == DM[KARI]]) == 1


async def test_edits_deletions_and_bot_messages_make_no_idea(slack):
    stamp = payloads.ts()
    edited = {"type": "message", "subtype": "message_changed", "channel": DM[KARI], "channel_type": "im",
              "hidden": True, "ts": stamp, "event_ts": stamp,
              "message": {"type": "message", "user": KARI, "text": "endret", "ts": "1.0", "edited": {"user": KARI}},
              "previous_message": {"type": "message", "user": KARI, "text": "før", "ts": "1.0"}}
    deleted = {"type": "message", "subtype": "message_deleted", "channel": DM[KARI], "channel_type": "im",
               "hidden": True, "ts": stamp, "deleted_ts": "1.0", "event_ts": stamp}
    ours = payloads.message_im("Sendt til …", user=BOT_USER, channel=DM[KARI], bot_id=BOT_ID)
    other_bot = {**payloads.message_im("En annen bot", user="UOTHERBOT", channel=DM[KARI]),
                 "subtype": "bot_message", "bot_id": "B0OTHER"}
    for event in (edited, deleted, ours, other_bot):
        assert (await slack.event(event)).status_code == 200
    await slack.settle()
    assert await slack.count_ideas() == 0
    assert slack.messages() == []


async def test_events_from_another_workspace_are_ignored(slack):
    response = await slack.event(payloads.message_im("Fra et annet sted", user=KARI, channel=DM[KARI]),
                                 team_id="T0OTHER")
    assert response.status_code == 200  # not an error: Slack must not retry it
    await slack.settle()
    assert await slack.count_ideas() == 0
    assert slack.fake.calls == []


async def test_a_channel_message_is_not_an_idea_but_a_mention_is(slack):
    channel_message = {**payloads.message_im("Bare prat", user=KARI, channel="C0GENERAL"), "channel_type": "channel"}
    await slack.event(channel_message)
    await slack.settle()
    assert await slack.count_ideas() == 0

    mention = payloads.app_mention("Skolebussen bør gå senere om fredagen", user=KARI, channel="C0GENERAL")
    await slack.event(mention)
    [reply] = await slack.posted(channel="C0GENERAL", thread_ts=mention["ts"])
    assert reply["text"].startswith("Sendt til")
    [idea] = await slack.ideas()
    assert idea.text == "Skolebussen bør gå senere om fredagen"


async def test_my_ideas_and_help_are_answered_not_stored(slack):
    await slack.dm("Lys i gangveien ved skolen")
    await slack.posted(channel=DM[KARI])
    await slack.dm("Mine forslag")
    [_, listing] = await slack.posted(2, channel=DM[KARI])
    assert listing["text"] == "Mine forslag"
    assert "Lys i gangveien ved skolen" in str(listing["blocks"]) and "Mottatt" in str(listing["blocks"])
    await slack.dm("hjelp")
    [*_, helped] = await slack.posted(3, channel=DM[KARI])
    assert helped["text"].startswith("Skriv forslaget ditt rett her")
    assert await slack.count_ideas() == 1


async def test_an_english_speaking_employee_is_answered_in_english(slack):
    await slack.dm("Shared car pool for home care staff", user=PER)
    [reply] = await slack.posted(channel=DM[PER])
    assert reply["text"] == "Sent to Health and quality of life — Arne Jørstad."
    assert [e["text"]["text"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]] == [
        "Wrong area?", "Make anonymous", "Undo"]
    [idea] = await slack.ideas()
    assert idea.submitter.locale == "en"
