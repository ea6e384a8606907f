"""What the HTTP benchmarks share: a scratch database, the real server in a process of its own, a small HTTP
client that costs the machine as little as possible, and percentiles.

Everything listens on 127.0.0.1. A PostgreSQL URL names the server to use: each run creates a database of its own
there and drops it afterwards, so a benchmark never touches existing data.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import uuid
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.auth import issue_token  # noqa: E402
from classifier import load_examples, load_intent_examples, save_model, train  # noqa: E402
from core.actors import Role  # noqa: E402
from core.orgconfig import OrgConfig, load_org_config  # noqa: E402
from core.training import service_training  # noqa: E402
from storage.db import normalise_url  # noqa: E402
from tests.processes import SERVE, ServerProcess  # noqa: E402

ORG_CONFIG = ROOT / "config" / "loten.yaml"
SECRET = "bench-secret-key-that-is-long-enough-for-hs256"


def org() -> OrgConfig:
    return load_org_config(ORG_CONFIG)


def kind(url: str | None) -> str:
    return "postgresql" if url and make_url(normalise_url(url)).get_backend_name() == "postgresql" else "sqlite"


@contextlib.contextmanager
def scratch_database(server_url: str | None, directory: Path, name: str) -> Iterator[str]:
    """A new, empty database: a SQLite file in `directory`, or a database of its own on `server_url`'s server."""
    if kind(server_url) == "sqlite":
        yield f"sqlite:///{directory / f'{name}.db'}"
        return
    admin = make_url(normalise_url(server_url or ""))
    database = f"forslagskassa_bench_{name}_{uuid.uuid4().hex[:8]}"
    _admin(admin, f'CREATE DATABASE "{database}"')
    try:
        yield admin.set(database=database).render_as_string(hide_password=False)
    finally:
        _admin(admin, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _admin(url: Any, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


def train_model(path: Path) -> Path:
    """The routing model the server would train on first start (shared service examples through the mapping, the
    org's own, the intent head), with 2-fold instead of 5-fold cross-validation."""
    loaded = org()
    examples, intents = loaded.examples_path(), loaded.intents_path()
    assert examples is not None and intents is not None
    save_model(train(examples=load_examples(examples), labels=loaded.area_ids, services=service_training(loaded),
                     intent_examples=load_intent_examples(intents), cv_folds=2), path)
    return path


def server_env(database_url: str, directory: Path, **extra: str) -> dict[str, str]:
    """`forslagskassa serve`'s settings: this database, Løten, no rate limit (a load test is one busy person)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TEAMS_", "GRAPH_", "OIDC_"))}
    env.update({"DATABASE_URL": database_url, "DATA_DIR": str(directory), "ORG_CONFIG": str(ORG_CONFIG),
                "SECRET_KEY": SECRET, "MODEL_PATH": str(directory / "model.skops"), "LOG_LEVEL": "WARNING",
                "SUBMIT_RATE_LIMIT": "off", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def our_server(database_url: str, directory: Path, *, port: int | None = None, **extra: str) -> ServerProcess:
    """`forslagskassa serve` on `database_url`, with the benchmarks' settings (`server_env`)."""
    return ServerProcess(SERVE, server_env(database_url, directory, **extra), directory / "server.log", port=port)


def bearer(role: Role, user: str, *, name: str | None = None) -> str:
    signed = issue_token(secret=SECRET, role=role, user_id=user, org=org(), ttl=timedelta(hours=2), name=name)
    return f"Bearer {signed}"


class Http:
    """One keep-alive HTTP/1.1 connection, as a browser or an integration keeps one. Deliberately small: on a
    two-core machine every cycle the client spends is one the server under test does not get."""

    def __init__(self, url: str) -> None:
        host_port = url.removeprefix("http://")
        self.host, _, port = host_port.partition(":")
        self.port = int(port or 80)
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, *, headers: Mapping[str, str] | None = None,
                      body: Any = None) -> tuple[int, bytes]:
        payload = json.dumps(body).encode() if body is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(payload)}"]
        lines += [f"{k}: {v}" for k, v in {**({"Content-Type": "application/json"} if payload else {}),
                                           **(headers or {})}.items()]
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + payload
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        try:
            self._writer.write(raw)
            return await self._response()
        except (ConnectionError, asyncio.IncompleteReadError):
            await self.close()
            raise

    async def _response(self) -> tuple[int, bytes]:
        assert self._reader is not None
        status = int((await self._reader.readline()).split()[1])
        length, close = 0, False
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        body = await self._reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, body

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(ConnectionError):
                await self._writer.wait_closed()
        self._reader = self._writer = None


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]
