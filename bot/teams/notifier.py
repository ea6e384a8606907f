"""The outbox's way into Teams: render a notification as an Adaptive Card and send it as a proactive message.

Recipients: "submitter:<id>" (an employee, through the conversation reference stored at first contact),
"user:<aad id>" (a commissioner or administrator who has talked to the bot) and "channel:<conversation id>"
(a Teams channel from the org config). Everything is rendered at delivery time from the current state of the idea,
in the recipient's language, so a retried notification never shows stale facts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import aiohttp
from microsoft_agents.activity import Activity, ChannelAccount, ConversationAccount, ConversationReference
from microsoft_agents.hosting.core import CardFactory, ChannelServiceAdapter, MessageFactory, TurnContext
from microsoft_agents.hosting.core.app.proactive import Conversation

from bot import following, turns
from bot.blocking import Blocking
from bot.teams import board_cards, cards, contacts, form_cards, staff_cards
from bot.teams.graph import Directory
from bot.texts import area_name, digest_packages, move_request_heading, package_reminder, t
from core import my_ideas, reach, reading
from core.actors import employee
from core.errors import NotFound
from core.locale import DEFAULT_LOCALE
from core.notify import Kind
from core.outbox import DeliveryFailed, Notification
from core.presentation import IdeaView
from core.services import Services
from storage.models import Channel, utcnow

log = logging.getLogger(__name__)

SEND_TIMEOUT_S = 30.0
NOT_YET_TALKED_RETRY_S = 900.0  # until the commissioner installs the bot; then the next attempt gets through
INSTALLED_RETRY_S = 60.0  # after installing the app for them: Teams opens the chat within seconds
INSTALL_GRACE_S = 600.0  # how long after an installation their messages are retried that soon
INSTALL_EVERY_S = 3600.0  # at most one installation attempt per person and hour (per process)


class NoChatYet(DeliveryFailed):
    """A commissioner or administrator without a chat with the bot: Teams lets a bot write only where it is
    installed, and the chat's reference arrives when Teams tells the bot (conversationUpdate)."""

    def __init__(self, aad_id: str) -> None:
        super().__init__("this person has not opened a chat with the bot yet; the bot cannot write first",
                         retry_after=NOT_YET_TALKED_RETRY_S)
        self.aad_id = aad_id


@dataclass(frozen=True)
class Target:
    conversation: Conversation
    locale: str
    external_id: str | None = None


