"""The Teams conversation: a personal-chat message becomes an idea (or answers "hjelp", "mine forslag",
"populære", "skjema" (the idea form of form_cards.py) and the following commands of bot/following.py, says where
a message that is not an idea belongs, or shows shared ideas like it first), the bot being added stores the
conversation for later messages, and card buttons are handled in `actions.py`.

Every answer to a message goes through the outbox and is then delivered at once (`TeamsRuntime.deliver_now`), so a
Bot Connector hiccup delays the answer instead of losing it; the one exception is the answer to a message that is
not an idea, which must not reach a table. Card clicks are answered in the invoke response itself: that is how
Teams replaces the card in place.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import aiohttp
from microsoft_agents.activity import Activity, ActivityTypes, InvokeResponse
from microsoft_agents.hosting.core import CardFactory, MessageFactory, TurnContext, TurnState

from bot import following, turns
from bot.teams import actions, board_cards, cards, clicks, contacts
from bot.teams.senders import delivery_key, submitter_ref
from bot.texts import t
from core.actors import employee, may_share, staff_behind
from core.errors import InvalidInput, RateLimited
from core.intake import Draft, SubmitterRef
from core.locale import DEFAULT_LOCALE, LOCALES, locale_of
from core.services import Services
from core.similar import SimilarShared
from core.steering import Steered
from storage.models import Channel

if TYPE_CHECKING:
    from microsoft_agents.hosting.core import AgentApplication

    from bot.teams.runtime import TeamsRuntime

log = logging.getLogger(__name__)

HELP, MY_IDEAS, POPULAR, FORM = "help", "my_ideas", "popular", "form"
HELP_TEXT, WELCOME_STAFF = "help_teams", "welcome_staff"
COMMANDS = {t(locale, f"command.{command}").casefold(): command
            for command in (HELP, MY_IDEAS, POPULAR, FORM) for locale in LOCALES}


def register(agent: AgentApplication[TurnState], runtime: TeamsRuntime) -> None:
    services = runtime.services

    @agent.conversation_update("membersAdded")
    async def on_members_added(context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        if not any(member.id == activity.recipient.id for member in activity.members_added or []):
            return
        if not _personal(activity):
            # The id an administrator puts in the org config as triage.teams_conversation; names no person.
            log.info("Teams: bot added to conversation %s (%s)", activity.conversation.id,
                     activity.conversation.conversation_type)
            return
        ref, source_key = submitter_ref(context), delivery_key(activity)
        # Commissioners mostly get the app to receive ideas (often installed for them by the bot): say so.
        staff = staff_behind(services.org, channel=Channel.TEAMS, platform_user_id=ref.external_id)
        welcome_key = WELCOME_STAFF if staff else HELP_TEXT

        def welcome() -> int:
            submitter_id = contacts.remember(services, ref=ref)
            contacts.queue_reply(services, submitter_id=submitter_id, payload={"key": welcome_key},
                              source_key=source_key)
            return submitter_id

        await runtime.deliver_now(await runtime.run(welcome))

    @agent.activity(ActivityTypes.message)
    async def on_message(context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        if not _personal(activity):  # ideas come in personal chat; channel talk is not meant for the bot
            return
        ref, text, source_key = submitter_ref(context), (activity.text or "").strip(), delivery_key(activity)
        submitter_id, answer = await runtime.run(take_in, services, ref=ref, text=text, source_key=source_key)
        if answer is None:
            await runtime.deliver_now(submitter_id)
        elif not answer.repeated:  # a redelivered activity was answered the first time
            # Sent in this turn, not queued like every other answer: the outbox is a table, and a message that is
            # not an idea (its text rides on the card's "send anyway" button) must be stored nowhere; nor is an idea
            # waiting for the person's choice among shared ideas like it (its text rides on "Send mitt forslag").
            # If the Bot Connector fails now, the answer is lost; the message was not kept either, so nothing else is.
            locale = ref.locale or DEFAULT_LOCALE
            card = (cards.steered(answer, words=text, locale=locale) if isinstance(answer, Steered) else
                    board_cards.similar(answer, words=text, locale=locale, share_choice=may_share(services.org)))
            try:
                await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))
            except (aiohttp.ClientError, TimeoutError) as error:  # its text names the conversation: not logged
                log.warning("Teams: the answer to a message that is not an idea was not sent (%s)",
                            type(error).__name__)

    actions.register(agent, runtime)

    @agent.error
    async def on_error(context: TurnContext, error: Exception) -> None:
        log.error("Teams turn failed (%s)", type(error).__name__, exc_info=error)
        if context.activity.type == ActivityTypes.invoke:  # the clicker sees why their card did not change
            locale = locale_of(context.activity.locale)
            body = clicks.respond(cards.message(t(locale, "error.generic", message=type(error).__name__),
                                                 error=True))
            await context.send_activity(Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(
                status=200, body=body.model_dump(mode="json", by_alias=True, exclude_none=True))))


def take_in(services: Services, *, ref: SubmitterRef, text: str,
            source_key: str) -> tuple[int, Steered | SimilarShared | None]:
    """A personal-chat message: a command's answer or a new idea (or why not), queued for the sender, whose
    submitter id is returned; or, for a message that is not an idea, where it belongs, and for an idea like shared
    ones on the board, those (nothing queued: the caller answers). Database and classifier work: runs in the
    adapter's thread."""
    submitter_id = contacts.remember(services, ref=ref)
    typed = " ".join(text.split()).casefold()
    command = COMMANDS.get(typed)
    asked = following.parse(typed.strip(" .!")) if command is None else None
    if asked is not None:  # "følg 12", "varsler daglig"
        key, values = following.run(services, employee(Channel.TEAMS, ref.external_id), asked,
                                    ref.locale or DEFAULT_LOCALE)
        contacts.queue_reply(services, submitter_id=submitter_id, payload={"key": key, "values": values},
                             source_key=source_key)
    elif command == MY_IDEAS:
        contacts.queue_reply(services, submitter_id=submitter_id, payload={"my_ideas": True}, source_key=source_key)
    elif command == POPULAR:
        contacts.queue_reply(services, submitter_id=submitter_id, payload={"popular": True}, source_key=source_key)
    elif command == FORM:
        contacts.queue_reply(services, submitter_id=submitter_id, payload={"form": True}, source_key=source_key)
    elif command == HELP or not text:
        payload = {"key": HELP_TEXT if text else "error.empty"}
        contacts.queue_reply(services, submitter_id=submitter_id, payload=payload, source_key=source_key)
    else:
        try:
            done = turns.submit(services, draft=Draft(text=text, submitter=ref, channel=Channel.TEAMS,
                                                      source_key=source_key, offer_similar=True))
            if isinstance(done, Steered | SimilarShared):
                return submitter_id, done
        except InvalidInput as error:
            contacts.queue_reply(services, submitter_id=submitter_id, source_key=source_key,
                              payload={"key": "error.generic", "values": {"message": error.message}})
        except RateLimited as error:
            contacts.queue_reply(services, submitter_id=submitter_id, source_key=source_key,
                              payload={"key": "error.rate_limited",
                                       "values": {"minutes": -(-error.retry_after // 60)}})
    return submitter_id, None


def _personal(activity: Activity) -> bool:
    return (activity.conversation.conversation_type or "personal") == "personal"
