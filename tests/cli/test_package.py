"""`forslagskassa package export` and `package remind` against a database that holds a package."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from docx import Document as WordDocument
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker
from typer.testing import CliRunner

from cli.main import app
from core import handling, packages
from core.notify import Kind
from core.orgconfig import load_org_config
from core.services import Services
from core.settings import Settings, get_settings
from core.unit_of_work import transaction
from storage.db import make_engine
from storage.models import OutboxMessage
from tests.conftest import LOTEN, SECRET
from tests.core.helpers import submit
from tests.fakes import StaticClassifier
from tests.people import ADMIN, OPPVEKST

TITLE = "Felles innkjøp av lisenser for skolene"


@pytest.fixture
def database(own_database: str, tmp_path):
    """barn-og-unge's package of phase 1 with one accepted idea saving 300 000 kr a year."""
    engine = make_engine(own_database)
    org = load_org_config(LOTEN)
    services = Services(settings=Settings(_env_file=None, data_dir=tmp_path, database_url=own_database,
                                          org_config=LOTEN, secret_key=SECRET),
                        org=org, engine=engine, session_factory=sessionmaker(engine), classifier=StaticClassifier())
    with transaction(services) as uow:
        idea = submit(uow.session, org, text=f"{TITLE}. Vi samler kjøpene.", anonymous=True)
        idea.title = TITLE
        handling.accept(uow=uow, actor=OPPVEKST, idea_id=idea.id)
        handling.estimate_saving(uow=uow, actor=OPPVEKST, idea_id=idea.id, amount_nok=300_000)
        packages.add(uow=uow, actor=OPPVEKST, focus_area="barn-og-unge", phase="fase-1", idea_id=idea.id)
    yield services
    engine.dispose()


@pytest.fixture
def cli(database, own_database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ORG_CONFIG", str(LOTEN))
    monkeypatch.setenv("DATABASE_URL", own_database)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args))
    get_settings.cache_clear()


def test_export_writes_each_format(cli, tmp_path):
    for fmt in ("docx", "pdf", "xlsx"):
        out = tmp_path / f"pakke.{fmt}"
        result = cli("package", "export", "barn-og-unge", "--phase", "fase-1", "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
        assert "fase-1, barn-og-unge, 1 ideas, draft" in result.output
    table = WordDocument(tmp_path / "pakke.docx").tables[1]
    assert TITLE in table.rows[1].cells[1].text
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "pakke.pdf").pages).split())
    assert TITLE in text
    rows = [list(row) for row in openpyxl.load_workbook(io.BytesIO((tmp_path / "pakke.xlsx").read_bytes()))
            .active.iter_rows(values_only=True)]
    assert ["Sum", None, 300_000] in [row[1:4] for row in rows]


@pytest.mark.parametrize(("args", "message"), [
    (("ukjent",), "Unknown focus area 'ukjent'"),
    (("barn-og-unge", "--phase", "fase-9"), "Unknown phase 'fase-9'"),
    (("barn-og-unge", "--format", "odt"), "unknown format 'odt'"),
])
def test_export_says_what_is_wrong(cli, tmp_path, args, message):
    result = cli("package", "export", *args, "--out", str(tmp_path / "x"))
    assert result.exit_code == 2 and message in result.output


def test_remind_queues_nothing_outside_the_window_and_nothing_without_a_chat(cli, database):
    # Løten's shipped config gives no commissioner a chat id, and today no phase is near its deadline.
    result = cli("package", "remind")
    assert result.exit_code == 0 and "0 package reminders queued" in result.output
    with database.session_factory() as session:
        assert session.scalars(select(OutboxMessage).where(OutboxMessage.kind == Kind.PACKAGE_REMINDER)).all() == []


def test_an_adopted_package_exports_with_its_case(cli, database, tmp_path):
    with transaction(database) as uow:
        packages.submit(uow=uow, actor=OPPVEKST, focus_area="barn-og-unge", phase="fase-1")
        packages.adopt(uow=uow, actor=ADMIN, focus_area="barn-og-unge", phase="fase-1", adopted_on=date(2026, 12, 10),
                       case_reference="PS 45/27")
    out = tmp_path / "vedtatt.docx"
    assert cli("package", "export", "barn-og-unge", "--phase", "fase-1", "--out", str(out)).exit_code == 0
    facts = WordDocument(out).tables[0]
    assert ["Saksnummer", "PS 45/27"] in [[c.text for c in row.cells] for row in facts.rows]


def test_check_config_prints_each_areas_share_and_the_reminders(cli):
    result = cli("check-config", str(LOTEN))
    assert "Area packages (reminders 14 days before the deadline):" in result.output
    assert "fase-1  Helse og livskvalitet (helse-og-livskvalitet)     share NOK 2,362,132  by the units' budgets" \
        in result.output
