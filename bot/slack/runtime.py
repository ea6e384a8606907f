"""What every listener shares: the services, the Slack client, who people are, and the steps the flows repeat."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import IntegrityError

from bot import turns
from bot.blocking import Blocking
from bot.slack.ids import Ref
from bot.slack.modals import Areas, Units
from bot.slack.notifier import Deliverer, SlackNotifier
from bot.slack.people import People, Profile
from bot.texts import status_label, t
from core import reach
from core.actors import Actor, employee, may_share, staff_behind
from core.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited, RuleError
from core.intake import Draft, SubmitterRef
from core.presentation import IdeaView
from core.services import Services
from core.similar import SimilarShared
from core.steering import Steered
from storage.models import Channel

log = logging.getLogger(__name__)

INTAKE_AT_ONCE = 2
# A DM's event is acknowledged only once its idea is stored, within Slack's three seconds; the bot's own ids may
# take up to two of them on the first request after a start (app.AUTH_TEST_SECONDS).
INTAKE_LOOKUP_SECONDS = 1.0


@dataclass
class Runtime:
    services: Services
    client: AsyncWebClient
    people: People
    notifier: SlackNotifier
    deliverer: Deliverer
    run: Blocking  # every database and classifier call goes through it, off the event loop
    # Ideas being routed and stored at once; a burst waits its turn here for the one database thread.
    intake_slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(INTAKE_AT_ONCE))
    answers: set[asyncio.Task[None]] = field(default_factory=set)  # see later(); the loop holds tasks only weakly

    @classmethod
    def build(cls, services: Services, client: AsyncWebClient) -> Runtime:
        run = Blocking("slack")
        people = People(client, team_id=services.settings.slack_team_id)
        notifier = SlackNotifier(services=services, client=client, people=people, run=run)
        return cls(services=services, client=client, people=people, notifier=notifier,
                   deliverer=Deliverer(services=services, notifier=notifier, run=run), run=run)

    # -- people and places -----------------------------------------------------------------------------

    async def employee(self, user_id: str) -> Actor:
        """The user as an employee, with the e-mail Slack vouches for (bot/slack/people.py): it finds what they did
        in other channels, and links their first Slack row to it. Slack not answering in time costs only that."""
        profile = await self.people.get(user_id)
        return employee(Channel.SLACK, user_id, verified_email=profile.verified_email)

    def staff(self, user_id: str) -> Actor | None:
        return staff_behind(self.services.org, channel=Channel.SLACK, platform_user_id=user_id)

    def areas(self, locale: str, *, exclude: str | None = None) -> Areas:
        return [(a.id, a.name.get(locale)) for a in self.services.org.focus_areas if a.id != exclude]

    def units(self, locale: str) -> Units:
        """The org's units under their areas' names, for the idea form's "Virksomhet" (none: no picker)."""
        org = self.services.org
        return [(a.name.get(locale), [(u.id, u.name.get(locale)) for u in org.units_of(a.id)])
                for a in org.focus_areas if org.units_of(a.id)]

    @property
    def share_choice(self) -> bool:
        """Whether the idea form asks "Del med kolleger" (the org's `sharing: opt_in`)."""
        return may_share(self.services.org)

    # -- the flows' shared steps -----------------------------------------------------------------------

    async def submit(self, *, user_id: str, text: str, source_key: str, title: str | None = None,
                     anonymous: bool = False, focus_area: str | None = None,
                     reply_to: dict[str, object] | None = None, dm_channel: str | None = None,
                     profile: Profile | None = None, send_anyway: bool = False, shared: bool = False,
                     offer_similar: bool = False, unit: str | None = None) -> IdeaView | Steered | SimilarShared:
        """Store the idea in one unit of work, then deliver its confirmation at once (the outbox keeps a failure).
        A message that is not an idea (unless sent anyway) is stored nowhere: where it belongs comes back instead,
        for the listener to answer with; so are shared ideas like it, with `offer_similar` (core/similar.py).

        The same `source_key` twice (a Slack retry) returns the stored idea and sends nothing new. The profile is
        asked before the idea queues for a slot, so a slow Slack costs a burst one short wait, not one per idea
        ahead of it; an idea whose profile did not come in time is stored without name and e-mail. A caller that
        has asked already passes the `profile` it got.
        """
        profile = profile or await self.people.get(user_id, timeout=INTAKE_LOOKUP_SECONDS)
        async with self.intake_slots:
            return await self._submit(user_id=user_id, profile=profile, text=text, source_key=source_key,
                                      title=title, anonymous=anonymous, focus_area=focus_area, reply_to=reply_to,
                                      dm_channel=dm_channel, send_anyway=send_anyway, shared=shared,
                                      offer_similar=offer_similar, unit=unit)

    async def _submit(self, *, user_id: str, profile: Profile, text: str, source_key: str, title: str | None,
                      anonymous: bool, focus_area: str | None, reply_to: dict[str, object] | None,
                      dm_channel: str | None, send_anyway: bool, shared: bool,
                      offer_similar: bool, unit: str | None) -> IdeaView | Steered | SimilarShared:
        submitter = SubmitterRef(channel=Channel.SLACK, external_id=user_id, display_name=profile.name,
                                 email=profile.email, locale=profile.locale if profile.known else None,
                                 address={"channel": dm_channel} if dm_channel else None,
                                 verified_email=profile.verified_email, vouched=profile.known)
        draft = Draft(text=text, title=title, anonymous=anonymous, focus_area=focus_area, submitter=submitter,
                      channel=Channel.SLACK, source_key=source_key, reply_to=reply_to, send_anyway=send_anyway,
                      shared=shared, offer_similar=offer_similar, unit=unit)
        done = await self.run(turns.submit, self.services, draft=draft)
        if isinstance(done, IdeaView):
            self.deliverer.kick()
        return done

    def later(self, answer: Coroutine[Any, Any, None]) -> None:
        """Sends an answer that stores nothing in the background, so the listener returns without waiting for Slack:
        an event is acknowledged only once its listener returns, and a slow Slack must not hold that (Slack would
        send the event again after three seconds)."""
        task = asyncio.get_running_loop().create_task(logged(answer))
        self.answers.add(task)
        task.add_done_callback(self.answers.discard)

    async def first_time(self, key: str) -> bool:
        """Records an inbound delivery that makes no idea (a help request); False when it was seen before."""

        def record() -> bool:
            try:
                return turns.write(self.services, reach.first_time, key=key)
            except IntegrityError:  # the same delivery, recorded a moment ago by another request
                return False

        return await self.run(record)

    async def post(self, *, channel: str, text: str, blocks: list[dict[str, Any]] | None = None,
                   thread_ts: str | None = None) -> None:
        await self.call("chat_postMessage", channel=channel, text=text, blocks=blocks, thread_ts=thread_ts)

    async def ephemeral(self, *, channel: str | None, user: str, text: str,
                        blocks: list[dict[str, Any]] | None = None, thread_ts: str | None = None) -> None:
        if channel:
            await self.call("chat_postEphemeral", channel=channel, user=user, text=text, blocks=blocks,
                            thread_ts=thread_ts)

    async def update(self, ref: Ref, text: str, blocks: list[dict[str, Any]]) -> None:
        """Show the idea's new state in the message that was clicked, so the channel never shows an old one."""
        if ref.channel and ref.ts:
            await self.call("chat_update", channel=ref.channel, ts=ref.ts, text=text, blocks=blocks)

    async def open_form(self, trigger_id: str, view: dict[str, Any]) -> None:
        await self.call("views_open", trigger_id=trigger_id, view=view)

    async def call(self, method: str, **args: Any) -> bool:
        """A Web API call whose failure must not undo what was already stored; it is logged instead."""
        try:
            await getattr(self.client, method)(**{k: v for k, v in args.items() if v is not None})
        except (SlackApiError, SlackClientError, aiohttp.ClientError, OSError, TimeoutError) as error:
            log.warning("Slack %s failed: %s", method, error)
            return False
        return True


