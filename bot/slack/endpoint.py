"""The Slack app: our listeners in Bolt AsyncApps, mounted at POST /slack/events in the FastAPI app.

Slack is on only when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set; otherwise there is no route (404).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.listeners import actions, board, commands, forms, home, messages, options, review, shortcuts
from bot.slack.notifier import retry_after
from bot.slack.runtime import Runtime
from bot.slack.signature import RequestCheck
from core.services import Services
from core.settings import Settings
from storage.models import Channel

log = logging.getLogger(__name__)

PATH = "/slack/events"
TIMEOUT_SECONDS = 10
AUTH_TEST_SECONDS = 2.0
AUTH_TEST_AGAIN_SECONDS = 30.0
SDK_LOGGERS = ("slack_sdk", "slack_bolt")
LONGEST_WAIT_SECONDS = 5.0  # a longer Retry-After is left to the outbox, which does not hold a worker meanwhile


class RateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """slack-sdk's 429 handler (sleeps Retry-After, then asks again), for short waits only."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        if not await super()._can_retry_async(state=state, request=request, response=response, error=error):
            return False
        wait = retry_after(response)
        return wait is None or wait <= LONGEST_WAIT_SECONDS


def enabled(settings: Settings) -> bool:
    return bool(settings.slack_bot_token and settings.slack_signing_secret)


def web_client(settings: Settings, *, with_token: bool = True) -> AsyncWebClient:
    keep_wire_dumps_out_of_logs()
    # slack-sdk joins method names onto the base URL: without the trailing slash the last path part is lost.
    base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
    handlers: list[AsyncRetryHandler] = [AsyncConnectionErrorRetryHandler(max_retry_count=1),
                                         RateLimitRetry(max_retry_count=1)]
    return AsyncWebClient(token=settings.slack_bot_token if with_token else None, base_url=base_url,
                          timeout=TIMEOUT_SECONDS, retry_handlers=handlers)


def keep_wire_dumps_out_of_logs() -> None:
    """slack-sdk and Bolt log every request and response body at DEBUG: user profiles (names, mails), user and DM
    ids, message texts. Even with LOG_LEVEL=DEBUG those must not reach the log, or an anonymous idea's sender could
    be read there; their INFO and above (failures, retries) still do. Their own level is set, not compared with the
    level they inherit now: logging set to DEBUG later (or by another part of the process) must not let them in."""
    for name in SDK_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.INFO:  # NOTSET (0) too: it would inherit whatever the root logger is set to
            logger.setLevel(logging.INFO)


LISTENERS = (messages, commands, actions, review, forms, shortcuts, home, options, board)


@dataclass(frozen=True)
class SlackApps:
    """The same listeners in two Bolt apps that differ only in when Slack hears back.

    `events` (Events API: DMs and mentions that become ideas, App Home) answers once its listener has returned, so
    an acknowledged idea is stored: Slack never resends an event it got a 200 for, and a crash in between would
    lose it. `interactive` (slash commands, buttons, forms, option loads) keeps Bolt's default: a listener's ack()
    answers at once and its Web API calls come after, since Slack shows the user a timeout after three seconds.
    Both carry every listener, so none depends on which app a request is handed to.
    """

    events: AsyncApp
    interactive: AsyncApp


def is_event(body: bytes) -> bool:
    """Slack posts the Events API as JSON and commands, interactivity and options as a form (Bolt's own test)."""
    return body.lstrip().startswith(b"{")


def build(services: Services) -> tuple[SlackApps, Runtime]:
    settings = services.settings
    runtime = Runtime.build(services, web_client(settings))
    # Bolt's own copy gets its token from `authorize` per request; our calls go through runtime.client.
    client = web_client(settings, with_token=False)
    authorize = single_workspace(runtime.client)  # shared, so the bot's ids are asked once, not once per app

    def bolt_app(*, process_before_response: bool) -> AsyncApp:
        app = AsyncApp(
            name="forslagskassa",
            # Bolt sets the level of its app logger; named after the app it would be our own "forslagskassa"
            # logger, and every logger of ours below it (the access log) would take that level.
            logger=logging.getLogger("slack_bolt.forslagskassa"),
            client=client,
            signing_secret=settings.slack_signing_secret,
            # Over HTTP, mount() checks the signature before Bolt runs (bot/slack/signature.py says why not Bolt);
            # Socket Mode has no HTTP request to sign.
            request_verification_enabled=False,
            before_authorize=only_team(settings.slack_team_id),
            authorize=authorize,
            process_before_response=process_before_response,
        )
        for module in LISTENERS:
            module.register(app, runtime)
        return app

    return SlackApps(events=bolt_app(process_before_response=True),
                     interactive=bolt_app(process_before_response=False)), runtime


def single_workspace(client: AsyncWebClient) -> Any:
    """Bolt's authorize step for one workspace and one bot token.

    Bolt's default asks auth.test on the first request and answers 500 while Slack cannot be reached, so an idea
    sent then would wait for Slack's retries. Here the bot's own ids are asked once and remembered. While Slack does
    not answer they are unknown and requests go on (the listeners skip bot messages by their bot_id anyway); one
    request at a time asks, and not again for a while, so an outage never queues acknowledgements behind it.
    """
    me: dict[str, Any] = {}
    asking, next_ask = False, 0.0

    async def authorize(enterprise_id: str | None, team_id: str | None, user_id: str | None) -> AuthorizeResult:
        nonlocal asking, next_ask
        if not me and not asking and time.monotonic() >= next_ask:
            asking = True
            try:
                me.update((await asyncio.wait_for(client.auth_test(), AUTH_TEST_SECONDS)).data)
            except (SlackClientError, aiohttp.ClientError, OSError, TimeoutError) as error:
                next_ask = time.monotonic() + AUTH_TEST_AGAIN_SECONDS
                log.warning("auth.test failed, the bot's own ids are unknown for now: %s", error)
            finally:
                asking = False
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token=client.token,
                               bot_user_id=me.get("user_id"), bot_id=me.get("bot_id"))

    return authorize


def only_team(team_id: str) -> Any:
    """Ignores (with 200, so Slack does not retry) requests from any workspace other than SLACK_TEAM_ID."""

    async def same_workspace(context: Any, body: dict[str, Any], next: Any) -> BoltResponse | None:
        if team_id and context.team_id and context.team_id != team_id:
            log.warning("Slack request from workspace %s ignored (SLACK_TEAM_ID is %s)", context.team_id, team_id)
            return BoltResponse(status=200, body="")
        return await next()

    return same_workspace


def attach(services: Services) -> Runtime | None:
    """The Slack notifier for the outbox without the HTTP route, for `forslagskassa worker`."""
    if not enabled(services.settings):
        return None
    runtime = Runtime.build(services, web_client(services.settings))
    services.notifiers[Channel.SLACK] = runtime.notifier
    return runtime


def mount(api: FastAPI, services: Services) -> SlackApps | None:
    """Adds POST /slack/events and the Slack notifier, when Slack is configured."""
    if not enabled(services.settings):
        return None
    apps, runtime = build(services)
    events, interactive = AsyncSlackRequestHandler(apps.events), AsyncSlackRequestHandler(apps.interactive)
    services.notifiers[Channel.SLACK] = runtime.notifier
    api.state.slack = runtime

    check = RequestCheck(services.settings.slack_signing_secret)

    # Events, slash commands, interactivity and option loads all arrive here, and only a signed one reaches Bolt.
    @api.post(PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        if check.refused(body, request.headers):
            return JSONResponse({"error": "invalid request"}, status_code=401)
        return await (events if is_event(body) else interactive).handle(request)

    return apps
