"""My ideas: everything I sent from the web or the API, each with its history and the answers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import ServicesDep, SessionDep
from api.web.pages import UserDep, as_submitter, labels_for, render, rule_error_page
from api.web.views import Labels, answer, events_of, timeline
from core.actors import require_visible, visible_ideas
from core.errors import RuleError
from storage.models import Event, Idea
from storage.queries import get_idea, list_ideas

router = APIRouter(prefix="/mine", include_in_schema=False)
PAGE_SIZE = 20


@router.get("", response_class=HTMLResponse)
def my_ideas(request: Request, user: UserDep, services: ServicesDep, session: SessionDep,
             page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    me = as_submitter(user)
    found = list_ideas(session, where=visible_ideas(session, me, services.org), page=page, page_size=PAGE_SIZE)
    events = events_of(session, found.items)
    labels = labels_for(request)
    items = [_item(idea, events.get(idea.id, []), labels) for idea in found.items]
    return render(request, "mine.html", items=items, found=found, more=found.page * found.page_size < found.total)


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
