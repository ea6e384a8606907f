"""`forslagskassa privacy ...`: an administrator answers a person's request for their data, or to be erased, by
channel and user id. For people who never log in on the web (a Slack-only employee asking by mail), who cannot use
`GET /api/v1/me/export` or `DELETE /api/v1/me` themselves. The rules are those of core/privacy.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import fail, services_or_exit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage.models import Channel

app = typer.Typer(help="A person's data on request: export it, or erase them from their ideas.", no_args_is_help=True)

# FastAPI, the Teams contacts and the database stack are imported inside the functions: only these commands need them.

# In the audit trail instead of "self": the request reached an administrator, not the person's own login.
ACTOR = "administrator (cli)"
# Channels people are stored by. `api` is not one: API logins are web identities.
CHANNELS = ("slack", "teams", "web")

ChannelOption = Annotated[str, typer.Option(help=f"The channel the person is known by: {', '.join(CHANNELS)}.")]
UserOption = Annotated[str, typer.Option(help="Their id there: Slack user id, Teams AAD object id, web login.")]


@app.command("export")
def export(
    channel: ChannelOption,
    user: UserOption,
    out: Annotated[Path | None, typer.Option(help="Write the JSON here instead of to standard output.")] = None,
) -> None:
    """Everything kept about one person as JSON, the same as GET /api/v1/me/export gives them; audited."""
    from api.routers.me import MyDataOut
    from core import privacy

    known_by, external_id = _person_or_exit(channel, user)
    data = _in_one_unit_of_work(lambda session: privacy.export_data(
        session=session, channel=known_by, external_id=external_id, via=known_by, actor=ACTOR))
    if data["profile"] is None:
        raise _nobody(known_by, external_id)
    # Through the API's own model, so the file is byte for byte what the person would have downloaded.
    text = MyDataOut.model_validate(data).model_dump_json(indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(f"could not write {out}: {error.strerror} (the export is already in the audit trail)") from None
    typer.echo(f"wrote {out}: {len(data['ideas'])} ideas, {len(data['identities'])} identities", err=True)


@app.command("erase")
def erase(
    channel: ChannelOption,
    user: UserOption,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase one person from their ideas (the ideas stay, anonymised), as DELETE /api/v1/me does; audited."""
    from core import privacy

    known_by, external_id = _person_or_exit(channel, user)
    if not yes and not typer.confirm(f"Erase {known_by.value} user {external_id} from their ideas? "
                                     "Their name, mail and logins are deleted; this cannot be undone."):
        raise fail("not confirmed; nothing erased", code=1)
    done = _in_one_unit_of_work(lambda session: privacy.erase(
        session=session, channel=known_by, external_id=external_id, via=known_by, actor=ACTOR))
    if done.erased_at is None:
        raise _nobody(known_by, external_id)
    typer.echo(f"erased {known_by.value} user {external_id}: {done.ideas} ideas anonymised, "
               f"{done.identities} identities deleted")


def _person_or_exit(channel: str, user: str) -> tuple[Channel, str]:
    """The channel and the id as that channel stores them, or a clear refusal."""
    from bot.teams.contacts import external_id
    from storage.models import Channel

    name, user = channel.strip().lower(), user.strip()
    if name not in CHANNELS:
        raise fail(f"unknown channel {channel!r}; use one of: {', '.join(CHANNELS)}")
    if not user:
        raise fail("--user is empty")
    known_by = Channel(name)
    # Teams ids are stored lowercased; an object id copied from the Entra admin center may not be.
    return known_by, external_id(aad_object_id=user, channel_user_id=user) if known_by is Channel.TEAMS else user


def _in_one_unit_of_work[T](work: Callable[[Session], T]) -> T:
    """Run `work(session)` in one transaction: the audit entry is committed together with what it records."""
    services = services_or_exit(routing=False)
    try:
        with services.session_factory.begin() as session:
            return work(session)
    finally:
        services.engine.dispose()


def _nobody(channel: Channel, external_id: str) -> typer.Exit:
    return fail(f"nobody with {channel.value} id {external_id!r} is stored (the look-up is in the audit trail)",
                code=1)