async def logged(answer: Coroutine[Any, Any, None]) -> None:
    try:
        await answer
    except Exception:  # Bolt logs a listener's failure; this one ran after the listener
        log.exception("Slack answer after the acknowledgement failed")


def refusal(error: RuleError, locale: str, *, shown: str | None = None, current: str | None = None,
            withdraw_minutes: int | None = None) -> str:
    """A rule's refusal in the reader's language. `shown`/`current`: the status the message showed / has now."""
    if isinstance(error, Conflict) and current is not None and current != shown:
        return t(locale, "error.stale", status=status_label(locale, current).lower())
    if isinstance(error, Conflict) and withdraw_minutes is not None:
        return t(locale, "error.withdraw_late", minutes=withdraw_minutes)
    if isinstance(error, RateLimited):
        return t(locale, "error.rate_limited", minutes=-(-error.retry_after // 60))
    if isinstance(error, Forbidden):
        return t(locale, "error.forbidden")
    if isinstance(error, NotFound):
        return t(locale, "error.not_found")
    if isinstance(error, InvalidInput) and not error.message:
        return t(locale, "error.empty")
    return t(locale, "error.generic", message=error.message)


def clicked(body: dict[str, Any], action: dict[str, Any]) -> tuple[str, Ref]:
    """Who clicked which idea's button, and the message it sits in (to update it in place)."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return body["user"]["id"], Ref.from_button(action.get("value") or "", channel=channel, ts=ts)
