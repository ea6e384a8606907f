"""What every page shares: templates, the render helper, who may see a page, and errors shown as pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from api.web import texts
from api.web.display import Labels
from api.web.session import CSRF_FIELD, WebSession
from core.actors import Actor, Role
from core.errors import RuleError
from core.services import Services

HERE = Path(__file__).parent
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    # Every value is escaped unless a template says otherwise; only our own SVG charts are marked safe.
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
))

HOME_OF = {Role.EMPLOYEE: "/", Role.COMMISSIONER: "/triage", Role.ADMIN: "/admin"}
STATUS_OF_RULE = {"invalid_input": 422, "invalid_characters": 422, "idempotency_key_reused": 422,
                  "not_found": 404, "forbidden": 403,
                  "conflict": 409, "rate_limited": 429}


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


class PageRefused(Exception):
    """A page this person may not open, shown as a page with a message rather than a problem document."""

    def __init__(self, status: int, text_key: str) -> None:
        self.status = status
        self.text_key = text_key


def services_of(request: Request) -> Services:
    return request.app.state.services


def session_of(request: Request) -> WebSession:
    return request.state.web_session


def labels_for(request: Request) -> Labels:
    return Labels(services_of(request).org, session_of(request).locale)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = session_of(request)
    services = services_of(request)
    labels = Labels(services.org, session.locale)
    # After a form post the language switch returns to the person's home page, not to the post's address.
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "") if request.method == "GET" \
        else HOME_OF[session.actor.role if session.actor else Role.EMPLOYEE]
    base = {"t": labels.t, "labels": labels, "locale": session.locale, "csrf_field": CSRF_FIELD,
            "csrf": session.csrf, "user": session.actor, "org": services.org, "path": request.url.path,
            "here": here, "Role": Role}
    # The security headers (api/headers.py) are added to every response on its way out.
    return templates.TemplateResponse(request, template, {**base, **context}, status_code=status)


def error_page(request: Request, status: int, message: str, detail: str | None = None,
               heading: str | None = None) -> HTMLResponse:
    return render(request, "error.html", status=status, code=status, message=message, detail=detail, heading=heading)


def rule_error_page(request: Request, error: RuleError, action: str | None = None, **values: object) -> HTMLResponse:
    """A rule's refusal in the reader's language; the rule's own (English) words stay available as a detail."""
    return error_page(request, STATUS_OF_RULE.get(error.code, 400), rule_message(request, error, action, **values),
                      error.message)


def rule_message(request: Request, error: RuleError, action: str | None = None, **values: object) -> str:
    locale = session_of(request).locale
    specific = f"error.{action}.{error.code}"
    key = specific if action and specific in texts.TEXTS else f"error.{error.code}"
    return texts.t(locale, key if key in texts.TEXTS else "error.invalid_input", **values)


def safe_next(value: str | None, default: str = "/") -> str:
    """Only a path on this site: no scheme, no '//host', no backslash tricks."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def login_url(next_path: str) -> str:
    return f"/login?next={quote(next_path, safe='/')}"


def current_user(request: Request) -> Actor:
    session = getattr(request.state, "web_session", None)
    if session is None or session.actor is None:
        raise LoginRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    return session.actor


def current_staff(user: Annotated[Actor, Depends(current_user)]) -> Actor:
    if user.role is Role.EMPLOYEE:
        raise PageRefused(403, "error.staff_only")
    return user


def current_admin(user: Annotated[Actor, Depends(current_user)]) -> Actor:
    if user.role is not Role.ADMIN:
        raise PageRefused(403, "error.admin_only")
    return user


UserDep = Annotated[Actor, Depends(current_user)]
StaffUserDep = Annotated[Actor, Depends(current_staff)]
AdminUserDep = Annotated[Actor, Depends(current_admin)]
