"""Logging in with Microsoft Entra ID: the OpenID Connect authorization code flow with PKCE, done by msal.

The flow's secrets (state, nonce, PKCE verifier) wait in a short-lived signed HttpOnly cookie between the
redirect to Entra and the way back. Entra answers with response_mode=query, a top-level GET, so that cookie
(SameSite=Lax) comes back with it; a leaked code is useless without the PKCE verifier.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import jwt
import msal
from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.web.pages import HOME_OF, error_page, login_url, redirect, safe_next, services_of, session_of
from api.web.session import ALGORITHM, is_https, login, signing_key
from api.web.texts import t
from core.actors import Actor, Role
from core.orgconfig import OrgConfig
from core.settings import Settings
from storage.models import Channel

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

FLOW_COOKIE = "fk_oidc_flow"
FLOW_AUDIENCE = "forslagskassa-oidc-flow"
FLOW_TTL = timedelta(minutes=10)
CALLBACK = "/auth/callback"
ENTRA_THREADS = 4  # logins talking to Entra ID at once; more wait their turn
# msal recommends form_post; we use query on purpose (see the module docstring), so its warning is noise.
warnings.filterwarnings("ignore", message="response_mode='form_post' is recommended", module="msal")


def configured(settings: Settings) -> bool:
    return bool(settings.oidc_tenant_id and settings.oidc_client_id and settings.oidc_client_secret)


def _client(request: Request) -> msal.ConfidentialClientApplication:
    settings = services_of(request).settings
    # One client per login keeps no tokens in memory; the shared http_cache spares the discovery requests.
    cache = getattr(request.app.state, "oidc_http_cache", None)
    if cache is None:
        cache = request.app.state.oidc_http_cache = {}
    return msal.ConfidentialClientApplication(
        settings.oidc_client_id,
        client_credential=settings.oidc_client_secret,
        authority=f"{settings.oidc_authority_url.rstrip('/')}/{settings.oidc_tenant_id}",
        # The authority is our own setting, not user input: no need to ask Microsoft whether it is known.
        instance_discovery=False,
        http_cache=cache,
    )


def _redirect_uri(request: Request) -> str:
    base = services_of(request).settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")
    return base + CALLBACK


async def _talking_to_entra[T](request: Request, call: Callable[[], T]) -> T:
    """Run msal, which waits on Entra ID over the network, in threads of its own: the request threads are few
    (REQUEST_THREADS), and a slow Entra ID must not hold up everyone else's requests."""
    limiter = getattr(request.app.state, "entra_limiter", None)
    if limiter is None:  # made on first use: a limiter belongs to the running event loop
        limiter = request.app.state.entra_limiter = CapacityLimiter(ENTRA_THREADS)
    return await to_thread.run_sync(call, limiter=limiter)


@router.get("/login/entra")
async def start(request: Request,
                next_path: Annotated[str | None, Query(alias="next", max_length=2000)] = None) -> RedirectResponse:
    if not configured(services_of(request).settings):
        return redirect("/login")
    try:
        flow = await _talking_to_entra(request, lambda: _client(request).initiate_auth_code_flow(
            scopes=[], redirect_uri=_redirect_uri(request)))
    except (ValueError, OSError) as error:  # discovery failed: Entra unreachable or the settings are wrong
        log.error("Entra ID login could not start: %s", error)
        return redirect(login_url(safe_next(next_path)) + "&failed=true")
    response = RedirectResponse(flow["auth_uri"], status_code=303)
    state = {k: v for k, v in flow.items() if k != "auth_uri"}
    value = jwt.encode({"aud": FLOW_AUDIENCE, "exp": datetime.now(UTC) + FLOW_TTL, "flow": state,
                        "next": safe_next(next_path, "")}, signing_key(services_of(request)), algorithm=ALGORITHM)
    response.set_cookie(FLOW_COOKIE, value, max_age=int(FLOW_TTL.total_seconds()), httponly=True, samesite="lax",
                        secure=is_https(request, services_of(request)), path=CALLBACK)
    return response


@router.get(CALLBACK, response_model=None)
async def callback(request: Request) -> HTMLResponse | RedirectResponse:
    services = services_of(request)
    saved = _saved_flow(request)
    if saved is None:
        return error_page(request, 400, t(session_of(request).locale, "login.failed"))
    try:
        result = await _talking_to_entra(request, lambda: _client(request).acquire_token_by_auth_code_flow(
            saved["flow"], dict(request.query_params)))
    except (ValueError, OSError) as error:  # msal: state mismatch or a malformed answer; or the network
        log.warning("Entra ID login refused: %s", error)
        result = {"error": "invalid_response"}
    if "error" in result or "id_token_claims" not in result:
        log.warning("Entra ID login failed: %s %s", result.get("error"), result.get("error_description", ""))
        return _failed(request)
    actor = actor_from_claims(result["id_token_claims"], services.org)
    response = redirect(saved["next"] or HOME_OF[actor.role])
    login(response, request, services, actor)
    response.delete_cookie(FLOW_COOKIE, path=CALLBACK)
    return response


def _saved_flow(request: Request) -> dict[str, Any] | None:
    raw = request.cookies.get(FLOW_COOKIE)
    if not raw:
        return None
    try:
        return jwt.decode(raw, signing_key(services_of(request)), algorithms=[ALGORITHM], audience=FLOW_AUDIENCE)
    except jwt.InvalidTokenError:
        return None


def _failed(request: Request) -> RedirectResponse:
    response = redirect("/login?failed=true")
    response.delete_cookie(FLOW_COOKIE, path=CALLBACK)
    return response


def actor_from_claims(claims: dict[str, Any], org: OrgConfig) -> Actor:
    """Staff are found in the org config by AAD object id, else by mail; everyone else is an employee."""
    object_id = str(claims.get("oid") or claims["sub"])
    mail = claims.get("email") or claims.get("preferred_username") or claims.get("upn")
    found = org.person_by(field="teams_aad_id", value=object_id)
    if found is None and isinstance(mail, str):
        found = org.person_by(field="email", value=mail)
    if found:
        role, person = found
        return Actor(role=Role(role), user_id=person.id, channel=Channel.WEB, name=person.name)
    return Actor(role=Role.EMPLOYEE, user_id=object_id, channel=Channel.WEB, name=claims.get("name") or mail)
