"""An idea's saving as a budget needs it, and what it saved once implemented: the handler's routes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ActorDep, UnitOfWorkDep, UnitOfWorkRoute
from api.problems import problem_responses
from api.schemas import IdeaDetail, RealisedIn, SavingPlanIn, idea_detail
from core import handling
from core.errors import InvalidInput
from core.saving_plan import SavingPlan

router = APIRouter(prefix="/api/v1/ideas", tags=["ideas"], responses=problem_responses(400, 401, 403, 404, 413, 422),
                   route_class=UnitOfWorkRoute)


@router.post("/{idea_id}/saving", response_model=IdeaDetail, summary="Plan the saving for the budget")
def plan(idea_id: int, body: SavingPlanIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """The area's commissioner or an administrator: the annual estimate, one-off cost, effect year, amounts for
    single budget years and a qualitative gain. Fields not sent keep their value; each figure changed is an event
    in the idea's history. 422 names the field at fault."""
    sent = body.model_fields_set
    if not sent:
        raise InvalidInput("Nothing to change: send at least one of " + ", ".join(SavingPlanIn.model_fields) + ".")
    given: dict[str, Any] = {
        "annual_nok": body.estimated_saving_nok, "one_off_cost_nok": body.one_off_cost_nok,
        "effect_year": body.effect_year, "effect_amounts": body.effect_amounts or {},
        "qualitative": body.qualitative, "qualitative_text": body.qualitative_text}
    names = {"annual_nok": "estimated_saving_nok"}
    changes = SavingPlan(**{key: value for key, value in given.items() if names.get(key, key) in sent})
    done = handling.plan_saving(uow=uow, actor=actor, idea_id=idea_id, changes=changes)
    uow.session.commit()
    return idea_detail(done.idea)


@router.post("/{idea_id}/realised-saving", response_model=IdeaDetail, responses=problem_responses(409),
             summary="Record what an implemented idea saved")
def realise(idea_id: int, body: RealisedIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """The area's commissioner or an administrator, once the idea is implemented (409 before)."""
    done = handling.realise_saving(uow=uow, actor=actor, idea_id=idea_id, amount_nok=body.amount_nok,
                                   realised_on=body.realised_on)
    uow.session.commit()
    return idea_detail(done.idea)
