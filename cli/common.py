"""What every command shares: a clear error and exit code, and the settings, org config and running parts, or an
exit that says what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from core import logs
from core.orgconfig import OrgConfig, OrgConfigError, load_org_config
from core.settings import Settings, get_settings

if TYPE_CHECKING:
    from core.services import Services


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


def settings_or_exit() -> Settings:
    try:
        return get_settings()
    except Exception as error:  # pydantic's validation error lists the bad variables
        raise fail(f"invalid settings: {error}") from None


def org_or_exit(path: Path) -> OrgConfig:
    try:
        return load_org_config(path)
    except OrgConfigError as error:
        raise fail(str(error)) from None


def services_or_exit(*, routing: bool = True) -> Services:
    """The running instance's parts. Without `routing` no model is loaded or trained: for commands that never
    take in an idea."""
    # Imported here: scikit-learn and the database stack are only loaded by the commands that need them.
    from classifier import ExampleFileError, ModelError
    from core.routing import TriageOnly
    from core.services import build_services

    try:
        return build_services(settings_or_exit(), classifier=None if routing else TriageOnly())
    except (OrgConfigError, ModelError, ExampleFileError) as error:
        raise fail(str(error)) from None


def configure_logging(settings: Settings) -> None:
    """LOG_LEVEL and LOG_FORMAT (text or one JSON object per line), for every command that runs a while."""
    logs.configure_logging(level=settings.log_level, log_format=settings.log_format)
