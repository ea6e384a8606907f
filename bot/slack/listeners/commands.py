"""`/forslag`: with text it sends the idea, like a DM; without text it opens the form."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.slack import modals
from bot.slack.ids import COMMAND
from bot.slack.runtime import Runtime, refusal
from bot.texts import t
from core.errors import RuleError

FORM_LOOKUP_SECONDS = 1.0  # the trigger for a modal expires three seconds after the click


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.command(COMMAND)
    async def forslag(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        user, text = command["user_id"], (command.get("text") or "").strip()
        if not text:
            locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
            await rt.open_form(command["trigger_id"], modals.idea_form(locale, rt.areas(locale)))
            return
        locale = await rt.people.locale(user)
        try:
            # Slack does not retry commands, but a resent form post must not make a second idea either.
            await rt.submit(user_id=user, text=text, source_key=f"slack:command:{command['trigger_id']}")
        except RuleError as error:
            await rt.respond(respond, refusal(error, locale))
            return
        # The confirmation with its buttons arrives in the employee's DM with the bot, where the answers come too.
        await rt.respond(respond, t("sent_see_dm", locale))
