"""The application factory: one FastAPI app serving the REST API, web pages and the chat bots."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from api import problems, web
from api.routers import export, health, ideas, stats
from bot import teams
from bot.slack import app as slack
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
    )
    app.state.services = services
    problems.install(app)
    for module in (health, ideas, stats, export):
        app.include_router(module.router)
    web.install(app)
    teams.mount(app, services)
    slack.mount(app, services)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    services: Services = app.state.services
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
