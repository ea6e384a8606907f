"""The message shortcut "Send som forslag": any message becomes an idea once the employee confirms it in a form."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack import modals
from bot.slack.ids import View
from bot.slack.runtime import Runtime

FORM_LOOKUP_SECONDS = 1.0  # the trigger for a modal expires three seconds after the click


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.message_shortcut(View.SHORTCUT)
    async def send_as_idea(ack: AsyncAck, shortcut: dict[str, Any]) -> None:
        await ack()
        user = shortcut["user"]["id"]
        locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
        text = (shortcut.get("message") or {}).get("text") or ""
        # The employee who used the shortcut sends the idea, whoever wrote the message; they may edit it first.
        form = modals.idea_form(locale, rt.areas(locale), callback=View.CONFIRM_IDEA, text=text,
                                share_choice=rt.share_choice, units=rt.units(locale))
        await rt.open_form(shortcut["trigger_id"], form)
