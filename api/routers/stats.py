"""Follow-up statistics for administrators."""

from typing import Any

from fastapi import APIRouter

from api.deps import AdminDep, ServicesDep, SessionDep, UnitOfWorkRoute
from api.problems import problem_responses
from core.stats import follow_up

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1", tags=["stats"], responses=problem_responses(401, 403))


@router.get("/stats", summary="Volume, answer times, SLA, implementation, savings against the target, "
                              "participation and the most supported open ideas")
def stats(services: ServicesDep, session: SessionDep, _admin: AdminDep) -> dict[str, Any]:
    return follow_up(session=session, org=services.org)
