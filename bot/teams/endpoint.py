"""Mounting the Teams bot on the FastAPI app: `POST /api/messages`, only when Teams is configured.

Inbound activities are authenticated by the Agents SDK's JWT validation on this one route (its per-route
decorator; the SDK's app-wide middleware would lock out /slack/events and /healthz too). Requests that fail it get
401 before anything is read or stored. Activities from another tenant, or another channel than Teams, get 403.
"""

import logging
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from core.services import Services
from core.settings import Settings
from storage.models import Channel

if TYPE_CHECKING:
    from bot.teams.runtime import TeamsRuntime

log = logging.getLogger(__name__)

ROUTE = "/api/messages"
# The Agents SDK's connector client logs every send with the conversation id at INFO, the employee's personal chat
# included: that id leads back to the person, so an anonymous idea's confirmation would name its sender in the log.
CHATTY_SDK_LOGGERS = ("microsoft_agents.hosting.core.connector",)


class TeamsConfigError(ValueError):
    """Teams is half configured; the message names what is missing."""


def teams_enabled(settings: Settings) -> bool:
    """On with TEAMS_APP_ID (+ password or certificate, + tenant), or in anonymous local mode."""
    if settings.teams_allow_anonymous:
        return True
    if not settings.teams_app_id:
        return False
    secret = settings.teams_app_password or settings.teams_certificate_path
    missing = [name for name, value in (("TEAMS_APP_PASSWORD or TEAMS_CERTIFICATE_PATH", secret),
                                        ("TEAMS_TENANT_ID", settings.teams_tenant_id)) if not value]
    if missing:
        raise TeamsConfigError(f"TEAMS_APP_ID is set but {' and '.join(missing)} is not")
    return True


def attach(services: Services) -> "TeamsRuntime | None":
    """Build the Teams bot and register its notifier for the outbox, when Teams is configured. Also for a worker
    process without the web app (`forslagskassa worker`)."""
    if not teams_enabled(services.settings):
        return None
    for name in CHATTY_SDK_LOGGERS:  # its warnings and errors still reach the log
        # Its own level, not the one it inherits now: logging set to DEBUG later must not let the ids in.
        if logging.getLogger(name).level < logging.WARNING:
            logging.getLogger(name).setLevel(logging.WARNING)
    # Imported here: the Agents SDK is not loaded by deployments without Teams.
    from bot.teams.agent import register
    from bot.teams.runtime import build_runtime

    runtime = build_runtime(services)
    register(runtime.agent, runtime)
    services.notifiers[Channel.TEAMS] = runtime.notifier
    return runtime


def mount(app: FastAPI, services: Services) -> None:
    """Add `POST /api/messages` and the Teams notifier, or nothing at all (the route then answers 404)."""
    settings = services.settings
    runtime = attach(services)
    if runtime is None:
        return
    from microsoft_agents.hosting.fastapi import jwt_authorization_decorator, start_agent_process

    app.state.agent_configuration = runtime.auth  # where the SDK's JWT decorator looks for it
    app.state.teams = runtime
    if settings.teams_allow_anonymous:
        log.warning("!!! TEAMS_ALLOW_ANONYMOUS=true: %s accepts requests WITHOUT authentication and from any "
                    "tenant. Only for local testing (Bot Framework Emulator); never in production. !!!", ROUTE)

    @jwt_authorization_decorator
    async def messages(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "The body is not a JSON activity."}, status_code=400)
        refusal = None if settings.teams_allow_anonymous else refuse(body, tenant_id=settings.teams_tenant_id)
        if refusal:
            log.warning("Teams activity refused: %s", refusal)
            return JSONResponse({"error": refusal}, status_code=403)
        return await start_agent_process(request, runtime.agent, runtime.adapter)

    app.add_api_route(ROUTE, messages, methods=["POST"], include_in_schema=False)


def refuse(body: Any, *, tenant_id: str) -> str | None:
    """Why an authenticated activity is still not for us (another tenant, or not from Teams), or None."""
    if not isinstance(body, dict):
        return "not an activity"
    if body.get("channelId") != "msteams":
        return "not a Microsoft Teams activity"
    tenants = {
        ((body.get("conversation") or {}).get("tenantId") or "").lower(),
        (((body.get("channelData") or {}).get("tenant") or {}).get("id") or "").lower(),
    } - {""}
    if tenants != {tenant_id.lower()}:
        return "activity from another tenant"
    return None
