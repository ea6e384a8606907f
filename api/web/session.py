"""The browser session: a signed cookie with who is logged in, the language and the CSRF token.

There is no server-side session store: the cookie is a JWT signed with a key derived from SECRET_KEY, so it
cannot be used as a bearer token (different key and audience) and a bearer token cannot be used as a cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from fastapi import Request, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.actors import Actor, Role
from core.locale import DEFAULT_LOCALE, LOCALES
from core.orgconfig import OrgConfig
from core.services import Services
from storage.models import Channel

COOKIE = "fk_session"
AUDIENCE = "forslagskassa-web"
ALGORITHM = "HS256"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Paths that are not pages get no session of their own (the API, bots, assets).
NOT_PAGES = ("/api/", "/static/", "/slack/", "/healthz", "/openapi.json", "/docs", "/redoc")


@dataclass(frozen=True)
class WebSession:
    csrf: str
    locale: str = DEFAULT_LOCALE
    actor: Actor | None = None
    fresh: bool = False  # made for this request: the browser has not got it yet


class CsrfRefused(Exception):
    """A state-changing form without the session's CSRF token."""


def new_session(locale: str = DEFAULT_LOCALE, actor: Actor | None = None) -> WebSession:
    return WebSession(csrf=secrets.token_urlsafe(32), locale=locale, actor=actor, fresh=True)


def signing_key(services: Services) -> bytes:
    return hmac.new(services.settings.resolved_secret_key().encode(), b"forslagskassa web session",
                    hashlib.sha256).digest()


def encode(session: WebSession, *, key: bytes, ttl: timedelta) -> str:
    now = datetime.now(UTC)
    claims: dict[str, Any] = {"aud": AUDIENCE, "csrf": session.csrf, "lang": session.locale, "iat": now,
                              "exp": now + ttl}
    if session.actor:
        claims |= {"sub": session.actor.user_id, "role": session.actor.role.value, "name": session.actor.name}
        if session.actor.verified_email:  # what the login vouched for (api/web/oidc.py), kept for the session
            claims["vem"] = session.actor.verified_email
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def decode(value: str, *, key: bytes, org: OrgConfig) -> WebSession | None:
    try:
        claims = jwt.decode(value, key, algorithms=[ALGORITHM], audience=AUDIENCE,
                            options={"require": ["exp", "csrf", "aud"]})
    except jwt.InvalidTokenError:
        return None
    locale = claims.get("lang") if claims.get("lang") in LOCALES else DEFAULT_LOCALE
    return WebSession(csrf=str(claims["csrf"]), locale=locale, actor=_actor(claims, org))


def _actor(claims: dict[str, Any], org: OrgConfig) -> Actor | None:
    if not isinstance(claims.get("sub"), str):
        return None
    try:
        role = Role(claims.get("role"))
    except ValueError:
        return None
    # Someone taken out of the org config loses the role now, not when the cookie expires.
    if (role is Role.COMMISSIONER and org.commissioner(claims["sub"]) is None) or (
            role is Role.ADMIN and org.administrator(claims["sub"]) is None):
        return None
    vouched = claims.get("vem")
    return Actor(role=role, user_id=claims["sub"], channel=Channel.WEB, name=claims.get("name"),
                 verified_email=vouched if isinstance(vouched, str) else None)


def is_https(request: Request, services: Services) -> bool:
    return request.url.scheme == "https" or services.settings.public_url.startswith("https://")


def cookie_header(session: WebSession, request: Request, services: Services) -> str:
    response = Response()
    store(response, session, request, services)
    return response.headers["set-cookie"]


def store(response: Response, session: WebSession, request: Request, services: Services) -> None:
    """Send `session` to the browser. Only the server reads it: HttpOnly, and SameSite against cross-site posts."""
    value = encode(session, key=signing_key(services), ttl=timedelta(hours=services.settings.token_ttl_hours))
    response.set_cookie(COOKIE, value, httponly=True, samesite="lax", secure=is_https(request, services), path="/")


def login(response: Response, request: Request, services: Services, actor: Actor | None) -> None:
    """A new session (and CSRF token) at every login and logout, so a token seen before is worth nothing after."""
    current: WebSession | None = request.state.web_session
    store(response, new_session(current.locale if current else DEFAULT_LOCALE, actor), request, services)


def with_locale(session: WebSession, locale: str) -> WebSession:
    return replace(session, locale=locale if locale in LOCALES else DEFAULT_LOCALE)


async def require_csrf(request: Request) -> None:
    """Dependency for every form POST: the hidden field must equal the token in the session cookie."""
    session: WebSession | None = getattr(request.state, "web_session", None)
    sent = (await request.form()).get(CSRF_FIELD)
    if session is None or session.fresh or not isinstance(sent, str) or not hmac.compare_digest(sent, session.csrf):
        raise CsrfRefused()


class SessionMiddleware:
    """Reads the session cookie into `request.state`, and hands a new visitor a session with a CSRF token.

    The logged-in person also becomes `request.state.actor` for safe methods only, so the REST API answers GETs
    from the browser; REST writes stay bearer-only because they carry no CSRF token.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        services: Services = scope["app"].state.services
        raw = request.cookies.get(COOKIE)
        session = decode(raw, key=signing_key(services), org=services.org) if raw else None
        if session is None and not scope["path"].startswith(NOT_PAGES):
            session = new_session()
        request.state.web_session = session
        if session and session.actor and scope["method"] in SAFE_METHODS:
            request.state.actor = session.actor
        if session is None or not session.fresh:
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _adding_cookie(send, cookie_header(session, request, services)))


def _adding_cookie(send: Send, cookie: str) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            # A handler that logged someone in has set its own session; that one wins.
            if not any(v.startswith(f"{COOKIE}=") for v in headers.getlist("set-cookie")):
                headers.append("set-cookie", cookie)
        await send(message)

    return wrapped
