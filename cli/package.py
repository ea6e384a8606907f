"""`forslagskassa package ...`: the area packages from the terminal — export one as Word, PDF or .xlsx, and queue
the reminders of packages below their share (the worker does that by itself). The command acts as an
administrator: whoever runs it on the server can read every area's package anyway."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import fail, services_or_exit

app = typer.Typer(help="The commissioners' area packages: export them, remind of those below their share.",
                  no_args_is_help=True)

# The documents, the use cases and the database stack are imported inside the functions: only these commands need
# them, and `forslagskassa --help` stays quick.
OPERATOR = "cli"


@app.command("export")
def export(
    area: Annotated[str, typer.Argument(help="The focus area's id, e.g. barn-og-unge.")],
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", help="docx, pdf or xlsx.")] = "docx",
    phase: Annotated[str | None, typer.Option(help="The phase's id; default: the current phase.")] = None,
    lang: Annotated[str, typer.Option(help="The document's language: nb or en.")] = "nb",
) -> None:
    """Write the area's package of the phase as a Word document, a PDF or an .xlsx workbook."""
    from api.documents import Format, render
    from core import packages
    from core.actors import Actor, Role
    from core.errors import RuleError
    from core.unit_of_work import reading

    try:
        chosen = Format(fmt)
    except ValueError:
        raise fail(f"unknown format '{fmt}'; use docx, pdf or xlsx") from None
    if lang not in ("nb", "en"):
        raise fail(f"unknown language '{lang}'; use nb or en")
    services = services_or_exit(routing=False)
    try:
        with reading(services) as uow:
            view = packages.show(uow=uow, actor=Actor(role=Role.ADMIN, user_id=OPERATOR), focus_area=area,
                                 phase=phase)
            document = render(view, services.org, chosen, locale=lang)
    except RuleError as error:
        raise fail(error.message) from None
    try:
        out.write_bytes(document.data)
    except OSError as error:
        raise fail(f"could not write {out}: {error.strerror}") from None
    typer.echo(f"wrote {out}: {view.phase.id}, {area}, {len(view.lines)} ideas, {view.state.value}", err=True)


@app.command("remind")
def remind() -> None:
    """Queue the reminders now: each commissioner whose package is below the area's share, in a phase whose
    deadline is within the org config's `packages.reminder_days`, once per phase."""
    from core.package_reminders import enqueue_reminders
    from storage.models import utcnow

    services = services_or_exit(routing=False)
    with services.session_factory.begin() as session:
        queued = enqueue_reminders(session=session, org=services.org, now=utcnow())
    typer.echo(f"{queued} package reminders queued")
