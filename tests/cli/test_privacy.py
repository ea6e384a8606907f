"""`forslagskassa privacy export|erase` as an administrator uses it for a Slack-only employee's request.

Each test has a database of its own, since the command commits for real (the shared one rolls every test back).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.routers.me import MyDataOut
from cli.main import app
from cli.privacy import ACTOR
from core.actors import Actor, Role
from core.orgconfig import OrgConfig
from core.settings import get_settings
from storage.db import make_engine
from storage.models import AuditEntry, Channel, Idea
from tests.conftest import LOTEN
from tests.core.helpers import submit
from tests.people import OTHER_EMPLOYEE

SIRI = Actor(role=Role.EMPLOYEE, user_id="U123ABC", channel=Channel.SLACK, name="Siri Slack")
Cli = Callable[..., Result]


@pytest.fixture
def db(own_database: str) -> Iterator[Engine]:
    """The test's own database, as the test reads it behind the command's back."""
    engine = make_engine(own_database)
    yield engine
    engine.dispose()


@pytest.fixture
def cli(own_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ORG_CONFIG", str(LOTEN))
    monkeypatch.setenv("DATABASE_URL", own_database)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args, input=None: runner.invoke(app, ["privacy", *args], input=input)
    get_settings.cache_clear()


@pytest.fixture
def ideas(db: Engine, org: OrgConfig) -> tuple[int, int, int]:
    """Siri's open and anonymous ideas, sent in Slack; Per's from the web."""
    with Session(db) as session, session.begin():
        shown = submit(session, org, text="Siri sitt åpne forslag", by=SIRI, channel=Channel.SLACK)
        hidden = submit(session, org, text="Siri sitt anonyme", by=SIRI, channel=Channel.SLACK, anonymous=True)
        pers = submit(session, org, text="Per sitt forslag", by=OTHER_EMPLOYEE)
        return shown.id, hidden.id, pers.id


def test_export_prints_what_the_person_would_download(cli: Cli, ideas: tuple[int, int, int], db: Engine):
    shown, hidden, _ = ideas
    result = cli("export", "--channel", "slack", "--user", "U123ABC")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == list(MyDataOut.model_fields)
    assert data["profile"]["display_name"] == "Siri Slack"
    assert [(i["channel"], i["external_id"]) for i in data["identities"]] == [("slack", "U123ABC")]
    assert [(i["id"], i["anonymous"]) for i in data["ideas"]] == [(shown, False), (hidden, True)]
    assert "Per sitt" not in result.stdout and "address" not in result.stdout
    assert _audit(db) == [("data_exported", ACTOR, Channel.SLACK, {"ideas": 2, "submitters": 1})]


def test_export_to_a_file(cli: Cli, ideas: tuple[int, int, int], tmp_path: Path):
    out = tmp_path / "siri.json"
    result = cli("export", "--channel", "slack", "--user", "U123ABC", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"wrote {out}: 2 ideas, 1 identities" in result.stderr
    assert [i["text"] for i in json.loads(out.read_text(encoding="utf-8"))["ideas"]] == [
        "Siri sitt åpne forslag", "Siri sitt anonyme"]


def test_erase_with_yes_anonymises_the_ideas_and_says_how_many(cli: Cli, ideas: tuple[int, int, int], db: Engine):
    shown, hidden, pers = ideas
    result = cli("erase", "--channel", "slack", "--user", "U123ABC", "--yes")
    assert result.exit_code == 0, result.output
    assert "erased slack user U123ABC: 2 ideas anonymised, 1 identities deleted" in result.stdout
    shown_by, hidden_by, pers_by = _submitters(db, shown, hidden, pers)
    assert (shown_by, hidden_by) == (None, None) and pers_by is not None
    assert _audit(db) == [("submitter_erased", ACTOR, Channel.SLACK, {"ideas": 2, "identities": 1, "submitters": 1})]
    again = cli("export", "--channel", "slack", "--user", "U123ABC")
    assert again.exit_code == 1 and again.stdout == ""


def test_erase_asks_first_and_does_nothing_unless_confirmed(cli: Cli, ideas: tuple[int, int, int], db: Engine):
    shown, hidden, _ = ideas
    refused = cli("erase", "--channel", "slack", "--user", "U123ABC", input="n\n")
    assert refused.exit_code == 1
    assert "Erase slack user U123ABC from their ideas?" in refused.stdout and "nothing erased" in refused.stderr
    assert None not in _submitters(db, shown, hidden) and _audit(db) == []
    confirmed = cli("erase", "--channel", "slack", "--user", "U123ABC", input="y\n")
    assert confirmed.exit_code == 0 and "2 ideas anonymised" in confirmed.stdout
    assert _submitters(db, shown, hidden) == [None, None]


def test_an_unknown_channel_is_refused_with_the_valid_ones(cli: Cli, db: Engine):
    for command in (["export"], ["erase", "--yes"]):
        result = cli(*command, "--channel", "email", "--user", "U123ABC")
        assert result.exit_code == 2, result.output
        assert "unknown channel 'email'; use one of: slack, teams, web" in result.stderr
    assert _audit(db) == []


def test_an_unknown_person_is_said_so_and_only_the_look_up_is_audited(cli: Cli, ideas: tuple[int, int, int],
                                                                      db: Engine):
    shown, hidden, _ = ideas
    exported = cli("export", "--channel", "slack", "--user", "U999XYZ")
    erased = cli("erase", "--channel", "slack", "--user", "U999XYZ", "--yes")
    for result in (exported, erased):
        assert result.exit_code == 1 and result.stdout == ""
        assert "nobody with slack id 'U999XYZ' is stored" in result.stderr
    assert None not in _submitters(db, shown, hidden)
    assert _audit(db) == [("data_exported", ACTOR, Channel.SLACK, {"ideas": 0, "submitters": 0}),
                          ("submitter_erased", ACTOR, Channel.SLACK, {"ideas": 0, "identities": 0, "submitters": 0})]


def _audit(db: Engine) -> list[tuple[str, str, Channel, dict | None]]:
    with Session(db) as session:
        return [(e.action, e.actor, e.via, e.detail)
                for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def _submitters(db: Engine, *idea_ids: int) -> list[int | None]:
    with Session(db) as session:
        return [session.get(Idea, idea_id).submitter_id for idea_id in idea_ids]
