"""The application factory: one FastAPI app serving the REST API, web pages and the chat bots."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from anyio import to_thread
from fastapi import FastAPI

from api import docs, metrics, problems, web
from api.access import AccessLog
from api.headers import SecurityHeaders, serves_https
from api.limits import BodySizeLimit
from api.routers import audit, board, discussion, export, health, ideas, me, packages, savings, stats
from bot import teams
from bot.slack import endpoint as slack
from core.services import Services, build_services
from core.settings import get_settings
from core.worker import run_outbox_worker

log = logging.getLogger(__name__)


def create_app(services: Services | None = None) -> FastAPI:
    services = services or build_services(get_settings())
    app = FastAPI(
        title="Forslagskassa",
        version="0.1.0",
        description="Suggestion box and feedback service for municipalities.",
        lifespan=_lifespan,
        docs_url=None,  # FastAPI's own pages load Swagger UI and ReDoc from a CDN; api/docs.py serves them from here
        redoc_url=None,
    )
    app.state.services = services
    problems.install(app)
    for module in (health, ideas, savings, board, discussion, stats, export, me, audit, packages):
        app.include_router(module.router)
    web.install(app)
    metrics.install(app, services)
    docs.install(app)
    # Outside the session and the routes, so an oversized body is refused before either reads it.
    app.add_middleware(BodySizeLimit, max_bytes=services.settings.max_request_bytes)
    # Outside that, so a refusal of any kind carries the security headers too.
    app.add_middleware(SecurityHeaders, https=serves_https(services.settings))
    # Outermost, so the refusals are in the access log too.
    app.add_middleware(AccessLog)
    teams.mount(app, services)
    slack.mount(app, services)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    services: Services = app.state.services
    # Sync endpoints run in this many threads; the rest of the requests wait their turn in order. Forty (anyio's
    # default) competing for one GIL and SQLite's one writer made the slowest requests wait seconds at 50 concurrent.
    to_thread.current_default_thread_limiter().total_tokens = services.settings.resolved_request_threads
    stop = asyncio.Event()
    worker = None
    if services.settings.run_worker and services.notifiers:
        worker = asyncio.create_task(run_outbox_worker(services, stop=stop))
    try:
        yield
    finally:
        stop.set()
        if worker:
            with contextlib.suppress(asyncio.CancelledError):
                await worker
