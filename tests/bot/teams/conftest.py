"""Teams fixtures: the fakes, Løten's org config with Teams ids, and a client for `POST /api/messages`.

Most tests run in anonymous local mode (no tokens, like the Bot Framework Emulator); `test_auth.py` runs the real
JWT validation. Both go through `create_app` and the ASGI app exactly as a deployment does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api.app import create_app
from core.orgconfig import OrgConfig
from core.outbox import deliver_due
from core.services import Services
from core.settings import Settings
from storage.models import Channel, Idea, OutboxMessage
from tests.bot.teams import activities
from tests.bot.teams.activities import AAD_IDS, TENANT, User
from tests.bot.teams.fakes import ConnectorFake, GraphFake, Sent


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    fake = GraphFake().start()
    yield fake
    assert fake.server is not None
    fake.server.stop()


@pytest.fixture
def teams_org(org: OrgConfig) -> OrgConfig:
    return org.model_copy(update={
        "commissioners": [c.model_copy(update={"teams_aad_id": AAD_IDS.get(c.id)}) for c in org.commissioners],
        "administrators": [a.model_copy(update={"teams_aad_id": AAD_IDS.get(a.id)}) for a in org.administrators],
    })


@pytest.fixture
def teams_settings(settings: Settings, connector: ConnectorFake) -> Settings:
    return settings.model_copy(update={"teams_allow_anonymous": True, "teams_tenant_id": TENANT,
                                       "teams_service_url": connector.url})


@pytest.fixture
def teams_services(services: Services, teams_settings: Settings, teams_org: OrgConfig) -> Services:
    return Services(settings=teams_settings, org=teams_org, engine=services.engine,
                    session_factory=services.session_factory, classifier=services.classifier)


class Teams:
    """Sends activities to `POST /api/messages` and runs outbox passes, like Teams and the worker would."""

    def __init__(self, client: httpx.AsyncClient, services: Services, connector: ConnectorFake) -> None:
        self.client = client
        self.services = services
        self.connector = connector

    @property
    def service_url(self) -> str:
        return self.connector.url

    async def post(self, activity: dict[str, Any], **headers: str) -> httpx.Response:
        return await self.client.post("/api/messages", json=activity, headers=headers)

    async def say(self, user: User, text: str, **kwargs: Any) -> httpx.Response:
        response = await self.post(activities.message(user, text, self.service_url, **kwargs))
        assert response.status_code == 202, response.text
        return response

    async def install(self, user: User, **kwargs: Any) -> None:
        response = await self.post(activities.installed(user, self.service_url, **kwargs))
        assert response.status_code == 202, response.text

    async def click(self, user: User, verb: str, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Click a card button; returns the card Teams would show in its place."""
        response = await self.post(activities.invoke(user, verb, data, self.service_url, **kwargs))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive", body
        return body["value"]

    async def deliver(self) -> int:
        """One outbox worker pass for Teams."""
        return await deliver_due(session_factory=self.services.session_factory,
                                 notifiers={Channel.TEAMS: self.services.notifiers[Channel.TEAMS]},
                                 give_up_after=self.services.give_up_after)

    def last_to(self, user_or_conversation: User | str) -> Sent:
        conversation = getattr(user_or_conversation, "conversation", user_or_conversation)
        sent = self.connector.to(conversation)
        assert sent, f"nothing was sent to {conversation}"
        return sent[-1]

    def ideas(self) -> list[Idea]:
        with self.services.session_factory() as session:
            return list(session.scalars(select(Idea).order_by(Idea.created_at, Idea.id)))  # as they came in

    def outbox(self) -> list[OutboxMessage]:
        with self.services.session_factory() as session:
            return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.fixture
async def teams(teams_services: Services, connector: ConnectorFake) -> AsyncIterator[Teams]:
    app = create_app(teams_services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        yield Teams(client, teams_services, connector)


def texts_of(card: dict[str, Any]) -> list[str]:
    """Every TextBlock text on a card, in order."""
    return [block["text"] for block in card.get("body", []) if block.get("type") == "TextBlock"]


def verbs_of(card: dict[str, Any]) -> list[str]:
    return [action["verb"] for action in card.get("actions", [])]
