"""The caller's own data: download all of it, or erase their identity from their ideas (core/privacy.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from api.deps import ActorDep, UnitOfWorkDep, UnitOfWorkRoute
from api.problems import problem_responses
from api.schemas import EventOut
from core import my_ideas
from storage.models import Channel, Status

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/me", tags=["me"], responses=problem_responses(401))


class ProfileOut(BaseModel):
    display_name: str | None
    email: str | None
    locale: str
    created_at: datetime


class IdentityOut(BaseModel):
    channel: str
    external_id: str
    verified_email: str | None  # the e-mail the channel vouched for, which links this login to the others
    created_at: datetime


class MyIdeaOut(BaseModel):
    id: int
    title: str | None
    text: str
    status: Status
    focus_area: str | None
    anonymous: bool
    channel: str
    estimated_saving_nok: int | None
    created_at: datetime
    updated_at: datetime
    events: list[EventOut]


class MySupportOut(BaseModel):
    idea_id: int
    created_at: datetime


class MyCommentOut(BaseModel):
    id: int
    idea_id: int
    voice: str
    signed_as: str | None
    text: str
    hidden: bool
    created_at: datetime


class MyReportOut(BaseModel):
    comment_id: int
    created_at: datetime


class MyFollowOut(BaseModel):
    idea_id: int
    following: bool = Field(description="false: you chose not to follow an idea you would follow by default.")
    created_at: datetime


class MyDataOut(BaseModel):
    exported_at: datetime
    profile: ProfileOut | None
    # The same person's other submitters: a Teams identity with the web login's Entra object id (core/privacy.py).
    linked_profiles: list[ProfileOut] = []
    identities: list[IdentityOut]
    ideas: list[MyIdeaOut]
    supports: list[MySupportOut] = Field([], description="The colleagues' ideas you support.")
    comments: list[MyCommentOut] = Field([], description="Your comments, also those signed as the submitter.")
    comment_reports: list[MyReportOut] = Field([], description="The comments you reported.")
    follows: list[MyFollowOut] = Field([], description="Your own choices to follow an idea or not.")
    digest: str | None = Field(None, description="How you chose to hear of ideas you follow; null: never chosen.")


class ErasureOut(BaseModel):
    erased_ideas: int
    erased_identities: int
    erased_at: datetime | None


@router.get("/export", response_model=MyDataOut, summary="Download everything kept about you, as JSON")
def export(request: Request, response: Response, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    data = my_ideas.export_me(uow=uow, actor=actor, via=_via(request))
    uow.session.commit()  # the audit entry
    response.headers["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    return data


@router.delete("", response_model=ErasureOut, summary="Erase your name and logins from your ideas (they stay)")
def erase(request: Request, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    done = my_ideas.erase_me(uow=uow, actor=actor, via=_via(request))
    uow.session.commit()
    return {"erased_ideas": done.ideas, "erased_identities": done.identities, "erased_at": done.erased_at}


def _via(request: Request) -> Channel:
    # A bearer token is the API; the browser's session cookie (safe methods only) is the web page.
    return Channel.API if request.headers.get("authorization") else Channel.WEB
