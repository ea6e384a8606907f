"""My ideas: everything I sent from the web or the API — and, logged in with Entra ID, to the Teams bot, which
knows me by the same object id, and to the Slack bot, which knows me by the same verified e-mail
(storage.identities.people_behind) — each with its history and the answers; on an
idea's page "Feil område?" (ask for it to be moved), "Trekk tilbake" and "Gjør anonym"; and my data: download it,
or erase myself from my ideas (core/privacy.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.web.display import Labels, timeline
from api.web.pages import STATUS_OF_RULE, UserDep, labels_for, redirect, render, rule_error_page, rule_message
from api.web.session import require_csrf
from core import lifecycle, my_ideas, reading
from core.actors import Actor, as_submitter
from core.errors import Forbidden, NotFound, RuleError
from core.presentation import IdeaView
from core.unit_of_work import UnitOfWork
from storage.models import Channel, Status, utcnow

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/mine", include_in_schema=False)
PAGE_SIZE = 20
Done = Literal["withdraw", "anonymous", "move"]  # what was just done to one of my ideas


@router.get("", response_class=HTMLResponse)
def my_ideas_page(request: Request, user: UserDep, uow: UnitOfWorkDep,
                  page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                  erased: Annotated[int | None, Query(ge=0, le=1_000_000)] = None) -> HTMLResponse:
    labels = labels_for(request)
    notice = labels.t("mine.erased", n=labels.count(erased)) if erased is not None else None
    return _page(request, user, uow, page=page, notice=notice)


def _page(request: Request, user: Actor, uow: UnitOfWork, *, page: int = 1, notice: str | None = None,
          error: str | None = None, status: int = 200, invalid: str | None = None) -> HTMLResponse:
    found = my_ideas.list_mine(uow=uow, actor=user, page=page, page_size=PAGE_SIZE)
    labels = labels_for(request)
    items = [_item(idea, labels) for idea in found.items]
    return render(request, "mine.html", status=status, items=items, found=found, notice=notice, error=error,
                  more=found.page * found.page_size < found.total, invalid=invalid)


@router.post("/erase", dependencies=[Depends(require_csrf)], response_model=None)
def erase_me(request: Request, user: UserDep, uow: UnitOfWorkDep,
             confirm: Annotated[bool, Form()] = False) -> HTMLResponse | RedirectResponse:
    """Erase me ("Slett meg"): only with the box ticked, since it cannot be undone."""
    if not confirm:
        return _page(request, user, uow, error=labels_for(request).t("mine.erase_unconfirmed"), status=422,
                     invalid="confirm")
    done = my_ideas.erase_me(uow=uow, actor=as_submitter(user), via=Channel.WEB)
    uow.session.commit()
    return redirect(f"/mine?erased={done.ideas}")


@router.get("/{idea_id}", response_class=HTMLResponse)
def my_idea(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep,
            done: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    try:
        idea = reading.show(uow=uow, actor=as_submitter(user), idea_id=idea_id)
    except RuleError as error:
        return rule_error_page(request, error)
    notice = labels_for(request).t(f"mine.done.{done}") if done in get_args(Done) else None
    return _idea_page(request, uow, idea, notice=notice)


@router.post("/{idea_id}/withdraw", dependencies=[Depends(require_csrf)], response_model=None)
def withdraw(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep) -> HTMLResponse | RedirectResponse:
    """"Trekk tilbake": only while nobody has started on it, within WITHDRAW_MINUTES (core/lifecycle.py)."""
    return _change(request, user, uow, idea_id, "withdraw", my_ideas.withdraw)


@router.post("/{idea_id}/anonymous", dependencies=[Depends(require_csrf)], response_model=None)
def make_anonymous(request: Request, idea_id: int, user: UserDep,
                   uow: UnitOfWorkDep) -> HTMLResponse | RedirectResponse:
    """"Gjør anonym": hides my name from those who handle the idea, for good."""
    return _change(request, user, uow, idea_id, "anonymous", my_ideas.make_anonymous)


@router.post("/{idea_id}/move", dependencies=[Depends(require_csrf)], response_model=None)
def ask_to_move(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep,
                focus_area: Annotated[str, Form(max_length=64)],
                note: Annotated[str, Form()] = "") -> HTMLResponse | RedirectResponse:
    """"Feil område?": asks for the idea to be moved; it stays where it is until whoever handles it decides."""
    return _change(request, user, uow, idea_id, "move", lambda **mine: my_ideas.ask_to_move(
        **mine, focus_area=focus_area, note=note))


def _change(request: Request, user: Actor, uow: UnitOfWork, idea_id: int, action: Done,
            use_case: Callable[..., object]) -> HTMLResponse | RedirectResponse:
    """Apply the use case to my idea and show it again; a refusal is shown on the idea's page in my language."""
    me = as_submitter(user)
    try:
        use_case(uow=uow, actor=me, idea_id=idea_id)
    except RuleError as error:
        uow.session.rollback()
        if isinstance(error, NotFound | Forbidden):
            return rule_error_page(request, error)
        shown = reading.show(uow=uow, actor=me, idea_id=idea_id)
        minutes = uow.settings.withdraw_minutes
        return _idea_page(request, uow, shown, error=rule_message(request, error, action, minutes=minutes),
                          status=STATUS_OF_RULE.get(error.code, 400))
    uow.session.commit()
    return redirect(f"/mine/{idea_id}?done={action}")


def _idea_page(request: Request, uow: UnitOfWork, idea: IdeaView, *, notice: str | None = None,
               error: str | None = None, status: int = 200) -> HTMLResponse:
    labels = labels_for(request)
    until = idea.created_at + uow.services.withdraw_window
    return render(request, "idea.html", status=status, item=_item(idea, labels), notice=notice,
                  error=error, can_withdraw=idea.status is Status.RECEIVED and utcnow() < until,
                  withdraw_until=labels.date(until), can_hide=not idea.anonymous,
                  can_ask_to_move=idea.status in lifecycle.OPEN, decider=_decider(idea, labels))


def _decider(idea: IdeaView, labels: Labels) -> str:
    """Who answers a request to move the idea: the commissioner of its area, else the administrators."""
    return (idea.commissioner and labels.commissioner_of(idea.focus_area)) or labels.t("mine.decider_admins")


def _item(idea: IdeaView, labels: Labels) -> dict[str, object]:
    return {"idea": idea, "heading": labels.heading(idea), "answer": idea.latest_note,
            "steps": timeline(idea.history, labels, for_staff=False)}
