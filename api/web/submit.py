"""The front page: send an idea, then see where it went and how to follow it."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.web.pages import (
    STATUS_OF_RULE,
    UserDep,
    labels_for,
    redirect,
    render,
    rule_error_page,
    rule_message,
    session_of,
)
from api.web.session import require_csrf
from core import intake, reading
from core.actors import as_submitter
from core.errors import RateLimited, RuleError
from core.steering import Steered
from core.submission import submit
from storage.models import Channel

router = APIRouter(route_class=UnitOfWorkRoute, include_in_schema=False)
FIELD_OF = {"idea": "text", "title": "title", "unit": "unit"}  # the rule's name for an input -> the form's field


@router.get("/", response_class=HTMLResponse)
def form(request: Request, _user: UserDep,
         supported: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> HTMLResponse:
    """`supported`: back from "Støtt dette i stedet" (api/web/board.py), said above a fresh form."""
    return _form(request, supported=supported)


def _form(request: Request, *, status: int = 200, error: str | None = None, detail: str | None = None,
          values: dict[str, object] | None = None, invalid: str | None = None,
          steered: Steered | None = None, supported: int | None = None) -> HTMLResponse:
    # A fresh key per rendered form: sending the same form twice (double click, reload) stores one idea.
    return render(request, "submit.html", status=status, error=error, detail=detail, invalid=invalid, steered=steered,
                  supported=supported,
                  submission=secrets.token_urlsafe(16),
                  values=values or {"text": "", "title": "", "anonymous": False, "shared": False, "unit": ""},
                  max_text=intake.MAX_TEXT, max_title=intake.MAX_TITLE)


@router.post("/", dependencies=[Depends(require_csrf)], response_model=None)
def send(request: Request, user: UserDep, uow: UnitOfWorkDep,
         text: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
         anonymous: Annotated[bool, Form()] = False, send_anyway: Annotated[bool, Form()] = False,
         shared: Annotated[bool, Form()] = False, unit: Annotated[str, Form(max_length=64)] = "",
         submission: Annotated[str, Form(max_length=64)] = "") -> HTMLResponse | RedirectResponse:
    # The login vouched for the e-mail and stored it (api/web/oidc.py); the form does not vouch again, so a session
    # from before e-mails were kept, which carries none, leaves the stored one as it is.
    submitter = intake.SubmitterRef(channel=Channel.WEB, external_id=user.user_id, display_name=user.name,
                                    locale=session_of(request).locale, verified_email=user.verified_email)
    source_key = f"web:{user.role.value}:{user.user_id}:{submission}" if submission else None
    draft = intake.Draft(text=text, title=title or None, anonymous=anonymous, channel=Channel.WEB,
                         submitter=submitter, source_key=source_key, send_anyway=send_anyway, shared=shared,
                         unit=unit or None)
    try:
        done = submit(uow=uow, draft=draft)
    except RuleError as error:
        labels = labels_for(request)  # the limits written as the form's hint writes them: "10 000"
        message = rule_message(request, error, "submit", max_text=labels.count(intake.MAX_TEXT),
                               max_title=labels.count(intake.MAX_TITLE), minutes=_minutes(error))
        # The text stays in the form, so a refusal (too long, too many at once) costs the writer nothing;
        # the rule's own words (which character, how long to wait) are the detail.
        response = _form(request, status=STATUS_OF_RULE.get(error.code, 422), error=message, detail=error.message,
                         values={"text": text, "title": title, "anonymous": anonymous, "shared": shared,
                                 "unit": unit},
                         invalid=FIELD_OF.get(error.field or ""))
        if isinstance(error, RateLimited):
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    uow.session.commit()
    if isinstance(done, Steered):
        # Not stored: the words stay in the form, to send as an idea anyway or to take where they belong.
        return _form(request, steered=done, values={"text": text, "title": title, "anonymous": anonymous,
                                                  "shared": shared, "unit": unit})
    return redirect(f"/sent/{done.idea.id}")


def _minutes(error: RuleError) -> int:
    return -(-error.retry_after // 60) if isinstance(error, RateLimited) else 0


@router.get("/sent/{idea_id}", response_class=HTMLResponse)
def sent(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep) -> HTMLResponse:
    try:
        idea = reading.show(uow=uow, actor=as_submitter(user), idea_id=idea_id)
    except RuleError as error:
        return rule_error_page(request, error)
    return render(request, "sent.html", idea=idea)
