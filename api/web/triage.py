"""The commissioners' board: their areas' ideas, oldest first, with deadlines and the actions of the lifecycle.
Administrators see every area and, above it, the triage queue of ideas the model did not dare to route.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from api.deps import ServicesDep, SessionDep, UnitOfWorkRoute
from api.schemas import submitter_name
from api.web.pages import STATUS_OF_RULE, StaffUserDep, redirect, render, rule_message
from api.web.session import require_csrf
from api.web.texts import TEXTS
from api.web.views import Deadline, Labels, Step, deadline, events_of, opening, routing, timeline
from core import lifecycle
from core.actors import Actor, Role, areas_of, require_visible, visible_ideas
from core.errors import InvalidInput, NotFound, RuleError
from core.services import Services
from core.textcheck import whole_number
from storage.models import Idea, Status, utcnow
from storage.queries import get_idea, list_ideas

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/triage", include_in_schema=False)
PAGE_SIZE = 25
QUEUE_SIZE = 100
SHOW: dict[str, list[ColumnElement[bool]]] = {
    "open": [Idea.status.in_(lifecycle.OPEN)],
    "accepted": [Idea.status == Status.ACCEPTED],
    "all": [],
}
# Declining and marking as duplicate need more than a button; they have forms of their own.
OWN_FORM = frozenset({Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN})
# The one field each action's form has someone type into (the status buttons share the note).
FIELD_OF_ACTION = {"declined": "reason", "duplicate": "duplicate", "saving": "saving", "route": "area"}


@dataclass(frozen=True)
class Card:
    idea: Idea
    heading: str
    deadline: Deadline
    submitter: str | None
    similar: list[tuple[int, float, str | None]]
    steps: list[Step]
    routing: str | None  # the model's confidence, or who moved the idea here
    opening: str | None  # the start of a long text, shown while the rest is folded away
    moves: list[Status]
    can_decline: bool
    can_duplicate: bool
    can_route: bool


@dataclass(frozen=True)
class View:
    """Which part of the board is shown; carried through the action forms so the reader stays where they were."""

    show: str = "open"
    area: str = ""
    page: int = 1

    @classmethod
    def parse(cls, query: str) -> View:
        values = dict(parse_qsl(query))
        page = values.get("page", "1")
        return cls(show=values.get("show", "open"), area=values.get("area", ""),
                   page=int(page) if page.isdigit() and 0 < int(page) <= 100_000 else 1)

    def query(self, **extra: object) -> str:
        return urlencode({"show": self.show, "area": self.area, "page": self.page, **extra})


@router.get("", response_class=HTMLResponse)
def board(request: Request, user: StaffUserDep, services: ServicesDep, session: SessionDep,
          show: Annotated[str, Query(max_length=20)] = "open", area: Annotated[str, Query(max_length=64)] = "",
          page: Annotated[int, Query(ge=1, le=100_000)] = 1, done: Annotated[str, Query(max_length=20)] = "",
          idea: Annotated[int, Query(ge=0)] = 0, to: Annotated[str, Query(max_length=64)] = "") -> HTMLResponse:
    labels = Labels(services.org, request.state.web_session.locale)
    notice = labels.t(f"done.{done}", id=idea, area=labels.area(to or None)) if idea and f"done.{done}" in TEXTS \
        else None
    return _board(request, user, services, session, View(show, area, page), notice=notice, at=idea)


def _board(request: Request, user: Actor, services: Services, session: Session, view: View, *,
           notice: str | None = None, error: str | None = None, detail: str | None = None,
           status: int = 200, at: int = 0, invalid: str | None = None, typed: str = "") -> HTMLResponse:
    """The board; a notice or error about idea `at` is shown on its card (at the top when the card is not on
    this page), with `invalid` naming the card's field at fault and `typed` what was typed there."""
    org = services.org
    show = view.show if view.show in SHOW else "open"
    area = view.area if view.area in org.area_ids else ""
    where = [*visible_ideas(session, user, org), *SHOW[show]]
    queue: list[Idea] = []
    if user.role is Role.ADMIN:
        queue = list_ideas(session, where=[Idea.focus_area.is_(None), *SHOW["open"]], oldest_first=True,
                           page_size=QUEUE_SIZE).items
        where.append(Idea.focus_area.is_not(None))
    found = list_ideas(session, where=where, focus_area=area or None, page=view.page, page_size=PAGE_SIZE,
                       oldest_first=True)
    labels = Labels(org, request.state.web_session.locale)
    cards = _cards(session, user, services, labels, [*queue, *found.items])
    areas = org.area_ids if user.role is Role.ADMIN else areas_of(user, org)
    at = at if any(card.idea.id == at for card in cards) else 0
    return render(request, "triage.html", status=status, queue=cards[:len(queue)], cards=cards[len(queue):],
                  found=found, view=View(show, area, found.page), areas=areas, shows=list(SHOW), notice=notice,
                  error=error, detail=detail, is_admin=user.role is Role.ADMIN, at=at,
                  invalid=invalid if at else None, typed=typed)


