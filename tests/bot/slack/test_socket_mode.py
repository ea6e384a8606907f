"""Socket Mode: the same app over an outgoing WebSocket, for a municipality without a public URL.

A local WebSocket server stands in for Slack's: apps.connections.open (on the fake Web API) hands out its URL,
it sends `hello` and then an Events API envelope, and expects the envelope's acknowledgement back.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import time
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select

from bot.slack.socket import run_socket_mode
from core.services import Services
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import Idea
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, KARI, RecallingClassifier, with_slack_ids
from tests.bot.slack.fake_slack import FakeSlack


@dataclasses.dataclass
class SocketServer:
    url: str
    outgoing: asyncio.Queue[dict]
    acks: list[dict]


@pytest.fixture
async def socket_server() -> AsyncIterator[SocketServer]:
    outgoing: asyncio.Queue[dict] = asyncio.Queue()
    acks: list[dict] = []

    async def link(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0FORSLAG"},
                            "debug_info": {"host": "applink-test", "approximate_connection_time": 18060}})

        async def push() -> None:
            while True:
                await ws.send_json(await outgoing.get())

        pusher = asyncio.create_task(push())
        try:
            async for message in ws:
                if message.type == aiohttp.WSMsgType.TEXT:
                    acks.append(json.loads(message.data))
        finally:
            pusher.cancel()
        return ws

    app = web.Application()
    app.router.add_get("/link", link)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield SocketServer(url=f"ws://127.0.0.1:{port}/link", outgoing=outgoing, acks=acks)
    await runner.cleanup()


@pytest.fixture
def socket_services(tmp_path, settings, org, fake_slack: FakeSlack) -> Services:
    # A database of its own: this process runs the outbox worker in threads beside the adapter's.
    url = f"sqlite:///{tmp_path / 'socket.db'}"
    upgrade(url)
    engine = make_engine(url)
    configured = settings.model_copy(update={
        "database_url": url, "slack_bot_token": "xoxb-test", "slack_app_token": "xapp-1-test",
        "slack_signing_secret": "", "slack_api_url": fake_slack.url})
    yield Services(settings=configured, org=with_slack_ids(org), engine=engine,
                   session_factory=make_session_factory(engine),
                   classifier=RecallingClassifier("helse-og-livskvalitet"))
    engine.dispose()


@contextlib.asynccontextmanager
async def socket_mode(services: Services) -> AsyncIterator[None]:
    stop = asyncio.Event()
    running = asyncio.create_task(run_socket_mode(services, stop=stop))
    try:
        yield
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(running, timeout=10)


async def acknowledged(server: SocketServer, envelope_id: str, *, timeout: float = 5) -> tuple[float, dict]:
    """Seconds until the envelope's acknowledgement came back, and the acknowledgement."""
    started = time.monotonic()
    while not (found := [ack for ack in server.acks if ack["envelope_id"] == envelope_id]):
        assert time.monotonic() - started < timeout, f"no acknowledgement of {envelope_id}: {server.acks}"
        await asyncio.sleep(0.01)
    return time.monotonic() - started, found[0]


async def test_a_dm_over_socket_mode_becomes_an_idea_and_is_answered(socket_server, socket_services, fake_slack):
    fake_slack.socket_url = socket_server.url
    fake_slack.delay("users.info", 0.3)  # keeps the listener busy past where an early acknowledgement would go
    async with socket_mode(socket_services):
        envelope = {"envelope_id": "0f7a3c5e-1111-2222-3333-444455556666", "type": "events_api",
                    "accepts_response_payload": False, "retry_attempt": 0, "retry_reason": "",
                    "payload": json.loads(payloads.event_callback(
                        payloads.message_im("Felles vikarpool for sykehjemmene", user=KARI, channel=DM[KARI]),
                        event_id="Ev0SOCKET"))}
        await socket_server.outgoing.put(envelope)
        await acknowledged(socket_server, envelope["envelope_id"])
        with socket_services.session_factory() as session:  # acknowledged only once stored, as over HTTP
            assert session.scalars(select(Idea.source_key)).all() == ["slack:Ev0SOCKET"]
        posted = await fake_slack.wait_for("chat.postMessage", 2, timeout=10)  # the answer, the commissioner's card
        [reply] = [m for m in posted if m["channel"] == DM[KARI]]
        assert reply["channel"] == DM[KARI] and reply["text"].startswith("Sendt til Helse og livskvalitet")
        assert fake_slack.to("apps.connections.open")  # it asked Slack (the fake) where to connect


async def test_a_slash_command_over_socket_mode_is_answered_in_time_once_stored(socket_server, socket_services,
                                                                                fake_slack):
    fake_slack.socket_url = socket_server.url
    fake_slack.delay("users.info", 2)  # the profile waits INTAKE_LOOKUP_SECONDS at most, then the idea is stored
    async with socket_mode(socket_services):
        command = dict(parse_qsl(payloads.slash_command("Felles bildeling", user=KARI, channel="C0GENERAL",
                                                        response_url=fake_slack.response_url())))
        envelope = {"envelope_id": "1a2b3c4d-1111-2222-3333-444455556666", "type": "slash_commands",
                    "accepts_response_payload": True, "payload": command}
        await socket_server.outgoing.put(envelope)
        seconds, ack = await acknowledged(socket_server, envelope["envelope_id"])
        assert seconds < 2.0 and ack["payload"]["text"].startswith("Takk for forslaget!")
        with socket_services.session_factory() as session:
            assert session.scalars(select(Idea.text)).all() == ["Felles bildeling"]
        await fake_slack.wait_for("chat.postMessage", 2, timeout=10)  # the answer and the commissioner's card
