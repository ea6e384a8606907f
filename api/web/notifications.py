"""Notifications (/varsler): when I hear of the ideas I follow — at once, every morning or on Monday mornings — and
the list of them, each linking to its discussion. The same choice is made in Slack and Teams ("varsler daglig")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import UnitOfWorkDep, UnitOfWorkRoute
from api.web.pages import UserDep, labels_for, redirect, render
from api.web.session import require_csrf
from core import following
from storage.models import Digest

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/varsler", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def settings_page(request: Request, user: UserDep, uow: UnitOfWorkDep,
                  saved: Annotated[Digest | None, Query()] = None) -> HTMLResponse:
    labels = labels_for(request)
    notice = labels.t("follow.saved", choice=labels.t(f"digest.{saved.value}")) if saved else None
    return render(request, "notifications.html", notice=notice, digests=list(Digest),
                  chosen=following.digest_of(uow=uow, actor=user), followed=following.followed(uow=uow, actor=user))


@router.post("", dependencies=[Depends(require_csrf)], response_model=None)
def choose(user: UserDep, uow: UnitOfWorkDep, digest: Annotated[Digest, Form()]) -> RedirectResponse:
    following.choose_digest(uow=uow, actor=user, digest=digest)
    uow.session.commit()
    return redirect(f"/varsler?saved={digest.value}")