def _cards(session: Session, user: Actor, services: Services, labels: Labels, ideas: list[Idea]) -> list[Card]:
    now = utcnow()
    events = events_of(session, ideas)
    similar = _similar_headings(session, user, services, labels, ideas)
    return [Card(
        idea=idea, heading=labels.heading(idea), deadline=deadline(idea, sla_days=services.org.sla_days, now=now),
        submitter=submitter_name(idea, user),
        similar=[(s["idea_id"], s["score"], similar.get(s["idea_id"])) for s in idea.similar or []],
        steps=timeline(events.get(idea.id, []), labels, for_staff=True),
        routing=routing(idea, events.get(idea.id, []), labels), opening=opening(idea.text),
        moves=[s for s in Status if s in lifecycle.ALLOWED[idea.status] and s not in OWN_FORM],
        can_decline=Status.DECLINED in lifecycle.ALLOWED[idea.status],
        can_duplicate=Status.DUPLICATE in lifecycle.ALLOWED[idea.status],
        can_route=idea.status in lifecycle.OPEN,
    ) for idea in ideas]


def _similar_headings(session: Session, user: Actor, services: Services, labels: Labels,
                      ideas: list[Idea]) -> dict[int, str]:
    """Headings of the similar ideas this person may see; the others are shown by number only."""
    ids = {s["idea_id"] for idea in ideas for s in idea.similar or []}
    if not ids:
        return {}
    where = [Idea.id.in_(ids), *visible_ideas(session, user, services.org)]
    return {i.id: labels.heading(i) for i in list_ideas(session, where=where, page_size=len(ids)).items}


def _after(back: str, done: str, idea_id: int, **extra: str) -> RedirectResponse:
    return redirect(f"/triage?{View.parse(back).query(done=done, idea=idea_id, **extra)}#idea-{idea_id}")


def _act(request: Request, user: Actor, services: Services, session: Session, idea_id: int, back: str,
         action: str, change: Callable[[Idea], None], typed: str = "") -> HTMLResponse | None:
    """Run `change(idea)`; on a refusal roll back and show the board with the reason in the reader's language,
    on the idea's card, at the field typed into (`typed` kept) when the refusal is about what was typed."""
    try:
        idea = require_visible(session, user, services.org, get_idea(session, idea_id, for_update=True), idea_id)
        change(idea)
    except RuleError as error:
        session.rollback()
        about_typing = isinstance(error, InvalidInput) or (action == "duplicate" and isinstance(error, NotFound))
        return _board(request, user, services, session, View.parse(back), error=rule_message(request, error, action),
                      detail=error.message, status=STATUS_OF_RULE.get(error.code, 400), at=idea_id,
                      invalid=FIELD_OF_ACTION.get(action, "note") if about_typing else None, typed=typed)
    session.commit()
    return None


BackForm = Annotated[str, Form(max_length=200)]


@router.post("/{idea_id}/status", dependencies=[Depends(require_csrf)], response_model=None)
def change_status(request: Request, idea_id: int, user: StaffUserDep, services: ServicesDep, session: SessionDep,
                  to: Annotated[str, Form(max_length=20)], note: Annotated[str, Form()] = "",
                  duplicate_of: Annotated[str, Form(max_length=20)] = "",
                  back: BackForm = "") -> HTMLResponse | RedirectResponse:
    def change(idea: Idea) -> None:
        try:
            target = Status(to)
        except ValueError:
            raise InvalidInput(f"Unknown status '{to}'.") from None
        lifecycle.transition(session=session, idea=idea, to=target, actor=user, org=services.org, note=note,
                             duplicate_of=whole_number(duplicate_of, field="duplicate_of"))

    refused = _act(request, user, services, session, idea_id, back, to, change,
                   typed=duplicate_of if to == Status.DUPLICATE.value else note)
    return refused or _after(back, to, idea_id)


@router.post("/{idea_id}/route", dependencies=[Depends(require_csrf)], response_model=None)
def route(request: Request, idea_id: int, user: StaffUserDep, services: ServicesDep, session: SessionDep,
          focus_area: Annotated[str, Form(max_length=64)], note: Annotated[str, Form()] = "",
          back: BackForm = "") -> HTMLResponse | RedirectResponse:
    def change(idea: Idea) -> None:
        lifecycle.reroute(session=session, idea=idea, focus_area=focus_area, actor=user, org=services.org, note=note)

    refused = _act(request, user, services, session, idea_id, back, "route", change)
    return refused or _after(back, "routed", idea_id, to=focus_area)


@router.post("/{idea_id}/saving", dependencies=[Depends(require_csrf)], response_model=None)
def saving(request: Request, idea_id: int, user: StaffUserDep, services: ServicesDep, session: SessionDep,
           amount: Annotated[str, Form(max_length=40)] = "", back: BackForm = "") -> HTMLResponse | RedirectResponse:
    def change(idea: Idea) -> None:
        lifecycle.set_estimated_saving(session=session, idea=idea, amount_nok=whole_number(amount, field="amount"),
                                       actor=user, org=services.org)

    refused = _act(request, user, services, session, idea_id, back, "saving", change, typed=amount)
    return refused or _after(back, "saving", idea_id)
