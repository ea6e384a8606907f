"""Delivering outbox notifications to Slack: the core.outbox.Notifier for Channel.SLACK.

Recipients are written by core/notify.py: "submitter:<id>" (looked up only now, so an anonymous idea's link to
its sender never leaves this module), "user:<slack user id>" (a commissioner's DM) and "channel:<slack channel>"
(the triage channel). Slack's answers become DeliveryFailed so the outbox retries, waits or gives up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot import following, turns
from bot.blocking import Blocking
from bot.slack import blocks
from bot.slack.people import People
from bot.texts import area_name, digest_packages, move_request_heading, package_reminder
from core import reach, reading
from core.errors import NotFound
from core.locale import DEFAULT_LOCALE
from core.notify import Kind
from core.outbox import DeliveryFailed, Notification, deliver_due
from core.presentation import IdeaView
from core.services import Services
from storage.models import Channel, Status

log = logging.getLogger(__name__)

RENDERED = frozenset({Kind.RECEIVED, Kind.ROUTED, Kind.STATUS_CHANGED, Kind.REROUTED, Kind.MOVE_REQUESTED,
                      Kind.MOVE_DECLINED, Kind.PACKAGE_ADOPTED, Kind.MERGED})
# Errors about this recipient or this message: asking again can never succeed.
PERMANENT = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "user_not_found", "users_not_found", "user_disabled",
    "cannot_dm_bot", "msg_too_long", "invalid_blocks", "invalid_arguments", "no_text", "restricted_action",
})


@dataclass(frozen=True)
class Target:
    channel: str
    locale: str
    thread_ts: str | None = None


class SlackNotifier:
    def __init__(self, *, services: Services, client: AsyncWebClient, people: People, run: Blocking) -> None:
        self._services = services
        self._client = client
        self._people = people
        self._run = run
        self._dm_channels: dict[str, str] = {}

    async def deliver(self, notification: Notification) -> None:
        try:
            if notification.kind in following.NEWS:  # to a follower: told from the notification alone
                target = await self._target(notification)
                lines = following.news_lines(target.locale, notification)
                text, content = "\n".join(lines), [blocks.section(blocks.escape(line)) for line in lines]
            else:
                about = await self._run(self._load, notification)
                if about is None:
                    return
                target = await self._target(notification)
                text, content = self._render(notification, about, target.locale)
            await self._client.chat_postMessage(channel=target.channel, text=text, blocks=content,
                                                thread_ts=target.thread_ts, unfurl_links=False, unfurl_media=False)
        except SlackApiError as error:
            raise failure(error) from error
        except (SlackClientError, aiohttp.ClientError, OSError, TimeoutError) as error:
            raise DeliveryFailed(f"connection: {type(error).__name__}: {error}", unreachable=True) from error
        except NotFound as error:
            raise DeliveryFailed(error.message, permanent=True) from error

    # -- where to --------------------------------------------------------------------------------------

    async def _target(self, notification: Notification) -> Target:
        kind, _, who = notification.recipient.partition(":")
        if kind == "submitter" and who.isdigit():
            address = await self._run(turns.look, self._services, reach.submitter_reach, submitter_id=int(who),
                                      channel=Channel.SLACK)
            if address is None:
                raise DeliveryFailed("the submitter was erased or has no Slack identity", permanent=True)
            reply_to = notification.payload.get("reply_to") or {}
            if reply_to.get("channel"):
                return Target(reply_to["channel"], address.locale, reply_to.get("thread_ts"))
            stored = (address.address or {}).get("channel")
            channel = stored if isinstance(stored, str) else await self._open_dm(address.external_id)
            return Target(channel, address.locale)
        if kind == "user" and who:
            return Target(await self._open_dm(who), await self._people.locale(who))
        if kind == "channel" and who:
            return Target(who, DEFAULT_LOCALE)
        raise DeliveryFailed(f"unknown Slack recipient {notification.recipient!r}", permanent=True)

    async def _open_dm(self, user_id: str) -> str:
        if user_id not in self._dm_channels:
            response = await self._client.conversations_open(users=user_id)
            self._dm_channels[user_id] = response["channel"]["id"]
        return self._dm_channels[user_id]

    # -- what ------------------------------------------------------------------------------------------

    def _load(self, notification: Notification) -> IdeaView | list[IdeaView] | None:
        """What the message is about, read in one go; None when there is nothing left to say."""
        if notification.kind == Kind.PACKAGE_REMINDER:
            return []  # all it says is in its payload
        if notification.kind == Kind.DIGEST:
            views = self._overdue(notification.payload)
            # All answered since it was queued, and no package to remind of: nothing left to say.
            return views if views or notification.payload.get("packages") else None
        if notification.kind not in RENDERED or notification.idea_id is None:
            raise DeliveryFailed(f"no Slack message for {notification.kind!r}", permanent=True)
        view = turns.look(self._services, reading.show, actor=None, idea_id=notification.idea_id)
        if notification.kind == Kind.ROUTED and view.status == Status.WITHDRAWN:
            return None  # withdrawn before the card went out
        payload = notification.payload
        if notification.kind == Kind.STATUS_CHANGED and payload.get("to") != view.status and not payload.get("note"):
            return None  # passed on the way (accept goes through "in review"): the later change is told instead
        if notification.kind == Kind.MOVE_REQUESTED and view.move_request is None:
            return None  # answered (or the idea closed) before the card went out
        return view

    def _render(self, notification: Notification, about: IdeaView | list[IdeaView],
                locale: str) -> tuple[str, list[dict[str, Any]]]:
        payload, org = notification.payload, self._services.org
        if notification.kind == Kind.PACKAGE_REMINDER:
            text = package_reminder(locale, org, payload)
            return text, [blocks.section(blocks.escape(text))]
        if isinstance(about, list):
            return blocks.digest(about, locale, days=org.sla_days, packages=digest_packages(locale, org, payload))
        if notification.kind == Kind.PACKAGE_ADOPTED:
            return blocks.package_adopted(about, locale, years=str(payload.get("years", "")),
                                          case=payload.get("case_reference"))
        if notification.kind == Kind.RECEIVED:
            return blocks.confirmation(about, locale)
        if notification.kind == Kind.ROUTED:
            return blocks.review_card(about, locale)
        if notification.kind == Kind.STATUS_CHANGED:
            return blocks.status_changed(about, locale, to=str(payload.get("to")), note=payload.get("note"))
        if notification.kind == Kind.MOVE_REQUESTED:
            return blocks.review_card(about, locale, heading=move_request_heading(locale, about))
        if notification.kind == Kind.MERGED:
            return blocks.merged_into_yours(about, locale, supporters=int(payload.get("supporters") or 0))
        if notification.kind == Kind.MOVE_DECLINED:
            requested = area_name(locale, self._services.org, payload.get("requested"))
            return blocks.move_declined(about, locale, requested=requested, note=payload.get("note"))
        return blocks.rerouted(about, locale)

    def _overdue(self, payload: Mapping[str, Any]) -> list[IdeaView]:
        views = []
        for idea_id in payload.get("idea_ids") or []:
            try:
                view = turns.look(self._services, reading.show, actor=None, idea_id=int(idea_id))
            except NotFound:
                continue
            if view.status == Status.RECEIVED:  # answered since the digest was queued: no longer overdue
                views.append(view)
        return views


def failure(error: SlackApiError) -> DeliveryFailed:
    """429 waits as long as Slack asked; recipient errors are permanent; the rest (5xx, auth) is retried."""
    response = error.response
    status = getattr(response, "status_code", None)
    code = response.get("error") if isinstance(getattr(response, "data", None), dict) else None
    if status == 429:
        return DeliveryFailed(f"ratelimited ({code or 'HTTP 429'})", retry_after=retry_after(response))
    if code in PERMANENT:
        return DeliveryFailed(code, permanent=True)
    return DeliveryFailed(code or f"HTTP {status}")


def retry_after(response: Any) -> float | None:
    for name, value in (getattr(response, "headers", None) or {}).items():
        if name.lower() == "retry-after":
            try:
                return float(value[0] if isinstance(value, list) else value)
            except (TypeError, ValueError):
                return None
    return None


class Deliverer:
    """Runs an outbox pass for Slack right after a change, so the answer arrives within a second.

    Passes never overlap here; a kick during a pass asks for one more. A failure stays in the outbox for the
    worker, and the outbox's lease keeps a concurrent worker from sending the same row twice.
    """

    def __init__(self, *, services: Services, notifier: SlackNotifier, run: Blocking) -> None:
        self._services = services
        self._notifier = notifier
        self._blocking = run
        self._task: asyncio.Task[None] | None = None
        self._again = False

    def kick(self) -> None:
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = asyncio.get_running_loop().create_task(self._passes())

    async def _passes(self) -> None:
        self._again = True
        while self._again:
            self._again = False
            try:
                await deliver_due(session_factory=self._services.session_factory,
                                  notifiers={Channel.SLACK: self._notifier},
                                  give_up_after=self._services.give_up_after, run_sync=self._blocking.step)
            except Exception:  # the worker picks up whatever this pass could not do
                log.exception("immediate Slack delivery failed")
                return
