"""Messages to the bot: any text in a DM (or after a mention) becomes an idea; "mine forslag", "hjelp" and the
following commands ("følg 12", "ikke følg 12", "varsler daglig": bot/following.py) are answered instead, and a
message the classifier takes for something else (a report of wrongdoing, an IT fault, chatter) is answered with
where it belongs. An event is acknowledged once these return (app.SlackApps), so an idea is stored before Slack
hears back; answers that store nothing are sent after that (Runtime.later).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot import following, turns
from bot.slack import blocks, board_blocks
from bot.slack.runtime import Runtime, refusal
from bot.texts import TEXTS, t
from core import my_ideas
from core.errors import RuleError
from core.similar import SimilarShared
from core.steering import Steered

log = logging.getLogger(__name__)

MY_IDEAS = frozenset(TEXTS["command.my_ideas"])
HELP = frozenset({"?", *TEXTS["command.help"]})
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.event("message")
    async def direct_message(event: dict[str, Any], body: dict[str, Any], request: AsyncBoltRequest) -> None:
        # Edits, deletions, joins and every bot's messages (ours too) carry a subtype or bot_id: never ideas.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        await on_text(rt, event=event, body=body, request=request, text=event.get("text") or "", in_dm=True)

    @app.event("app_mention")
    async def mention(event: dict[str, Any], body: dict[str, Any], request: AsyncBoltRequest) -> None:
        if event.get("subtype") or event.get("bot_id"):
            return
        text = MENTION.sub("", event.get("text") or "")
        await on_text(rt, event=event, body=body, request=request, text=text, in_dm=False)


async def on_text(rt: Runtime, *, event: dict[str, Any], body: dict[str, Any], request: AsyncBoltRequest,
                  text: str, in_dm: bool) -> None:
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    if not (user and channel and ts):
        return
    key = f"slack:{body.get('event_id') or f'{channel}:{ts}'}"
    if retry := request.headers.get("x-slack-retry-num"):
        log.info("Slack retry %s of %s (%s)", retry[0], key, request.headers.get("x-slack-retry-reason"))
    thread = event.get("thread_ts") or ts
    command = " ".join(text.casefold().split()).strip(" .!")
    if command in MY_IDEAS or command in HELP or not command:
        if await rt.first_time(key):
            rt.later(answer_without_idea(rt, user=user, channel=channel, thread=thread, command=command))
        return
    if (asked := following.parse(command)) is not None:  # "følg 12", "varsler daglig"
        if await rt.first_time(key):
            rt.later(answer_following(rt, asked, user=user, channel=channel, thread=thread))
        return
    # Shared ideas like it are offered in a DM only, where the text can ride on "Send mitt forslag" (never stored
    # before the person chooses); a mention's thread is the channel's, and a longer text would have no button.
    offer = in_dm and len(text) <= blocks.BUTTON_VALUE_LIMIT
    try:
        done = await rt.submit(user_id=user, text=text, source_key=key, dm_channel=channel if in_dm else None,
                               reply_to={"channel": channel, "thread_ts": thread}, offer_similar=offer)
    except RuleError as error:
        rt.later(refuse(rt, error, user=user, channel=channel, thread=thread))
        return
    if isinstance(done, SimilarShared) and not done.repeated:
        rt.later(similar(rt, done, user=user, channel=channel, thread=thread, text=text))
    if isinstance(done, Steered) and not done.repeated:  # a retry of an event answered already gets nothing new
        rt.later(steer(rt, done, user=user, channel=channel, thread=thread, text=text, in_dm=in_dm))


async def steer(rt: Runtime, found: Steered, *, user: str, channel: str, thread: str, text: str,
                in_dm: bool) -> None:
    """Where a message that is not an idea belongs, with "Send som forslag likevel". Posted directly, never through
    the outbox: the outbox is a table, and the text (on the button) must be stored nowhere. After a mention, only
    the sender sees it: what a message looks like (a report of wrongdoing, a personal matter) is theirs to know."""
    locale = await rt.people.locale(user)
    headline, content = blocks.steered(found, locale, text=text)
    if in_dm:
        await rt.post(channel=channel, thread_ts=thread, text=headline, blocks=content)
    else:
        await rt.ephemeral(channel=channel, user=user, thread_ts=thread, text=headline, blocks=content)


async def similar(rt: Runtime, found: SimilarShared, *, user: str, channel: str, thread: str, text: str) -> None:
    """Shared ideas like the one just written, in its thread: "Støtt dette i stedet" on each, or "Send mitt
    forslag" (which carries the text)."""
    headline, content = board_blocks.similar_prompt(found, await rt.people.locale(user), text=text)
    await rt.post(channel=channel, thread_ts=thread, text=headline, blocks=content)


async def refuse(rt: Runtime, error: RuleError, *, user: str, channel: str, thread: str) -> None:
    await rt.post(channel=channel, thread_ts=thread, text=refusal(error, await rt.people.locale(user)))


async def answer_without_idea(rt: Runtime, *, user: str, channel: str, thread: str, command: str) -> None:
    locale = await rt.people.locale(user)
    if command in MY_IDEAS:
        views = (await rt.run(turns.look, rt.services, my_ideas.list_mine, actor=await rt.employee(user))).items
        await rt.post(channel=channel, thread_ts=thread, text=t(locale, "my_ideas"),
                      blocks=blocks.idea_list(views, locale))
    elif command in HELP:
        await rt.post(channel=channel, thread_ts=thread, text=t(locale, "help"))
    else:
        await rt.post(channel=channel, thread_ts=thread, text=t(locale, "error.empty"))


async def answer_following(rt: Runtime, asked: following.Command, *, user: str, channel: str, thread: str) -> None:
    locale = await rt.people.locale(user)
    key, values = await rt.run(following.run, rt.services, await rt.employee(user), asked, locale)
    await rt.post(channel=channel, thread_ts=thread, text=t(locale, key, **values))
