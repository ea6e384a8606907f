"""Colleagues' ideas in Slack: "Støtt" and "Trekk støtten" under "Populære forslag" in the App Home, and the
answers to the shared ideas shown before a new idea is stored: "Støtt dette i stedet" (in the DM thread or the idea
form) and "Send mitt forslag" (in the DM thread; the form sends it with its own button).

Support goes through core/support.py, once per person whichever channel they use. Each acknowledges first, then
redraws what was clicked: the App Home, the thread's message (no buttons left to click twice) or the form.
"""

from __future__ import annotations

import contextlib
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import turns
from bot.slack import board_blocks
from bot.slack.ids import Action
from bot.slack.listeners.actions import thread_of
from bot.slack.listeners.home import publish_home
from bot.slack.runtime import Runtime, refusal
from bot.texts import t
from core import support
from core.errors import Conflict, Forbidden, RuleError
from core.presentation import IdeaView
from core.similar import SimilarShared


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.action(Action.SUPPORT)
    async def give(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await on_board(rt, body, action, support.support)

    @app.action(Action.TAKE_BACK)
    async def take_back(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await on_board(rt, body, action, support.withdraw_support)

    @app.action(Action.SUPPORT_INSTEAD)
    async def instead(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await support_instead(rt, body, action)

    @app.action(Action.SEND_MINE)
    async def send_mine(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await send_as_written(rt, body, action)


async def on_board(rt: Runtime, body: dict[str, Any], action: dict[str, Any], use_case: Any) -> None:
    """A support (or taking it back) in the App Home: the home is drawn again with the new count. A refusal (the
    idea closed or left the board meanwhile) shows as that same redrawn home, where the idea now says so."""
    user, idea_id = body["user"]["id"], _idea_id(action)
    if idea_id is not None:
        with contextlib.suppress(RuleError):
            await rt.run(turns.write, rt.services, use_case, actor=await rt.employee(user), idea_id=idea_id)
    await publish_home(rt, user)


async def support_instead(rt: Runtime, body: dict[str, Any], action: dict[str, Any]) -> None:
    """Support a shared idea rather than send one's own: the prompt (or the form) says so, and nothing is sent."""
    user, idea_id = body["user"]["id"], _idea_id(action)
    locale = await rt.people.locale(user)
    if idea_id is None:
        return
    try:
        done = await rt.run(turns.write, rt.services, support.support, actor=await rt.employee(user),
                            idea_id=idea_id)
        said = t(locale, "similar.supported", id=idea_id, count=board_blocks.supports(locale, done.count))
    except RuleError as error:
        said = _refused(error, locale)
        if (body.get("container") or {}).get("type") != "view":  # the prompt stays, to choose again
            await rt.ephemeral(channel=_channel(body), user=user, text=said)
            return
    if (body.get("container") or {}).get("type") == "view":
        view = body.get("view") or {}
        await rt.call("views_update", view_id=view.get("id"), hash=view.get("hash"),
                      view=board_blocks.closed_modal(locale, said))
        return
    await _replace(rt, body, said)


async def send_as_written(rt: Runtime, body: dict[str, Any], action: dict[str, Any]) -> None:
    """"Send mitt forslag": the text the button carries is stored as an idea now, confirmed in the thread as
    usual. The prompt message is its delivery key, so a second click finds the idea stored by the first."""
    user, text = body["user"]["id"], action.get("value") or ""
    locale = await rt.people.locale(user)
    container = body.get("container") or {}
    key = f"slack:similar:{container.get('channel_id')}:{container.get('message_ts')}"
    try:
        # The prompt is only ever posted in the person's DM (listeners/messages.py), which is where they are reached.
        done = await rt.submit(user_id=user, text=text, source_key=key, reply_to=thread_of(body) or None,
                               dm_channel=container.get("channel_id"))
    except RuleError as error:
        await rt.ephemeral(channel=_channel(body), user=user, text=refusal(error, locale))
        return
    if isinstance(done, IdeaView | SimilarShared):  # stored (it is not offered again); the confirmation follows
        await _replace(rt, body, t(locale, "similar.sent"))


async def _replace(rt: Runtime, body: dict[str, Any], said: str) -> None:
    container = body.get("container") or {}
    if container.get("channel_id") and container.get("message_ts"):
        await rt.call("chat_update", channel=container["channel_id"], ts=container["message_ts"], text=said,
                      blocks=board_blocks.done(said))


def _refused(error: RuleError, locale: str) -> str:
    if isinstance(error, Forbidden):
        return t(locale, "error.support_own")
    if isinstance(error, Conflict):
        return t(locale, "error.support_closed")
    return refusal(error, locale)


def _channel(body: dict[str, Any]) -> str | None:
    return (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")


def _idea_id(action: dict[str, Any]) -> int | None:
    value = action.get("value") or ""
    return int(value) if value.isdigit() and len(value) < 12 else None
