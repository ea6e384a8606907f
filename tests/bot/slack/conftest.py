"""Slack end to end: signed requests into the real app at POST /slack/events, a fake Web API on 127.0.0.1.

Requests go through httpx's ASGI transport so Bolt's work after the acknowledgement runs on the test's loop;
tests wait for it by polling what the fake Slack received.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from api.app import create_app
from core.orgconfig import OrgConfig
from core.routing import Routing, SimilarIdea
from core.services import Services
from storage.models import Idea, OutboxMessage
from tests.bot.slack import payloads
from tests.bot.slack.fake_slack import TEAM_ID, FakeSlack
from tests.fakes import StaticClassifier

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-test-token"
KARI, PER = "UKARI", "UPER"  # employees
HELSE, OPPVEKST, DIREKTOR, ADMIN = "UHELSE", "UOPPVEKST", "UDIREKTOR", "UADMIN"
SLACK_IDS = {"arne-jorstad": HELSE, "kommunalsjef-oppvekst": OPPVEKST, "frank-hauge": DIREKTOR,
             "forslagskassa-admin": ADMIN}
DM = {user: "D" + user.removeprefix("U") for user in (KARI, PER, HELSE, OPPVEKST, DIREKTOR, ADMIN)}


class RecallingClassifier(StaticClassifier):
    """Routes every idea to one area, and names the ideas it was told of before as similar (newest first)."""

    def classify(self, text: str, *, exclude: int | None = None) -> Routing:
        routing = super().classify(text, exclude=exclude)
        similar = [SimilarIdea(idea_id, round(0.9 - n * 0.1, 2))
                   for n, (idea_id, _) in enumerate(reversed(self.remembered[-4:]))]
        return dataclasses.replace(routing, similar=similar)


def with_slack_ids(org: OrgConfig, *, triage_channel: str | None = None) -> OrgConfig:
    return org.model_copy(update={
        "commissioners": [c.model_copy(update={"slack_user_id": SLACK_IDS[c.id]}) for c in org.commissioners],
        "administrators": [a.model_copy(update={"slack_user_id": SLACK_IDS[a.id]}) for a in org.administrators],
        "triage": org.triage.model_copy(update={"slack_channel": triage_channel}),
    })


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.user(KARI, name="Kari Nordmann")
    fake.user(PER, name="Per Hansen", locale="en-US")
    for person, user in SLACK_IDS.items():
        fake.user(user, name=person)
    yield fake
    fake.stop()


@pytest.fixture
def slack_services(services: Services, fake_slack: FakeSlack) -> Services:
    settings = services.settings.model_copy(update={
        "slack_bot_token": BOT_TOKEN, "slack_signing_secret": SECRET, "slack_api_url": fake_slack.url,
        "slack_team_id": TEAM_ID})
    classifier = RecallingClassifier("helse-og-livskvalitet", confidence=0.87)
    return dataclasses.replace(services, settings=settings, org=with_slack_ids(services.org), classifier=classifier,
                               notifiers={})


@dataclasses.dataclass
class Slack:
    """Sends what Slack would send, signed, and reads what the fake Web API received."""

    http: httpx.AsyncClient
    fake: FakeSlack
    services: Services
    app: FastAPI

    async def post(self, body: str, *, content_type: str, headers: dict[str, str] | None = None,
                   timestamp: int | None = None, sign: bool = True) -> httpx.Response:
        sent = payloads.signed(SECRET, body, content_type=content_type, timestamp=timestamp) if sign else {
            "Content-Type": content_type}
        return await self.http.post("/slack/events", content=body.encode(), headers={**sent, **(headers or {})})

    async def event(self, event: dict[str, Any], *, event_id: str | None = None, team_id: str = TEAM_ID,
                    headers: dict[str, str] | None = None) -> httpx.Response:
        body = payloads.event_callback(event, event_id=event_id, team_id=team_id)
        return await self.post(body, content_type="application/json", headers=headers)

    async def dm(self, text: str, *, user: str = KARI, event_id: str | None = None, **extra: Any) -> httpx.Response:
        return await self.event(payloads.message_im(text, user=user, channel=DM[user], **extra), event_id=event_id)

    async def interactive(self, payload: dict[str, Any]) -> httpx.Response:
        return await self.post(payloads.interactive(payload), content_type="application/x-www-form-urlencoded")

    async def command(self, text: str, *, user: str = KARI, channel: str = "C0GENERAL") -> httpx.Response:
        body = payloads.slash_command(text, user=user, channel=channel, response_url=self.fake.response_url())
        return await self.post(body, content_type="application/x-www-form-urlencoded")

    async def click(self, action_id: str, value: str, *, user: str, message: dict[str, Any]) -> httpx.Response:
        """A button in a message the bot posted (as recorded by the fake: its channel and ts)."""
        return await self.interactive(payloads.block_actions(
            action_id, value, user=user, channel=message["channel"], message_ts=message["ts"],
            response_url=self.fake.response_url()))

    async def submit(self, callback_id: str, values: dict[str, Any], *, user: str,
                     metadata: str = "") -> httpx.Response:
        return await self.interactive(payloads.view_submission(callback_id, values, user=user, metadata=metadata))

    # -- reading -----------------------------------------------------------------------------------------

    async def posted(self, count: int = 1, **where: Any) -> list[dict[str, Any]]:
        """chat.postMessage calls matching `where` (e.g. channel=...), with the ts the fake gave each."""
        deadline = asyncio.get_running_loop().time() + 5
        while True:
            found = [c for c in self.messages() if all(c.get(k) == v for k, v in where.items())]
            if len(found) >= count or asyncio.get_running_loop().time() > deadline:
                assert len(found) >= count, f"expected {count} messages with {where}, got {self.messages()}"
                return found
            await asyncio.sleep(0.01)

    def messages(self) -> list[dict[str, Any]]:
        return [{**call.args, "ts": call.result["ts"]} for call in list(self.fake.calls)
                if call.method == "chat.postMessage" and call.result]

    # The database is read once Bolt's work is done: the adapter's own thread may still be writing before that.

    async def ideas(self) -> list[Idea]:
        await self.settle()
        with self.services.session_factory() as session:
            return list(session.scalars(select(Idea).options(selectinload(Idea.submitter))
                                        .order_by(Idea.created_at, Idea.id)))  # as they came in

    async def outbox(self) -> list[OutboxMessage]:
        await self.settle()
        with self.services.session_factory() as session:
            return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))

    async def count_ideas(self) -> int:
        await self.settle()
        with self.services.session_factory() as session:
            return session.scalar(select(func.count()).select_from(Idea)) or 0

    async def settle(self) -> None:
        """Lets Bolt's background listeners and the immediate delivery pass finish."""
        current = asyncio.current_task()
        for _ in range(200):
            pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
            if not pending:
                return
            await asyncio.wait(pending, timeout=0.05)


@pytest.fixture
async def slack(slack_services: Services, fake_slack: FakeSlack) -> AsyncIterator[Slack]:
    app = create_app(slack_services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        driver = Slack(http=http, fake=fake_slack, services=slack_services, app=app)
        yield driver
        await driver.settle()
