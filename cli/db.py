"""`forslagskassa db ...`: the database schema."""

from __future__ import annotations

import typer

from cli.common import settings_or_exit

app = typer.Typer(help="Database schema.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(revision: str = "head") -> None:
    """Bring the database schema up to date (creates it on an empty database)."""
    # Imported here: Alembic and SQLAlchemy are only loaded by the commands that touch the database.
    from storage.migrate import upgrade

    settings = settings_or_exit()
    upgrade(settings.resolved_database_url, revision)
    typer.echo(f"database at revision {revision}")
