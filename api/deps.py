"""FastAPI dependencies: the services, one database session per request, the current user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.auth import InvalidToken, read_token
from core.actors import Actor, Role
from core.services import Services

bearer = HTTPBearer(auto_error=False, description="A token from `forslagskassa token`.")


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_session(services: Annotated[Services, Depends(get_services)]) -> Iterator[Session]:
    """The request's unit of work. Handlers commit explicitly before answering; anything else rolls back."""
    session = services.session_factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def get_actor(
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    if credentials is None:
        web_actor = getattr(request.state, "actor", None)
        if isinstance(web_actor, Actor):
            return web_actor
        raise HTTPException(401, "Log in: send 'Authorization: Bearer <token>'.",
                            headers={"WWW-Authenticate": "Bearer"})
    try:
        return read_token(credentials.credentials, secret=services.settings.resolved_secret_key(),
                          org=services.org)
    except InvalidToken as error:
        raise HTTPException(401, str(error), headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from None


def require_admin(actor: Annotated[Actor, Depends(get_actor)]) -> Actor:
    if actor.role is not Role.ADMIN:
        raise HTTPException(403, "Only administrators may do this.")
    return actor


def require_staff(actor: Annotated[Actor, Depends(get_actor)]) -> Actor:
    if actor.role is Role.EMPLOYEE:
        raise HTTPException(403, "Only commissioners and administrators may do this.")
    return actor


ServicesDep = Annotated[Services, Depends(get_services)]
SessionDep = Annotated[Session, Depends(get_session)]
ActorDep = Annotated[Actor, Depends(get_actor)]
AdminDep = Annotated[Actor, Depends(require_admin)]
StaffDep = Annotated[Actor, Depends(require_staff)]
