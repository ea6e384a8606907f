"""The `forslagskassa` command line. Every setting comes from the environment or `.env`."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from api import cli_classifier, cli_privacy, cli_seed, cli_teams
from core.actors import Role
from core.errors import InvalidInput
from core.locale import money
from core.orgconfig import OrgConfig, OrgConfigError, load_org_config
from core.settings import Settings, get_settings

if TYPE_CHECKING:
    from core.services import Services

app = typer.Typer(help="Forslagskassa: suggestion box for municipalities.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


def settings_or_exit() -> Settings:
    try:
        return get_settings()
    except Exception as error:  # pydantic's validation error lists the bad variables
        raise fail(f"invalid settings: {error}") from None


def services_or_exit(*, routing: bool = True) -> Services:
    """The running instance's parts. Without `routing` no model is loaded or trained: for commands that never
    take in an idea."""
    from classifier import ExampleFileError, ModelError
    from core.routing import TriageRouter
    from core.services import build_services

    try:
        return build_services(settings_or_exit(), router=None if routing else TriageRouter())
    except (OrgConfigError, ModelError, ExampleFileError) as error:
        raise fail(str(error)) from None


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Bring the database schema up to date (creates it on an empty database)."""
    from storage.migrate import upgrade

    settings = settings_or_exit()
    upgrade(settings.resolved_database_url, revision)
    typer.echo(f"database at revision {revision}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Defaults to HOST (127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Defaults to PORT (8000).")] = None,
    migrate: Annotated[bool, typer.Option(help="Run database migrations first.")] = True,
) -> None:
    """Start the web server: REST API, web pages, Slack and Teams endpoints, and the outbox worker."""
    import uvicorn

    from api.app import create_app
    from storage.migrate import upgrade

    settings = settings_or_exit()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if migrate:  # first: training the default model reads the corrections table
        upgrade(settings.resolved_database_url)
    services = services_or_exit()
    app = create_app(services)
    tune_for_serving()
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, log_level=settings.log_level.lower())


def tune_for_serving() -> None:
    """Process settings for a long-running server that routes ideas; measured with bench/load.py."""
    from threadpoolctl import threadpool_limits

    # One idea is one small matrix product: BLAS's extra threads only spun, ~3 ms of CPU per request on 2 cores.
    threadpool_limits(limits=1, user_api="blas")
    # The model's vocabularies are millions of objects that live as long as the process; frozen, the garbage
    # collector stops walking them, which took ~400 ms at every full collection (seen as p99 spikes under load).
    gc.freeze()


@app.command()
def worker() -> None:
    """Deliver queued notifications (Slack, Teams) until stopped."""
    from bot import attach_notifiers
    from core.worker import run_outbox_worker

    settings = settings_or_exit()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    services = services_or_exit(routing=False)
    attach_notifiers(services)
    if not services.notifiers:
        raise fail("no chat channel is configured (set the Slack or Teams settings); nothing to deliver")
    asyncio.run(run_outbox_worker(services, stop=asyncio.Event()))


@app.command("slack-socket")
def slack_socket() -> None:
    """Serve Slack over Socket Mode (no public URL needed) and deliver queued notifications, until stopped."""
    from bot.slack.socket import missing_settings, run_socket_mode

    settings = settings_or_exit()
    if missing := missing_settings(settings):
        raise fail(f"Slack Socket Mode needs {' and '.join(missing)}")
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    services = services_or_exit()
    tune_for_serving()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_socket_mode(services, stop=asyncio.Event()))


@app.command()
def digest(force: Annotated[bool, typer.Option(help="Queue again if this week's was already sent.")] = False) -> None:
    """Queue this week's digest of overdue ideas for each commissioner (the worker does it on Mondays at 07:00)."""
    from core.digest import enqueue_digests, week_of
    from storage.models import utcnow

    services = services_or_exit(routing=False)
    now = utcnow()
    with services.session_factory.begin() as session:
        queued = enqueue_digests(session=session, org=services.org, now=now, force=force)
    typer.echo(f"{week_of(now)}: {queued} digest notifications queued")


@app.command()
def token(
    role: Annotated[Role, typer.Option(help="employee, commissioner or admin.")],
    user: Annotated[str, typer.Option(help="Commissioner/admin id from the org config, or an employee's login.")],
    name: Annotated[str | None, typer.Option(help="Display name for an employee.")] = None,
    hours: Annotated[int | None, typer.Option(help="Lifetime; defaults to TOKEN_TTL_HOURS.")] = None,
) -> None:
    """Print a bearer token for the REST API."""
    from api.auth import issue_token

    settings = settings_or_exit()
    org = org_or_exit(settings.org_config)
    try:
        printed = issue_token(secret=settings.resolved_secret_key(), role=role, user_id=user, org=org,
                              ttl=timedelta(hours=hours or settings.token_ttl_hours), name=name)
    except InvalidInput as error:
        raise fail(error.message) from None
    typer.echo(printed)


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of a table.")] = False) -> None:
    """Follow-up statistics in the terminal."""
    from api.stats_table import render
    from core.stats import follow_up

    services = services_or_exit(routing=False)
    with services.session_factory() as session:
        figures = follow_up(session=session, org=services.org)
    typer.echo(json.dumps(figures, ensure_ascii=False, indent=2) if as_json else render(figures, services.org))


@app.command("check-config")
def check_config(file: Path) -> None:
    """Validate an org config file; prints what it holds, or what is wrong and where."""
    org = org_or_exit(file)
    typer.echo(f"{file}: OK — {org.municipality}, {len(org.focus_areas)} focus areas, "
               f"{len(org.commissioners)} commissioners, {len(org.administrators)} administrators, "
               f"SLA {org.sla_days} days, target {money('en', org.savings_target_nok)}")


def org_or_exit(path: Path) -> OrgConfig:
    try:
        return load_org_config(path)
    except OrgConfigError as error:
        raise fail(str(error)) from None


cli_classifier.register(app)
cli_privacy.register(app)
cli_seed.register(app)
cli_teams.register(app)


def main() -> None:
    app(prog_name="forslagskassa")


if __name__ == "__main__":
    sys.exit(main())
