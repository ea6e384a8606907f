"""Inbound authentication on `POST /api/messages`: the Agents SDK's real JWT validation against a local JWKS.

A request with no, a forged, an expired or a misaddressed token gets 401 and stores nothing; a valid token from
another tenant gets 403 and stores nothing. Other routes stay reachable without a Teams token.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.hosting.core import AgentAuthConfiguration
from sqlalchemy import func, select

from api.app import create_app
from bot.teams.endpoint import TeamsConfigError
from core.services import Services
from core.settings import Settings
from storage.models import Idea, Identity, OutboxMessage, ProcessedKey, Submitter
from tests.bot.teams import activities
from tests.bot.teams.activities import APP_ID, KARI, OTHER_TENANT, TENANT
from tests.bot.teams.conftest import Teams, texts_of
from tests.bot.teams.fakes import ConnectorFake, SigningKeys

OUTBOUND_TOKEN = "fake-outbound-token"


class FakeTokenProvider:
    """The bot's own token for calling the Bot Connector. MSAL would fetch it from login.microsoftonline.com."""

    def __init__(self, configuration: AgentAuthConfiguration) -> None:
        self._configuration = configuration

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    async def get_access_token(self, resource_url: str, scopes: list[str], force_refresh: bool = False) -> str:
        return OUTBOUND_TOKEN

    # The SDK's interface asks for these; replying to a message uses neither, so a call means the test is wrong.
    def get_token_credential(self) -> Any:
        raise AssertionError("the bot never needs an Azure credential to reply")

    async def acquire_token_on_behalf_of(self, scopes: list[str], user_assertion: str) -> str:
        raise AssertionError("the bot never acts on behalf of a user")


@pytest.fixture
def keys() -> Iterator[SigningKeys]:
    signing = SigningKeys().start()
    yield signing
    assert signing.server is not None
    signing.server.stop()


def redirect_jwks(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """THE test seam for inbound auth, and the only one.

    The SDK validates tokens exactly as in production (RS256 signature, audience, issuer, lifetime, tenant binding)
    but takes the signing keys from a JWKS address it hard-codes (login.botframework.com for Bot Framework
    tokens) with no setting to change it. This points that one private function at our local JWKS; everything
    after it is the SDK's real code path. If a future SDK renames the function, this is the place to adapt.
    """
    import microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator as jwt_token_validator

    monkeypatch.setattr(jwt_token_validator, "_build_jwks_uri", lambda _issuer, _root, _routing: url)


@pytest.fixture
def teams_settings(settings: Settings, connector: ConnectorFake) -> Settings:
    return settings.model_copy(update={"teams_app_id": APP_ID, "teams_app_password": "not-used-here",
                                       "teams_tenant_id": TENANT, "teams_service_url": connector.url})


@pytest.fixture
async def teams(teams_services: Services, connector: ConnectorFake, keys: SigningKeys,
                monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Teams]:
    import bot.teams.runtime

    redirect_jwks(monkeypatch, keys.jwks_url)
    monkeypatch.setattr(bot.teams.runtime, "MsalAuth", FakeTokenProvider)  # outbound token only; see the class
    app = create_app(teams_services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        yield Teams(client, teams_services, connector)


def bearer(keys: SigningKeys, teams: Teams, **claims: Any) -> dict[str, str]:
    claims.setdefault("audience", APP_ID)
    return {"Authorization": f"Bearer {keys.token(service_url=teams.service_url, **claims)}"}


def stored(teams: Teams) -> dict[str, int]:
    with teams.services.session_factory() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Idea, Submitter, Identity, OutboxMessage, ProcessedKey)}


NOTHING = {"ideas": 0, "submitters": 0, "identities": 0, "outbox": 0, "processed_keys": 0}


@pytest.fixture(autouse=True)
def _routes(classifier) -> None:
    classifier.focus_area = "helse-og-livskvalitet"


async def test_a_valid_bot_framework_token_is_accepted(teams: Teams, keys: SigningKeys) -> None:
    response = await teams.post(activities.message(KARI, "Felles vaktplan", teams.service_url),
                                **bearer(keys, teams))

    assert response.status_code == 202
    assert len(teams.ideas()) == 1
    answer = teams.last_to(KARI)
    assert answer.authorization == f"Bearer {OUTBOUND_TOKEN}"  # the bot's own token on the way out
    assert "Sendt til Helse og livskvalitet — Arne Jørstad." in texts_of(answer.card)


