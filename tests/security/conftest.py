"""Fixtures for the security tests: the web pages with the development login, and callers by role."""

from __future__ import annotations

import dataclasses
import ssl
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.web.session import COOKIE, encode, new_session, signing_key
from core.actors import Actor, Role
from core.outbox import deliver_due
from core.services import Services
from core.settings import Settings
from tests.api.web.conftest import csrf_of, post_form
from tests.api.web.fake_entra import FakeEntra
from tests.bot.slack.conftest import BOT_TOKEN as SLACK_BOT_TOKEN
from tests.bot.slack.conftest import SECRET as SLACK_SECRET
from tests.bot.slack.conftest import SLACK_IDS, Slack, with_slack_ids
from tests.bot.slack.fake_slack import TEAM_ID, FakeSlack
from tests.bot.teams.activities import AAD_IDS
from tests.bot.teams.activities import TENANT as TEAMS_TENANT
from tests.bot.teams.conftest import Teams
from tests.bot.teams.fakes import ConnectorFake
from tests.conftest import LOTEN, SECRET
from tests.fakes import StaticClassifier

ENTRA_TENANT = "11111111-2222-3333-4444-555555555555"

# The six kinds of caller of the permission matrix. Kari sends the idea; it belongs to barn-og-unge, whose
# commissioner is kommunalsjef-oppvekst; arne-jorstad is the commissioner of another area.
CALLERS: dict[str, tuple[Role, str] | None] = {
    "anonymous": None,
    "submitter": (Role.EMPLOYEE, "kari"),
    "other_employee": (Role.EMPLOYEE, "per"),
    "other_commissioner": (Role.COMMISSIONER, "arne-jorstad"),
    "commissioner": (Role.COMMISSIONER, "kommunalsjef-oppvekst"),
    "admin": (Role.ADMIN, "forslagskassa-admin"),
}
DEV_LOGIN_PEOPLE = {"kari", "arne-jorstad", "kommunalsjef-oppvekst", "forslagskassa-admin"}


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, database_url=database_url, org_config=LOTEN,
                    secret_key=SECRET, run_worker=False, dev_login=True, host="127.0.0.1")


@pytest.fixture
def browse_as(client: TestClient, services: Services) -> Callable[[str], None]:
    """browse_as(caller) logs the test client's browser session in as one of CALLERS.

    Everyone the development login offers logs in through it, CSRF token and all. The second employee is not on
    that list, so their session cookie is made the way a login (development or Entra ID) stores it.
    "anonymous" is a browser that has loaded the login page: it holds a session and a CSRF token, nobody logged in.
    """

    def log_in(caller: str) -> None:
        client.cookies.clear()
        who = CALLERS[caller]
        if who is None:
            client.get("/login")
        elif who[1] in DEV_LOGIN_PEOPLE:
            assert post_form(client, "/login/dev", {"person": who[1]}).status_code == 200
        else:
            actor = Actor(role=who[0], user_id=who[1], name=who[1].title())
            client.cookies.set(COOKIE, encode(new_session(actor=actor), key=signing_key(services),
                                              ttl=timedelta(hours=1)))

    return log_in


def form_post(client: TestClient, path: str, data: dict[str, str]):
    """A form sent from a page of this site: with the session's CSRF token, not following the redirect."""
    token = csrf_of(client.get("/login"))
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


# -- Every channel at once: REST, web pages (Entra ID and the development login), Slack and Teams ----------------


@dataclass
class World:
    """One app with every channel switched on, the fakes behind it, and a browser per person."""

    app: FastAPI
    services: Services
    http: httpx.AsyncClient  # the API, Slack and Teams (they carry their own credentials on each request)
    slack: Slack
    teams: Teams
    fake_slack: FakeSlack
    connector: ConnectorFake
    entra: FakeEntra

    def browser(self) -> httpx.AsyncClient:
        """A browser of its own: its own cookie jar, against the same app."""
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://testserver")

    async def deliver(self) -> None:
        """What the outbox worker does: deliver everything due, on every channel."""
        await self.slack.settle()
        await deliver_due(session_factory=self.services.session_factory, notifiers=dict(self.services.notifiers),
                          give_up_after=self.services.give_up_after)
        await self.slack.settle()


async def dev_login(browser: httpx.AsyncClient, person: str) -> None:
    page = await browser.get("/login")
    response = await browser.post("/login/dev", data={"csrf_token": csrf_of(page), "person": person})
    assert response.status_code == 303, response.text


async def entra_login(browser: httpx.AsyncClient, entra: FakeEntra, user: dict[str, str]) -> None:
    """The Entra ID round trip a browser makes: to the (fake) Entra and back to /auth/callback."""
    entra.user = user
    start = await browser.get("/login/entra?next=/", follow_redirects=False)
    assert start.status_code == 303 and start.headers["location"].startswith(entra.url)
    with httpx.Client(verify=ssl.create_default_context(cafile=entra.ca_file)) as outside:
        back = outside.get(start.headers["location"])
    landed = await browser.get(back.headers["location"])
    assert landed.status_code == 303 and landed.headers["location"] == "/", landed.text


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.anyone = True
    for person, user in SLACK_IDS.items():
        fake.user(user, name=person)
    yield fake
    fake.stop()


@pytest.fixture
def entra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEntra]:
    with FakeEntra(tmp_path, tenant=ENTRA_TENANT, client_id="forslagskassa-web", client_secret="s") as fake:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(fake.ca_file))
        yield fake


@pytest.fixture
def world_services(services: Services, fake_slack: FakeSlack, connector: ConnectorFake, entra: FakeEntra) -> Services:
    settings = services.settings.model_copy(update={
        "slack_bot_token": SLACK_BOT_TOKEN, "slack_signing_secret": SLACK_SECRET, "slack_api_url": fake_slack.url,
        "slack_team_id": TEAM_ID,
        "teams_allow_anonymous": True, "teams_tenant_id": TEAMS_TENANT, "teams_service_url": connector.url,
        "oidc_authority_url": entra.url, "oidc_tenant_id": ENTRA_TENANT, "oidc_client_id": "forslagskassa-web",
        "oidc_client_secret": "s"})
    org = with_slack_ids(services.org)
    org = org.model_copy(update={
        "commissioners": [c.model_copy(update={"teams_aad_id": AAD_IDS.get(c.id)}) for c in org.commissioners],
        "administrators": [a.model_copy(update={"teams_aad_id": AAD_IDS.get(a.id)}) for a in org.administrators]})
    return dataclasses.replace(services, settings=settings, org=org,
                               classifier=StaticClassifier("helse-og-livskvalitet"),
                               notifiers={})


@pytest.fixture
async def world(world_services: Services, fake_slack: FakeSlack, connector: ConnectorFake,
                entra: FakeEntra) -> AsyncIterator[World]:
    app = create_app(world_services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        slack = Slack(http=http, fake=fake_slack, services=world_services, app=app)
        teams = Teams(http, world_services, connector)
        yield World(app=app, services=world_services, http=http, slack=slack, teams=teams, fake_slack=fake_slack,
                    connector=connector, entra=entra)
        await slack.settle()
