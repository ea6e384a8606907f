"""`/forslag`: with text it sends the idea, like a DM (or says where a message that is not an idea belongs); without
text it opens the form.

An idea sent with the command is stored before the command is acknowledged: Slack never sends a command again,
so an idea acknowledged and then lost in a crash would be gone for good, with the employee told it was sent.
The acknowledgement carries the answer, which is also how a refusal is shown.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack import blocks, modals
from bot.slack.ids import COMMAND
from bot.slack.runtime import INTAKE_LOOKUP_SECONDS, Runtime, refusal
from bot.texts import t
from core.errors import RuleError
from core.steering import Steered

FORM_LOOKUP_SECONDS = 1.0  # the trigger for a modal expires three seconds after the click


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.command(COMMAND)
    async def forslag(ack: AsyncAck, command: dict[str, Any]) -> None:
        user, text = command["user_id"], (command.get("text") or "").strip()
        if not text:
            await ack()
            locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
            form = modals.idea_form(locale, rt.areas(locale), share_choice=rt.share_choice, units=rt.units(locale))
            await rt.open_form(command["trigger_id"], form)
            return
        profile = await rt.people.get(user, timeout=INTAKE_LOOKUP_SECONDS)
        try:
            # A resent post of the same command (its trigger id) must not make a second idea.
            done = await rt.submit(user_id=user, text=text, source_key=f"slack:command:{command['trigger_id']}",
                                   profile=profile)
        except RuleError as error:
            await ack(text=refusal(error, profile.locale), response_type="ephemeral")
            return
        if isinstance(done, Steered):
            # Where it belongs, in the acknowledgement: the one answer a command gets, so it is given even for a
            # repeated post (whose first answer then never arrived). The text rides on the button, stored nowhere.
            headline, content = blocks.steered(done, profile.locale, text=text, too_long="steer.too_long_command")
            await ack(text=headline, blocks=content, response_type="ephemeral")
            return
        # The confirmation with its buttons arrives in the employee's DM with the bot, where the answers come too.
        await ack(text=t(profile.locale, "sent_see_dm"), response_type="ephemeral")
