"""Card buttons: each Action.Execute verb has one small handler that returns the card to show in its place.

This module reads the click and answers for the employee's confirmation card ("Feil område?", "Gjør anonym",
"Angre") and for "Send som forslag likevel" under a message that is not an idea; `staff_actions.py` handles the
commissioner's card. The rules (who may, which transitions, the withdraw window, stale clicks) are all in the use
cases of core/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext, TurnState

from bot import turns
from bot.teams import cards, contacts
from bot.teams.cards import Card
from bot.teams.verbs import INPUT_AREA, Verb
from bot.texts import locale_of, status_label, t
from core import my_ideas, reading
from core.actors import Actor, employee
from core.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited, RuleError
from core.intake import Draft
from core.presentation import IdeaView
from core.steering import Steered
from storage.models import Channel, Status

if TYPE_CHECKING:
    from microsoft_agents.hosting.core import AgentApplication

    from bot.teams.runtime import TeamsRuntime


@dataclass(frozen=True)
class Click:
    idea_id: int
    expected: Status | None  # the status the clicked card showed
    user_id: str  # the clicker's AAD object id
    locale: str
    data: dict[str, Any]  # the button's data plus the card's inputs


def read(context: TurnContext, data: dict[str, Any] | None) -> Click | None:
    data = data or {}
    user = context.activity.from_property
    try:
        idea_id = int(data["idea_id"])
        expected = Status(data["expected"]) if data.get("expected") else None
    except (KeyError, TypeError, ValueError):
        return None
    return Click(idea_id=idea_id, expected=expected, locale=locale_of(context.activity.locale), data=data,
                 user_id=contacts.external_id(aad_object_id=user.aad_object_id, channel_user_id=user.id))


def respond(card: Card) -> AdaptiveCardInvokeResponse:
    """The invoke answer that makes Teams show `card` in place of the clicked one."""
    return AdaptiveCardInvokeResponse(status_code=200, type=cards.CONTENT_TYPE, value=card)


def visible_view(runtime: TeamsRuntime, actor: Actor, idea_id: int) -> IdeaView:
    """The idea as the actor may see it (their own, or their area's); NotFound otherwise."""
    return turns.look(runtime.services, reading.show, actor=actor, idea_id=idea_id)


def stale(current: IdeaView, click: Click) -> str:
    """The answer to a click on a card that showed another status than the idea has now."""
    return t("error.stale", click.locale, status=status_label(current.status, click.locale).lower())


def refusal(error: RuleError, current: IdeaView, click: Click) -> str:
    if click.expected is not None and current.status != click.expected:
        return stale(current, click)
    return t("error.generic", click.locale, message=error.message)


Handler = Callable[[Click], Awaitable[Card]]


class EmployeeActions:
    def __init__(self, runtime: TeamsRuntime) -> None:
        self.runtime = runtime
        self.services = runtime.services

    async def show(self, click: Click) -> Card:
        return await self._change(click, lambda actor: visible_view(self.runtime, actor, click.idea_id))

    async def wrong_area(self, click: Click) -> Card:
        try:
            view = await self.runtime.run(visible_view, self.runtime, self._actor(click), click.idea_id)
        except NotFound:
            return cards.message(t("error.not_found", click.locale), error=True)
        if view.status != click.expected:
            return cards.confirmation(view, locale=click.locale, note=stale(view, click), error=True)
        areas = [(area.id, area.name.get(click.locale)) for area in self.services.org.focus_areas]
        return cards.area_chooser(view, locale=click.locale, areas=areas, confirm=Verb.MOVE, cancel=Verb.SHOW_IDEA,
                                  title=t("button.wrong_area", click.locale))

    async def move(self, click: Click) -> Card:
        area = str(click.data.get(INPUT_AREA) or "")

        def change(actor: Actor) -> IdeaView:
            return turns.change(self.services, my_ideas.move, actor=actor, idea_id=click.idea_id, focus_area=area)

        return await self._change(click, change, note=lambda view: t(
            "moved_by_submitter", click.locale, area=view.area(click.locale), commissioner=view.commissioner_name))

    async def make_anonymous(self, click: Click) -> Card:
        def change(actor: Actor) -> IdeaView:
            return turns.change(self.services, my_ideas.make_anonymous, actor=actor, idea_id=click.idea_id)

        return await self._change(click, change, note=lambda _view: t("made_anonymous", click.locale))

    async def withdraw(self, click: Click) -> Card:
        def change(actor: Actor) -> IdeaView:
            return turns.change(self.services, my_ideas.withdraw, actor=actor, idea_id=click.idea_id)

        return await self._change(click, change, late=True)

    def _actor(self, click: Click) -> Actor:
        return employee(Channel.TEAMS, click.user_id)

    async def _change(self, click: Click, change: Callable[[Actor], IdeaView],
                      note: Callable[[IdeaView], str] | None = None, *, late: bool = False) -> Card:
        """`change` (database work) runs in the adapter's thread; the card is built back here."""
        actor = self._actor(click)
        try:
            view = await self.runtime.run(change, actor)
        except (NotFound, Forbidden):  # not their idea: it answers like one that does not exist
            return cards.message(t("error.not_found", click.locale), error=True)
        except (Conflict, InvalidInput) as error:
            current = await self.runtime.run(visible_view, self.runtime, actor, click.idea_id)
            message = refusal(error, current, click)
            if late and current.status == click.expected:  # still received, so the window has closed
                message = t("error.withdraw_late", click.locale, minutes=self.services.settings.withdraw_minutes)
            return cards.confirmation(current, locale=click.locale, note=message, error=True)
        return cards.confirmation(view, locale=click.locale, note=note(view) if note else None)


def register(agent: AgentApplication[TurnState], runtime: TeamsRuntime) -> None:
    from bot.teams.staff_actions import StaffActions

    employee, staff = EmployeeActions(runtime), StaffActions(runtime)
    handlers: dict[Verb, Handler] = {
        Verb.SHOW_IDEA: employee.show,
        Verb.WRONG_AREA: employee.wrong_area,
        Verb.MOVE: employee.move,
        Verb.MAKE_ANONYMOUS: employee.make_anonymous,
        Verb.WITHDRAW: employee.withdraw,
        **staff.handlers(),
    }
    for verb, handler in handlers.items():
        agent.adaptive_card.action_execute(verb.value)(_invoke(handler))
    agent.adaptive_card.action_execute(Verb.SEND_ANYWAY.value)(send_anyway(runtime))


def send_anyway(runtime: TeamsRuntime) -> Callable[[TurnContext, TurnState, dict[str, Any]], Awaitable[Any]]:
    """"Send som forslag likevel" on the answer to a message that is not an idea: the text it carries is stored as
    an idea, and the confirmation card takes the clicked card's place. That is the confirmation: the outbox's copy
    of it is marked as shown (contacts.ANSWERED), so the person does not get it twice."""
    from bot.teams.agent import delivery_key, submitter_ref

    async def run(context: TurnContext, _state: TurnState, data: dict[str, Any]) -> AdaptiveCardInvokeResponse:
        locale = locale_of(context.activity.locale)
        words = (data or {}).get("text")
        if not isinstance(words, str) or not words.strip():
            return respond(cards.message(t("error.empty", locale), error=True))
        # A redelivered click (same activity) finds the idea stored the first time.
        draft = Draft(text=words, submitter=submitter_ref(context), channel=Channel.TEAMS, send_anyway=True,
                      source_key=delivery_key(context.activity), reply_to={contacts.ANSWERED: True})
        try:
            done = await runtime.run(turns.submit, runtime.services, draft=draft)
        except RateLimited as error:
            return respond(cards.message(t("error.rate_limited", locale, minutes=-(-error.retry_after // 60)),
                                         error=True))
        except RuleError as error:
            return respond(cards.message(t("error.generic", locale, message=error.message), error=True))
        if isinstance(done, Steered):  # cannot be: sent anyway, it is taken in as an idea
            return respond(cards.steered(done, words=words, locale=locale))
        return respond(cards.confirmation(done, locale=locale))

    return run


def _invoke(handler: Handler) -> Callable[[TurnContext, TurnState, dict[str, Any]], Awaitable[Any]]:
    async def run(context: TurnContext, _state: TurnState, data: dict[str, Any]) -> AdaptiveCardInvokeResponse:
        click = read(context, data)
        if click is None:
            return respond(cards.message(t("error.not_found", locale_of(context.activity.locale)), error=True))
        return respond(await handler(click))

    return run
