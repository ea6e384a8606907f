"""The area package page (/pakke): the commissioner puts the area's accepted ideas in order into the phase's
package, writes an assessment of each, submits it to the chief executive and downloads it as Word, PDF or .xlsx; an
administrator sees every area's, sends a package back and records the council's adoption. The rules are
core/packages.py's, who may do what core/actors.py's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.documents import Format
from api.web.pages import StaffUserDep, redirect, render, rule_error_page
from api.web.session import require_csrf
from core import packages
from core.actors import package_areas
from core.errors import InvalidInput, RuleError
from core.package_views import PackageView
from core.unit_of_work import UnitOfWork

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/pakke", include_in_schema=False)
ACTION = "package"  # the rule errors' texts: error.package.<code>
Id = Annotated[str, Form(max_length=20)]


@router.get("", response_class=HTMLResponse)
def package_page(request: Request, user: StaffUserDep, uow: UnitOfWorkDep,
                 area: Annotated[str, Query(max_length=64)] = "", phase: Annotated[str, Query(max_length=64)] = "",
                 done: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    areas = package_areas(user, uow.org)
    if not uow.org.phases or not areas:
        return render(request, "package.html", view=None, areas=areas, missing="no_phases" if areas else "no_areas")
    try:
        view = packages.show(uow=uow, actor=user, focus_area=area or areas[0], phase=phase or None)
    except RuleError as error:
        return rule_error_page(request, error, ACTION)
    return render(request, "package.html", view=view, areas=areas, missing=None, moves=_moves(view),
                  formats=list(Format), notice="done.package" if done == ACTION else None)


def _moves(view: PackageView) -> dict[int, tuple[str | None, str | None]]:
    """For each idea, the whole order after moving it up and after moving it down (None at either end)."""
    ids = [line.idea.id for line in view.lines]

    def swapped(i: int, j: int) -> str | None:
        if not 0 <= j < len(ids):
            return None
        order = ids.copy()
        order[i], order[j] = order[j], order[i]
        return ",".join(map(str, order))

    return {idea_id: (swapped(i, i - 1), swapped(i, i + 1)) for i, idea_id in enumerate(ids)}


def _change(request: Request, uow: UnitOfWork, area: str, phase: str,
            use_case: Callable[[], object]) -> HTMLResponse | RedirectResponse:
    try:
        use_case()
    except RuleError as error:
        uow.session.rollback()
        return rule_error_page(request, error, ACTION)
    uow.session.commit()
    return redirect("/pakke?" + urlencode({"area": area, "phase": phase, "done": ACTION}))


def _number(value: str, field: str) -> int:
    if not value.strip().isdigit():
        raise InvalidInput(f"'{field}' must be an idea number.", field=field)
    return int(value)


CSRF = [Depends(require_csrf)]


@router.post("/{area}/{phase}/add", dependencies=CSRF, response_model=None)
def add(request: Request, area: str, phase: str, user: StaffUserDep, uow: UnitOfWorkDep,
        idea_id: Id) -> HTMLResponse | RedirectResponse:
    return _change(request, uow, area, phase, lambda: packages.add(
        uow=uow, actor=user, focus_area=area, phase=phase, idea_id=_number(idea_id, "idea_id")))


@router.post("/{area}/{phase}/remove", dependencies=CSRF, response_model=None)
def remove(request: Request, area: str, phase: str, user: StaffUserDep, uow: UnitOfWorkDep,
           idea_id: Id) -> HTMLResponse | RedirectResponse:
    return _change(request, uow, area, phase, lambda: packages.remove(
        uow=uow, actor=user, focus_area=area, phase=phase, idea_id=_number(idea_id, "idea_id")))


@router.post("/{area}/{phase}/order", dependencies=CSRF, response_model=None)
def order(request: Request, area: str, phase: str, user: StaffUserDep, uow: UnitOfWorkDep,
          order: Annotated[str, Form(max_length=20_000)] = "") -> HTMLResponse | RedirectResponse:
    return _change(request, uow, area, phase, lambda: packages.reorder(
        uow=uow, actor=user, focus_area=area, phase=phase,
        order=[_number(part, "order") for part in order.split(",") if part.strip()]))


@router.post("/{area}/{phase}/assess", dependencies=CSRF, response_model=None)
def assess(request: Request, area: str, phase: str, user: StaffUserDep, uow: UnitOfWorkDep, idea_id: Id,
           assessment: Annotated[str, Form(max_length=8_000)] = "") -> HTMLResponse | RedirectResponse:
    return _change(request, uow, area, phase, lambda: packages.assess(
        uow=uow, actor=user, focus_area=area, phase=phase, idea_id=_number(idea_id, "idea_id"),
        assessment=assessment))


@router.post("/{area}/{phase}/submit", dependencies=CSRF, response_model=None)
def submit(request: Request, area: str, phase: str, user: StaffUserDep,
           uow: UnitOfWorkDep) -> HTMLResponse | RedirectResponse:
    return _change(request, uow, area, phase, lambda: packages.submit(uow=uow, actor=user, focus_area=area,
                                                                      phase=phase))


@router.post("/{area}/{phase}/send-back", dependencies=CSRF, response_model=None)
def send_back(request: Request, area: str, phase: str, user: StaffUserDep, uow: UnitOfWorkDep,
              note: Annotated[str, Form(max_length=8_000)] = "") -> HTMLResponse | RedirectResponse:
    return _change(request, uow, area, phase, lambda: packages.send_back(uow=uow, actor=user, focus_area=area,
                                                                         phase=phase, note=note))


@router.post("/{area}/{phase}/adopt", dependencies=CSRF, response_model=None)
def adopt(request: Request, area: str, phase: str, user: StaffUserDep, uow: UnitOfWorkDep,
          adopted_on: Annotated[str, Form(max_length=20)] = "",
          case_reference: Annotated[str, Form(max_length=200)] = "") -> HTMLResponse | RedirectResponse:
    return _change(request, uow, area, phase, lambda: packages.adopt(
        uow=uow, actor=user, focus_area=area, phase=phase, adopted_on=_day(adopted_on),
        case_reference=case_reference))


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput("'adopted_on' must be a date (YYYY-MM-DD).", field="adopted_on") from None


