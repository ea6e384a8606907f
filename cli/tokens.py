"""`forslagskassa token`: a bearer token for the REST API."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from cli.common import fail, org_or_exit, settings_or_exit
from core.actors import Role
from core.errors import InvalidInput


def token(
    role: Annotated[Role, typer.Option(help="employee, commissioner or admin.")],
    user: Annotated[str, typer.Option(help="Commissioner/admin id from the org config, or an employee's login.")],
    name: Annotated[str | None, typer.Option(help="Display name for an employee.")] = None,
    hours: Annotated[int | None, typer.Option(help="Lifetime; defaults to TOKEN_TTL_HOURS.")] = None,
) -> None:
    """Print a bearer token for the REST API."""
    # Imported here: the api package pulls in FastAPI, which the other commands do without.
    from api.auth import issue_token

    settings = settings_or_exit()
    org = org_or_exit(settings.org_config)
    try:
        printed = issue_token(secret=settings.resolved_secret_key(), role=role, user_id=user, org=org,
                              ttl=timedelta(hours=hours or settings.token_ttl_hours), name=name)
    except InvalidInput as error:
        raise fail(error.message) from None
    typer.echo(printed)
