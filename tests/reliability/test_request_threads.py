"""Few request threads (REQUEST_THREADS) and SQLite's one writer never wait for each other: reads that end with
their transaction still open, and writes, mixed and concurrent, all finish promptly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from api.app import create_app
from api.auth import issue_token
from api.deps import UnitOfWorkRoute, get_session
from core.actors import Role
from tests.bot.slack.fake_slack import FakeSlack
from tests.reliability.conftest import slack_services


@pytest.mark.parametrize("threads", [1, 2])
async def test_mixed_reads_and_writes_with_few_threads_do_not_deadlock(own_database: str, fake_slack: FakeSlack,
                                                                        tmp_path: Path, threads: int):
    services = slack_services(own_database, fake_slack.url, tmp_path, request_threads=threads,
                              submit_rate_limit="off")
    app = create_app(services)
    signed = issue_token(secret=services.settings.resolved_secret_key(), role=Role.ADMIN,
                         user_id="forslagskassa-admin", org=services.org, ttl=timedelta(hours=1))
    headers = {"Authorization": f"Bearer {signed}"}
    started = time.monotonic()
    async with app.router.lifespan_context(app):  # as `serve` runs it
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            calls = [http.get("/api/v1/ideas", headers=headers) for _ in range(12)]
            calls += [http.post("/api/v1/ideas", json={"text": f"Forslag {n}"}, headers=headers)
                      for n in range(12)]
            calls += [http.get("/api/v1/stats", headers=headers) for _ in range(6)]
            answers = await asyncio.wait_for(asyncio.gather(*calls), timeout=20)
    assert sorted({a.status_code for a in answers}) == [200, 201]
    assert time.monotonic() - started < 20
    services.close()


def takes_session(dependant: Dependant) -> bool:
    """Whether a route's dependencies, however deep (a unit of work holds a session), include the session."""
    return any(d.call is get_session or takes_session(d) for d in dependant.dependencies)


def test_every_handler_with_a_session_ends_its_transaction_before_answering(own_database: str, fake_slack: FakeSlack,
                                                                            tmp_path: Path):
    """The deadlock above comes back for any route that takes a session without UnitOfWorkRoute."""
    services = slack_services(own_database, fake_slack.url, tmp_path)
    app = create_app(services)
    with_session = [route for route in api_routes(app.routes) if takes_session(route.dependant)]
    assert len(with_session) > 20
    assert [r.path for r in with_session if not isinstance(r, UnitOfWorkRoute)] == []
    services.close()



def api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """Every API route, also inside included routers (FastAPI keeps those as their own route objects)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from api_routes(included.routes)
