"""The board's forms for an idea's saving as a budget needs it: the plan (one-off cost, effect year, amounts of
its own for single budget years, a gain beyond money) and, once implemented, what it saved. Refusals are shown on
the idea's card like the board's other forms (api/web/triage.py), with every field as typed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.web.pages import StaffUserDep
from api.web.session import require_csrf
from api.web.triage import BackForm, _act, _after
from core import handling
from core.errors import InvalidInput
from core.saving_plan import SavingPlan
from core.textcheck import whole_number

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/triage", include_in_schema=False)


@router.post("/{idea_id}/saving-plan", dependencies=[Depends(require_csrf)], response_model=None)
def plan(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep,
         one_off_cost_nok: Annotated[str, Form(max_length=40)] = "",
         effect_year: Annotated[str, Form(max_length=40)] = "",
         years: Annotated[list[str] | None, Form(max_length=40)] = None,
         amounts: Annotated[list[str] | None, Form(max_length=40)] = None,
         qualitative: Annotated[bool, Form()] = False, qualitative_text: Annotated[str, Form()] = "",
         back: BackForm = "") -> HTMLResponse | RedirectResponse:
    """The saving for the budget: one-off cost, effect year, an amount of its own for a year (empty: the annual
    saving), a gain beyond money (unticked: none)."""
    typed = {"one_off_cost_nok": one_off_cost_nok, "effect_year": effect_year, "qualitative": qualitative,
             "qualitative_text": qualitative_text, "amounts": dict(zip(years or [], amounts or [], strict=False))}
    refused = _act(request, user, uow, idea_id, back, "plan", lambda: handling.plan_saving(
        uow=uow, actor=user, idea_id=idea_id, changes=SavingPlan(
            one_off_cost_nok=whole_number(one_off_cost_nok, field="one_off_cost_nok"),
            effect_year=whole_number(effect_year, field="effect_year"),
            effect_amounts=_explicit(years or [], amounts or []), qualitative=qualitative,
            qualitative_text=qualitative_text)), typed=typed)
    return refused or _after(back, "plan", idea_id)


def _explicit(years: list[str], amounts: list[str]) -> dict[int, int]:
    pairs = ((whole_number(year, field="effect_amounts"), whole_number(amount, field="effect_amounts"))
             for year, amount in zip(years, amounts, strict=False))
    return {year: amount for year, amount in pairs if year is not None and amount is not None}


@router.post("/{idea_id}/realised", dependencies=[Depends(require_csrf)], response_model=None)
def realised(request: Request, idea_id: int, user: StaffUserDep, uow: UnitOfWorkDep,
             amount_nok: Annotated[str, Form(max_length=40)] = "",
             realised_on: Annotated[str, Form(max_length=40)] = "",
             back: BackForm = "") -> HTMLResponse | RedirectResponse:
    """What an implemented idea saved, and the day it was measured (empty: today); an empty amount takes it away."""
    def change() -> object:
        try:
            day = date.fromisoformat(realised_on) if realised_on else None
        except ValueError:
            raise InvalidInput(f"'{realised_on}' is not a day (YYYY-MM-DD).", field="realised_on") from None
        return handling.realise_saving(uow=uow, actor=user, idea_id=idea_id, realised_on=day,
                                       amount_nok=whole_number(amount_nok, field="amount_nok"))

    refused = _act(request, user, uow, idea_id, back, "realised", change,
                   typed={"amount_nok": amount_nok, "realised_on": realised_on})
    return refused or _after(back, "realised", idea_id)
