"""My ideas: everything I sent from the web or the API — and, logged in with Entra ID, to the Teams bot, which
knows me by the same object id (storage.queries.people_behind) — each with its history and the answers; and my
data: download it, or erase myself from my ideas (core/privacy.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from api.deps import ServicesDep, SessionDep, UnitOfWorkRoute
from api.web.pages import UserDep, as_submitter, labels_for, redirect, render, rule_error_page
from api.web.session import require_csrf
from api.web.views import Labels, answer, events_of, timeline
from core import privacy
from core.actors import Actor, require_visible, visible_ideas
from core.errors import RuleError
from core.services import Services
from storage.models import Channel, Event, Idea
from storage.queries import get_idea, list_ideas

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/mine", include_in_schema=False)
PAGE_SIZE = 20


@router.get("", response_class=HTMLResponse)
def my_ideas(request: Request, user: UserDep, services: ServicesDep, session: SessionDep,
             page: Annotated[int, Query(ge=1, le=100_000)] = 1,
             erased: Annotated[int | None, Query(ge=0, le=1_000_000)] = None) -> HTMLResponse:
    notice = labels_for(request).t("mine.erased", n=erased) if erased is not None else None
    return _page(request, user, services, session, page=page, notice=notice)


def _page(request: Request, user: Actor, services: Services, session: Session, *, page: int = 1,
          notice: str | None = None, error: str | None = None, status: int = 200) -> HTMLResponse:
    me = as_submitter(user)
    found = list_ideas(session, where=visible_ideas(session, me, services.org), page=page, page_size=PAGE_SIZE)
    events = events_of(session, found.items)
    labels = labels_for(request)
    items = [_item(idea, events.get(idea.id, []), labels) for idea in found.items]
    return render(request, "mine.html", status=status, items=items, found=found, notice=notice, error=error,
                  more=found.page * found.page_size < found.total)


@router.post("/erase", dependencies=[Depends(require_csrf)], response_model=None)
def erase_me(request: Request, user: UserDep, services: ServicesDep, session: SessionDep,
             confirm: Annotated[bool, Form()] = False) -> HTMLResponse | RedirectResponse:
    """Erase me ("Slett meg"): only with the box ticked, since it cannot be undone."""
    if not confirm:
        return _page(request, user, services, session, error=labels_for(request).t("mine.erase_unconfirmed"),
                     status=422)
    done = privacy.erase(session=session, channel=Channel.WEB, external_id=user.user_id, via=Channel.WEB)
    session.commit()
    return redirect(f"/mine?erased={done.ideas}")


@router.get("/{idea_id}", response_class=HTMLResponse)
def my_idea(request: Request, idea_id: int, user: UserDep, services: ServicesDep, session: SessionDep) -> HTMLResponse:
    try:
        idea = require_visible(session, as_submitter(user), services.org, get_idea(session, idea_id), idea_id)
    except RuleError as error:
        return rule_error_page(request, error)
    return render(request, "idea.html", item=_item(idea, idea.events, labels_for(request)))


def _item(idea: Idea, events: list[Event], labels: Labels) -> dict[str, object]:
    return {"idea": idea, "heading": labels.heading(idea), "answer": answer(events),
            "steps": timeline(events, labels, for_staff=False)}
