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
from core import submission
from core.actors import Actor, Role
from core.intake import SubmitterRef
from core.orgconfig import OrgConfig
from core.services import Services
from core.settings import Settings
from core.unit_of_work import transaction
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
    actor = actor_from_claims(result["id_token_claims"], services.org, tenant=services.settings.oidc_tenant_id)
    await to_thread.run_sync(lambda: _recognise(services, actor))
    response = redirect(saved["next"] or HOME_OF[actor.role])
    login(response, request, services, actor)
    response.delete_cookie(FLOW_COOKIE, path=CALLBACK)
    return response


def _recognise(services: Services, actor: Actor) -> None:
    """The login's verdict on the e-mail (set, changed or gone) reaches the person's stored web identity now, not
    at their next idea: their Slack and other identities see the link as soon as the web does."""
    person = SubmitterRef(channel=Channel.WEB, external_id=actor.user_id, display_name=actor.name, locale=None,
                          verified_email=actor.verified_email, vouched=True)
    with transaction(services) as uow:
        submission.recognise(uow=uow, person=person)


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


def actor_from_claims(claims: dict[str, Any], org: OrgConfig, *, tenant: str = "") -> Actor:
    """Staff are found in the org config by AAD object id, else by mail; everyone else is an employee. The actor
    carries the e-mail the login proves is theirs, if any (`verified_email`)."""
    object_id = str(claims.get("oid") or claims["sub"])
    mail = claims.get("email") or claims.get("preferred_username") or claims.get("upn")
    vouched = verified_email(claims, org, tenant=tenant)
    found = org.person_by(field="teams_aad_id", value=object_id)
    if found is None and isinstance(mail, str):
        found = org.person_by(field="email", value=mail)
    if found:
        role, person = found
        return Actor(role=Role(role), user_id=person.id, channel=Channel.WEB, name=person.name,
                     verified_email=vouched)
    return Actor(role=Role.EMPLOYEE, user_id=object_id, channel=Channel.WEB, name=claims.get("name") or mail,
                 verified_email=vouched)


def verified_email(claims: dict[str, Any], org: OrgConfig, *, tenant: str) -> str | None:
    """The e-mail this login proves the person owns, lowercased, or None.

    Entra ID's `email` claim is whatever the user's directory says, and another tenant's administrator can write
    anyone's address there ("nOAuth"): an e-mail counts only from a member of the org's own tenant (`tid` is
    TENANT_ID and no other identity provider signed them in, as for a guest), and only when Entra says the domain's
    owner verified it (`xms_edov`) or the domain is one of the org's own (`identity.email_domains`). The sign-in
    name (`preferred_username`, `upn`) counts only under the domain rule."""
    if not tenant or str(claims.get("tid", "")).lower() != tenant.lower() or _guest(claims):
        return None
    email = claims.get("email")
    domain_verified = claims.get("xms_edov") in (True, "true")
    if isinstance(email, str) and "@" in email and (domain_verified or org.identity.owns(email)):
        return email.strip().lower()
    for name in ("preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and org.identity.owns(value.strip()):
            return value.strip().lower()
    return None


def _guest(claims: dict[str, Any]) -> bool:
    # `idp` names the provider when it is not the tenant itself (a guest's home tenant, a Microsoft account);
    # `acct` (an optional claim) is 1 for a guest.
    idp, issuer = claims.get("idp"), str(claims.get("iss", ""))
    return (idp is not None and idp != issuer) or claims.get("acct") == 1