async def test_a_card_click_with_a_valid_token_is_answered(teams: Teams, keys: SigningKeys) -> None:
    await teams.post(activities.message(KARI, "Felles vaktplan", teams.service_url), **bearer(keys, teams))
    data = teams.last_to(KARI).card["actions"][0]["data"]

    response = await teams.post(activities.invoke(KARI, "idea.make_anonymous", data, teams.service_url),
                                **bearer(keys, teams))

    assert response.status_code == 200
    assert texts_of(response.json()["value"])[0] == "Forslaget er nå anonymt."


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Basic dXNlcjpwYXNz"},
    {"Authorization": "Bearer not-a-jwt"},
], ids=["missing", "basic", "garbage"])
async def test_no_or_malformed_token_gets_401_and_stores_nothing(teams: Teams, headers: dict[str, str]) -> None:
    response = await teams.post(activities.message(KARI, "Felles vaktplan", teams.service_url), **headers)

    assert response.status_code == 401
    assert stored(teams) == NOTHING and teams.connector.sent == []


@pytest.mark.parametrize("claims", [
    {"key": rsa.generate_private_key(public_exponent=65537, key_size=2048)},
    {"audience": "00000000-0000-0000-0000-000000000000"},
    {"issuer": "https://sts.example.com/"},
    {"lifetime": -3600},
], ids=["wrong-signature", "wrong-audience", "wrong-issuer", "expired"])
async def test_a_wrong_token_gets_401_and_stores_nothing(teams: Teams, keys: SigningKeys,
                                                         claims: dict[str, Any]) -> None:
    for activity in (activities.message(KARI, "Felles vaktplan", teams.service_url),
                     activities.installed(KARI, teams.service_url),
                     activities.invoke(KARI, "idea.withdraw", {"idea_id": 1, "expected": "received"},
                                       teams.service_url)):
        response = await teams.post(activity, **bearer(keys, teams, **claims))
        assert response.status_code == 401, activity["type"]

    assert stored(teams) == NOTHING and teams.connector.sent == []


async def test_a_valid_token_for_another_tenant_gets_403_and_stores_nothing(teams: Teams, keys: SigningKeys) -> None:
    response = await teams.post(activities.message(KARI, "Felles vaktplan", teams.service_url, tenant=OTHER_TENANT),
                                **bearer(keys, teams))

    assert response.status_code == 403
    assert stored(teams) == NOTHING and teams.connector.sent == []


async def test_an_activity_from_another_channel_than_teams_is_refused(teams: Teams, keys: SigningKeys) -> None:
    activity = activities.message(KARI, "Felles vaktplan", teams.service_url) | {"channelId": "webchat"}

    response = await teams.post(activity, **bearer(keys, teams))

    assert response.status_code == 403 and stored(teams) == NOTHING


async def test_the_token_check_is_on_this_route_only(teams: Teams) -> None:
    assert (await teams.client.get("/healthz")).status_code == 200
    assert (await teams.client.post("/slack/events", json={})).status_code != 401


async def test_without_teams_settings_the_route_does_not_exist(services: Services) -> None:
    app = create_app(services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        response = await client.post("/api/messages", json=activities.message(KARI, "x", "http://127.0.0.1:9/"))

    assert response.status_code == 404
    assert stored(Teams(client, services, ConnectorFake())) == NOTHING


@pytest.mark.parametrize("update", [
    {"teams_app_id": APP_ID, "teams_tenant_id": TENANT},
    {"teams_app_id": APP_ID, "teams_app_password": "secret"},
], ids=["no-secret", "no-tenant"])
def test_half_a_configuration_is_refused_at_start_with_what_is_missing(services: Services,
                                                                      update: dict[str, str]) -> None:
    services.settings = services.settings.model_copy(update=update)

    with pytest.raises(TeamsConfigError, match="TEAMS_APP_ID is set but"):
        create_app(services)


def test_anonymous_local_mode_is_logged_loudly(services: Services, caplog: pytest.LogCaptureFixture) -> None:
    services.settings = services.settings.model_copy(update={"teams_allow_anonymous": True})

    with caplog.at_level(logging.WARNING, logger="bot.teams"):
        create_app(services)

    assert "TEAMS_ALLOW_ANONYMOUS=true" in caplog.text and "WITHOUT authentication" in caplog.text
