"""Engines and sessions. SQLite gets WAL and foreign keys; PostgreSQL runs through psycopg 3."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_S = 30.0
_HOLDS = "forslagskassa_holds_write_queue"


def normalise_url(url: str) -> str:
    """Accept the plain `postgresql://` form people paste and use the psycopg 3 driver for it."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    # SQL parameters hold people's names, mails and idea texts: they stay out of logs and error messages.
    kwargs.setdefault("hide_parameters", True)
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        WriteQueue.of(parsed.database or ":memory:").install(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself so the "begin" hook below decides its kind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    cursor.close()


class WriteQueue:
    """SQLite's one writer at a time, as a first-come-first-served queue among this process's threads.

    Every transaction begins IMMEDIATE (takes the write lock up front), so concurrent writers wait instead of
    failing with "database is locked" when a read transaction tries to upgrade. Left to SQLite, waiting threads
    poll with sleeps of 1 to 100 ms: under 50 concurrent requests most of them overslept the lock's release, and
    the unlucky ones waited seconds. Here they queue and each is woken as the one before commits. Other processes
    (a worker beside the server) still meet at SQLite's own lock, with busy_timeout.
    """

    _queues: ClassVar[dict[str, WriteQueue]] = {}
    _queues_lock = threading.Lock()

    def __init__(self, timeout: float = BUSY_TIMEOUT_S) -> None:
        self._timeout = timeout
        self._mutex = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._held = False

    @classmethod
    def of(cls, database: str) -> WriteQueue:
        """One queue per database file, shared by every engine of this process that opens it."""
        key = database if database == ":memory:" else str(Path(database).resolve())
        with cls._queues_lock:
            return cls._queues.setdefault(key, cls())

    def install(self, engine: Engine) -> None:
        event.listen(engine, "begin", self._begin)
        for name in ("commit", "rollback"):
            event.listen(engine, name, self._end)
        for name in ("checkin", "invalidate", "close"):  # a connection dropped in the middle of a transaction
            event.listen(engine.pool, name, self._dropped)

    def _begin(self, connection: Any) -> None:
        self._acquire()
        connection.info[_HOLDS] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self._release(connection.info)
            raise

    def _end(self, connection: Any) -> None:
        self._release(connection.info)

    def _dropped(self, _dbapi_connection: Any, record: Any, *_args: Any) -> None:
        if record is not None:
            self._release(record.info)

    def _acquire(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(self._timeout):
            return
        with self._mutex:
            if turn.is_set():  # handed over just as the wait ran out
                return
            self._waiting.remove(turn)
        raise TimeoutError(f"waited {self._timeout:.0f} s for the database's write lock")

    def _release(self, info: dict[str, Any]) -> None:
        if not info.pop(_HOLDS, False):
            return
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().set()  # handed straight to the next in line: it never looks free
            else:
                self._held = False


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed when the block ends normally, rolled back on error."""
    with factory.begin() as session:
        yield session
