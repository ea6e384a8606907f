"""One app with every channel on: the REST API, the pages (development login), Slack (fake Web API) and Teams
(fake Bot Connector), over the test's rolled-back database, with an org config that gives every commissioner a
Slack id and (but for one) a Teams AAD object id. Each driver has a client of its own (the web one keeps cookies).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from api.app import create_app
from bot import turns
from core import handling, my_ideas
from core.actors import employee
from core.intake import Draft, SubmitterRef
from core.orgconfig import OrgConfig, Sharing
from core.services import Services
from storage.models import Channel, Idea
from tests.bot.slack.conftest import BOT_TOKEN, PER, fake_slack, with_slack_ids  # noqa: F401 (a fixture)
from tests.bot.slack.conftest import SECRET as SLACK_SECRET
from tests.bot.slack.fake_slack import TEAM_ID, FakeSlack
from tests.bot.teams.activities import AAD_IDS, KARI, TENANT
from tests.bot.teams.fakes import ConnectorFake
from tests.fakes import StaticClassifier
from tests.parity import records
from tests.parity.cases import BARN, HELSE_AREA, TEXT, WHY_MOVE
from tests.parity.chat_drivers import SlackDriver, TeamsDriver
from tests.parity.drivers import EMPLOYEE, Driver, Wiring
from tests.parity.http_drivers import RestDriver, WebDriver
from tests.people import HELSE as HELSE_ACTOR

# How the employee is known to each channel an idea can come from (an API login is a web identity).
SENDERS = {Channel.API: SubmitterRef(channel=Channel.WEB, external_id=EMPLOYEE, display_name="Kari Nordmann"),
           Channel.WEB: SubmitterRef(channel=Channel.WEB, external_id=EMPLOYEE, display_name="Kari Nordmann"),
           Channel.SLACK: SubmitterRef(channel=Channel.SLACK, external_id="UKARI", display_name="Kari Nordmann"),
           Channel.TEAMS: SubmitterRef(channel=Channel.TEAMS, external_id=KARI.aad, display_name="Kari Nordmann")}


def with_chat_ids(org: OrgConfig) -> OrgConfig:
    slack = with_slack_ids(org)
    return slack.model_copy(update={
        "commissioners": [c.model_copy(update={"teams_aad_id": AAD_IDS.get(c.id)}) for c in slack.commissioners],
        "administrators": [a.model_copy(update={"teams_aad_id": AAD_IDS.get(a.id)}) for a in slack.administrators],
    })


@pytest.fixture
def classifier() -> StaticClassifier:
    return StaticClassifier(HELSE_AREA, confidence=0.87)


@pytest.fixture
def parity_services(services: Services, fake_slack: FakeSlack, connector: ConnectorFake) -> Services:  # noqa: F811
    settings = services.settings.model_copy(update={
        "dev_login": True, "host": "127.0.0.1",
        "slack_bot_token": BOT_TOKEN, "slack_signing_secret": SLACK_SECRET, "slack_api_url": fake_slack.url,
        "slack_team_id": TEAM_ID,
        "teams_allow_anonymous": True, "teams_tenant_id": TENANT, "teams_service_url": connector.url})
    # Sharing by choice, so "Del med kolleger" is offered where a channel offers it.
    org = with_chat_ids(services.org).model_copy(update={"sharing": Sharing.OPT_IN})
    return dataclasses.replace(services, settings=settings, org=org, notifiers={})


# Every channel under test. A new one is its driver here and its name in cases.OFFERED.
DRIVERS: tuple[type[Driver], ...] = (RestDriver, WebDriver, SlackDriver, TeamsDriver)


@dataclasses.dataclass
class Parity:
    services: Services
    drivers: dict[str, Any]

    def session(self) -> Session:
        return self.services.session_factory()

    def seed(self, origin: Channel, text: str = TEXT, sender: SubmitterRef | None = None) -> int:
        """An idea sent through `origin` before the test acts, stored as that channel would store it."""
        draft = Draft(text=text, submitter=sender or SENDERS[origin], channel=origin)
        return turns.submit(self.services, draft=draft).id

    def accept(self, idea_id: int) -> None:
        turns.change(self.services, handling.accept, actor=HELSE_ACTOR, idea_id=idea_id)

    def ask_to_move(self, idea_id: int, origin: Channel) -> None:
        """The submitter asks, as they are known where the idea came from, to move it to barn-og-unge."""
        sender = SENDERS[origin]
        turns.change(self.services, my_ideas.ask_to_move, actor=employee(sender.channel, sender.external_id),
                     idea_id=idea_id, focus_area=BARN, note=WHY_MOVE)

    def someone_else(self, text: str = "Per sitt forslag om parkering") -> int:
        """An idea Per sent through Slack."""
        return self.seed(Channel.SLACK, text,
                         SubmitterRef(channel=Channel.SLACK, external_id=PER, display_name="Per Hansen"))

    def submitter_of(self, idea_id: int) -> int | None:
        with self.session() as session:
            idea = session.get(Idea, idea_id)
            return idea.submitter_id if idea else None

    def mark(self) -> records.Mark:
        with self.session() as session:
            return records.mark(session)


@pytest.fixture
async def parity(parity_services: Services, fake_slack: FakeSlack, connector: ConnectorFake,  # noqa: F811
                 token: Callable[..., dict[str, str]]) -> AsyncIterator[Parity]:
    app = create_app(parity_services)
    transport = httpx.ASGITransport(app=app)
    async with contextlib.AsyncExitStack() as clients:
        drivers = {}
        for driver in DRIVERS:
            http = await clients.enter_async_context(httpx.AsyncClient(transport=transport,
                                                                       base_url="http://testserver"))
            drivers[driver.name] = driver.connect(Wiring(http=http, app=app, services=parity_services,
                                                         fake_slack=fake_slack, connector=connector, token=token))
        yield Parity(services=parity_services, drivers=drivers)
        for connected in drivers.values():
            await connected.settle()
