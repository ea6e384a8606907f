"""A ceiling on request bodies (MAX_REQUEST_BYTES), for the API, the pages and the bots' endpoints alike.

A declared Content-Length above it is refused before anything is read; a body without one (chunked) is counted
as it arrives and refused the moment it passes the ceiling, so nobody can make the server buffer megabytes.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem
from api.web import errors


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes, the most this service accepts.")


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _refuse(scope, receive, send, BodyTooLarge(self.max_bytes))
            return
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._counting(receive), watching_send)
        except BodyTooLarge as error:
            # Raised while a handler read the body; FastAPI's routes turn it into a problem themselves,
            # other apps (the bots' handlers) let it through to here.
            if started:
                raise
            await _refuse(scope, receive, send, error)

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        return counted


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(scope: Scope, receive: Receive, send: Send, error: BodyTooLarge) -> None:
    headers = {"Connection": "close"}
    response = errors.page(Request(scope), 413, headers) or problem(413, error.detail, headers=headers)
    await response(scope, receive, send)
