"""Server-rendered pages in the same FastAPI app: submit, my ideas, triage, dashboard, org config, login."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from api.web import (
    admin,
    board,
    discussion,
    login,
    mine,
    notifications,
    oidc,
    packages,
    statement,
    submit,
    triage,
    triage_savings,
)
from api.web.pages import HERE, LoginRequired, PageRefused, error_page, login_url, redirect, session_of
from api.web.session import CsrfRefused, SessionMiddleware
from api.web.texts import t


def install(app: FastAPI) -> None:
    """Add the pages, their assets and the cookie session to the app."""
    app.add_middleware(SessionMiddleware)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (login, oidc, submit, mine, board, discussion, notifications, triage, triage_savings, packages,
                   admin, statement):
        app.include_router(module.router)
    app.add_exception_handler(LoginRequired, _to_login)
    app.add_exception_handler(PageRefused, _refused)
    app.add_exception_handler(CsrfRefused, _csrf_refused)


async def _to_login(_request: Request, error: Exception) -> RedirectResponse:
    assert isinstance(error, LoginRequired)
    return redirect(login_url(error.next_path))


async def _refused(request: Request, error: Exception) -> HTMLResponse:
    assert isinstance(error, PageRefused)
    return error_page(request, error.status, t(session_of(request).locale, error.text_key))


async def _csrf_refused(request: Request, _error: Exception) -> HTMLResponse:
    return error_page(request, 403, t(session_of(request).locale, "error.csrf"))
