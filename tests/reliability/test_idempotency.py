"""A client that retries `POST /api/v1/ideas` with the same Idempotency-Key — also at the same moment, as a
double-click or a retry after a timeout does — gets the one idea back, and the commissioner hears of it once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from api.app import create_app
from api.auth import issue_token
from core.actors import Role
from core.services import Services
from storage.models import Idea, OutboxMessage
from tests.bot.slack.fake_slack import FakeSlack
from tests.reliability.conftest import slack_services


@pytest.fixture
def services(own_database: str, fake_slack: FakeSlack, tmp_path: Path) -> Services:
    return slack_services(own_database, fake_slack.url, tmp_path)


@pytest.fixture
async def http(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    # Each request runs in the app's thread pool with its own session: concurrent, as under a real server.
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    services.close()


def auth(services: Services, user: str) -> dict[str, str]:
    signed = issue_token(secret=services.settings.resolved_secret_key(), role=Role.EMPLOYEE, user_id=user,
                         org=services.org, ttl=timedelta(hours=1))
    return {"Authorization": f"Bearer {signed}"}


def stored(services: Services) -> tuple[int, int]:
    with services.session_factory() as session:
        return (session.scalar(select(func.count()).select_from(Idea)) or 0,
                session.scalar(select(func.count()).select_from(OutboxMessage)) or 0)


async def test_the_same_key_at_the_same_moment_makes_one_idea(http: httpx.AsyncClient, services: Services):
    headers = {**auth(services, "kari"), "Idempotency-Key": "skjema-7f3a"}
    body = {"text": "Felles innkjøp av kontorrekvisita", "focus_area": "helse-og-livskvalitet"}
    responses = await asyncio.gather(*(http.post("/api/v1/ideas", json=body, headers=headers) for _ in range(8)))
    assert {r.status_code for r in responses} == {201}, [r.text for r in responses if r.status_code != 201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert stored(services) == (1, 1)  # one idea, one card for the commissioner


async def test_the_same_key_from_another_person_is_another_idea(http: httpx.AsyncClient, services: Services):
    body = {"text": "Felles innkjøp av kontorrekvisita"}
    first = await http.post("/api/v1/ideas", json=body, headers={**auth(services, "kari"), "Idempotency-Key": "1"})
    other = await http.post("/api/v1/ideas", json=body, headers={**auth(services, "per"), "Idempotency-Key": "1"})
    assert first.status_code == other.status_code == 201 and first.json()["id"] != other.json()["id"]
