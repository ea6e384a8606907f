"""Card buttons for colleagues' ideas: "Støtt" and "Trekk støtten" on the board card ("populære"), "Del med
kolleger" on the employee's confirmation, and the answers to the shared ideas shown before a new idea is stored:
"Støtt dette i stedet" and "Send mitt forslag" (which carries the text and the "Del med kolleger" toggle).

Support goes through core/support.py, once per person whichever channel they use; each answer is the card shown in
place of the clicked one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext, TurnState

from bot import turns
from bot.teams import board_cards, cards, contacts
from bot.teams.cards import Card
from bot.teams.clicks import Click, respond
from bot.teams.senders import delivery_key, submitter_ref
from bot.teams.verbs import INPUT_SHARED
from bot.texts import t
from core import support
from core.actors import Actor, employee
from core.errors import Conflict, Forbidden, RateLimited, RuleError
from core.intake import Draft
from core.locale import locale_of
from core.presentation import IdeaView
from core.steering import Steered
from storage.models import Channel

if TYPE_CHECKING:
    from bot.teams.runtime import TeamsRuntime


class BoardActions:
    def __init__(self, runtime: TeamsRuntime) -> None:
        self.runtime = runtime
        self.services = runtime.services

    async def give(self, click: Click) -> Card:
        return await self._on_board(click, support.support)

    async def take_back(self, click: Click) -> Card:
        return await self._on_board(click, support.withdraw_support)

    async def instead(self, click: Click) -> Card:
        """Support a shared idea rather than send one's own: said in place of the card, and nothing is sent."""
        try:
            done = await self.runtime.run(turns.write, self.services, support.support, actor=self._actor(click),
                                          idea_id=click.idea_id)
        except RuleError as error:
            return cards.message(refused(error, click.locale), error=True)
        return cards.message(t(click.locale, "similar.supported", id=click.idea_id,
                               count=board_cards.supports(click.locale, done.count)))

    def _actor(self, click: Click) -> Actor:
        return employee(Channel.TEAMS, click.user_id)

    async def _on_board(self, click: Click, use_case: Callable[..., support.Supported]) -> Card:
        """The board card drawn again with the new count; a refusal (the idea closed or left the board meanwhile)
        is said above it."""
        actor, note = self._actor(click), None
        try:
            await self.runtime.run(turns.write, self.services, use_case, actor=actor, idea_id=click.idea_id)
        except RuleError as error:
            note = refused(error, click.locale)
        board = await self.runtime.run(board_cards.popular_board, self.services, actor)
        return board_cards.popular(board, locale=click.locale, note=note, error=note is not None)


def refused(error: RuleError, locale: str) -> str:
    if isinstance(error, Forbidden):
        return t(locale, "error.support_own")
    if isinstance(error, Conflict):
        return t(locale, "error.support_closed")
    return t(locale, "error.not_found")


def send_mine(runtime: TeamsRuntime) -> Callable[[TurnContext, TurnState, dict[str, Any]], Awaitable[Any]]:
    """"Send mitt forslag" under the shared ideas like it: the text the button carries is stored as an idea now
    (shared with colleagues if the toggle was on), and the confirmation card takes the clicked card's place (the
    outbox's copy is marked as shown, as for "Send som forslag likevel")."""

    async def run(context: TurnContext, _state: TurnState, data: dict[str, Any]) -> AdaptiveCardInvokeResponse:
        locale = locale_of(context.activity.locale)
        words = (data or {}).get("text")
        if not isinstance(words, str) or not words.strip():
            return respond(cards.message(t(locale, "error.empty"), error=True))
        draft = Draft(text=words, submitter=submitter_ref(context), channel=Channel.TEAMS,
                      shared=str((data or {}).get(INPUT_SHARED)).lower() == "true",
                      source_key=delivery_key(context.activity), reply_to={contacts.ANSWERED: True})
        try:
            done = await runtime.run(turns.submit, runtime.services, draft=draft)
        except RateLimited as error:
            return respond(cards.message(t(locale, "error.rate_limited", minutes=-(-error.retry_after // 60)),
                                         error=True))
        except RuleError as error:
            return respond(cards.message(t(locale, "error.generic", message=error.message), error=True))
        if isinstance(done, Steered):  # taken for something else now (a new model): said, and still not stored
            return respond(cards.steered(done, words=words, locale=locale))
        if not isinstance(done, IdeaView):  # cannot be: a draft without offer_similar is stored
            return respond(cards.message(t(locale, "error.not_found"), error=True))
        return respond(cards.confirmation(done, locale=locale))

    return run
