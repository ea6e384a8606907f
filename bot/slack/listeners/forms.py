"""Submitted forms. Each is checked and stored before the acknowledgement: the form closes only once its idea or
answer is stored, and a refusal (too many ideas, out of date, not theirs) shows in the form itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import turns
from bot.slack import blocks, modals
from bot.slack.ids import ANONYMOUS_OPTION, SHARED_OPTION, IdeaForm, Input, Ref, View
from bot.slack.listeners.review import answered_card, moved_card
from bot.slack.runtime import Runtime, refusal
from bot.texts import move_asked, t, where
from core import handling, my_ideas, reading
from core.actors import Actor, employee
from core.errors import Conflict, Forbidden, InvalidInput, NotFound, RuleError
from core.locale import money
from core.presentation import IdeaView
from core.similar import SimilarShared
from core.steering import Steered
from core.textcheck import whole_number
from storage.models import Channel, Status

FORM_LOOKUP_SECONDS = 1.0  # the answer to a submitted form is due within three seconds
Values = dict[str, Any]
Apply = Callable[[Actor, Ref, Values], IdeaView]
Render = Callable[[IdeaView, str, Actor], tuple[str, list[dict[str, Any]]]]


def register(app: AsyncApp, rt: Runtime) -> None:
    def decline(actor: Actor, ref: Ref, values: Values) -> IdeaView:
        return turns.change(rt.services, handling.decline, actor=actor, idea_id=ref.idea_id,
                            expected=Status(ref.status), reason=values[Input.REASON])

    def duplicate(actor: Actor, ref: Ref, values: Values) -> IdeaView:
        return turns.change(rt.services, handling.mark_duplicate, actor=actor, idea_id=ref.idea_id,
                            expected=Status(ref.status), original_id=int(values[Input.DUPLICATE_OF]),
                            note=values.get(Input.NOTE))

    def estimate(actor: Actor, ref: Ref, values: Values) -> IdeaView:
        return turns.change(rt.services, handling.estimate_saving, actor=actor, idea_id=ref.idea_id,
                            amount_nok=whole_number(values.get(Input.SAVING), field="saving"))

    def reroute(actor: Actor, ref: Ref, values: Values) -> IdeaView:
        return turns.change(rt.services, handling.reroute, actor=actor, idea_id=ref.idea_id,
                            focus_area=values[Input.FOCUS_AREA], note=values.get(Input.NOTE))

    def keep(actor: Actor, ref: Ref, values: Values) -> IdeaView:
        return turns.change(rt.services, handling.keep_area, actor=actor, idea_id=ref.idea_id,
                            expected=Status(ref.status), note=values.get(Input.REASON))

    def ask_to_move(actor: Actor, ref: Ref, values: Values) -> IdeaView:
        return turns.change(rt.services, my_ideas.ask_to_move, actor=actor, idea_id=ref.idea_id,
                            focus_area=values[Input.FOCUS_AREA], note=values.get(Input.NOTE))

    @app.view(View.NEW_IDEA)
    async def new_idea(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await submit_idea(rt, ack, body, view)

    @app.view(View.CONFIRM_IDEA)
    async def confirm_idea(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await submit_idea(rt, ack, body, view)

    @app.view(View.DECLINE)
    async def declined(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await change(rt, ack, body, view, field=Input.REASON, apply=decline, missing="error.reason_required")

    @app.view(View.DUPLICATE)
    async def duplicated(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await change(rt, ack, body, view, field=Input.DUPLICATE_OF, apply=duplicate)

    @app.view(View.ESTIMATE)
    async def estimated(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await change(rt, ack, body, view, field=Input.SAVING, apply=estimate, render=estimated_card,
                     invalid="error.saving_invalid")

    @app.view(View.REROUTE)
    async def rerouted(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await change(rt, ack, body, view, field=Input.FOCUS_AREA, apply=reroute, render=moved_card)

    @app.view(View.KEEP_AREA)
    async def kept(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await change(rt, ack, body, view, field=Input.REASON, apply=keep, render=kept_card)

    @app.view(View.WRONG_AREA)
    async def wrong_area(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await change(rt, ack, body, view, field=Input.FOCUS_AREA, apply=ask_to_move, render=asked_confirmation,
                     by_submitter=True)


async def submit_idea(rt: Runtime, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
    user, values = body["user"]["id"], modals.values(view)
    form = IdeaForm.from_metadata(view.get("private_metadata") or "")
    if not values.get(Input.TEXT):
        locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
        await ack(response_action="errors", errors={Input.TEXT.value: t(locale, "error.empty")})
        return
    try:
        done = await rt.submit(user_id=user, text=values[Input.TEXT], title=values.get(Input.TITLE),
                               anonymous=ANONYMOUS_OPTION in (values.get(Input.ANONYMOUS) or []),
                               focus_area=values.get(Input.FOCUS_AREA), source_key=f"slack:view:{view['id']}",
                               send_anyway=form.send_anyway, reply_to=form.reply_to(),
                               shared=SHARED_OPTION in (values.get(Input.SHARED) or []),
                               offer_similar=not (form.seen_similar or form.send_anyway),
                               unit=values.get(Input.UNIT))
    except RuleError as error:  # said in the form, which stays open with what was written
        locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
        field = Input.UNIT if error.field == "unit" else Input.TEXT
        await ack(response_action="errors", errors={field.value: refusal(error, locale)})
        return
    if isinstance(done, Steered):  # not an idea: the form says where it belongs, and now sends it anyway if asked
        locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
        steered = modals.steered_form(locale, rt.areas(locale), done, callback=View(view["callback_id"]),
                                      typed=values, form=form, share_choice=rt.share_choice,
                                      units=rt.units(locale))
        await ack(response_action="update", view=steered)
        return
    if isinstance(done, SimilarShared):  # like shared ideas: those above what was written, to support or send
        locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
        await ack(response_action="update", view=modals.similar_form(
            locale, rt.areas(locale), done, callback=View(view["callback_id"]), typed=values, form=form,
            share_choice=rt.share_choice, units=rt.units(locale)))
        return
    # Only now: the form closes once its idea is stored, so a crash in between cannot lose an idea Slack confirmed.
    await ack()


async def change(rt: Runtime, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], *, field: Input,
                 apply: Apply, render: Render | None = None, by_submitter: bool = False,
                 missing: str | None = None, invalid: str | None = None) -> None:
    """Apply a submitted form and redraw the card. `missing`/`invalid`: the text for an empty or unusable field."""
    user, ref = body["user"]["id"], Ref.from_metadata(view.get("private_metadata") or "{}")
    values = modals.values(view)
    locale = await rt.people.locale(user, timeout=FORM_LOOKUP_SECONDS)
    if missing and not values.get(field):  # whitespace only: Slack's own "required" let it through
        await ack(response_action="errors", errors={field.value: t(locale, missing)})
        return
    actor = employee(Channel.SLACK, user) if by_submitter else rt.staff(user)
    try:
        if actor is None:
            raise Forbidden("not staff")
        idea = await rt.run(apply, actor, ref, values)
    except RuleError as error:
        said = t(locale, invalid) if invalid and isinstance(error, InvalidInput) else await explain(
            rt, error, ref, locale, by_submitter)
        await ack(response_action="errors", errors={field.value: said})
        return
    await ack()
    rt.deliverer.kick()  # the submitter (and a new commissioner) hear of it now
    await rt.update(ref, *(render or answered_card)(idea, locale, actor))


async def explain(rt: Runtime, error: RuleError, ref: Ref, locale: str, by_submitter: bool) -> str:
    try:
        shown = await rt.run(turns.look, rt.services, reading.show, actor=None, idea_id=ref.idea_id)
        current: str | None = shown.status
    except NotFound:
        current = None
    if by_submitter and current is not None and current != ref.status:
        error = Conflict("")  # moved on since the form opened: that, not the rule it now breaks, is the news
    elif isinstance(error, NotFound) and current is not None and not by_submitter:
        error = Forbidden("")  # it exists: the reader may just not handle it (another area)
    return refusal(error, locale, shown=ref.status, current=current)


def estimated_card(idea: IdeaView, locale: str, actor: Actor) -> tuple[str, list[dict[str, Any]]]:
    who = actor.name or actor.user_id
    amount = idea.estimated_saving_nok
    said = (t(locale, "saving_cleared", who=who) if amount is None
            else t(locale, "saving_set", amount=money(locale, amount), who=who))
    return blocks.review_card(idea, locale, acted=said)


def kept_card(idea: IdeaView, locale: str, actor: Actor) -> tuple[str, list[dict[str, Any]]]:
    return blocks.review_card(idea, locale, acted=t(locale, "kept_by", area=where(locale, idea),
                                                    who=actor.name or actor.user_id))


def asked_confirmation(idea: IdeaView, locale: str, actor: Actor) -> tuple[str, list[dict[str, Any]]]:
    """The employee's confirmation, now saying where they asked to move the idea and who decides."""
    return blocks.confirmation(idea, locale, notice=move_asked(locale, idea))
