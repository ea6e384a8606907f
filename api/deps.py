"""FastAPI dependencies: the services, one database session per request, the current user.

They are `async def` although none waits for anything: FastAPI runs a plain `def` dependency in the thread pool,
and each of these hops (four per request, queued behind every other request's work) cost more than the
dependency itself under load. Only a session left in a transaction is rolled back in a thread.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from anyio import to_thread
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.auth import InvalidToken, read_token
from core.actors import Actor, Role
from core.services import Services

bearer = HTTPBearer(auto_error=False, description="A token from `forslagskassa token`.")


async def get_services(request: Request) -> Services:
    return request.app.state.services


async def get_session(services: Annotated[Services, Depends(get_services)]) -> AsyncIterator[Session]:
    """The request's unit of work. Handlers commit explicitly before answering; anything else rolls back."""
    session = services.session_factory()  # no connection yet: that is taken at the first query, in the handler
    try:
        yield session
    finally:
        if session.in_transaction():  # talks to the database: not on the event loop
            await to_thread.run_sync(_end, session)
        else:
            session.close()


def _end(session: Session) -> None:
    session.rollback()
    session.close()


async def get_actor(
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


async def require_admin(actor: Annotated[Actor, Depends(get_actor)]) -> Actor:
    if actor.role is not Role.ADMIN:
        raise HTTPException(403, "Only administrators may do this.")
    return actor


async def require_staff(actor: Annotated[Actor, Depends(get_actor)]) -> Actor:
    if actor.role is Role.EMPLOYEE:
        raise HTTPException(403, "Only commissioners and administrators may do this.")
    return actor


ServicesDep = Annotated[Services, Depends(get_services)]
SessionDep = Annotated[Session, Depends(get_session)]
ActorDep = Annotated[Actor, Depends(get_actor)]
AdminDep = Annotated[Actor, Depends(require_admin)]
StaffDep = Annotated[Actor, Depends(require_staff)]
