"""The audit trail of personal data (exports, erasures), for administrators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import AdminDep, SessionDep, UnitOfWorkRoute
from api.problems import problem_responses
from core.privacy import audit_trail

router = APIRouter(prefix="/api/v1", tags=["audit"], responses=problem_responses(401, 403, 422),
                   route_class=UnitOfWorkRoute)


class AuditOut(BaseModel):
    id: int
    action: str
    actor: str
    subject: str | None
    via: str
    detail: dict[str, Any] | None
    created_at: datetime


class AuditPage(BaseModel):
    items: list[AuditOut]
    total: int
    page: int
    page_size: int


@router.get("/audit", response_model=AuditPage, summary="Who exported or erased personal data, newest first")
def audit(session: SessionDep, _admin: AdminDep, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
          page_size: Annotated[int, Query(ge=1, le=100)] = 50) -> dict[str, Any]:
    entries, total = audit_trail(session=session, limit=page_size, offset=(page - 1) * page_size)
    items = [{"id": e.id, "action": e.action, "actor": e.actor, "subject": e.subject, "via": e.via.value,
              "detail": e.detail, "created_at": e.created_at} for e in entries]
    return {"items": items, "total": total, "page": page, "page_size": page_size}
