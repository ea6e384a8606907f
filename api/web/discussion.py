"""An idea's page on the board (/ideer/{id}): the idea, the official answers above its discussion, the comments
with "Rapporter" (and for administrators "Skjul" / "Vis igjen"), a form to comment, and "Følg forslaget". Who may
do what, and how a comment is signed, is decided in core/actors.py; the page only says it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.web.pages import STATUS_OF_RULE, UserDep, labels_for, redirect, render, rule_error_page, rule_message
from api.web.session import require_csrf
from core import comments, following
from core.actors import Actor
from core.discussion import discussion
from core.errors import Forbidden, NotFound, RuleError
from core.unit_of_work import UnitOfWork

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/ideer", include_in_schema=False)
Done = Literal["comment", "report"]
NOTICES = {"comment": "discussion.sent", "report": "discussion.reported_notice"}


@router.get("/{idea_id}", response_class=HTMLResponse)
def idea_page(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep,
              done: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    notice = labels_for(request).t(NOTICES[done]) if done in get_args(Done) else None
    return _page(request, uow, user, idea_id, notice=notice)


@router.post("/{idea_id}/comments", dependencies=[Depends(require_csrf)], response_model=None)
def write(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep,
          text: Annotated[str, Form(max_length=20_000)] = "") -> HTMLResponse | RedirectResponse:
    """A refused comment comes back in the form, as typed, with the reason: nothing is lost."""
    try:
        written = comments.comment(uow=uow, actor=user, idea_id=idea_id, text=text)
    except RuleError as error:
        uow.session.rollback()
        if isinstance(error, NotFound):
            return rule_error_page(request, error)
        message = rule_message(request, error, "comment", detail=error.message)
        return _page(request, uow, user, idea_id, error=message, typed=text,
                     status=STATUS_OF_RULE.get(error.code, 400))
    uow.session.commit()
    return redirect(f"/ideer/{idea_id}?done=comment#comment-{written.id}")


@router.post("/{idea_id}/comments/{comment_id}/report", dependencies=[Depends(require_csrf)], response_model=None)
def report(request: Request, idea_id: int, comment_id: int, user: UserDep,
           uow: UnitOfWorkDep) -> HTMLResponse | RedirectResponse:
    return _change(request, uow, user, idea_id, "report", f"comment-{comment_id}",
                   lambda: comments.report(uow=uow, actor=user, comment_id=comment_id))


@router.post("/{idea_id}/comments/{comment_id}/hide", dependencies=[Depends(require_csrf)], response_model=None)
def hide(request: Request, idea_id: int, comment_id: int, user: UserDep, uow: UnitOfWorkDep,
         hidden: Annotated[bool, Form()] = True) -> HTMLResponse | RedirectResponse:
    return _change(request, uow, user, idea_id, None, f"comment-{comment_id}",
                   lambda: comments.hide(uow=uow, actor=user, comment_id=comment_id, hidden=hidden))


@router.post("/{idea_id}/follow", dependencies=[Depends(require_csrf)], response_model=None)
def follow(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep,
           on: Annotated[bool, Form()] = True) -> HTMLResponse | RedirectResponse:
    use_case = following.follow if on else following.unfollow
    return _change(request, uow, user, idea_id, None, "follow",
                   lambda: use_case(uow=uow, actor=user, idea_id=idea_id))


def _change(request: Request, uow: UnitOfWork, user: Actor, idea_id: int, done: Done | None, anchor: str,
            use_case: Callable[[], object]) -> HTMLResponse | RedirectResponse:
    try:
        use_case()
    except RuleError as error:
        uow.session.rollback()
        if isinstance(error, NotFound | Forbidden):  # a button this person was never shown
            return rule_error_page(request, error, "report")
        return _page(request, uow, user, idea_id, error=rule_message(request, error, "report"),
                     status=STATUS_OF_RULE.get(error.code, 400))
    uow.session.commit()
    return redirect(f"/ideer/{idea_id}{f'?done={done}' if done else ''}#{anchor}")


def _page(request: Request, uow: UnitOfWork, user: Actor, idea_id: int, *, notice: str | None = None,
          error: str | None = None, typed: str = "", status: int = 200) -> HTMLResponse:
    try:
        found = discussion(uow=uow, actor=user, idea_id=idea_id)
    except RuleError as refused:
        return rule_error_page(request, refused)
    labels = labels_for(request)
    return render(request, "discussion.html", status=status, found=found, item=found.item, notice=notice,
                  error=error, typed=typed, max_length=uow.org.comments.max_length,
                  supports=lambda n: labels.t("board.supports_one") if n == 1 else labels.t(
                      "board.supports", n=labels.count(n)))
