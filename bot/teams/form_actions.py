"""The idea form sent (verb `idea.send_form`): its inputs become a Draft for the same submit every channel uses, so
steering, shared ideas like it, the rate limit and a redelivered click behave as for a typed message. The answer
takes the form's place: the confirmation, or the form again as it was typed with why nothing was stored.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext, TurnState

from bot import turns
from bot.teams import cards, contacts, form_cards
from bot.teams.clicks import respond
from bot.teams.form_cards import SEEN_SIMILAR, SEND_ANYWAY, Typed, is_on
from bot.teams.senders import delivery_key, submitter_ref
from bot.texts import t
from core.errors import InvalidInput, RateLimited, RuleError
from core.intake import Draft
from core.locale import locale_of
from core.similar import SimilarShared
from core.steering import Steered
from storage.models import Channel

if TYPE_CHECKING:
    from bot.teams.runtime import TeamsRuntime


def send_form(runtime: TeamsRuntime) -> Callable[[TurnContext, TurnState, dict[str, Any]], Awaitable[Any]]:
    async def run(context: TurnContext, _state: TurnState, data: dict[str, Any]) -> AdaptiveCardInvokeResponse:
        data, locale, org = data or {}, locale_of(context.activity.locale), runtime.services.org
        typed = Typed.read(data)
        flags = {flag: True for flag in (SEND_ANYWAY, SEEN_SIMILAR) if is_on(data.get(flag))}

        def again(note: str) -> AdaptiveCardInvokeResponse:
            return respond(form_cards.idea_form(org, locale=locale, typed=typed, note=note, flags=flags))

        if not typed.text.strip():  # the card asks for it too, but a click's data is not to be trusted
            return again(t(locale, "error.empty"))
        # The click's own activity id is the source key: a redelivered click finds the idea stored the first time.
        # The confirmation is this answer, so its outbox copy is marked as shown (contacts.ANSWERED).
        draft = Draft(text=typed.text, title=typed.title or None, anonymous=typed.anonymous, shared=typed.shared,
                      unit=typed.unit, submitter=submitter_ref(context), channel=Channel.TEAMS,
                      source_key=delivery_key(context.activity), reply_to={contacts.ANSWERED: True},
                      send_anyway=SEND_ANYWAY in flags, offer_similar=not flags)
        try:
            done = await runtime.run(turns.submit, runtime.services, draft=draft)
        except RateLimited as error:
            return again(t(locale, "error.rate_limited", minutes=-(-error.retry_after // 60)))
        except InvalidInput as error:
            return again(t(locale, "error.unit_unknown") if error.field == "unit"
                         else t(locale, "error.generic", message=error.message))
        except RuleError as error:
            return again(t(locale, "error.generic", message=error.message))
        if isinstance(done, Steered):
            return respond(form_cards.steered_form(org, done, locale=locale, typed=typed))
        if isinstance(done, SimilarShared):
            return respond(form_cards.similar_form(org, done, locale=locale, typed=typed))
        return respond(cards.confirmation(done, locale=locale))

    return run
