"""`forslagskassa seed`: a realistic spread of synthetic ideas for the benchmarks, which never lands in a database
that already holds ideas unless asked to, and after which the service takes in real ideas as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from cli.main import app
from core import intake
from core.orgconfig import load_org_config
from core.settings import get_settings
from core.stats import follow_up
from storage.db import make_engine, make_session_factory
from storage.models import Channel, Event, Idea, OutboxMessage, Status, Submitter
from tests.conftest import LOTEN
from tests.fakes import StaticClassifier


@pytest.fixture
def seed(own_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., object]]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ORG_CONFIG", str(LOTEN))
    monkeypatch.setenv("DATABASE_URL", own_database)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, ["seed", *args])
    get_settings.cache_clear()


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = {model.__tablename__: connection.scalar(select(func.count()).select_from(model)) or 0
                 for model in (Idea, Event, OutboxMessage, Submitter)}
    engine.dispose()
    return found


def test_seed_spreads_ideas_like_real_use(seed, own_database: str):
    result = seed("--ideas", "2000", "--months", "12")
    assert result.exit_code == 0, result.output
    assert counts(own_database)["ideas"] == 2000
    engine = make_engine(own_database)
    with make_session_factory(engine)() as session:
        figures = follow_up(session=session, org=load_org_config(LOTEN))
    engine.dispose()
    assert all(figures["by_status"][s.value] > 0 for s in Status)
    assert set(figures["by_focus_area"]) == {"barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler", "triage"}
    assert 12 <= len(figures["by_month"]) <= 13
    assert figures["overdue"] > 0 and figures["savings"]["estimated_nok"] > 0
    assert figures["median_days_to_first_answer"] is not None and figures["outbox"]["dead"] > 0


def test_seed_refuses_a_database_with_ideas_unless_forced(seed, own_database: str):
    assert seed("--ideas", "10").exit_code == 0
    refused = seed("--ideas", "10")
    assert refused.exit_code == 2 and "already holds 10 ideas" in refused.output
    assert counts(own_database)["ideas"] == 10
    assert seed("--ideas", "10", "--force").exit_code == 0
    assert counts(own_database)["ideas"] == 20


def test_real_ideas_come_in_after_a_seed(seed, own_database: str):
    """The seed gives ids itself: the database's own id sequences must have moved past them (PostgreSQL), or
    the new idea's submitter and event would collide with seeded rows."""
    assert seed("--ideas", "50").exit_code == 0
    engine = make_engine(own_database)
    with make_session_factory(engine).begin() as session:
        ref = intake.SubmitterRef(channel=Channel.WEB, external_id="ny-ansatt")
        draft = intake.Draft(text="Et ekte forslag etter seeding", submitter=ref, channel=Channel.API)
        idea = intake.submit(session=session, draft=draft, classifier=StaticClassifier("barn-og-unge"),
                             org=load_org_config(LOTEN))
        session.flush()
        assert idea.id not in range(1, 51) and [event.kind.value for event in idea.events] == ["received"]
    engine.dispose()
