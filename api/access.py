"""One access line per HTTP request (and its count and duration for /metrics), and the request id that ties a
request's log lines together.

The line names the route template (`/api/v1/ideas/{idea_id}`), never the path as sent: no ids, no query
string (search words), no body, nobody's name. A caller's `X-Request-ID` is kept when it is a plain token, so a
proxy's id can be followed through; anything else is replaced by a new id. The id goes back in the response.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import observe_request
from core.logs import REQUEST_ID

log = logging.getLogger("forslagskassa.access")

HEADER = "X-Request-ID"
_SANE_ID = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"


def route_template(scope: Scope, *, root_path: str) -> str:
    """The path pattern of the route that took the request, e.g. `/api/v1/ideas/{idea_id}` or `/static/{path}`.
    Unknown paths, and bodies refused as too large before any route is chosen, are `unmatched`."""
    template = getattr(scope.get("route"), "path_format", None)
    if isinstance(template, str):
        return template
    # A mounted app (the static files) is not a route in the scope; entering it moved root_path past its prefix.
    mounted = scope.get("root_path", "")
    if len(mounted) > len(root_path) and mounted.startswith(root_path):
        return f"{mounted[len(root_path):]}/{{path}}"
    return UNMATCHED


def method_of(scope: Scope) -> str:
    # Any token is a valid method on the wire; an unknown one must not become a new label or log value each time.
    method = scope.get("method", "")
    return method if method in _METHODS else "OTHER"


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id" and _SANE_ID.fullmatch(value):
            return value.decode("ascii")
    return uuid.uuid4().hex


class AccessLog:
    """Outermost middleware: sees every request, including those refused before any route (413, 404)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        root_path = scope.get("root_path", "")
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500  # what the client gets when the app raises before it answers

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            duration_ms = round(seconds * 1000, 1)
            method, route = method_of(scope), route_template(scope, root_path=root_path)
            observe_request(method=method, route=route, status=status, seconds=seconds)
            log.info("%s %s %d %.1f ms", method, route, status, duration_ms,
                     extra={"method": method, "route": route, "status": status, "duration_ms": duration_ms})
            REQUEST_ID.reset(token)
