"""The commissioner's buttons on an idea's card: Ta til vurdering / Godta / Merk som gjennomført act at once;
Avslå / Duplikat av … / Send til annet område / Anslå innsparing open a form first (handled in forms.py). When the
submitter has asked to move the idea, "Flytt til …" moves it there at once and "Behold i …" asks for a reason first.

Only the area's commissioner or an administrator may act; anyone else gets an ephemeral refusal. Each button
carries the status its card showed, so a click on an out-of-date card changes nothing and redraws it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import turns
from bot.slack import blocks, modals
from bot.slack.ids import Action, Ref
from bot.slack.runtime import Runtime, clicked, refusal
from bot.texts import status_label, t
from core import handling, reading
from core.actors import Actor
from core.errors import Conflict, Forbidden, NotFound, RuleError
from core.presentation import IdeaView
from storage.models import Status

FORM_LOOKUP_SECONDS = 1.0  # the trigger for a modal expires three seconds after the click
Form = Callable[[str, Ref, IdeaView], dict[str, Any]]
Change = Callable[[Actor, Ref], IdeaView]
Render = Callable[[IdeaView, str, Actor], tuple[str, list[dict[str, Any]]]]


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.action(Action.IN_REVIEW)
    async def in_review(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await answer(rt, body, action, to=Status.IN_REVIEW)

    @app.action(Action.ACCEPT)
    async def accept(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await answer(rt, body, action, to=Status.ACCEPTED)

    @app.action(Action.IMPLEMENTED)
    async def implemented(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await answer(rt, body, action, to=Status.IMPLEMENTED)

    @app.action(Action.DECLINE)
    async def decline(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await open_form(rt, body, action, lambda locale, ref, view: modals.decline_form(locale, ref))

    @app.action(Action.DUPLICATE)
    async def duplicate(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await open_form(rt, body, action, lambda locale, ref, view: modals.duplicate_form(locale, ref))

    @app.action(Action.ESTIMATE)
    async def estimate(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await open_form(rt, body, action, lambda locale, ref, view: modals.estimate_form(
            locale, ref, view.estimated_saving_nok))

    @app.action(Action.REROUTE)
    async def reroute(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await open_form(rt, body, action, lambda locale, ref, view: modals.reroute_form(
            locale, ref, rt.areas(locale, exclude=view.focus_area)))

    @app.action(Action.MOVE_AS_ASKED)
    async def move_as_asked(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        """The area rides on the button: the idea goes where the card said, as a reroute by this person."""
        await ack()
        await change_now(rt, body, action, render=moved_card, change=lambda actor, ref: turns.change(
            rt.services, handling.reroute, actor=actor, idea_id=ref.idea_id, focus_area=ref.area or "",
            expected=Status(ref.status)))

    @app.action(Action.KEEP_AREA)
    async def keep(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await open_form(rt, body, action, lambda locale, ref, view: modals.keep_form(locale, ref),
                        needs_request=True)


async def answer(rt: Runtime, body: dict[str, Any], action: dict[str, Any], *, to: Status) -> None:
    await change_now(rt, body, action, render=answered_card, change=lambda actor, ref: turns.change(
        rt.services, handling.change_status, actor=actor, idea_id=ref.idea_id, to=to, expected=Status(ref.status)))


async def change_now(rt: Runtime, body: dict[str, Any], action: dict[str, Any], *, change: Change,
                     render: Render) -> None:
    """A button that changes the idea at once: change it as the clicker, then redraw the card in place."""
    user, ref = clicked(body, action)
    locale = await rt.people.locale(user)
    actor = rt.staff(user)
    if actor is None:
        await refuse(rt, Forbidden(""), user=user, ref=ref, locale=locale)
        return
    try:
        view = await rt.run(change, actor, ref)
    except RuleError as error:
        await refuse(rt, error, user=user, ref=ref, locale=locale)
        return
    rt.deliverer.kick()  # the submitter (and a new commissioner) hear of it now, not at the worker's next pass
    await rt.update(ref, *render(view, locale, actor))


async def open_form(rt: Runtime, body: dict[str, Any], action: dict[str, Any], form: Form, *,
                    needs_request: bool = False) -> None:
    """Refuse before the form opens, so nobody fills in a reason only to be told they may not. `needs_request`:
    the form answers the submitter's request to move the idea, which someone may have answered meanwhile."""
    user, ref = clicked(body, action)
    locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
    actor = rt.staff(user)
    if actor is None or not await rt.run(turns.look, rt.services, reading.handles, actor=actor, idea_id=ref.idea_id):
        await refuse(rt, Forbidden(""), user=user, ref=ref, locale=locale)
        return
    view = await rt.run(turns.look, rt.services, reading.show, actor=None, idea_id=ref.idea_id)
    if view.status != ref.status:
        await refuse(rt, Conflict(""), user=user, ref=ref, locale=locale)
        return
    if needs_request and view.move_request is None:
        await rt.ephemeral(channel=ref.channel, user=user, text=t(locale, "error.move_settled"))
        await rt.update(ref, *blocks.review_card(view, locale))
        return
    await rt.open_form(body["trigger_id"], form(locale, ref, view))


def acted(view: IdeaView, actor: Actor, locale: str) -> str:
    return t(locale, "acted", status=status_label(locale, view.status), who=actor.name or actor.user_id)


def answered_card(view: IdeaView, locale: str, actor: Actor) -> tuple[str, list[dict[str, Any]]]:
    return blocks.review_card(view, locale, acted=acted(view, actor, locale))


def moved_card(idea: IdeaView, locale: str, actor: Actor) -> tuple[str, list[dict[str, Any]]]:
    """The old card loses its buttons: the idea is now the other area's commissioner's, on a card of its own."""
    who = actor.name or actor.user_id
    return blocks.review_card(idea, locale, with_buttons=False,
                              acted=t(locale, "moved_by", area=idea.area(locale) or "", who=who))


async def refuse(rt: Runtime, error: RuleError, *, user: str, ref: Ref, locale: str) -> None:
    """Say why nothing changed; if the card was out of date, redraw it with the idea's current state."""
    view = None
    with contextlib.suppress(NotFound):
        view = await rt.run(turns.look, rt.services, reading.show, actor=None, idea_id=ref.idea_id)
    if isinstance(error, NotFound) and view is not None:
        error = Forbidden("")  # it exists: the reader may just not handle it (another area)
    status = view.status if view else None
    if not isinstance(error, Forbidden) and view is not None and status != ref.status:
        await rt.ephemeral(channel=ref.channel, user=user, text=refusal(Conflict(""), locale, shown=ref.status,
                                                                        current=status))
        await rt.update(ref, *blocks.review_card(view, locale))
        return
    await rt.ephemeral(channel=ref.channel, user=user, text=refusal(error, locale))
