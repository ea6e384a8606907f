"""Local stand-ins for the Bot Connector, Microsoft Graph and the Bot Framework signing keys.

Each is a small aiohttp server on 127.0.0.1 (port 0) in its own thread, speaking the real wire format: the code
under test is the production code pointed at these URLs. A thread (not the test's event loop) keeps them
answering while the code under test blocks, and lets the synchronous CLI use them too.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa


class Server:
    """Runs an aiohttp application on 127.0.0.1 in a background thread."""

    def __init__(self, app: web.Application, port: int = 0) -> None:
        self.app = app
        self.port = port
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Server:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake server did not start")
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._runner = web.AppRunner(self.app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        self._loop.run_until_complete(site.start())
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        self._ready.set()
        self._loop.run_forever()


# -- Bot Connector ------------------------------------------------------------------------------------------


@dataclass
class Sent:
    method: str
    path: str
    conversation_id: str
    reply_to: str | None
    authorization: str | None
    body: dict[str, Any]

    @property
    def card(self) -> dict[str, Any]:
        attachment = self.body["attachments"][0]
        assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
        return attachment["content"]


@dataclass
class ConnectorFake:
    """`POST /v3/conversations/{id}/activities[/{replyToId}]`, `PUT .../activities/{id}`, `POST /v3/conversations`.

    `fail_next(status, headers)` makes the next sends fail like the connector does (429 with Retry-After, 5xx, 403);
    with `delay`, the failure comes only after that many seconds (a client with a shorter timeout sees a timeout).
    """

    sent: list[Sent] = field(default_factory=list)
    failures: list[tuple[int, dict[str, str], float]] = field(default_factory=list)
    server: Server | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url + "/"

    def start(self, port: int = 0) -> ConnectorFake:
        """Serve on `port` (0: any free one); the same port again brings a stopped fake back (an outage's end)."""
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._activity)
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._activity)
        app.router.add_put("/v3/conversations/{conversation}/activities/{reply_to}", self._activity)
        app.router.add_post("/v3/conversations", self._create)
        self.server = Server(app, port).start()
        return self

    def fail_next(self, status: int, headers: dict[str, str] | None = None, *, delay: float = 0.0) -> None:
        self.failures.append((status, headers or {}, delay))

    def to(self, conversation_id: str) -> list[Sent]:
        return [s for s in self.sent if s.conversation_id == conversation_id and s.body.get("type") == "message"]

    async def _activity(self, request: web.Request) -> web.Response:
        if self.failures:
            status, headers, delay = self.failures.pop(0)
            await asyncio.sleep(delay)
            return web.json_response({"error": {"code": "ServiceError", "message": "fake failure"}},
                                     status=status, headers=headers)
        body = await request.json()
        self.sent.append(Sent(request.method, request.path, request.match_info["conversation"],
                              request.match_info.get("reply_to"), request.headers.get("Authorization"), body))
        return web.json_response({"id": f"activity-{len(self.sent)}"})

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.sent.append(Sent("POST", request.path, "", None, request.headers.get("Authorization"), body))
        return web.json_response({"id": f"a:created-{uuid.uuid4().hex[:8]}", "activityId": "1"})


# -- Microsoft Graph ------------------------------------------------------------------------------------------


