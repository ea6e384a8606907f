"""`forslagskassa slack-socket`: the same Slack app over Socket Mode, for a municipality without a public URL.

The process opens an outgoing WebSocket to Slack (SLACK_APP_TOKEN, an xapp- token) and runs the outbox worker,
so it sends the answers too. It may run beside `serve`: the outbox's lease keeps them from sending a row twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import run_async_bolt_app, send_async_response
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.slack.endpoint import SlackApps, build
from core.services import Services
from core.settings import Settings
from core.worker import run_outbox_worker
from storage.models import Channel

log = logging.getLogger(__name__)


def missing_settings(settings: Settings) -> list[str]:
    return [name for name, value in (("SLACK_BOT_TOKEN", settings.slack_bot_token),
                                     ("SLACK_APP_TOKEN", settings.slack_app_token)) if not value]


class SocketModeHandler(AsyncSocketModeHandler):
    """One connection for both apps: an event's envelope is acknowledged once its listener has returned, as over
    HTTP (Slack resends an unacknowledged envelope), and every other envelope at once."""

    def __init__(self, apps: SlackApps, *, app_token: str) -> None:
        super().__init__(apps.interactive, app_token=app_token)
        self.events = apps.events

    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        # Bolt's own handle(), with the app chosen per envelope.
        start = time.time()
        app = self.events if req.type == "events_api" else self.app
        await send_async_response(client, req, await run_async_bolt_app(app, req), start)


async def run_socket_mode(services: Services, *, stop: asyncio.Event) -> None:
    """Connect, serve until `stop` is set, then close the connection and let the worker finish its pass."""
    apps, runtime = build(services)
    services.notifiers[Channel.SLACK] = runtime.notifier
    handler = SocketModeHandler(apps, app_token=services.settings.slack_app_token)
    worker = asyncio.create_task(run_outbox_worker(services, stop=stop))
    try:
        await handler.connect_async()
        log.info("Slack Socket Mode connected")
        await stop.wait()
    finally:
        stop.set()
        await handler.close_async()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
