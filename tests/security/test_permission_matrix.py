"""Who may do what, as one table: every REST endpoint and every web page against every kind of caller.

Kari (an employee) has sent an idea to barn-og-unge. The callers are nobody, Kari, another employee, the
commissioner of another area, the area's commissioner and an administrator (tests/security/conftest.py).
REST callers carry a bearer token; page callers a browser session from the login.

An outcome is the status code, or one of:
- SEES: a read (GET) answered 200 with Kari's idea in it (a list, a CSV, a board) — the caller can read it;
- DONE: the form was accepted and the browser is sent on (303 to anywhere but the login page);
- LOGIN: the browser is sent to the login page.
A 200 without SEES means the answer came, without Kari's idea in it.
"""

from __future__ import annotations

import io
from typing import Any

import docx
import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import select

from storage.models import Idea
from tests.security.conftest import CALLERS, form_post

SECRET_TEXT = "Kari sitt forslag om skolebiblioteket"
SEES, DONE, LOGIN = "sees", "done", "login"
NO_COMMENT = 999_999  # no comment has this number: who may try what on one answers before it is looked up

# (method, path, body) -> outcome per caller, in CALLERS order:
#  anonymous, submitter, other_employee, other_commissioner, commissioner, admin
REST = [
    ("GET", "/healthz", None, [200, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/ideas", {"text": "Et nytt forslag"}, [401, 201, 201, 201, 201, 201]),
    ("GET", "/api/v1/ideas", None, [401, SEES, 200, 200, SEES, SEES]),
    ("GET", "/api/v1/ideas/{id}", None, [401, SEES, 404, 404, SEES, SEES]),
    ("POST", "/api/v1/ideas/{id}/transitions", {"to": "in_review"}, [401, 403, 404, 404, 200, 200]),
    # Only the submitter may take an idea back (shortly after sending); staff may not withdraw it for them.
    ("POST", "/api/v1/ideas/{id}/transitions", {"to": "withdrawn"}, [401, 200, 404, 404, 403, 403]),
    # A routing teaches the classifier, so only the area's commissioner or an administrator routes; the submitter
    # asks instead, and only they may; staff answer the request (409 here: nobody asked, so there is nothing to keep).
    ("POST", "/api/v1/ideas/{id}/route", {"focus_area": "samfunnsutvikler"}, [401, 403, 404, 404, 200, 200]),
    ("POST", "/api/v1/ideas/{id}/move-request", {"focus_area": "samfunnsutvikler"},
     [401, 200, 404, 404, 404, 404]),
    ("POST", "/api/v1/ideas/{id}/move-request/decline", {}, [401, 403, 404, 404, 409, 409]),
    ("PATCH", "/api/v1/ideas/{id}", {"estimated_saving_nok": 1000}, [401, 403, 404, 404, 200, 200]),
    ("POST", "/api/v1/ideas/{id}/unit", {"unit": None}, [401, 403, 404, 404, 200, 200]),
    ("POST", "/api/v1/ideas/{id}/saving", {"one_off_cost_nok": 1000}, [401, 403, 404, 404, 200, 200]),
    # What an idea saved is recorded once it is implemented: Kari's is not yet (409 for those who may record it).
    ("POST", "/api/v1/ideas/{id}/realised-saving", {"amount_nok": 1000}, [401, 403, 404, 404, 409, 409]),
    # Løten shares nothing with colleagues (sharing: off): the board is empty for everyone, Kari's idea is not on
    # it to support, and sharing one idea is refused (409) to those who could share under opt_in
    # (tests/api/test_board.py runs the policies that share).
    ("GET", "/api/v1/board", None, [401, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/ideas/{id}/support", None, [401, 404, 404, 404, 404, 404]),
    ("DELETE", "/api/v1/ideas/{id}/support", None, [401, 404, 404, 404, 404, 404]),
    ("POST", "/api/v1/ideas/{id}/share", {"shared": True}, [401, 403, 404, 404, 409, 409]),
    # With sharing off no idea has a discussion (tests/api/test_discussion.py runs the policies that share); an idea
    # is followed by those who can see it, and everyone chooses how they hear of the ideas they follow.
    ("GET", "/api/v1/ideas/{id}/comments", None, [401, 404, 404, 404, 404, 404]),
    ("POST", "/api/v1/ideas/{id}/comments", {"text": "Hei"}, [401, 404, 404, 404, 404, 404]),
    ("POST", "/api/v1/comments/{comment_id}/report", None, [401, 404, 404, 404, 404, 404]),
    ("POST", "/api/v1/comments/{comment_id}/hide", {"hidden": True}, [401, 403, 403, 403, 403, 404]),
    ("GET", "/api/v1/ideas/{id}/follow", None, [401, 200, 404, 404, 200, 200]),
    ("PUT", "/api/v1/ideas/{id}/follow", None, [401, 200, 404, 404, 200, 200]),
    ("DELETE", "/api/v1/ideas/{id}/follow", None, [401, 200, 404, 404, 200, 200]),
    ("GET", "/api/v1/me/notifications", None, [401, SEES, 200, 200, 200, 200]),
    ("PUT", "/api/v1/me/notifications", {"digest": "daily"}, [401, 200, 200, 200, 200, 200]),
    ("GET", "/api/v1/stats", None, [401, 403, 403, 403, 403, 200]),
    ("GET", "/api/v1/export.csv", None, [401, 403, 403, 200, SEES, SEES]),
    ("GET", "/api/v1/export.xlsx", None, [401, 403, 403, 200, SEES, SEES]),
    # Everyone gets their own data only: Kari's idea is in Kari's export and nobody else's.
    ("GET", "/api/v1/me/export", None, [401, SEES, 200, 200, 200, 200]),
    ("DELETE", "/api/v1/me", None, [401, 200, 200, 200, 200, 200]),
    ("GET", "/api/v1/audit", None, [401, 403, 403, 403, 403, 200]),
    # The area package: the area's commissioner or an administrator assembles and submits it, an administrator
    # records the council's adoption. Kari's idea is still received, so it is in no package and cannot go in one.
    ("GET", "/api/v1/packages", None, [401, 403, 403, 200, 200, 200]),
    ("GET", "/api/v1/packages/{area}/{phase}", None, [401, 403, 403, 403, 200, 200]),
    ("GET", "/api/v1/packages/{area}/{phase}.{fmt}", None, [401, 403, 403, 403, 200, 200]),
    ("POST", "/api/v1/packages/{area}/{phase}/items", {"idea_id": 1}, [401, 403, 403, 403, 404, 404]),
    ("PATCH", "/api/v1/packages/{area}/{phase}/items/{id}", {"assessment": "Godt"}, [401, 403, 403, 403, 404, 404]),
    ("DELETE", "/api/v1/packages/{area}/{phase}/items/{id}", None, [401, 403, 403, 403, 404, 404]),
    ("PUT", "/api/v1/packages/{area}/{phase}/order", {"idea_ids": []}, [401, 403, 403, 403, 200, 200]),
    # An empty draft: nothing to submit, nothing to send back or adopt (409) for those who may.
    ("POST", "/api/v1/packages/{area}/{phase}/submit", None, [401, 403, 403, 403, 409, 409]),
    ("POST", "/api/v1/packages/{area}/{phase}/send-back", None, [401, 403, 403, 403, 409, 409]),
    ("POST", "/api/v1/packages/{area}/{phase}/adopt", {"adopted_on": "2026-12-10", "case_reference": "PS 45/27"},
     [401, 403, 403, 403, 403, 409]),
]

PAGES = [
    ("GET", "/login", None, [200, 200, 200, 200, 200, 200]),
    # The accessibility statement is for everyone, also someone a barrier keeps from logging in.
    ("GET", "/tilgjengelighet", None, [200, 200, 200, 200, 200, 200]),
    ("GET", "/", None, [LOGIN, 200, 200, 200, 200, 200]),
    ("POST", "/", {"text": "Et nytt forslag fra nettsiden"}, [LOGIN, DONE, DONE, DONE, DONE, DONE]),
    # The receipt and "my ideas" are the sender's own pages: staff see the idea on the board instead.
    ("GET", "/sent/{id}", None, [LOGIN, 200, 404, 404, 404, 404]),
    ("GET", "/mine", None, [LOGIN, SEES, 200, 200, 200, 200]),
    ("GET", "/mine/{id}", None, [LOGIN, SEES, 404, 404, 404, 404]),
    ("POST", "/mine/erase", {"confirm": "true"}, [LOGIN, DONE, DONE, DONE, DONE, DONE]),
    # Taking one's own idea back, or hiding one's name on it, is the sender's alone; staff answer it instead.
    ("POST", "/mine/{id}/withdraw", {}, [LOGIN, DONE, 404, 404, 404, 404]),
    ("POST", "/mine/{id}/anonymous", {}, [LOGIN, DONE, 404, 404, 404, 404]),
    ("POST", "/mine/{id}/move", {"focus_area": "samfunnsutvikler"}, [LOGIN, DONE, 404, 404, 404, 404]),
    ("GET", "/triage", None, [LOGIN, 403, 403, 200, SEES, SEES]),
    ("POST", "/triage/{id}/status", {"to": "in_review"}, [LOGIN, 403, 403, 404, DONE, DONE]),
    ("POST", "/triage/{id}/route", {"focus_area": "samfunnsutvikler"}, [LOGIN, 403, 403, 404, DONE, DONE]),
    # Keeping answers a request to move; nobody asked here, so the handlers get the board saying so (409).
    ("POST", "/triage/{id}/keep", {}, [LOGIN, 403, 403, 404, 409, 409]),
    ("POST", "/triage/{id}/saving", {"amount": "250 000"}, [LOGIN, 403, 403, 404, DONE, DONE]),
    ("POST", "/triage/{id}/unit", {"unit": ""}, [LOGIN, 403, 403, 404, DONE, DONE]),
    ("POST", "/triage/{id}/saving-plan", {"one_off_cost_nok": "1000"}, [LOGIN, 403, 403, 404, DONE, DONE]),
    # Kari's idea is not implemented: there is no realised saving to record yet.
    ("POST", "/triage/{id}/realised", {"amount_nok": "1000"}, [LOGIN, 403, 403, 404, 409, 409]),
    ("POST", "/triage/{id}/share", {"shared": "true"}, [LOGIN, 403, 403, 404, 409, 409]),
    # The package page: the area's commissioner or an administrator; Kari's idea, still received, is in no package.
    ("GET", "/pakke", None, [LOGIN, 403, 403, 200, 200, 200]),
    ("POST", "/pakke/{area}/{phase}/add", {"idea_id": "1"}, [LOGIN, 403, 403, 403, 404, 404]),
    ("POST", "/pakke/{area}/{phase}/remove", {"idea_id": "1"}, [LOGIN, 403, 403, 403, 404, 404]),
    ("POST", "/pakke/{area}/{phase}/assess", {"idea_id": "1", "assessment": "Godt"}, [LOGIN, 403, 403, 403, 404, 404]),
    ("POST", "/pakke/{area}/{phase}/order", {"order": ""}, [LOGIN, 403, 403, 403, DONE, DONE]),
    ("POST", "/pakke/{area}/{phase}/submit", {}, [LOGIN, 403, 403, 403, 409, 409]),
    ("POST", "/pakke/{area}/{phase}/send-back", {}, [LOGIN, 403, 403, 403, 409, 409]),
    ("POST", "/pakke/{area}/{phase}/adopt", {"adopted_on": "2026-12-10", "case_reference": "PS 45/27"},
     [LOGIN, 403, 403, 403, 403, 409]),
    ("GET", "/ideer", None, [LOGIN, 200, 200, 200, 200, 200]),
    ("POST", "/ideer/{id}/support", {}, [LOGIN, 404, 404, 404, 404, 404]),
    ("POST", "/ideer/{id}/take-back", {}, [LOGIN, 404, 404, 404, 404, 404]),
    # Shared ideas like a text being typed: anyone signed in asks; only the board's ideas come back (none here).
    ("POST", "/ideer/lignende", {"text": "Felles vikarpool for hjemmetjenesten"}, [LOGIN, 200, 200, 200, 200, 200]),
    ("GET", "/ideer/{id}", None, [LOGIN, 404, 404, 404, 404, 404]),
    ("POST", "/ideer/{id}/comments", {"text": "Hei"}, [LOGIN, 404, 404, 404, 404, 404]),
    ("POST", "/ideer/{id}/comments/{comment_id}/report", {}, [LOGIN, 404, 404, 404, 404, 404]),
    ("POST", "/ideer/{id}/comments/{comment_id}/hide", {"hidden": "true"}, [LOGIN, 403, 403, 403, 403, 404]),
    ("POST", "/ideer/{id}/follow", {"on": "true"}, [LOGIN, DONE, 404, 404, DONE, DONE]),
    ("GET", "/varsler", None, [LOGIN, SEES, 200, 200, 200, 200]),
    ("POST", "/varsler", {"digest": "weekly"}, [LOGIN, DONE, DONE, DONE, DONE, DONE]),
    ("GET", "/admin", None, [LOGIN, 403, 403, 403, 403, 200]),
    ("GET", "/admin/org", None, [LOGIN, 403, 403, 403, 403, 200]),
    ("POST", "/lang", {"lang": "en", "next": "/"}, [DONE, DONE, DONE, DONE, DONE, DONE]),
    ("POST", "/logout", {}, [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN]),
    # The development login (DEV_LOGIN, loopback only; tests/api/web/test_login.py) lets anyone be anyone.
    ("POST", "/login/dev", {"person": "kari"}, [DONE, DONE, DONE, DONE, DONE, DONE]),
    # Entra ID is not configured here: both send back to the login page, which says what to set.
    ("GET", "/login/entra", None, [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN]),
    ("GET", "/auth/callback", None, [400, 400, 400, 400, 400, 400]),
]

# Served by the framework or the bots, each with its own test: the API description, static files.
NOT_IN_THE_MATRIX = {("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/redoc")}


# What the package rows' placeholders stand for: Kari's area, the phase, a document format.
PACKAGE = {"area": "barn-og-unge", "phase": "fase-1", "fmt": "docx"}


def ids(rows: list[tuple[Any, ...]]) -> list[str]:
    return [f"{method} {path} {body or ''}".strip() for method, path, body, _ in rows]


@pytest.fixture
def kari_idea(client, token, classifier) -> int:
    classifier.focus_area = "barn-og-unge"
    response = client.post("/api/v1/ideas", json={"text": SECRET_TEXT}, headers=token("employee", "kari"))
    assert response.status_code == 201
    client.cookies.clear()
    return response.json()["id"]


def readable(response) -> str:
    """The answer as text; a workbook as its cells' values, a Word document as its paragraphs and cells."""
    kind = response.headers.get("content-type", "")
    if "wordprocessingml" in kind:
        document = docx.Document(io.BytesIO(response.content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if "spreadsheetml" not in kind:
        return response.text
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)


def outcome(response) -> str | int:
    if response.status_code in (302, 303, 307):
        return LOGIN if response.headers["location"].startswith("/login") else DONE
    if response.request.method == "GET" and response.status_code == 200 and SECRET_TEXT in readable(response):
        return SEES
    return response.status_code


@pytest.mark.parametrize(("method", "path", "body", "expected"), REST, ids=ids(REST))
@pytest.mark.parametrize("caller", list(CALLERS))
def test_rest_api(client, token, kari_idea, method, path, body, expected, caller):
    who = CALLERS[caller]
    headers = token(*who) if who else {}
    url = path.format(id=kari_idea, comment_id=NO_COMMENT, **PACKAGE)
    response = client.request(method, url, json=body, headers=headers)
    assert outcome(response) == expected[list(CALLERS).index(caller)], response.text[:500]
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(("method", "path", "body", "expected"), PAGES, ids=ids(PAGES))
@pytest.mark.parametrize("caller", list(CALLERS))
def test_web_pages(client, browse_as, kari_idea, method, path, body, expected, caller):
    browse_as(caller)
    url = path.format(id=kari_idea, comment_id=NO_COMMENT, **PACKAGE)
    response = client.get(url, follow_redirects=False) if method == "GET" else form_post(client, url, body)
    assert outcome(response) == expected[list(CALLERS).index(caller)], response.text[:500]
    if response.status_code in (400, 403, 404):
        assert response.headers["content-type"].startswith("text/html")  # a page that says why, not JSON


@pytest.mark.parametrize("caller", [c for c in CALLERS if c != "submitter"])
def test_nobody_but_the_submitter_erases_the_submitter(client, token, browse_as, kari_idea, services, caller):
    who = CALLERS[caller]
    client.delete("/api/v1/me", headers=token(*who) if who else {})
    browse_as(caller)
    form_post(client, "/mine/erase", {"confirm": "true"})
    with services.session_factory() as session:
        assert session.scalar(select(Idea.submitter_id).where(Idea.id == kari_idea)) is not None


def test_every_endpoint_and_page_is_in_the_matrix(client):
    """A new route without a row here fails this test: nobody adds an endpoint without deciding who may use it."""
    served = set()
    for method, path in _routes(client.app):
        served.add((method, path))
    covered = {(m, p.replace("{id}", "{idea_id}")) for m, p, *_ in REST + PAGES} | NOT_IN_THE_MATRIX
    assert served - covered == set()


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        # FastAPI keeps an included router as one entry that holds the router's own routes.
        inner = getattr(route, "original_router", None)
        for each in inner.routes if inner is not None else [route]:
            methods = getattr(each, "methods", None) or set()
            if isinstance(each, APIRoute) or methods:
                found += [(m, each.path) for m in methods if m != "HEAD"]
    return found


def test_each_caller_lists_only_what_they_may_see(client, token, classifier):
    classifier.focus_area = "barn-og-unge"
    client.post("/api/v1/ideas", json={"text": "Kari sitt"}, headers=token("employee", "kari"))
    classifier.focus_area = "helse-og-livskvalitet"
    client.post("/api/v1/ideas", json={"text": "Per sitt"}, headers=token("employee", "per"))
    classifier.focus_area = None
    client.post("/api/v1/ideas", json={"text": "Uklart"}, headers=token("employee", "per"))

    def texts(*who):
        return sorted(i["text"] for i in client.get("/api/v1/ideas", headers=token(*who)).json()["items"])

    assert texts("employee", "kari") == ["Kari sitt"]
    assert texts("employee", "per") == ["Per sitt", "Uklart"]
    assert texts("employee", "nobody-yet") == []
    assert texts("commissioner", "kommunalsjef-oppvekst") == ["Kari sitt"]
    assert texts("commissioner", "arne-jorstad") == ["Per sitt"]
    assert texts("admin", "forslagskassa-admin") == ["Kari sitt", "Per sitt", "Uklart"]
