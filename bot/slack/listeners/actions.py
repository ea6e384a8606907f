"""The employee's buttons under the confirmation: "Feil område?", "Gjør anonym", "Del med kolleger", "Angre";
and "Send som forslag likevel" under the answer to a message that is not an idea.

Each acknowledges first, then changes the idea in one unit of work and redraws the message in place.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import turns
from bot.slack import blocks, modals
from bot.slack.ids import Action, IdeaForm, Ref, View
from bot.slack.runtime import Runtime, clicked, refusal
from core import my_ideas, reading
from core.actors import Actor
from core.actors import employee as employee_actor
from core.errors import Conflict, NotFound, RuleError
from core.presentation import IdeaView, Outcome
from storage.models import Channel

FORM_LOOKUP_SECONDS = 1.0  # the trigger for a modal expires three seconds after the click


# Buttons that change the employee's own idea and redraw the confirmation, by the conversation step they run.
OWN_IDEA_CHANGES: dict[Action, Callable[..., Outcome]] = {
    Action.MAKE_ANONYMOUS: my_ideas.make_anonymous,  # the redrawn message gains the anonymity line
    Action.WITHDRAW: my_ideas.withdraw,
    Action.SHARE: my_ideas.share,  # "Del med kolleger" after a plain message under `sharing: opt_in`
}


def register(app: AsyncApp, rt: Runtime) -> None:
    for action_id, change in OWN_IDEA_CHANGES.items():
        app.action(action_id)(own_idea_handler(rt, change))

    @app.action(Action.WRONG_AREA)
    async def wrong_area(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        user, ref = clicked(body, action)
        locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
        view = await own(rt, user, ref)  # someone else's idea is refused before the form opens
        if view is None or view.status != ref.status:
            await refuse(rt, NotFound("") if view is None else Conflict(""), user=user, ref=ref, locale=locale)
            return
        form = modals.move_request_form(locale, ref, rt.areas(locale, exclude=view.focus_area))
        await rt.open_form(body["trigger_id"], form)

    @app.action(Action.SEND_ANYWAY)
    async def send_anyway(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        """"Send som forslag likevel" under a message that is not an idea: the idea form, filled with the message's
        text (the button's value), to confirm; sent, it is stored as an idea whatever it looks like."""
        await ack()
        user = body["user"]["id"]
        locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
        form = IdeaForm(send_anyway=True, **thread_of(body))
        view = modals.idea_form(locale, rt.areas(locale), callback=View.CONFIRM_IDEA, text=action.get("value") or "",
                                metadata=form.metadata(), submit_key="steer.anyway", share_choice=rt.share_choice,
                                units=rt.units(locale))
        await rt.open_form(body["trigger_id"], view)


def own_idea_handler(rt: Runtime, use_case: Callable[..., Outcome]) -> Callable[..., Any]:
    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        user, ref = clicked(body, action)
        locale = await rt.people.locale(user)
        try:
            view = await rt.run(turns.change, rt.services, use_case, actor=employee(user), idea_id=ref.idea_id)
        except RuleError as error:
            await refuse(rt, error, user=user, ref=ref, locale=locale)
            return
        await rt.update(ref, *blocks.confirmation(view, locale))

    return handle


def thread_of(body: dict[str, Any]) -> dict[str, str]:
    """The thread a button's message sits in, for the confirmation of what it sends. An ephemeral message (the
    answer to /forslag or a mention) is in none a message can follow: that confirmation goes to the DM."""
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel, ts = container.get("channel_id"), message.get("thread_ts") or message.get("ts")
    if container.get("is_ephemeral") or not (isinstance(channel, str) and isinstance(ts, str)):
        return {}
    return {"channel": channel, "thread_ts": ts}


def employee(user: str) -> Actor:
    return employee_actor(Channel.SLACK, user)


async def current(rt: Runtime, ref: Ref) -> IdeaView | None:
    with contextlib.suppress(NotFound):
        return await rt.run(turns.look, rt.services, reading.show, actor=None, idea_id=ref.idea_id)
    return None


async def own(rt: Runtime, user: str, ref: Ref) -> IdeaView | None:
    """The idea if the clicker sent it; another person's answers like one that does not exist."""
    with contextlib.suppress(NotFound):
        return await rt.run(turns.look, rt.services, reading.show, actor=employee(user), idea_id=ref.idea_id)
    return None


async def refuse(rt: Runtime, error: RuleError, *, user: str, ref: Ref, locale: str) -> None:
    """Say why nothing changed; if the message was out of date, redraw it with the idea's current state."""
    view = await current(rt, ref)
    status = view.status if view else None
    text = refusal(error, locale, shown=ref.status, current=status,
                   withdraw_minutes=rt.services.settings.withdraw_minutes)
    await rt.ephemeral(channel=ref.channel, user=user, text=text)
    if view is not None and status != ref.status:
        await rt.update(ref, *blocks.confirmation(view, locale))
