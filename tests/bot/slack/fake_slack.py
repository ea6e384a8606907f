"""A local stand-in for Slack's Web API on 127.0.0.1: records every call and answers with Slack's JSON shapes.

slack-sdk sends some methods' arguments as a query string or form and others as JSON, so all three are merged.
It can be told to answer a method with `ok: false`, with 429 and Retry-After, with a 5xx, or slowly.
Response URLs (`/respond/...`) are served too, for slash commands' ephemeral answers.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

TEAM_ID = "T111"
BOT_USER = "UBOT"
BOT_ID = "BBOT"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    result: dict[str, Any] | None = None


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None


@dataclass
class FakeSlack:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    socket_url: str = ""
    anyone: bool = False  # users.info knows every user (a Norwegian speaker), not just those added

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, list[Failure]] = {}
        self._delays: dict[str, float] = {}
        self._ts = itertools.count(1)
        self._views = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

    # -- life ------------------------------------------------------------------------------------------

    def start(self, port: int = 0) -> FakeSlack:
        """Serve on `port` (0: any free one); the same port again brings a stopped fake back (an outage's end)."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                return

        self._server = QuietServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The Web API base URL, as SLACK_API_URL (with the trailing slash Slack's own has)."""
        return f"{self.base}/api/"

    def response_url(self, name: str = "x") -> str:
        return f"{self.base}/respond/{name}"

    # -- steering --------------------------------------------------------------------------------------

    def user(self, user_id: str, *, locale: str = "nb-NO", name: str | None = None, email: str | None = None,
             **more: Any) -> None:
        """`email`: the profile's (default <id>@loten.kommune.no); `more`: the user object's other fields as Slack
        names them (is_email_confirmed, true unless said; is_restricted, team_id, ...)."""
        self.users[user_id] = {"locale": locale, "name": name or f"Person {user_id}",
                               "email": email or f"{user_id.lower()}@loten.kommune.no", "more": more}

    def fail(self, method: str, *, status: int = 200, error: str | None = None, retry_after: int | None = None,
             times: int = 1) -> None:
        with self._lock:
            self._failures.setdefault(method, []).extend([Failure(status, error, retry_after)] * times)

    def delay(self, method: str, seconds: float) -> None:
        self._delays[method] = seconds

    def recover(self) -> None:
        """The end of an outage: failures still queued are dropped and every method answers at once again."""
        with self._lock:
            self._failures.clear()
        self._delays.clear()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    # -- reading -------------------------------------------------------------------------------------------

    def to(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [c.args for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, *, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Polls until `method` was called `count` times (Bolt runs listeners after answering Slack)."""
        deadline = time.monotonic() + timeout
        while len(found := self.to(method)) < count:
            if time.monotonic() > deadline:
                seen = [c.method for c in self.calls]
                raise AssertionError(f"{method} called {len(found)} times, expected {count}; calls: {seen}")
            await asyncio.sleep(0.01)
        return found

    # -- answering -----------------------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        if parts.path == "/_calls":  # for a benchmark running this fake in another process
            with self._lock:
                found = [{"method": c.method, "args": c.args} for c in self.calls]
            _send(request, 200, json.dumps(found).encode(), "application/json")
            return
        raw = request.rfile.read(int(request.headers.get("Content-Length") or 0)).decode()
        args: dict[str, Any] = dict(parse_qsl(parts.query))
        if "json" in (request.headers.get("Content-Type") or ""):
            args.update(json.loads(raw or "{}"))
        elif raw:
            args.update({k: _maybe_json(v) for k, v in parse_qsl(raw)})
        method = "respond" if parts.path.startswith("/respond/") else parts.path.removeprefix("/api/")
        call = Call(method, args, dict(request.headers))
        with self._lock:
            self.calls.append(call)
            failure = self._failures.get(method, []).pop(0) if self._failures.get(method) else None
        if delay := self._delays.get(method):
            time.sleep(delay)
        if failure is not None:
            self._fail(request, failure)
        elif method == "respond":
            _send(request, 200, b"ok", "text/plain")
        else:
            call.result = self._answer(method, args)
            _send(request, 200, json.dumps(call.result).encode(), "application/json")

    def _fail(self, request: BaseHTTPRequestHandler, failure: Failure) -> None:
        if failure.status >= 500:
            _send(request, failure.status, b"<html>upstream error</html>", "text/html")
            return
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
        body = {"ok": False, "error": failure.error or ("ratelimited" if failure.status == 429 else "fatal_error")}
        _send(request, failure.status, json.dumps(body).encode(), "application/json", headers)

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://loten.slack.com/", "team": "Løten kommune", "user": "forslagskassa",
                    "team_id": TEAM_ID, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            ts = self._next_ts()
            return {"ok": True, "channel": args.get("channel"), "ts": ts,
                    "message": {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "text": args.get("text"),
                                "ts": ts, "blocks": args.get("blocks", [])}}
        if method == "chat.update":
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts"), "text": args.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "conversations.open":
            user = str(args.get("users", "")).split(",")[0]
            return {"ok": True, "channel": {"id": "D" + user.removeprefix("U")}}
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            view = args.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            return {"ok": True, "view": {"id": f"V{next(self._views):04d}", "team_id": TEAM_ID, **(view or {})}}
        if method == "users.info":
            return self._user(str(args.get("user")))
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        return {"ok": True}

    def _user(self, user_id: str) -> dict[str, Any]:
        known = self.users.get(user_id) or ({"locale": "nb-NO", "name": f"Person {user_id}"} if self.anyone else None)
        if known is None:
            return {"ok": False, "error": "user_not_found"}
        name = known["name"]
        email = known.get("email") or f"{user_id.lower()}@loten.kommune.no"
        return {"ok": True, "user": {"id": user_id, "team_id": TEAM_ID, "name": user_id.lower(), "real_name": name,
                                     "locale": known["locale"], "tz": "Europe/Oslo", "is_bot": False,
                                     "is_restricted": False, "is_ultra_restricted": False, "is_email_confirmed": True,
                                     "profile": {"real_name": name, "display_name": name, "email": email},
                                     **known.get("more", {})}}

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"


class QuietServer(ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops connections in a burst of calls, which clients retry a second
    # later (TCP's SYN retransmit): a delay Slack itself never shows, and it looked like a slow users.info.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up waiting (a test of a slow Slack) is expected, not worth a traceback."""


def _maybe_json(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _send(request: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
          headers: dict[str, str] | None = None) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)
