"""Colleagues' discussion of a shared idea and following it: comments, reports, hiding (administrators), follow
and unfollow, and how the caller hears of the ideas they follow (under /api/v1/me). The rules are core/actors.py's."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from api.deps import ActorDep, UnitOfWorkDep, UnitOfWorkRoute
from api.problems import problem_responses
from core import comments, following
from core.comments import CommentView
from storage.models import Digest, Voice

router = APIRouter(prefix="/api/v1", tags=["discussion"], responses=problem_responses(400, 401, 403, 422),
                   route_class=UnitOfWorkRoute)
ONE_IDEA = problem_responses(404)


class CommentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=20_000, description="At most the org config's comments.max_length characters "
                                                     "once trimmed (2000 unless set).")


class CommentOut(BaseModel):
    id: int
    idea_id: int
    voice: Voice = Field(description="colleague: signed with their name; submitter: the idea's sender, never "
                                     "named (\"innsender\"); handler: the official answer of its commissioner or an "
                                     "administrator.")
    author: str | None = Field(description="The name it is signed with; null for the submitter, or a colleague "
                                           "who has since erased their data.")
    text: str | None = Field(description="null when the comment is hidden (administrators and its writer still "
                                         "see it).")
    hidden: bool
    created_at: datetime | date = Field(description="The day only, for the submitter's comments.")
    mine: bool
    reported: bool = Field(description="Whether you reported it.")


class HideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hidden: bool = Field(True, description="false shows a hidden comment again.")


class ReportOut(BaseModel):
    comment_id: int
    hidden: bool = Field(description="Whether the comment is now hidden (enough people reported it).")


class FollowOut(BaseModel):
    idea_id: int
    following: bool


class NotificationsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    digest: Digest = Field(description="immediate: each change as it happens; daily: every morning at 07:00; "
                                       "weekly: Monday mornings.")


class FollowedOut(BaseModel):
    id: int
    heading: str
    status: str
    on_board: bool = Field(description="false: your own idea (or one you handle) that colleagues cannot see.")


class NotificationsOut(BaseModel):
    digest: Digest
    following: list[FollowedOut] = Field(description="The ideas you follow and can see, newest first.")


@router.get("/ideas/{idea_id}/comments", response_model=list[CommentOut], responses=ONE_IDEA,
            summary="An idea's discussion")
def list_comments(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> list[dict[str, Any]]:
    """Oldest first. Only ideas on the board have one: with the org's sharing off, or an idea not shared, 404."""
    return [asdict(c) for c in comments.comments(uow=uow, actor=actor, idea_id=idea_id)]


@router.post("/ideas/{idea_id}/comments", response_model=CommentOut, status_code=status.HTTP_201_CREATED,
             responses=problem_responses(404, 429), summary="Comment on a shared idea")
def write(idea_id: int, body: CommentIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """Signed by who you are to the idea (see `voice`). The text checks and the rate limit of ideas apply; a
    handler's comment is the official answer, and the idea's followers are told of it."""
    done = comments.comment(uow=uow, actor=actor, idea_id=idea_id, text=body.text)
    uow.session.commit()
    return _out(done)


@router.post("/comments/{comment_id}/report", response_model=ReportOut, responses=ONE_IDEA,
             summary="Report a comment to the administrators")
def report(comment_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """Once per person (again changes nothing); not your own (403). Enough reports hide it."""
    done = comments.report(uow=uow, actor=actor, comment_id=comment_id)
    uow.session.commit()
    return {"comment_id": done.comment_id, "hidden": done.hidden}


@router.post("/comments/{comment_id}/hide", response_model=CommentOut, responses=ONE_IDEA,
             summary="Hide a comment, or show it again (administrators)")
def hide(comment_id: int, body: HideIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    done = comments.hide(uow=uow, actor=actor, comment_id=comment_id, hidden=body.hidden)
    uow.session.commit()
    return _out(done)


@router.get("/ideas/{idea_id}/follow", response_model=FollowOut, responses=ONE_IDEA,
            summary="Whether you follow an idea")
def is_following(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    return {"idea_id": idea_id, "following": following.is_following(uow=uow, actor=actor, idea_id=idea_id)}


@router.put("/ideas/{idea_id}/follow", response_model=FollowOut, responses=ONE_IDEA, summary="Follow an idea")
def follow(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """Any idea you can see. Its sender and supporters follow it without asking."""
    done = following.follow(uow=uow, actor=actor, idea_id=idea_id)
    uow.session.commit()
    return asdict(done)


@router.delete("/ideas/{idea_id}/follow", response_model=FollowOut, responses=ONE_IDEA,
               summary="Stop following an idea")
def unfollow(idea_id: int, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    done = following.unfollow(uow=uow, actor=actor, idea_id=idea_id)
    uow.session.commit()
    return asdict(done)


@router.get("/me/notifications", response_model=NotificationsOut, tags=["me"],
            summary="How you hear of the ideas you follow")
def notifications(uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    return {"digest": following.digest_of(uow=uow, actor=actor),
            "following": [asdict(i) for i in following.followed(uow=uow, actor=actor)]}


@router.put("/me/notifications", response_model=NotificationsOut, tags=["me"],
            summary="Choose at once, daily or weekly")
def choose(body: NotificationsIn, uow: UnitOfWorkDep, actor: ActorDep) -> dict[str, Any]:
    """Followers are told in their Slack or Teams chat; someone known only on the web sees it on the board."""
    following.choose_digest(uow=uow, actor=actor, digest=body.digest)
    uow.session.commit()
    return notifications(uow, actor)


def _out(done: CommentView) -> dict[str, Any]:
    return asdict(done)
