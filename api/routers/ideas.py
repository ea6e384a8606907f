"""Ideas: submit, list, read with history, move through the lifecycle, reroute, the submitter's request to move an
idea and the handler's answer, estimate the saving, name the unit."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response, status

from api.deps import ActorDep, UnitOfWorkDep, UnitOfWorkRoute
from api.problems import problem_responses
from api.schemas import (
    IdeaDetail,
    IdeaIn,
    IdeaOut,
    IdeaPage,
    IdeaPatch,
    KeepIn,
    RouteIn,
    SteeredOut,
    TransitionIn,
    UnitIn,
    idea_detail,
    idea_out,
    steered_out,
)
from core import handling, my_ideas, reading, submission
from core.actors import as_submitter
from core.errors import InvalidInput
from core.intake import Draft, SubmitterRef
from core.locale import locale_of
from core.steering import Steered
from storage.models import Channel, Status

router = APIRouter(prefix="/api/v1/ideas", tags=["ideas"], responses=problem_responses(400, 401, 403, 413, 422),
                   route_class=UnitOfWorkRoute)
ONE_IDEA = problem_responses(404, 409)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=IdeaOut | SteeredOut, summary="Send an idea",
             responses={**problem_responses(429), 200: {"model": SteeredOut, "description": (
                 "Not an idea (a report of wrongdoing, a help request, chatter): nothing was stored; the redirect "
                 "says where it belongs. Send it again with `send_anyway` to store it as an idea.")}})
def create_idea(
    body: IdeaIn,
    uow: UnitOfWorkDep,
    actor: ActorDep,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    accept_language: Annotated[str | None, Header(max_length=200)] = None,
) -> dict[str, Any]:
    submitter = SubmitterRef(channel=Channel.WEB, external_id=actor.user_id, display_name=actor.name)
    source_key = f"api:{actor.role.value}:{actor.user_id}:{idempotency_key}" if idempotency_key else None
    draft = Draft(text=body.text, title=body.title, anonymous=body.anonymous, focus_area=body.focus_area,
                  channel=Channel.API, submitter=submitter, source_key=source_key, client_key=idempotency_key,
                  send_anyway=body.send_anyway, shared=body.shared, unit=body.unit)
    done = submission.submit(uow=uow, draft=draft)
    uow.session.commit()
    if isinstance(done, Steered):
        response.status_code = status.HTTP_200_OK
        return steered_out(done, locale_of((accept_language or "").split(",")[0]))
    return idea_out(done.idea)


@router.get("", response_model=IdeaPage, summary="List the ideas you may see")
def list_(
    uow: UnitOfWorkDep,
    actor: ActorDep,
    status_: Annotated[Status | None, Query(alias="status")] = None,
    focus_area: Annotated[str | None, Query(max_length=64, description="An area id, or 'triage'.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text search in title and text.")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    oldest_first: bool = False,
) -> dict[str, Any]:
    found = reading.find(uow=uow, actor=actor, status=status_, focus_area=focus_area, q=q, page=page,
                         page_size=page_size, oldest_first=oldest_first)
    return {"items": [idea_out(i) for i in found.items], "total": found.total, "page": found.page,
            "page_size": found.page_size}


@router.get("/{idea_id}", response_model=IdeaDetail, summary="One idea with its history", responses=ONE_IDEA)
def read(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    return idea_detail(reading.show(uow=uow, actor=actor, idea_id=idea_id))


@router.post("/{idea_id}/transitions", response_model=IdeaDetail, summary="Move an idea to another status",
             responses=ONE_IDEA)
def move(idea_id: int, body: TransitionIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    if body.to is Status.WITHDRAWN:
        done = my_ideas.withdraw(uow=uow, actor=actor, idea_id=idea_id)
    else:
        done = handling.change_status(uow=uow, actor=actor, idea_id=idea_id, to=body.to, note=body.note,
                                      duplicate_of=body.duplicate_of)
    uow.session.commit()
    return idea_detail(done.idea)


@router.post("/{idea_id}/route", response_model=IdeaDetail, summary="Send an idea to another focus area",
             responses=ONE_IDEA)
def route(idea_id: int, body: RouteIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    done = handling.reroute(uow=uow, actor=actor, idea_id=idea_id, focus_area=body.focus_area, note=body.note)
    uow.session.commit()
    return idea_detail(done.idea)


@router.post("/{idea_id}/move-request", response_model=IdeaDetail, responses=ONE_IDEA,
             summary="Ask to move your idea to another focus area")
def ask_to_move(idea_id: int, body: RouteIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """The submitter's "wrong area?" while the idea is open. It stays where it is until its commissioner (or an
    administrator, for the triage queue) moves it (`/route`) or keeps it (`/move-request/decline`); asking again
    replaces the request."""
    done = my_ideas.ask_to_move(uow=uow, actor=as_submitter(actor), idea_id=idea_id, focus_area=body.focus_area,
                                note=body.note)
    uow.session.commit()
    return idea_detail(done.idea)


@router.post("/{idea_id}/move-request/decline", response_model=IdeaDetail, responses=ONE_IDEA,
             summary="Keep the idea where its submitter asked to move it from")
def keep(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep, body: KeepIn | None = None) -> dict[str, Any]:
    """Answers the submitter's pending request by keeping the idea in its area; the note is shown to them. 409 when
    no request is pending."""
    done = handling.keep_area(uow=uow, actor=actor, idea_id=idea_id, note=body.note if body else None)
    uow.session.commit()
    return idea_detail(done.idea)


@router.patch("/{idea_id}", response_model=IdeaDetail, summary="Set the estimated annual saving", responses=ONE_IDEA)
def patch(idea_id: int, body: IdeaPatch, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    if "estimated_saving_nok" not in body.model_fields_set:
        raise InvalidInput("Nothing to change: send 'estimated_saving_nok' (NOK per year, or null).")
    done = handling.estimate_saving(uow=uow, actor=actor, idea_id=idea_id, amount_nok=body.estimated_saving_nok)
    uow.session.commit()
    return idea_detail(done.idea)


@router.post("/{idea_id}/unit", response_model=IdeaDetail, responses=ONE_IDEA,
             summary="Name the unit whose savings challenge the idea counts towards")
def set_unit(idea_id: int, body: UnitIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """The area's commissioner or an administrator; `unit` is one of the idea's area's units, or null. 422 for an
    unknown unit or one of another area."""
    done = handling.set_unit(uow=uow, actor=actor, idea_id=idea_id, unit=body.unit)
    uow.session.commit()
    return idea_detail(done.idea)
