"""Following up the ideas from the terminal: `stats` and the weekly `digest` of overdue ideas."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from cli.common import services_or_exit
from cli.stats_table import render


def stats(as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of a table.")] = False) -> None:
    """Follow-up statistics in the terminal."""
    # Imported here: the statistics queries load SQLAlchemy, which `forslagskassa --help` does without.
    from core.stats import follow_up

    services = services_or_exit(routing=False)
    with services.session_factory() as session:
        figures = follow_up(session=session, org=services.org)
    typer.echo(json.dumps(figures, ensure_ascii=False, indent=2) if as_json else render(figures, services.org))


def digest(force: Annotated[bool, typer.Option(help="Queue again if this week's was already sent.")] = False) -> None:
    """Queue this week's digest of overdue ideas for each commissioner (the worker does it on Mondays at 07:00)."""
    # Imported here, as in `stats`.
    from core.digest import enqueue_digests, week_of
    from storage.models import utcnow

    services = services_or_exit(routing=False)
    now = utcnow()
    with services.session_factory.begin() as session:
        queued = enqueue_digests(session=session, org=services.org, now=now, force=force)
    typer.echo(f"{week_of(now)}: {queued} digest notifications queued")
