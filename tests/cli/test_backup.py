"""`forslagskassa backup` and `restore` as an operator runs them: a round trip that loses nothing, taken while
another connection is writing, and the refusals that keep a wrong file out of the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from cli.main import app
from core import lifecycle, privacy
from core.actors import Actor, Role
from core.digest import enqueue_digests
from core.orgconfig import OrgConfig
from core.settings import get_settings
from storage.db import make_engine
from storage.migrate import head_revision, upgrade
from storage.models import Channel, Status, utcnow
from tests.conftest import LOTEN
from tests.core.helpers import submit

SIRI = Actor(role=Role.EMPLOYEE, user_id="U123ABC", channel=Channel.SLACK, name="Siri Slack")
ARNE = Actor(role=Role.COMMISSIONER, user_id="arne-jorstad")
Cli = Callable[..., Result]


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'forslagskassa.db'}"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    """The command in `tmp_path`, against the SQLite database under the DATA_DIR it is given."""
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("ORG_CONFIG", str(LOTEN))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args: str, data_dir: Path, input: str | None = None) -> Result:
        monkeypatch.setenv("DATA_DIR", str(data_dir))
        get_settings.cache_clear()
        return runner.invoke(app, list(args), input=input)

    yield run
    get_settings.cache_clear()


@pytest.fixture
def live(tmp_path: Path, org: OrgConfig) -> Iterator[Engine]:
    """A database in use: ideas from Slack (one anonymous) and the web, answered, rerouted, a digest marker and
    an audited export, so that every table holds rows."""
    url = sqlite_url(tmp_path / "live")
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        shown = submit(session, org, text="Flere hender i hjemmetjenesten om morgenen", by=SIRI,
                       channel=Channel.SLACK, area="helse-og-livskvalitet", source_key="slack:Ev001")
        submit(session, org, text="Ingen skal vite at dette var meg", by=SIRI, channel=Channel.SLACK,
               anonymous=True, source_key="slack:Ev002")
        web = submit(session, org, text="Vaktmester for alle skolene samlet", area="helse-og-livskvalitet")
        lifecycle.transition(session=session, idea=shown, to=Status.IN_REVIEW, actor=ARNE, org=org)
        lifecycle.reroute(session=session, idea=web, focus_area="samfunnsutvikler",
                          actor=Actor(role=Role.ADMIN, user_id="forslagskassa-admin"), org=org)
        enqueue_digests(session=session, org=org, now=utcnow() + timedelta(days=30))
        privacy.export_data(session=session, channel=Channel.SLACK, external_id=SIRI.user_id, via=Channel.SLACK)
    yield engine
    engine.dispose()


def every_row(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """The schema, and every table's rows in storage order."""
    with sqlite3.connect(database) as db:
        tables = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        found = {table: db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall() for table in tables}
        found["(schema)"] = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    db.close()
    return found


def test_a_backup_taken_while_another_connection_writes_restores_every_row(cli: Cli, live: Engine,
                                                                           tmp_path: Path) -> None:
    before = every_row(tmp_path / "live" / "forslagskassa.db")
    assert all(before[table] for table in ("submitters", "identities", "ideas", "events", "corrections", "outbox",
                                           "processed_keys", "audit_log", "alembic_version"))
    backup_file = tmp_path / "backups" / "loten.db"
    backup_file.parent.mkdir()

    with live.begin() as writer:  # a server's transaction, under way and holding the write lock
        writer.execute(text("UPDATE ideas SET title = 'skrevet under backupen'"))
        made = cli("backup", str(backup_file), data_dir=tmp_path / "live")

    assert made.exit_code == 0, made.output
    assert f"backed up 3 ideas (schema revision {head_revision()}) to {backup_file}" in made.output
    assert backup_file.stat().st_mode & 0o077 == 0  # names and ideas: for the owner's eyes only
    assert [path.name for path in backup_file.parent.iterdir()] == ["loten.db"]  # no -wal, no leftover
    restored = cli("restore", str(backup_file), "--yes", data_dir=tmp_path / "restored")
    assert restored.exit_code == 0, restored.output
    assert f"restored 3 ideas from {backup_file} into {tmp_path / 'restored' / 'forslagskassa.db'}" in restored.output
    assert every_row(tmp_path / "restored" / "forslagskassa.db") == before


