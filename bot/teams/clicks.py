"""One card click as the handlers see it, the answer that replaces the clicked card, and the refusals every
handler shares (a stale card, a rule that said no). Used by the employee's (`actions.py`) and the commissioner's
(`staff_actions.py`) handlers alike.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext

from bot import turns
from bot.teams import cards, contacts
from bot.teams.cards import Card
from bot.texts import status_label, t
from core import reading
from core.actors import Actor
from core.errors import RuleError
from core.locale import locale_of
from core.presentation import IdeaView
from storage.models import Status

if TYPE_CHECKING:
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
    return t(click.locale, "error.stale", status=status_label(click.locale, current.status).lower())


def refusal(error: RuleError, current: IdeaView, click: Click) -> str:
    if click.expected is not None and current.status != click.expected:
        return stale(current, click)
    return t(click.locale, "error.generic", message=error.message)


Handler = Callable[[Click], Awaitable[Card]]
