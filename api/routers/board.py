"""Colleagues and shared ideas: the board, supporting an idea and taking it back, and a handler sharing an idea."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import ActorDep, UnitOfWorkDep, UnitOfWorkRoute
from api.problems import problem_responses
from api.schemas import BoardPage, IdeaDetail, ShareIn, SupportOut, idea_detail, merged_out
from core import handling, support
from core.support import Supported
from storage.board import BoardOrder
from storage.models import Status

router = APIRouter(prefix="/api/v1", tags=["board"], responses=problem_responses(400, 401, 403, 422),
                   route_class=UnitOfWorkRoute)
ONE_IDEA = problem_responses(404, 409)


@router.get("/board", response_model=BoardPage, summary="The ideas shared with colleagues")
def board(
    uow: UnitOfWorkDep,
    actor: ActorDep,
    sort: BoardOrder = BoardOrder.NEWEST,
    focus_area: Annotated[str | None, Query(max_length=64, description="An area id, or 'triage'.")] = None,
    status_: Annotated[Status | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text search in title and text.")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Every signed-in person sees the same board: newest or most supported first. Declined, withdrawn and
    duplicate ideas are not on it. Empty when the org's sharing is off."""
    found = support.board(uow=uow, actor=actor, order=sort, focus_area=focus_area, status=status_, q=q, page=page,
                          page_size=page_size)
    items = [{**{key: value for key, value in asdict(item).items() if key not in ("area_name", "open", "merged")},
              "merged_ideas": merged_out(item.merged)} for item in found.items]
    return {"items": items, "total": found.total, "page": found.page, "page_size": found.page_size,
            "sharing": found.sharing.value}


@router.post("/ideas/{idea_id}/support", response_model=SupportOut, responses=ONE_IDEA,
             summary="Support a shared idea")
def give(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """Once per person, whichever channel they use; supporting again changes nothing. Not your own idea (403), not
    one that is closed (409); an idea not on the board is 404."""
    done = support.support(uow=uow, actor=actor, idea_id=idea_id)
    uow.session.commit()
    return _out(done)


@router.delete("/ideas/{idea_id}/support", response_model=SupportOut, responses=ONE_IDEA,
               summary="Take back your support")
def take_back(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    done = support.withdraw_support(uow=uow, actor=actor, idea_id=idea_id)
    uow.session.commit()
    return _out(done)


@router.post("/ideas/{idea_id}/share", response_model=IdeaDetail, responses=ONE_IDEA,
             summary="Share an idea with colleagues, or stop sharing it")
def share(idea_id: int, body: ShareIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """For the area's commissioner or an administrator, when the org's sharing is opt_in (else 409)."""
    done = handling.share(uow=uow, actor=actor, idea_id=idea_id, shared=body.shared)
    uow.session.commit()
    return idea_detail(done.idea)


def _out(done: Supported) -> dict[str, Any]:
    return {"idea_id": done.idea_id, "support_count": done.count, "supported": done.supported}