class TeamsNotifier:
    def __init__(self, *, services: Services, adapter: ChannelServiceAdapter, directory: Directory | None,
                 run: Blocking) -> None:
        self.services = services
        self.adapter = adapter
        self.directory = directory
        self._run = run  # the database reads, off the event loop
        # AAD object id -> when the app was last installed for them, and whether Graph did it
        self._install_attempts: dict[str, tuple[float, bool]] = {}

    async def deliver(self, notification: Notification) -> None:
        if notification.kind == Kind.RECEIVED and (notification.payload.get("reply_to") or {}).get(contacts.ANSWERED):
            return  # the person has it already: it took the place of the card they clicked (actions.send_anyway)
        try:
            target = await self._run(self._target, notification.recipient)
        except NoChatYet as missing:
            raise await self._install_for(missing) from None
        card = await self._render(notification, target)
        if card is None:
            return
        activity = MessageFactory.attachment(CardFactory.adaptive_card(card))
        await self._send(target.conversation, activity, notification)

    # -- where to --------------------------------------------------------------------------------------------

    def _target(self, recipient: str) -> Target:
        kind, _, value = recipient.partition(":")
        if kind == "submitter" and value.isdigit():
            address = turns.look(self.services, reach.submitter_reach, submitter_id=int(value), channel=Channel.TEAMS)
            if address is None or not address.address:
                raise DeliveryFailed("the submitter has no Teams conversation (or was erased)", permanent=True)
            return Target(_conversation(address.address), address.locale, address.external_id)
        if kind == "user" and value:
            address = contacts.staff_address(self.services, aad_id=value)
            if address is None:
                raise NoChatYet(value)
            return Target(_conversation(address.address), address.locale, address.external_id)
        if kind == "channel" and value:
            return Target(self._channel(value), DEFAULT_LOCALE)
        raise DeliveryFailed(f"unknown Teams recipient kind '{kind}'", permanent=True)

    def _channel(self, conversation_id: str) -> Conversation:
        settings = self.services.settings
        reference = ConversationReference(
            channel_id="msteams", service_url=settings.teams_service_url,
            conversation=ConversationAccount(id=conversation_id, is_group=True, conversation_type="channel",
                                             tenant_id=settings.teams_tenant_id or None),
            agent=ChannelAccount(id=f"28:{settings.teams_app_id}"),
        )
        # No inbound token to copy claims from: name our own app, so the outbound token is requested for it.
        claims = {} if settings.teams_allow_anonymous else {"aud": settings.teams_app_id}
        return Conversation(claims=claims, conversation_reference=reference)

    async def _install_for(self, missing: NoChatYet) -> DeliveryFailed:
        """Install the app for the person through Graph (TEAMS_CATALOG_APP_ID), so the retry finds their chat soon;
        without Graph, or if it fails, they get the card once they open the app themselves."""
        catalog = self.services.settings.teams_catalog_app_id
        if self.directory is None or not catalog:
            return missing
        now = time.monotonic()
        attempt = self._install_attempts.get(missing.aad_id)
        if attempt is None or now - attempt[0] > INSTALL_EVERY_S:
            # Recorded whether Graph agreed or not: a refusing or slow Graph is asked once an hour, not per message.
            attempt = self._install_attempts[missing.aad_id] = (
                now, await self.directory.install_app(missing.aad_id, catalog_app_id=catalog))
        when, installed = attempt
        if not installed or now - when > INSTALL_GRACE_S:  # refused, or installed yet no chat came
            return missing
        return DeliveryFailed("the app was installed for this person; waiting for Teams to open the chat",
                              retry_after=INSTALLED_RETRY_S)

    # -- what --------------------------------------------------------------------------------------------------

    async def _render(self, notification: Notification, target: Target) -> dict[str, Any] | None:
        """The card to send; None when there is nothing left to say."""
        locale, payload = target.locale, notification.payload
        if notification.kind == contacts.REPLY:
            return await self._run(self._reply, payload, target)
        if notification.kind in following.NEWS:  # to a follower: told from the notification alone
            return cards.card([cards.text(line) for line in following.news_lines(locale, notification)])
        org = self.services.org
        if notification.kind == Kind.DIGEST:
            views = await self._run(lambda: [self._view(i) for i in payload.get("idea_ids", [])])
            return staff_cards.digest(views, locale=locale, days=org.sla_days,
                                      packages=digest_packages(locale, org, payload))
        if notification.kind == Kind.PACKAGE_REMINDER:
            return cards.message(package_reminder(locale, org, payload))
        view = await self._run(self._view, notification.idea_id)
        if notification.kind == Kind.RECEIVED:
            return cards.confirmation(view, locale=locale)
        if notification.kind == Kind.ROUTED:
            return staff_cards.staff_card(view, locale=locale, sender=await self.sender(view))
        if notification.kind == Kind.STATUS_CHANGED:
            return cards.status_changed(view, locale=locale, note=payload.get("note"))
        if notification.kind == Kind.REROUTED:
            return cards.rerouted(view, locale=locale)
        if notification.kind == Kind.PACKAGE_ADOPTED:
            return cards.package_adopted(view, locale=locale, years=str(payload.get("years", "")),
                                         case=payload.get("case_reference"))
        if notification.kind == Kind.MERGED:
            return cards.merged_into_yours(view, locale=locale, supporters=int(payload.get("supporters") or 0))
        if notification.kind == Kind.MOVE_REQUESTED:
            if view.move_request is None:
                return None  # answered (or the idea closed) before the card went out
            return staff_cards.staff_card(view, locale=locale, sender=await self.sender(view),
                                          heading=move_request_heading(locale, view))
        if notification.kind == Kind.MOVE_DECLINED:
            return cards.move_declined(view, locale=locale, note=payload.get("note"),
                                       requested=area_name(locale, self.services.org, payload.get("requested")))
        raise DeliveryFailed(f"no Teams message for notification kind '{notification.kind}'", permanent=True)

    def _reply(self, payload: dict[str, Any], target: Target) -> dict[str, Any]:
        if payload.get("my_ideas"):
            me = employee(Channel.TEAMS, target.external_id or "")
            views = turns.look(self.services, my_ideas.list_mine, actor=me).items
            return cards.my_ideas(views, locale=target.locale)
        if payload.get("popular"):
            me = employee(Channel.TEAMS, target.external_id or "")
            return board_cards.popular(board_cards.popular_board(self.services, me), locale=target.locale)
        if payload.get("form"):  # drawn now: the org config's units and sharing policy as they are at delivery
            return form_cards.idea_form(self.services.org, locale=target.locale)
        return cards.message(t(target.locale, payload["key"], **payload.get("values", {})),
                             error=payload["key"].startswith("error."))

    def _view(self, idea_id: int | None) -> IdeaView:
        try:
            return turns.look(self.services, reading.show, actor=None, idea_id=idea_id or 0)
        except NotFound:
            raise DeliveryFailed(f"idea {idea_id} no longer exists", permanent=True) from None

    async def sender(self, view: IdeaView) -> staff_cards.Sender | None:
        """Who sent a non-anonymous idea, from the directory when Graph answers in time; else None (the card then
        shows the name Teams gave). Nothing is looked up for an anonymous idea."""
        if view.anonymous or self.directory is None:
            return None
        aad_id = await self._run(contacts.sender_aad_id, self.services, idea_id=view.id)
        found = await self.directory.user(aad_id) if aad_id else None
        if found is None or not (found.display_name or view.submitter_name):
            return None
        return staff_cards.Sender(name=found.display_name or view.submitter_name or "", job_title=found.job_title,
                                  department=found.department, manager=found.manager)

    # -- how ----------------------------------------------------------------------------------------------------

    async def _send(self, target: Conversation, activity: Activity, notification: Notification) -> None:
        try:
            await asyncio.wait_for(self._continue(target, activity), SEND_TIMEOUT_S)
        except aiohttp.ClientResponseError as error:
            log.info("outbox %s (%s): Bot Connector answered %s", notification.id, notification.kind, error.status)
            raise connector_failure(error.status, error.headers) from None
        except (aiohttp.ClientError, TimeoutError) as error:
            raise DeliveryFailed(f"Bot Connector unreachable: {type(error).__name__}", unreachable=True) from None


    async def _continue(self, target: Conversation, activity: Activity) -> None:
        """A proactive turn in the stored conversation that sends one activity (the SDK's proactive path)."""
        failure: BaseException | None = None
        continuation = target.conversation_reference.get_continuation_activity()
        # The SDK gives the continuation a made-up id and would send our message as a reply to it
        # (POST .../activities/{id}); without it the message is a new post in the chat or channel.
        continuation.id = None

        async def send(context: TurnContext) -> None:
            nonlocal failure
            try:
                await context.send_activity(activity)
            except Exception as error:  # re-raised below: the adapter's own error handler would message the user
                failure = error

        await self.adapter.continue_conversation_with_claims(Conversation.identity_from_claims(target.claims),
                                                             continuation, send)
        if failure is not None:
            raise failure


def connector_failure(status: int, headers: Any) -> DeliveryFailed:
    """429 and 5xx come back later (after Retry-After); 401 too (a token hiccup); 403/404 and other 4xx never will:
    the bot was removed or blocked, or the conversation is gone."""
    if status == 429:
        return DeliveryFailed("Bot Connector throttled (429)", retry_after=retry_after(headers))
    if status >= 500 or status == 401:
        return DeliveryFailed(f"Bot Connector error {status}", retry_after=retry_after(headers))
    return DeliveryFailed(f"Bot Connector refused the message ({status})", permanent=True)


def retry_after(headers: Any) -> float | None:
    value = (headers or {}).get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max((parsedate_to_datetime(value) - utcnow()).total_seconds(), 0.0)
    except (TypeError, ValueError):
        return None


def _conversation(address: dict[str, Any]) -> Conversation:
    return Conversation.from_json_to_store_item(address)
