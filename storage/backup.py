"""Backups of the SQLite database with SQLite's online backup API, and the pg_dump/pg_restore commands for
PostgreSQL, whose own tools do that job better than we could.

The backup API copies a consistent snapshot while the server keeps reading and writing (WAL), and a restore
writes the whole file into the live database in one transaction: the server's connections see either the old
database or the restored one, never a mix, and no stale write-ahead log is left behind to be replayed onto it.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.db import BUSY_TIMEOUT_S, normalise_url
from storage.migrate import head_revision, known_revisions


class BackupError(Exception):
    """Nothing was written; the message says why."""


@dataclass(frozen=True)
class Snapshot:
    """What a backup file (or a database) holds: its schema revision and how many ideas."""

    path: Path
    revision: str
    ideas: int

    @property
    def current(self) -> bool:
        return self.revision == head_revision()


def sqlite_path(database_url: str) -> Path | None:
    """The database file of a SQLite URL; None for any other database."""
    url = make_url(normalise_url(database_url))
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("the database is in memory; there is no file to back up or restore")
    return Path(url.database)


def backup(database_url: str, target: Path) -> Snapshot:
    """Copy the SQLite database to `target` (replaced atomically: a failed backup leaves no half-written file)."""
    source = _existing(database_url)
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(f"{target} is the database itself; choose another file")
    descriptor, scratch = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(descriptor)
    try:
        with _open(source) as live, _open(Path(scratch)) as copy:
            live.backup(copy)
            # One self-contained file: no -wal or -shm beside it to forget when it is moved.
            copy.execute("PRAGMA journal_mode=DELETE")
            snapshot = _describe(copy, target)
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return snapshot


def check_backup(path: Path) -> Snapshot:
    """The backup file's revision and ideas, or BackupError if it is not a sound Forslagskassa database."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with _open(path) as db:
        return _describe(db, path)


def restore(source: Path, database_url: str) -> Snapshot:
    """Replace the SQLite database's whole content with the backup's, in one transaction."""
    check_backup(source)
    target = sqlite_path(database_url)
    if target is None:
        raise BackupError("restore copies into SQLite only")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(f"{source} is the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _open(source) as backup_file, _open(target) as live:
        try:
            backup_file.backup(live)
        except sqlite3.Error as error:  # e.g. a page size the live WAL database cannot take: nothing changed
            raise BackupError(f"could not restore into {target}: {error}") from None
        return _describe(live, target)


def ideas_in(database_url: str) -> int | None:
    """How many ideas the SQLite database holds now; None when there is no database (yet)."""
    path = sqlite_path(database_url)
    if path is None or not path.is_file():
        return None
    try:
        return check_backup(path).ideas
    except BackupError:
        return None


def postgres_commands(database_url: str, file: str) -> tuple[str, str]:
    """pg_dump and pg_restore command lines for this database, without its password."""
    url = make_url(normalise_url(database_url))
    connection = [f"--{name}={shlex.quote(str(value))}" for name, value in
                  (("host", url.host), ("port", url.port), ("username", url.username), ("dbname", url.database))
                  if value]
    quoted = shlex.quote(file)
    dump = " ".join(["pg_dump", "--format=custom", *connection, f"--file={quoted}"])
    load = " ".join(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *connection,
                     quoted])
    return dump, load


def _describe(db: sqlite3.Connection, path: Path) -> Snapshot:
    try:
        if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise BackupError(f"{path}: the SQLite file is damaged (quick_check failed)")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "ideas"} <= tables:
            raise BackupError(f"{path}: a SQLite database, but not one of Forslagskassa's")
        revision = (db.execute("SELECT version_num FROM alembic_version").fetchone() or (None,))[0]
        if revision not in known_revisions():
            raise BackupError(f"{path}: schema revision {revision!r} is not one this version of Forslagskassa "
                              "knows (made by a newer one?)")
        ideas = db.execute("SELECT count(*) FROM ideas").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: not a SQLite database ({error})") from None
    return Snapshot(path=path, revision=revision, ideas=ideas)


def _existing(database_url: str) -> Path:
    path = sqlite_path(database_url)
    if path is None:
        raise BackupError("backup copies SQLite only")
    if not path.is_file():
        raise BackupError(f"there is no database at {path} yet")
    return path


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        yield connection
    finally:
        connection.close()
