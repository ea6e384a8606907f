"""FastAPI dependencies: the services, one database session per request, the current user.

They are `async def` although none waits for anything: FastAPI runs a plain `def` dependency in the thread pool,
and each of these hops (four per request, queued behind every other request's work) cost more than the
dependency itself under load.

A plain `def` handler runs in one of the few request threads (REQUEST_THREADS) and ends its transaction there
(`UnitOfWorkRoute`); its answer is then validated and serialized on the event loop. Left to FastAPI, that
validation takes a second turn in the request threads, queued behind every other request's work: a finished
request still holding SQLite's write lock or a pooled connection waited for a thread while every thread waited
for that lock or connection (a deadlock under load), and the second hop cost CPU and latency on every request.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, HTTPException, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.auth import InvalidToken, read_token
from core.actors import Actor, Role
from core.services import Services
from core.unit_of_work import UnitOfWork

bearer = HTTPBearer(auto_error=False, description="A token from `forslagskassa token`.")


async def get_services(request: Request) -> Services:
    return request.app.state.services


async def get_session(services: Annotated[Services, Depends(get_services)]) -> AsyncIterator[Session]:
    """The request's unit of work. Handlers commit explicitly before answering; anything else rolls back."""
    session = services.session_factory()  # no connection yet: that is taken at the first query, in the handler
    try:
        yield session
    finally:
        if session.in_transaction():  # an async handler's: talks to the database, so not on the event loop
            await to_thread.run_sync(session.close)
        else:
            session.close()


async def get_unit_of_work(services: Annotated[Services, Depends(get_services)],
                           session: Annotated[Session, Depends(get_session)]) -> UnitOfWork:
    """The request's unit of work for the use cases in core/. The handler commits it before answering."""
    return UnitOfWork(session=session, services=services)


class UnitOfWorkRoute(APIRoute):
    """A route whose plain `def` handler runs in a request thread, closes its sessions there (rolling back what it
    did not commit) as it returns, and hands its answer back to the event loop.

    Handlers build their answers as plain data before returning, so nothing needs the session afterwards.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, _closing_sessions(endpoint), **kwargs)


def _closing_sessions(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(endpoint):
        return endpoint

    def closing(*args: Any, **kwargs: Any) -> Any:
        try:
            return endpoint(*args, **kwargs)
        finally:
            for value in kwargs.values():
                if isinstance(value, UnitOfWork):
                    value.session.close()
                elif isinstance(value, Session):
                    value.close()

    @functools.wraps(endpoint)  # FastAPI reads the parameters through the wrapper
    async def handle(*args: Any, **kwargs: Any) -> Any:
        return await to_thread.run_sync(functools.partial(closing, *args, **kwargs))

    return handle


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
UnitOfWorkDep = Annotated[UnitOfWork, Depends(get_unit_of_work)]
ActorDep = Annotated[Actor, Depends(get_actor)]
AdminDep = Annotated[Actor, Depends(require_admin)]
StaffDep = Annotated[Actor, Depends(require_staff)]