def test_restore_replaces_what_the_database_held(cli: Cli, live: Engine, tmp_path: Path, org: OrgConfig) -> None:
    backup_file = tmp_path / "loten.db"
    assert cli("backup", str(backup_file), data_dir=tmp_path / "live").exit_code == 0
    expected = every_row(backup_file)
    with Session(live) as session, session.begin():  # written after the backup: the restore takes it away
        submit(session, org, text="Et forslag etter backupen")

    asked = cli("restore", str(backup_file), data_dir=tmp_path / "live", input="y\n")

    assert asked.exit_code == 0, asked.output
    assert "(4 ideas) with" in asked.output and "(3 ideas)?" in asked.output
    assert every_row(tmp_path / "live" / "forslagskassa.db") == expected
    with Session(live) as session:  # the server's own connections see the restored database
        assert session.execute(text("SELECT count(*) FROM ideas")).scalar() == 3


def test_restore_asks_first_and_changes_nothing_unless_confirmed(cli: Cli, live: Engine, tmp_path: Path) -> None:
    backup_file = tmp_path / "loten.db"
    assert cli("backup", str(backup_file), data_dir=tmp_path / "live").exit_code == 0
    other = tmp_path / "other"
    assert cli("db", "upgrade", data_dir=other).exit_code == 0
    before = every_row(other / "forslagskassa.db")

    refused = cli("restore", str(backup_file), data_dir=other, input="n\n")

    assert refused.exit_code == 1 and "nothing restored" in refused.output
    assert every_row(other / "forslagskassa.db") == before


def other_sqlite_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()


@pytest.mark.parametrize(("make", "message"), [
    (lambda path: path.write_text("id,text\n1,et forslag\n"), "not a SQLite database"),
    (lambda path: other_sqlite_database(path), "not one of Forslagskassa's"),
    (lambda path: None, "no such file"),
])
def test_restore_refuses_a_file_that_is_not_a_forslagskassa_backup(cli: Cli, live: Engine, tmp_path: Path,
                                                                   make: Callable[[Path], object],
                                                                   message: str) -> None:
    wrong = tmp_path / "wrong.db"
    make(wrong)
    before = every_row(tmp_path / "live" / "forslagskassa.db")

    refused = cli("restore", str(wrong), "--yes", data_dir=tmp_path / "live")

    assert refused.exit_code == 2 and message in refused.output
    assert every_row(tmp_path / "live" / "forslagskassa.db") == before


def test_restore_refuses_a_schema_this_version_does_not_know(cli: Cli, live: Engine, tmp_path: Path) -> None:
    backup_file = tmp_path / "loten.db"
    assert cli("backup", str(backup_file), data_dir=tmp_path / "live").exit_code == 0
    with sqlite3.connect(backup_file) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.close()

    refused = cli("restore", str(backup_file), "--yes", data_dir=tmp_path / "restored")

    assert refused.exit_code == 2 and "schema revision '9999' is not one this version" in refused.output
    assert not (tmp_path / "restored" / "forslagskassa.db").exists()


def test_backup_will_not_overwrite_the_database_itself(cli: Cli, live: Engine, tmp_path: Path) -> None:
    database = tmp_path / "live" / "forslagskassa.db"
    before = every_row(database)

    refused = cli("backup", str(database), data_dir=tmp_path / "live")

    assert refused.exit_code == 2 and "is the database itself" in refused.output
    assert every_row(database) == before


def test_on_postgresql_both_print_the_pg_tools_commands_without_the_password(cli: Cli, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://forslagskassa:hemmelig@db.loten.kommune.no:5432/forslag")

    backup = cli("backup", "loten.dump", data_dir=tmp_path / "data")
    restore = cli("restore", "loten.dump", "--yes", data_dir=tmp_path / "data")

    assert backup.exit_code == 2 and restore.exit_code == 2
    assert ("pg_dump --format=custom --host=db.loten.kommune.no --port=5432 --username=forslagskassa "
            "--dbname=forslag --file=loten.dump") in backup.output
    assert "pg_restore --clean --if-exists --no-owner --single-transaction" in restore.output
    assert "PGPASSWORD" in backup.output
    assert "hemmelig" not in backup.output + restore.output
    assert not (tmp_path / "loten.dump").exists()