@dataclass
class GraphFake:
    """`/v1.0/users/{id}` (honours $select), `/v1.0/users/{id}/manager`, `/v1.0/users?$filter=mail eq '…'`, and
    installing an app for a user (`POST /v1.0/users/{id}/teamwork/installedApps`; 409 when it is there already)."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    managers: dict[str, str] = field(default_factory=dict)  # user id -> manager's user id
    delay: float = 0.0
    status: int = 200  # e.g. 503: Graph is down
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)  # (path, query, authorization)
    installed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # user id -> bodies of installations
    server: Server | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url + "/v1.0"

    def start(self) -> GraphFake:
        app = web.Application()
        app.router.add_get("/v1.0/users", self._list)
        app.router.add_get("/v1.0/users/{id}", self._user)
        app.router.add_get("/v1.0/users/{id}/manager", self._manager)
        app.router.add_post("/v1.0/users/{id}/teamwork/installedApps", self._install)
        self.server = Server(app).start()
        return self

    def add(self, user_id: str, *, name: str, mail: str, department: str | None = None,
            job_title: str | None = None) -> None:
        self.users[user_id] = {"id": user_id, "displayName": name, "mail": mail, "department": department,
                               "jobTitle": job_title, "userPrincipalName": mail, "officeLocation": "Rådhuset"}

    async def _gate(self, request: web.Request) -> web.Response | None:
        self.requests.append((request.path, request.query_string, request.headers.get("Authorization")))
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status != 200:
            return _graph_error(self.status, "serviceNotAvailable", "The service is unavailable.")
        return None

    async def _user(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        user = self.users.get(request.match_info["id"])
        if user is None:
            return _graph_error(404, "Request_ResourceNotFound", "Resource does not exist.")
        select = request.query.get("$select")
        shown = {k: v for k, v in user.items() if not select or k in select.split(",")}
        return web.json_response({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
                                  **shown})

    async def _install(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        user, body = request.match_info["id"], await request.json()
        if user in self.installed:
            self.installed[user].append(body)
            return _graph_error(409, "Conflict", "App is already installed.")
        self.installed[user] = [body]
        return web.json_response({"@odata.type": "#microsoft.graph.userScopeTeamsAppInstallation",
                                  "id": f"installation-of-{user}"}, status=201)

    async def _manager(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        manager = self.users.get(self.managers.get(request.match_info["id"], ""))
        if manager is None:
            return _graph_error(404, "Request_ResourceNotFound", "Resource 'manager' does not exist.")
        return web.json_response({"@odata.type": "#microsoft.graph.user", **manager})

    async def _list(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        wanted = request.query.get("$filter", "")
        prefix = "mail eq '"
        assert wanted.startswith(prefix) and wanted.endswith("'"), wanted
        mail = wanted[len(prefix):-1].replace("''", "'").lower()
        found = [u for u in self.users.values() if (u["mail"] or "").lower() == mail]
        return web.json_response({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
                                  "value": found})


def _graph_error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message,
                                        "innerError": {"request-id": str(uuid.uuid4())}}}, status=status)


class StaticCredential:
    """Stands in for azure-identity's credential (whose token endpoint must be https, so cannot be faked here)."""

    async def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        from azure.core.credentials import AccessToken

        return AccessToken("fake-graph-token", int(time.time()) + 3600)

    async def close(self) -> None:
        return None


# -- Bot Framework token signing ------------------------------------------------------------------------------


class SigningKeys:
    """An RSA key pair whose public half is served as a JWKS, like login.botframework.com serves Bot Framework's."""

    KID = "forslagskassa-test-key"

    def __init__(self) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.server: Server | None = None
        # A fresh path per test: the SDK caches one key client per JWKS URL for the whole process.
        self.path = f"/{uuid.uuid4().hex}/keys"

    @property
    def jwks_url(self) -> str:
        assert self.server is not None
        return self.server.url + self.path

    def start(self) -> SigningKeys:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        jwk.update({"kid": self.KID, "use": "sig", "alg": "RS256"})

        async def keys(_request: web.Request) -> web.Response:
            return web.json_response({"keys": [jwk]})

        app = web.Application()
        app.router.add_get(self.path, keys)
        self.server = Server(app).start()
        return self

    def token(self, *, audience: str, service_url: str, issuer: str = "https://api.botframework.com",
              lifetime: int = 3600, key: Any = None, **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": issuer, "aud": audience, "serviceurl": service_url, "nbf": now - 10, "exp": now + lifetime,
                   **claims}
        return jwt.encode(payload, key or self.private_key, algorithm="RS256", headers={"kid": self.KID})
