"""Logging in and out, and the language switch. Production logs in through Entra ID (see oidc.py);
`make run` offers a development login that only works while the server listens on a loopback address.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.web import oidc
from api.web.pages import HOME_OF, error_page, redirect, render, safe_next, services_of, session_of
from api.web.session import login, require_csrf, store, with_locale
from api.web.texts import t
from core.actors import Actor, Role
from core.settings import Settings
from storage.models import Channel

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

DEV_EMPLOYEE = "kari"


@dataclass(frozen=True)
class DevPerson:
    key: str
    name: str
    role: Role


def dev_login_allowed(settings: Settings) -> bool:
    """DEV_LOGIN=true, and only on a loopback HOST: nobody else can reach a server listening there."""
    return settings.dev_login and _is_loopback(settings.host)


def dev_login_here(request: Request) -> bool:
    """The setting, and the address this request actually arrived on: `serve --host 0.0.0.0` overrides HOST
    on the command line, so the setting alone would not keep the development login off the network."""
    server = request.scope.get("server")
    arrived_on = str(server[0]) if server else ""
    try:
        on_loopback = ipaddress.ip_address(arrived_on.strip("[]")).is_loopback
    except ValueError:  # not an IP address: a Unix socket, or a test client's made-up host name
        on_loopback = True
    return dev_login_allowed(services_of(request).settings) and on_loopback


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def dev_people(request: Request) -> list[DevPerson]:
    org = services_of(request).org
    name = t(session_of(request).locale, "login.dev_employee")
    return [
        *(DevPerson(p.id, p.name, Role.ADMIN) for p in org.administrators),
        *(DevPerson(c.id, c.name, Role.COMMISSIONER) for c in org.commissioners),
        DevPerson(DEV_EMPLOYEE, name, Role.EMPLOYEE),
    ]


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next_path: Annotated[str | None, Query(alias="next", max_length=2000)] = None,
               failed: bool = False) -> HTMLResponse:
    settings = services_of(request).settings
    allowed = dev_login_here(request)
    people = dev_people(request) if allowed else []
    return render(request, "login.html", next=safe_next(next_path, ""), people=people,
                  dev_refused=settings.dev_login and not allowed,
                  entra=oidc.configured(settings), failed=failed)


@router.post("/login/dev", dependencies=[Depends(require_csrf)], response_model=None)
def dev_login(request: Request, person: Annotated[str, Form(max_length=200)],
              next_path: Annotated[str, Form(alias="next", max_length=2000)] = "") -> HTMLResponse | RedirectResponse:
    settings = services_of(request).settings
    if not dev_login_here(request):
        log.warning("development login refused: DEV_LOGIN=%s, HOST=%s, arrived on %s", settings.dev_login,
                    settings.host, request.scope.get("server"))
        return error_page(request, 403, t(session_of(request).locale, "login.dev_refused"))
    chosen = next((p for p in dev_people(request) if p.key == person), None)
    if chosen is None:
        return error_page(request, 400, t(session_of(request).locale, "login.failed"))
    actor = Actor(role=chosen.role, user_id=chosen.key, channel=Channel.WEB, name=chosen.name)
    response = redirect(safe_next(next_path, HOME_OF[actor.role]))
    login(response, request, services_of(request), actor)
    return response


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> RedirectResponse:
    response = redirect("/login")
    login(response, request, services_of(request), None)
    return response


@router.post("/lang", dependencies=[Depends(require_csrf)])
def switch_language(request: Request, lang: Annotated[str, Form(max_length=5)],
                    next_path: Annotated[str, Form(alias="next", max_length=2000)] = "/") -> RedirectResponse:
    response = redirect(safe_next(next_path))
    store(response, with_locale(session_of(request), lang), request, services_of(request))
    return response
