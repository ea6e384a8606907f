"""The commissioners' board: their areas' ideas, oldest first, with deadlines and the actions of the lifecycle.
Administrators see every area and, above it, the triage queue of ideas the model did not dare to route. An idea
whose submitter asked to move it says so on its card, with the two answers: move it there, or keep it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.web.display import Deadline, Labels, Step, deadline, opening, routing, timeline
from api.web.pages import STATUS_OF_RULE, StaffUserDep, redirect, render, rule_message
from api.web.session import require_csrf
from api.web.texts import TEXTS
from core import handling, lifecycle, reading
from core.actors import Actor, Role, areas_of
from core.errors import InvalidInput, NotFound, RuleError
from core.presentation import IdeaView
from core.textcheck import whole_number
from core.unit_of_work import UnitOfWork
from storage.models import Status, utcnow

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/triage", include_in_schema=False)
PAGE_SIZE = 25
QUEUE_SIZE = 100
SHOW: dict[str, frozenset[Status] | None] = {
    "open": lifecycle.OPEN,
    "accepted": frozenset({Status.ACCEPTED}),
    "all": None,
}
# Declining and marking as duplicate need more than a button; they have forms of their own.
OWN_FORM = frozenset({Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN})
# The one field each action's form has someone type into (the status buttons share the note).
# None: a form of several fields, where the refusal names the one at fault.
FIELD_OF_ACTION: dict[str, str | None] = {"declined": "reason", "duplicate": "duplicate", "saving": "saving",
                                          "route": "area", "keep": "keep", "unit": "unit", "plan": None,
                                          "realised": None}


@dataclass(frozen=True)
class Card:
    idea: IdeaView
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
def board(request: Request, user: StaffUserDep, uow: UnitOfWorkDep,
          show: Annotated[str, Query(max_length=20)] = "open", area: Annotated[str, Query(max_length=64)] = "",
          page: Annotated[int, Query(ge=1, le=100_000)] = 1, done: Annotated[str, Query(max_length=20)] = "",
          idea: Annotated[int, Query(ge=0)] = 0, to: Annotated[str, Query(max_length=64)] = "") -> HTMLResponse:
    labels = Labels(uow.org, request.state.web_session.locale)
    notice = labels.t(f"done.{done}", id=idea, area=labels.area(to or None)) if idea and f"done.{done}" in TEXTS \
        else None
    return _board(request, user, uow, View(show, area, page), notice=notice, at=idea)


def _board(request: Request, user: Actor, uow: UnitOfWork, view: View, *, notice: str | None = None,
           error: str | None = None, detail: str | None = None, status: int = 200, at: int = 0,
           invalid: str | None = None, typed: str | dict[str, object] = "") -> HTMLResponse:
    """The board; a notice or error about idea `at` is shown on its card (at the top when the card is not on
    this page), with `invalid` naming the card's field at fault and `typed` what was typed there (each field's,
    for a form of several)."""
    org = uow.org
    show = view.show if view.show in SHOW else "open"
    area = view.area if view.area in org.area_ids else ""
    queue: list[IdeaView] = []
    if user.role is Role.ADMIN:
        queue = reading.find(uow=uow, actor=user, focus_area=reading.TRIAGE, statuses=SHOW["open"],
                             oldest_first=True, page_size=QUEUE_SIZE, with_history=True).items
    found = reading.find(uow=uow, actor=user, statuses=SHOW[show], focus_area=area or None, page=view.page,
                         page_size=PAGE_SIZE, oldest_first=True, routed_only=user.role is Role.ADMIN,
                         with_history=True)
    labels = Labels(org, request.state.web_session.locale)
    cards = _cards(uow, user, labels, [*queue, *found.items])
    areas = org.area_ids if user.role is Role.ADMIN else areas_of(user, org)
    at = at if any(card.idea.id == at for card in cards) else 0
    return render(request, "triage.html", status=status, queue=cards[:len(queue)], cards=cards[len(queue):],
                  found=found, view=View(show, area, found.page), areas=areas, shows=list(SHOW), notice=notice,
                  error=error, detail=detail, is_admin=user.role is Role.ADMIN, at=at,
                  invalid=invalid if at else None, typed=typed)


def _cards(uow: UnitOfWork, user: Actor, labels: Labels, ideas: list[IdeaView]) -> list[Card]:
    now = utcnow()
    similar = _similar_headings(uow, user, labels, ideas)
    return [Card(
        idea=idea, heading=labels.heading(idea), deadline=deadline(idea, sla_days=uow.org.sla_days, now=now),
        submitter=idea.submitter_name,
        similar=[(s.idea_id, s.score, similar.get(s.idea_id)) for s in idea.similar],
        steps=timeline(idea.history, labels, for_staff=True),
        routing=routing(idea, idea.history, labels), opening=opening(idea.text),
        moves=[s for s in Status if s in lifecycle.ALLOWED[idea.status] and s not in OWN_FORM],
        can_decline=Status.DECLINED in lifecycle.ALLOWED[idea.status],
        can_duplicate=Status.DUPLICATE in lifecycle.ALLOWED[idea.status],
        can_route=idea.status in lifecycle.OPEN,
    ) for idea in ideas]


def _similar_headings(uow: UnitOfWork, user: Actor, labels: Labels, ideas: list[IdeaView]) -> dict[int, str]:
    """Headings of the similar ideas this person may see; the others are shown by number only."""
    ids = {s.idea_id for idea in ideas for s in idea.similar}
    if not ids:
        return {}
    return {i.id: labels.heading(i) for i in reading.find(uow=uow, actor=user, ids=ids, page_size=len(ids)).items}


def _after(back: str, done: str, idea_id: int, **extra: str) -> RedirectResponse:
    return redirect(f"/triage?{View.parse(back).query(done=done, idea=idea_id, **extra)}#idea-{idea_id}")


def _act(request: Request, user: Actor, uow: UnitOfWork, idea_id: int, back: str, action: str,
         change: Callable[[], object], typed: str | dict[str, object] = "") -> HTMLResponse | None:
    """Run the use case; on a refusal roll back and show the board with the reason in the reader's language,
    on the idea's card, at the field typed into (`typed` kept) when the refusal is about what was typed."""
    try:
        change()
    except RuleError as error:
        uow.session.rollback()
        if isinstance(error, NotFound) and not reading.handles(uow=uow, actor=user, idea_id=idea_id):
            action = ""  # the idea itself is gone from this person's areas: not a wrong number in the form
        about_typing = isinstance(error, InvalidInput) or (action == "duplicate" and isinstance(error, NotFound))
        return _board(request, user, uow, View.parse(back), error=rule_message(request, error, action or None),
                      detail=error.message, status=STATUS_OF_RULE.get(error.code, 400), at=idea_id,
                      invalid=(FIELD_OF_ACTION.get(action, "note") or error.field) if about_typing else None,
                      typed=typed)
    uow.session.commit()
    return None


