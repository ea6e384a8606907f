"""The board of ideas shared with colleagues (/ideer): newest or most supported first, by area and status, searched
with the same text search as everywhere; each idea with its status, area, the official answer and its support count,
and a button to support it or take the support back. What a colleague sees of an idea is decided in core/actors.py.
Also the shared ideas like the one being written on the front page (/ideer/lignende), to support instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.web.pages import UserDep, labels_for, redirect, render, rule_error_page, safe_next
from api.web.session import require_csrf
from core import intake, support
from core.actors import OFF_THE_BOARD
from core.errors import RuleError
from core.orgconfig import Sharing
from core.similar import similar_shared
from core.unit_of_work import UnitOfWork
from storage.board import BoardOrder
from storage.models import Status

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/ideer", include_in_schema=False)
PAGE_SIZE = 20
ON_BOARD = [s for s in Status if s not in OFF_THE_BOARD]


@router.get("", response_class=HTMLResponse)
def board_page(request: Request, user: UserDep, uow: UnitOfWorkDep,
               sort: BoardOrder = BoardOrder.NEWEST,
               area: Annotated[str | None, Query(max_length=64)] = None,
               status: Status | None = None,
               q: Annotated[str | None, Query(max_length=200)] = None,
               page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    found = support.board(uow=uow, actor=user, order=sort, focus_area=area or None, status=status, q=q,
                          page=page, page_size=PAGE_SIZE)
    filters = {"sort": sort.value, "area": area or "", "status": status.value if status else "", "q": q or ""}
    here = "/ideer?" + urlencode({**filters, "page": page})
    labels = labels_for(request)
    return render(request, "board.html", found=found, filters=filters, here_on_board=here, orders=list(BoardOrder),
                  statuses=ON_BOARD, off=found.sharing is Sharing.OFF,
                  previous=_page_link(filters, page - 1) if page > 1 else None,
                  next=_page_link(filters, page + 1) if page * PAGE_SIZE < found.total else None,
                  supports=lambda n: labels.t("board.supports_one") if n == 1 else labels.t(
                      "board.supports", n=labels.count(n)))


@router.post("/lignende", dependencies=[Depends(require_csrf)], response_class=HTMLResponse)
def similar(request: Request, user: UserDep, uow: UnitOfWorkDep,
            text: Annotated[str, Form(max_length=intake.MAX_TEXT)] = "") -> HTMLResponse:
    """The shared ideas like what is being typed on the front page's form, as a fragment the form's script shows
    ("Støtt dette i stedet"); empty when there are none. A POST, so the words stay out of addresses and logs."""
    items = similar_shared(uow=uow, actor=user, text=text)
    labels = labels_for(request)
    return render(request, "_similar.html", items=items, supports=lambda n: labels.t("board.supports_one")
                  if n == 1 else labels.t("board.supports", n=labels.count(n)))


@router.post("/{idea_id}/support", dependencies=[Depends(require_csrf)], response_model=None)
def give(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep,
         next_: Annotated[str, Form(alias="next", max_length=2_000)] = "/ideer") -> HTMLResponse | RedirectResponse:
    """"Støtt": once per person, whichever channel they also use."""
    return _change(request, uow, idea_id, next_, lambda: support.support(uow=uow, actor=user, idea_id=idea_id))


@router.post("/{idea_id}/take-back", dependencies=[Depends(require_csrf)], response_model=None)
def take_back(request: Request, idea_id: int, user: UserDep, uow: UnitOfWorkDep,
              next_: Annotated[str, Form(alias="next", max_length=2_000)] = "/ideer",
              ) -> HTMLResponse | RedirectResponse:
    return _change(request, uow, idea_id, next_,
                   lambda: support.withdraw_support(uow=uow, actor=user, idea_id=idea_id))


def _change(request: Request, uow: UnitOfWork, idea_id: int, next_: str,
            use_case: Callable[[], object]) -> HTMLResponse | RedirectResponse:
    try:
        use_case()
    except RuleError as error:
        uow.session.rollback()
        return rule_error_page(request, error, "support")
    uow.session.commit()
    # Back to the same page of the board, at the idea just changed.
    return redirect(f"{safe_next(next_, '/ideer')}#idea-{idea_id}")


def _page_link(filters: dict[str, str], page: int) -> str:
    return "/ideer?" + urlencode({**filters, "page": page})
