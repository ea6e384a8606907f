"""`forslagskassa backup FILE` and `forslagskassa restore FILE`: the SQLite database, copied while the server
runs; on PostgreSQL, the pg_dump and pg_restore commands to use instead."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import fail, settings_or_exit

# Imported inside the commands: storage.backup loads SQLAlchemy and Alembic, which `forslagskassa --help` does
# without.

PASSWORD_HINT = "(the password is not shown: give it in PGPASSWORD or ~/.pgpass)"


def backup(file: Annotated[Path, typer.Argument(help="Where to write the copy (replaced if it exists).")]) -> None:
    """Copy the SQLite database to FILE, safely while the server runs. On PostgreSQL: says how to use pg_dump."""
    from storage.backup import BackupError, postgres_commands, sqlite_path
    from storage.backup import backup as copy

    url = settings_or_exit().resolved_database_url
    try:
        if sqlite_path(url) is None:
            dump, load = postgres_commands(url, str(file))
            raise fail(f"the database is PostgreSQL: back it up with pg_dump {PASSWORD_HINT}\n  {dump}\n"
                       f"and restore it with\n  {load}")
        snapshot = copy(url, file)
    except BackupError as error:
        raise fail(str(error)) from None
    except OSError as error:
        raise fail(f"could not write {file}: {error.strerror}") from None
    typer.echo(f"backed up {snapshot.ideas} ideas (schema revision {snapshot.revision}) to {file}")


def restore(
    file: Annotated[Path, typer.Argument(help="A file made by `forslagskassa backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the SQLite database with a backup, in one transaction. On PostgreSQL: says how to use pg_restore."""
    from storage.backup import BackupError, check_backup, ideas_in, postgres_commands, sqlite_path
    from storage.backup import restore as copy_back

    url = settings_or_exit().resolved_database_url
    try:
        target = sqlite_path(url)
        if target is None:
            _, load = postgres_commands(url, str(file))
            raise fail(f"the database is PostgreSQL: restore a pg_dump file with pg_restore {PASSWORD_HINT}\n"
                       f"  {load}")
        found = check_backup(file)
        if not yes and not typer.confirm(_question(file, found.ideas, target, ideas_in(url))):
            raise fail("not confirmed; nothing restored", code=1)
        restored = copy_back(file, url)
    except BackupError as error:
        raise fail(str(error)) from None
    except OSError as error:
        raise fail(f"could not restore into {target}: {error.strerror}") from None
    typer.echo(f"restored {restored.ideas} ideas from {file} into {target}")
    if not restored.current:
        typer.echo("its schema is older than this version's: `forslagskassa db upgrade` (or `serve`) brings it up "
                   "to date")


def _question(file: Path, ideas: int, target: Path, ideas_now: int | None) -> str:
    if not target.exists():
        return f"Restore {file} ({ideas} ideas) into a new database at {target}?"
    holds = f" ({ideas_now} ideas)" if ideas_now is not None else ""
    return f"Replace the database at {target}{holds} with {file} ({ideas} ideas)? What it holds now is lost."
