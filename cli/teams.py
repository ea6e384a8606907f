"""`forslagskassa teams ...`: the Teams app package, and commissioners' AAD ids from Microsoft Graph."""

from __future__ import annotations

import asyncio
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated

import typer

from cli.common import fail, org_or_exit, settings_or_exit

# Each command imports its part of bot.teams inside itself: msgraph-sdk is only loaded when it is used.

app = typer.Typer(help="Microsoft Teams: app package and directory sync.", no_args_is_help=True)


@app.command("package")
def package(
    output: Annotated[Path, typer.Option(help="Where to write the zip.")] = Path("build/forslagskassa-teams.zip"),
    app_version: Annotated[str | None, typer.Option("--version", help="Manifest version (x.y.z).")] = None,
) -> None:
    """Write the Teams app package (manifest.json and icons) from TEAMS_APP_ID, PUBLIC_URL and the org config."""
    from bot.teams.package import PackageError, write_package

    settings = settings_or_exit()
    org = org_or_exit(settings.org_config)
    try:
        path = write_package(output, settings=settings, org=org, version=app_version or _version())
    except PackageError as error:
        raise fail(str(error)) from None
    typer.echo(f"wrote {path}: upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center")


@app.command("sync-commissioners")
def sync_commissioners(
    write: Annotated[bool, typer.Option(help="Write the ids into the org config (else only show them).")] = False,
) -> None:
    """Look up commissioners and administrators by mail in Microsoft Graph and set their teams_aad_id."""
    from bot.teams.graph import Directory, GraphConfigError
    from bot.teams.sync import look_up, write_ids

    settings = settings_or_exit()
    org = org_or_exit(settings.org_config)
    try:
        directory = Directory.from_settings(settings)
    except GraphConfigError as error:
        raise fail(str(error)) from None
    if directory is None:
        raise fail("Microsoft Graph is not configured: set GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET "
                   "(or GRAPH_CERTIFICATE_PATH) and TEAMS_TENANT_ID")

    async def run() -> list:
        try:
            return await look_up(directory, org)
        finally:
            await directory.close()

    try:
        matches = asyncio.run(run())
    except Exception as error:  # Graph refused or is unreachable: say which, change nothing
        raise fail(f"Microsoft Graph look-up failed: {type(error).__name__}: {error}") from None
    for match in matches:
        found = match.aad_id or "not found in the directory"
        mark = "*" if match.changed else " "
        typer.echo(f"{mark} {match.person_id:<28} {match.mail or '(no email)':<45} {found}")
    changed = [m for m in matches if m.changed]
    if not write:
        typer.echo(f"{len(changed)} to update; run again with --write to change {settings.org_config}")
        return
    unplaced = write_ids(settings.org_config, matches)
    if unplaced:
        raise fail(f"could not find these people in {settings.org_config} to set teams_aad_id: {', '.join(unplaced)}")
    typer.echo(f"updated {len(changed)} in {settings.org_config}")
    if any(m.aad_id is None for m in matches):
        raise typer.Exit(1)


def _version() -> str:
    try:
        return version("forslagskassa")
    except PackageNotFoundError:
        return "0.1.0"
