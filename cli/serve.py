"""The long-running processes: `serve` (web server), `worker` (outbox delivery) and `slack-socket`.

Each command imports the server, the bots' SDKs and the classifier inside itself, so that `forslagskassa --help`
and the short commands start without loading them.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import ipaddress
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import configure_logging, fail, services_or_exit, settings_or_exit
from core.settings import Settings, get_settings

if TYPE_CHECKING:
    from fastapi import FastAPI

# How long uvicorn waits for a process to answer its health check before it kills and replaces it. Its default, 5 s,
# is shorter than a process takes to start on a busy 2-core machine, which then replaced its processes forever.
HEALTHCHECK_SECONDS = 30


def serve(
    host: Annotated[str | None, typer.Option(help="Defaults to HOST (127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Defaults to PORT (8000).")] = None,
    migrate: Annotated[bool, typer.Option(help="Run database migrations first.")] = True,
    workers: Annotated[int | None, typer.Option(min=1, max=64, help=(
        "Server processes; defaults to WEB_CONCURRENCY (1). More than one needs PostgreSQL."))] = None,
) -> None:
    """Start the web server: REST API, web pages, Slack and Teams endpoints, and the outbox worker."""
    import uvicorn

    from storage.migrate import upgrade

    settings = settings_or_exit()
    processes = workers or settings.web_concurrency
    if processes > 1 and settings.resolved_database_url.startswith("sqlite"):
        raise fail(f"{processes} server processes need PostgreSQL: SQLite takes one writer at a time, so more "
                   "processes would only wait for each other. Use one (--workers 1, WEB_CONCURRENCY=1) or set "
                   "DATABASE_URL to a PostgreSQL database")
    configure_logging(settings)
    if migrate:  # first: training the default model reads the corrections table
        upgrade(settings.resolved_database_url)
    host, port = host or settings.host, port or settings.port
    log_level = settings.log_level.lower()
    if processes == 1:
        from api.app import create_app

        app = create_app(services_or_exit())
        tune_for_serving()
        say_where_to_log_in(settings, host, port)
        # Logging is ours (LOG_FORMAT); uvicorn's access line has the raw path and query, api/access.py writes one
        # without them.
        uvicorn.run(app, host=host, port=port, log_level=log_level, log_config=None, access_log=False)
        return
    # Each process builds its own app (`process_app`). What they would otherwise race to create happens here
    # first: the default model is trained, and the generated secret key written, once.
    services_or_exit().close()
    settings.resolved_secret_key()
    say_where_to_log_in(settings, host, port)
    uvicorn.run(f"{__name__}:process_app", factory=True, workers=processes, host=host, port=port,
                log_level=log_level, timeout_worker_healthcheck=HEALTHCHECK_SECONDS, log_config=None,
                access_log=False)


def process_app() -> FastAPI:
    """One process of `serve --workers N`, with its own database pool, model and outbox worker: outbox leases
    keep the workers of several processes from sending a notification twice (core/outbox.py)."""
    from api.app import create_app

    settings = get_settings()
    configure_logging(settings)
    app = create_app()
    tune_for_serving()
    return app


def say_where_to_log_in(settings: Settings, host: str, port: int) -> None:
    """With DEV_LOGIN on, the address to open, or why the development login stays off."""
    from api.web.login import dev_login_allowed  # here: the web pages load FastAPI and Jinja


    if not settings.dev_login:
        return
    local = _loopback_address(host)
    if dev_login_allowed(settings) and local:
        typer.echo(f"Development login: http://{local}:{port}/login")
    else:
        typer.echo(f"Development login is off: DEV_LOGIN needs HOST to be a loopback address such as 127.0.0.1 "
                   f"(HOST is {settings.host}, serving on {host})")


def _loopback_address(host: str) -> str | None:
    """Where this machine reaches a server bound to `host`, for a URL; None when not on a loopback address."""
    if host in ("0.0.0.0", "::"):  # every address, loopback among them
        return "127.0.0.1" if host == "0.0.0.0" else "[::1]"
    if host == "localhost":
        return host
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if not address.is_loopback:
        return None
    return f"[{address}]" if address.version == 6 else str(address)


def tune_for_serving() -> None:
    """Process settings for a long-running server that routes ideas; measured with bench/load.py."""
    from threadpoolctl import threadpool_limits

    # One idea is one small matrix product: BLAS's extra threads only spun, ~3 ms of CPU per request on 2 cores.
    threadpool_limits(limits=1, user_api="blas")
    # The model's vocabularies are millions of objects that live as long as the process; frozen, the garbage
    # collector stops walking them, which took ~400 ms at every full collection (seen as p99 spikes under load).
    gc.freeze()


def worker() -> None:
    """Deliver queued notifications (Slack, Teams) until stopped."""
    from bot import attach_notifiers
    from core.worker import run_outbox_worker

    settings = settings_or_exit()
    configure_logging(settings)
    services = services_or_exit(routing=False)
    attach_notifiers(services)
    if not services.notifiers:
        raise fail("no chat channel is configured (set the Slack or Teams settings); nothing to deliver")
    asyncio.run(run_outbox_worker(services, stop=asyncio.Event()))


def slack_socket() -> None:
    """Serve Slack over Socket Mode (no public URL needed) and deliver queued notifications, until stopped."""
    from bot.slack.socket import missing_settings, run_socket_mode

    settings = settings_or_exit()
    if missing := missing_settings(settings):
        raise fail(f"Slack Socket Mode needs {' and '.join(missing)}")
    configure_logging(settings)
    services = services_or_exit()
    tune_for_serving()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_socket_mode(services, stop=asyncio.Event()))
