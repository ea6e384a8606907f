"""My ideas: everything I sent from the web or the API — and, logged in with Entra ID, to the Teams bot, which
knows me by the same object id (storage.queries.people_behind) — each with its history and the answers; and my
data: download it, or erase myself from my ideas (core/privacy.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from api.deps import ServicesDep, SessionDep, UnitOfWorkRoute
from api.web.pages import (
    STATUS_OF_RULE,
    UserDep,
    as_submitter,
    labels_for,
    redirect,
    render,
    rule_error_page,
    rule_message,
)
from api.web.session import require_csrf
from api.web.views import Labels, answer, events_of, timeline
from core import lifecycle, privacy
from core.actors import Actor, require_visible, visible_ideas
from core.errors import Forbidden, NotFound, RuleError
from core.services import Services
from storage.models import Channel, Event, Idea, Status, utcnow
from storage.queries import get_idea, list_ideas

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/mine", include_in_schema=False)
PAGE_SIZE = 20
Done = Literal["withdraw", "anonymous"]  # what was just done to one of my ideas


@router.get("", response_class=HTMLResponse)
def my_ideas(request: Request, user: UserDep, services: ServicesDep, session: SessionDep,
             page: Annotated[int, Query(ge=1, le=100_000)] = 1,
             erased: Annotated[int | None, Query(ge=0, le=1_000_000)] = None) -> HTMLResponse:
    notice = labels_for(request).t("mine.erased", n=erased) if erased is not None else None
    return _page(request, user, services, session, page=page, notice=notice)


def _page(request: Request, user: Actor, services: Services, session: Session, *, page: int = 1,
          notice: str | None = None, error: str | None = None, status: int = 200,
          invalid: str | None = None) -> HTMLResponse:
    me = as_submitter(user)
    found = list_ideas(session, where=visible_ideas(session, me, services.org), page=page, page_size=PAGE_SIZE)
    events = events_of(session, found.items)
    labels = labels_for(request)
    items = [_item(idea, events.get(idea.id, []), labels) for idea in found.items]
    return render(request, "mine.html", status=status, items=items, found=found, notice=notice, error=error,
                  more=found.page * found.page_size < found.total, invalid=invalid)


@router.post("/erase", dependencies=[Depends(require_csrf)], response_model=None)
def erase_me(request: Request, user: UserDep, services: ServicesDep, session: SessionDep,
             confirm: Annotated[bool, Form()] = False) -> HTMLResponse | RedirectResponse:
    """Erase me ("Slett meg"): only with the box ticked, since it cannot be undone."""
    if not confirm:
        return _page(request, user, services, session, error=labels_for(request).t("mine.erase_unconfirmed"),
                     status=422, invalid="confirm")
    done = privacy.erase(session=session, channel=Channel.WEB, external_id=user.user_id, via=Channel.WEB)
    session.commit()
    return redirect(f"/mine?erased={done.ideas}")


@router.get("/{idea_id}", response_class=HTMLResponse)
def my_idea(request: Request, idea_id: int, user: UserDep, services: ServicesDep, session: SessionDep,
            done: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    try:
        idea = require_visible(session, as_submitter(user), services.org, get_idea(session, idea_id), idea_id)
    except RuleError as error:
        return rule_error_page(request, error)
    notice = labels_for(request).t(f"mine.done.{done}") if done in get_args(Done) else None
    return _idea_page(request, services, idea, notice=notice)


@router.post("/{idea_id}/withdraw", dependencies=[Depends(require_csrf)], response_model=None)
def withdraw(request: Request, idea_id: int, user: UserDep, services: ServicesDep,
             session: SessionDep) -> HTMLResponse | RedirectResponse:
    """"Trekk tilbake": only while nobody has started on it, within WITHDRAW_MINUTES (core/lifecycle.py)."""
    return _change(request, user, services, session, idea_id, "withdraw", lambda idea, me: lifecycle.withdraw(
        session=session, idea=idea, actor=me, window=services.withdraw_window))


@router.post("/{idea_id}/anonymous", dependencies=[Depends(require_csrf)], response_model=None)
def make_anonymous(request: Request, idea_id: int, user: UserDep, services: ServicesDep,
                   session: SessionDep) -> HTMLResponse | RedirectResponse:
    """"Gjør anonym": hides my name from those who handle the idea, for good."""
    return _change(request, user, services, session, idea_id, "anonymous", lambda idea, me: lifecycle.make_anonymous(
        session=session, idea=idea, actor=me))


def _change(request: Request, user: Actor, services: Services, session: Session, idea_id: int, action: Done,
            change: Callable[[Idea, Actor], object]) -> HTMLResponse | RedirectResponse:
    """Apply `change` to my idea and show it again; a refusal is shown on the idea's page in my language."""
    me = as_submitter(user)
    try:
        idea = require_visible(session, me, services.org, get_idea(session, idea_id, for_update=True), idea_id)
        change(idea, me)
    except RuleError as error:
        session.rollback()
        shown = get_idea(session, idea_id)
        if isinstance(error, NotFound | Forbidden) or shown is None:
            return rule_error_page(request, error)
        minutes = services.settings.withdraw_minutes
        return _idea_page(request, services, shown, error=rule_message(request, error, action, minutes=minutes),
                          status=STATUS_OF_RULE.get(error.code, 400))
    session.commit()
    return redirect(f"/mine/{idea_id}?done={action}")


def _idea_page(request: Request, services: Services, idea: Idea, *, notice: str | None = None,
               error: str | None = None, status: int = 200) -> HTMLResponse:
    labels = labels_for(request)
    until = idea.created_at + services.withdraw_window
    return render(request, "idea.html", status=status, item=_item(idea, idea.events, labels), notice=notice,
                  error=error, can_withdraw=idea.status is Status.RECEIVED and utcnow() < until,
                  withdraw_until=labels.date(until), can_hide=not idea.anonymous)


def _item(idea: Idea, events: list[Event], labels: Labels) -> dict[str, object]:
    return {"idea": idea, "heading": labels.heading(idea), "answer": answer(events),
            "steps": timeline(events, labels, for_staff=False)}
