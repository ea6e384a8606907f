"""Migration 0014 on a database in use: the participation figures the dashboard showed before are the same after
the rows are filled, and kept from then on; back down, nothing of the ideas is lost."""

from datetime import UTC, datetime

from sqlalchemy import MetaData, Table, inspect, select
from sqlalchemy.orm import Session

from core.stats import follow_up
from storage.db import make_engine
from storage.migrate import downgrade, upgrade
from storage.models import Participation
from storage.participation import rebuild

BEFORE = "0013"
NOW = datetime(2026, 3, 15, 12, tzinfo=UTC)
FEB, MAR = datetime(2026, 2, 10, 9, tzinfo=UTC), datetime(2026, 3, 2, 9, tzinfo=UTC)
B, H = "barn-og-unge", "helse-og-livskvalitet"


def test_the_figures_after_the_rows_are_filled_are_those_counted_by_hand(own_database, org):
    downgrade(own_database, BEFORE)
    engine = make_engine(own_database)
    try:
        with engine.begin() as connection:
            tables = {name: Table(name, MetaData(), autoload_with=connection)
                      for name in ("submitters", "ideas", "supports", "comments")}
            connection.execute(tables["submitters"].insert(), [
                {"id": n, "display_name": name, "locale": "nb", "created_at": FEB}
                for n, name in ((1, "Kari"), (2, "Per"), (3, "Anne"), (4, "Ola"))])
            idea = {"status": "received", "channel": "web", "anonymous": False, "abstained": False, "shared": True,
                    "qualitative": False}
            connection.execute(tables["ideas"].insert(), [
                idea | {"id": 11, "text": "a", "focus_area": B, "submitter_id": 1, "created_at": FEB,
                        "updated_at": FEB, "received_on": FEB.date()},
                idea | {"id": 12, "text": "b", "focus_area": None, "submitter_id": 2, "created_at": MAR,
                        "updated_at": MAR, "received_on": MAR.date()},
                idea | {"id": 13, "text": "c", "focus_area": H, "submitter_id": 1, "created_at": MAR,
                        "updated_at": MAR, "received_on": MAR.date()}])
            connection.execute(tables["supports"].insert(), [
                {"idea_id": 11, "submitter_id": 3, "created_at": FEB},
                {"idea_id": 13, "submitter_id": 3, "created_at": MAR},
                {"idea_id": 13, "submitter_id": 2, "created_at": MAR}])
            connection.execute(tables["comments"].insert(), [
                {"idea_id": 13, "submitter_id": 4, "voice": "colleague", "text": "Bra", "created_at": MAR},
                {"idea_id": 11, "submitter_id": 2, "voice": "handler", "text": "Svar", "created_at": MAR}])
        upgrade(own_database)

        with Session(engine) as session:
            months = follow_up(session=session, org=org, now=NOW)["participation"]["by_month"]
            filled = _rows(session)
            rebuild(session)
            assert _rows(session) == filled, "the migration and rebuild() fill the same rows"
        assert months["2026-02"]["all"] == _counts(sent=1, supported=1, participated=2)
        assert months["2026-03"]["all"] == _counts(sent=2, supported=2, commented=1, participated=4)
        assert months["2026-03"]["triage"] == _counts(sent=1, participated=1)
        assert months["2026-03"][H] == _counts(sent=1, supported=2, commented=1, participated=4)
        assert "ix_ideas_participation" not in {i["name"] for i in inspect(engine).get_indexes("ideas")}

        downgrade(own_database, BEFORE)
        with engine.begin() as connection:
            assert len(connection.execute(select(Table("ideas", MetaData(), autoload_with=connection))).all()) == 3
        assert "participation" not in inspect(engine).get_table_names()
        upgrade(own_database)
    finally:
        engine.dispose()


def _rows(session: Session) -> set[tuple[str, str, str, int]]:
    return {(r.month, r.area, r.activity, r.submitter_id) for r in session.scalars(select(Participation))}


def _counts(**given: int) -> dict[str, float | int]:
    counts = {name: given.get(name, 0) for name in ("sent", "supported", "commented", "participated")}
    return {**counts, **{f"share_{name}": round(n / 4, 4) for name, n in counts.items()}}
