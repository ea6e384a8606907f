"""Card buttons: each Action.Execute verb has one small handler that returns the card to show in its place.

This module answers for the employee's confirmation card ("Feil område?", which asks for another area, "Gjør
anonym", "Del med kolleger", "Angre") and for "Send som forslag likevel" under a message that is not an idea, and
registers every verb; `staff_actions.py` handles the commissioner's card, `board_actions.py` colleagues' ideas,
`form_actions.py` the idea form ("skjema"), and `clicks.py` reads a click. The rules (who may, which transitions,
the withdraw window, stale clicks) are all in the use cases of core/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext, TurnState

from bot import turns
from bot.teams import cards, contacts
from bot.teams.board_actions import BoardActions, send_mine
from bot.teams.cards import Card
from bot.teams.clicks import Click, Handler, read, refusal, respond, stale, visible_view
from bot.teams.form_actions import send_form
from bot.teams.senders import delivery_key, submitter_ref
from bot.teams.staff_actions import StaffActions
from bot.teams.verbs import INPUT_AREA, INPUT_NOTE, Verb
from bot.texts import move_asked, t
from core import my_ideas
from core.actors import Actor, employee
from core.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited, RuleError
from core.intake import Draft
from core.locale import locale_of
from core.presentation import IdeaView
from core.steering import Steered
from storage.models import Channel

if TYPE_CHECKING:
    from microsoft_agents.hosting.core import AgentApplication

    from bot.teams.runtime import TeamsRuntime


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
            return cards.message(t(click.locale, "error.not_found"), error=True)
        if view.status != click.expected:
            return cards.confirmation(view, locale=click.locale, note=stale(view, click), error=True)
        areas = [(area.id, area.name.get(click.locale)) for area in self.services.org.focus_areas]
        return cards.area_chooser(view, locale=click.locale, areas=areas, confirm=Verb.MOVE, cancel=Verb.SHOW_IDEA,
                                  title=t(click.locale, "button.wrong_area"), asking=True)

    async def move(self, click: Click) -> Card:
        """The chosen area is asked for, not moved to: the confirmation says so, and who decides."""
        area = str(click.data.get(INPUT_AREA) or "")
        note = str(click.data.get(INPUT_NOTE) or "").strip() or None

        def change(actor: Actor) -> IdeaView:
            return turns.change(self.services, my_ideas.ask_to_move, actor=actor, idea_id=click.idea_id,
                                focus_area=area, note=note)

        return await self._change(click, change, note=lambda view: move_asked(click.locale, view))

    async def make_anonymous(self, click: Click) -> Card:
        def change(actor: Actor) -> IdeaView:
            return turns.change(self.services, my_ideas.make_anonymous, actor=actor, idea_id=click.idea_id)

        return await self._change(click, change, note=lambda _view: t(click.locale, "made_anonymous"))

    async def share(self, click: Click) -> Card:
        def change(actor: Actor) -> IdeaView:
            return turns.change(self.services, my_ideas.share, actor=actor, idea_id=click.idea_id)

        return await self._change(click, change, note=lambda _view: t(click.locale, "shared_now"))

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
            return cards.message(t(click.locale, "error.not_found"), error=True)
        except (Conflict, InvalidInput) as error:
            current = await self.runtime.run(visible_view, self.runtime, actor, click.idea_id)
            message = refusal(error, current, click)
            if late and current.status == click.expected:  # still received, so the window has closed
                message = t(click.locale, "error.withdraw_late", minutes=self.services.settings.withdraw_minutes)
            return cards.confirmation(current, locale=click.locale, note=message, error=True)
        return cards.confirmation(view, locale=click.locale, note=note(view) if note else None)


def register(agent: AgentApplication[TurnState], runtime: TeamsRuntime) -> None:
    employee, staff, board = EmployeeActions(runtime), StaffActions(runtime), BoardActions(runtime)
    handlers: dict[Verb, Handler] = {
        Verb.SHOW_IDEA: employee.show,
        Verb.WRONG_AREA: employee.wrong_area,
        Verb.MOVE: employee.move,
        Verb.MAKE_ANONYMOUS: employee.make_anonymous,
        Verb.SHARE: employee.share,
        Verb.WITHDRAW: employee.withdraw,
        Verb.SUPPORT: board.give,
        Verb.TAKE_BACK: board.take_back,
        Verb.SUPPORT_INSTEAD: board.instead,
        **staff.handlers(),
    }
    for verb, handler in handlers.items():
        agent.adaptive_card.action_execute(verb.value)(_invoke(handler))
    agent.adaptive_card.action_execute(Verb.SEND_ANYWAY.value)(send_anyway(runtime))
    agent.adaptive_card.action_execute(Verb.SEND_MINE.value)(send_mine(runtime))
    agent.adaptive_card.action_execute(Verb.SEND_FORM.value)(send_form(runtime))


def send_anyway(runtime: TeamsRuntime) -> Callable[[TurnContext, TurnState, dict[str, Any]], Awaitable[Any]]:
    """"Send som forslag likevel" on the answer to a message that is not an idea: the text it carries is stored as
    an idea, and the confirmation card takes the clicked card's place. That is the confirmation: the outbox's copy
    of it is marked as shown (contacts.ANSWERED), so the person does not get it twice."""

    async def run(context: TurnContext, _state: TurnState, data: dict[str, Any]) -> AdaptiveCardInvokeResponse:
        locale = locale_of(context.activity.locale)
        words = (data or {}).get("text")
        if not isinstance(words, str) or not words.strip():
            return respond(cards.message(t(locale, "error.empty"), error=True))
        # A redelivered click (same activity) finds the idea stored the first time.
        draft = Draft(text=words, submitter=submitter_ref(context), channel=Channel.TEAMS, send_anyway=True,
                      source_key=delivery_key(context.activity), reply_to={contacts.ANSWERED: True})
        try:
            done = await runtime.run(turns.submit, runtime.services, draft=draft)
        except RateLimited as error:
            return respond(cards.message(t(locale, "error.rate_limited", minutes=-(-error.retry_after // 60)),
                                         error=True))
        except RuleError as error:
            return respond(cards.message(t(locale, "error.generic", message=error.message), error=True))
        if isinstance(done, Steered):  # cannot be: sent anyway, it is taken in as an idea
            return respond(cards.steered(done, words=words, locale=locale))
        return respond(cards.confirmation(done, locale=locale))

    return run


def _invoke(handler: Handler) -> Callable[[TurnContext, TurnState, dict[str, Any]], Awaitable[Any]]:
    async def run(context: TurnContext, _state: TurnState, data: dict[str, Any]) -> AdaptiveCardInvokeResponse:
        click = read(context, data)
        if click is None:
            return respond(cards.message(t(locale_of(context.activity.locale), "error.not_found"), error=True))
        return respond(await handler(click))

    return run
