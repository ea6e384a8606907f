"""Liveness with a database check, for load balancers and the Docker HEALTHCHECK."""

from fastapi import APIRouter
from sqlalchemy import text

from api.deps import SessionDep, UnitOfWorkRoute
from api.problems import problem, problem_responses

router = APIRouter(route_class=UnitOfWorkRoute, tags=["health"], responses=problem_responses(503))


@router.get("/healthz", summary="Service and database are up")
def healthz(session: SessionDep) -> object:
    try:
        session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy", whatever the driver raises
        return problem(503, "The database cannot be reached.")
    return {"status": "ok"}