BackForm = Annotated[str, Form(max_length=200)]


@router.post("/{idea_id}/status", dependencies=[Depends(require_csrf)], response_model=None)
def change_status(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep,
                  to: Annotated[str, Form(max_length=20)], note: Annotated[str, Form()] = "",
                  duplicate_of: Annotated[str, Form(max_length=20)] = "",
                  back: BackForm = "") -> HTMLResponse | RedirectResponse:
    def change() -> object:
        try:
            target = Status(to)
        except ValueError:
            raise InvalidInput(f"Unknown status '{to}'.") from None
        return handling.change_status(uow=uow, actor=user, idea_id=idea_id, to=target, note=note,
                                      duplicate_of=whole_number(duplicate_of, field="duplicate_of"))

    refused = _act(request, user, uow, idea_id, back, to, change,
                   typed=duplicate_of if to == Status.DUPLICATE.value else note)
    return refused or _after(back, to, idea_id)


@router.post("/{idea_id}/route", dependencies=[Depends(require_csrf)], response_model=None)
def route(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep,
          focus_area: Annotated[str, Form(max_length=64)], note: Annotated[str, Form()] = "",
          back: BackForm = "") -> HTMLResponse | RedirectResponse:
    refused = _act(request, user, uow, idea_id, back, "route", lambda: handling.reroute(
        uow=uow, actor=user, idea_id=idea_id, focus_area=focus_area, note=note))
    return refused or _after(back, "routed", idea_id, to=focus_area)


@router.post("/{idea_id}/keep", dependencies=[Depends(require_csrf)], response_model=None)
def keep(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep, note: Annotated[str, Form()] = "",
         back: BackForm = "") -> HTMLResponse | RedirectResponse:
    """Answer the submitter's request to move the idea by keeping it where it is (moving it as asked is /route)."""
    refused = _act(request, user, uow, idea_id, back, "keep", lambda: handling.keep_area(
        uow=uow, actor=user, idea_id=idea_id, note=note), typed=note)
    return refused or _after(back, "kept", idea_id)


@router.post("/{idea_id}/saving", dependencies=[Depends(require_csrf)], response_model=None)
def saving(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep,
           amount: Annotated[str, Form(max_length=40)] = "", back: BackForm = "") -> HTMLResponse | RedirectResponse:
    refused = _act(request, user, uow, idea_id, back, "saving", lambda: handling.estimate_saving(
        uow=uow, actor=user, idea_id=idea_id, amount_nok=whole_number(amount, field="amount")), typed=amount)
    return refused or _after(back, "saving", idea_id)


@router.post("/{idea_id}/unit", dependencies=[Depends(require_csrf)], response_model=None)
def unit(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep,
         unit: Annotated[str, Form(max_length=64)] = "", back: BackForm = "") -> HTMLResponse | RedirectResponse:
    """The unit whose savings challenge the idea counts towards; the empty choice takes it off."""
    refused = _act(request, user, uow, idea_id, back, "unit", lambda: handling.set_unit(
        uow=uow, actor=user, idea_id=idea_id, unit=unit or None), typed=unit)
    return refused or _after(back, "unit", idea_id)


@router.post("/{idea_id}/share", dependencies=[Depends(require_csrf)], response_model=None)
def share(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep,
          shared: Annotated[bool, Form()] = False, back: BackForm = "") -> HTMLResponse | RedirectResponse:
    """Show the idea to colleagues on /ideer, or take it off (the org's sharing is opt_in)."""
    refused = _act(request, user, uow, idea_id, back, "share", lambda: handling.share(
        uow=uow, actor=user, idea_id=idea_id, shared=shared))
    return refused or _after(back, "shared" if shared else "unshared", idea_id)
