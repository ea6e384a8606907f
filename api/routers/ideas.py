"""Ideas: submit, list, read with history, move through the lifecycle, reroute, estimate the saving."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, status
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.deps import ActorDep, ServicesDep, SessionDep, UnitOfWorkRoute
from api.problems import problem_responses
from api.schemas import (
    IdeaDetail,
    IdeaIn,
    IdeaOut,
    IdeaPage,
    IdeaPatch,
    RouteIn,
    TransitionIn,
    idea_detail,
    idea_out,
)
from core import intake, lifecycle
from core.actors import Actor, require_visible, visible_ideas
from core.errors import InvalidInput
from core.services import Services
from storage.models import Channel, Idea, Status
from storage.queries import get_idea, list_ideas

router = APIRouter(prefix="/api/v1/ideas", tags=["ideas"], responses=problem_responses(400, 401, 403, 413, 422),
                   route_class=UnitOfWorkRoute)
ONE_IDEA = problem_responses(404, 409)

TRIAGE = "triage"
SUBMIT_ATTEMPTS = 3


@router.post("", status_code=status.HTTP_201_CREATED, response_model=IdeaOut, summary="Send an idea",
             responses=problem_responses(429))
def create_idea(
    body: IdeaIn,
    services: ServicesDep,
    session: SessionDep,
    actor: ActorDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> dict[str, Any]:
    submitter = intake.SubmitterRef(channel=Channel.WEB, external_id=actor.user_id, display_name=actor.name)
    source_key = f"api:{actor.role.value}:{actor.user_id}:{idempotency_key}" if idempotency_key else None
    draft = intake.Draft(text=body.text, title=body.title, anonymous=body.anonymous, focus_area=body.focus_area,
                         channel=Channel.API, submitter=submitter, source_key=source_key)
    return idea_out(_submit(session, services, draft), actor)


def _submit(session: Session, services: Services, draft: intake.Draft) -> Idea:
    """Store and commit. A repeated Idempotency-Key, the same key racing in from another request, or a first idea
    of the same person may break a unique key: the rows that did it are there to find now, so ask again. Almost
    every key is new, so the first attempt does not look it up (one query less per idea)."""
    for attempt in range(SUBMIT_ATTEMPTS):
        try:
            idea = intake.submit(session=session, draft=draft, router=services.router, org=services.org,
                                 limit=services.settings.submit_limit, look_up_source_key=attempt > 0)
            session.commit()
            return idea
        except IntegrityError:
            session.rollback()
            if attempt == SUBMIT_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@router.get("", response_model=IdeaPage, summary="List the ideas you may see")
def list_(
    services: ServicesDep,
    session: SessionDep,
    actor: ActorDep,
    status_: Annotated[Status | None, Query(alias="status")] = None,
    focus_area: Annotated[str | None, Query(max_length=64, description="An area id, or 'triage'.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text search in title and text.")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    oldest_first: bool = False,
) -> dict[str, Any]:
    where = visible_ideas(session, actor, services.org)
    if focus_area == TRIAGE:
        where.append(Idea.focus_area.is_(None))
        focus_area = None
    found = list_ideas(session, where=where, status=status_, focus_area=focus_area, q=q, page=page,
                       page_size=page_size, oldest_first=oldest_first)
    return {"items": [idea_out(i, actor) for i in found.items], "total": found.total, "page": found.page,
            "page_size": found.page_size}


@router.get("/{idea_id}", response_model=IdeaDetail, summary="One idea with its history", responses=ONE_IDEA)
def read(idea_id: int, services: ServicesDep, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    return idea_detail(_visible(session, services, actor, idea_id), actor)


@router.post("/{idea_id}/transitions", response_model=IdeaDetail, summary="Move an idea to another status",
             responses=ONE_IDEA)
def move(idea_id: int, body: TransitionIn, services: ServicesDep, session: SessionDep,
         actor: ActorDep) -> dict[str, Any]:
    idea = _visible(session, services, actor, idea_id, for_update=True)
    if body.to is Status.WITHDRAWN:
        lifecycle.withdraw(session=session, idea=idea, actor=actor, window=services.withdraw_window)
    else:
        lifecycle.transition(session=session, idea=idea, to=body.to, actor=actor, org=services.org,
                             note=body.note, duplicate_of=body.duplicate_of)
    return _commit_and_show(session, idea, actor)


@router.post("/{idea_id}/route", response_model=IdeaDetail, summary="Send an idea to another focus area",
             responses=ONE_IDEA)
def route(idea_id: int, body: RouteIn, services: ServicesDep, session: SessionDep,
          actor: ActorDep) -> dict[str, Any]:
    idea = _visible(session, services, actor, idea_id, for_update=True)
    lifecycle.reroute(session=session, idea=idea, focus_area=body.focus_area, actor=actor, org=services.org,
                      note=body.note)
    return _commit_and_show(session, idea, actor)


@router.patch("/{idea_id}", response_model=IdeaDetail, summary="Set the estimated annual saving", responses=ONE_IDEA)
def patch(idea_id: int, body: IdeaPatch, services: ServicesDep, session: SessionDep,
          actor: ActorDep) -> dict[str, Any]:
    if "estimated_saving_nok" not in body.model_fields_set:
        raise InvalidInput("Nothing to change: send 'estimated_saving_nok' (NOK per year, or null).")
    idea = _visible(session, services, actor, idea_id, for_update=True)
    lifecycle.set_estimated_saving(session=session, idea=idea, amount_nok=body.estimated_saving_nok, actor=actor,
                                   org=services.org)
    return _commit_and_show(session, idea, actor)


def _visible(session: Session, services: Services, actor: Actor, idea_id: int, *, for_update: bool = False) -> Idea:
    idea = get_idea(session, idea_id, for_update=for_update)
    return require_visible(session, actor, services.org, idea, idea_id)


def _commit_and_show(session: Session, idea: Idea, actor: Actor) -> dict[str, Any]:
    session.commit()
    session.refresh(idea, ["events"])
    return idea_detail(idea, actor)

