"""Errors as the site's own page for a browser, in its language; problem documents for every other client.

Under /api/ (and the bots' endpoints, /healthz, /openapi.json) the client is always a program. Elsewhere the Accept
header decides: a page only when text/html is preferred to JSON, so scripts, curl (*/*) and clients that send no
Accept keep application/problem+json.
"""

from __future__ import annotations

import logging

import mimeparse
from fastapi import Request
from starlette.responses import Response

from api.web.pages import error_page
from api.web.session import COOKIE, WebSession, decode, new_session, signing_key, with_locale
from api.web.texts import TEXTS, t
from core.intake import MAX_TEXT
from core.locale import DEFAULT_LOCALE, count
from core.services import Services

log = logging.getLogger(__name__)

API_PATHS = ("/api/", "/slack/", "/healthz", "/openapi.json", "/docs/assets/")
OFFERED = ["text/html", "application/json", "application/problem+json"]  # on a tie the last wins: a problem
LANGUAGES = {"nb": "nb", "no": "nb", "nn": "nb", "en": "en"}
RULE_TEXT = {403: "error.forbidden", 409: "error.conflict"}  # statuses without a page text of their own


def wants_html(request: Request) -> bool:
    if request.url.path.startswith(API_PATHS):
        return False
    try:
        return mimeparse.best_match(OFFERED, request.headers.get("accept", "")) == "text/html"
    except mimeparse.MimeTypeParseException:
        return False


def page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response | None:
    """The error page for `status` if the client wants a page, else None: the caller answers with the problem."""
    if not wants_html(request):
        return None
    try:
        session = request.state.web_session = _session(request)
        key = f"error.page.{status}"
        if key in TEXTS:
            heading = t(session.locale, key)
            message = t(session.locale, f"{key}.text", max_text=count(session.locale, MAX_TEXT))
        else:
            heading, message = None, t(session.locale, RULE_TEXT.get(status, "error.invalid_input"))
        response = error_page(request, status, message, heading=heading)
    except Exception:
        # The page itself failed (a broken template, say): the problem document still tells the client.
        log.exception("The error page for status %s could not be drawn", status)
        return None
    response.headers.update(headers or {})
    return response


def _session(request: Request) -> WebSession:
    """The visitor's session, also when the request was refused before the session middleware read the cookie
    (a body too large); a new visitor gets the language their browser asks for."""
    session: WebSession | None = getattr(request.state, "web_session", None)
    if session is None:
        services: Services = request.app.state.services
        raw = request.cookies.get(COOKIE)
        session = (decode(raw, key=signing_key(services), org=services.org) if raw else None) or new_session()
    if session.fresh:
        session = with_locale(session, accepted_language(request.headers.get("accept-language", "")))
    return session


def accepted_language(header: str) -> str:
    """nb or en, whichever the Accept-Language header ranks higher (Norwegian in any form is nb)."""
    best, best_quality = DEFAULT_LOCALE, 0.0
    for part in header.split(","):
        tag, _, parameters = part.partition(";")
        locale = LANGUAGES.get(tag.strip().lower().split("-")[0])
        quality = _quality(parameters)
        if locale and quality > best_quality:
            best, best_quality = locale, quality
    return best


def _quality(parameters: str) -> float:
    name, _, value = parameters.strip().partition("=")
    if name.strip() != "q":
        return 1.0
    try:
        return float(value)
    except ValueError:
        return 0.0
