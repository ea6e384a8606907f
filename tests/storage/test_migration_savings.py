"""Migration 0009 on a database in use: existing ideas keep their estimate and get none of the new figures; the
follow-up's covering index replaces the per-phase and per-unit ones; and back down, nothing of the ideas is lost."""

from datetime import UTC, date, datetime

from sqlalchemy import MetaData, Table, inspect, select

from storage.db import make_engine
from storage.migrate import downgrade, upgrade

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_existing_ideas_keep_their_estimate_and_the_new_figures_start_empty(own_database):
    downgrade(own_database, "0008")
    engine = make_engine(own_database)
    try:
        with engine.begin() as connection:
            ideas = Table("ideas", MetaData(), autoload_with=connection)
            connection.execute(ideas.insert().values(
                id=41, text="Felles innkjøp", status="implemented", channel="web", anonymous=False, abstained=False,
                shared=False, estimated_saving_nok=250_000, phase="fase-2", created_at=NOW, updated_at=NOW,
                received_on=NOW.date()))
        upgrade(own_database)
        with engine.begin() as connection:
            ideas = Table("ideas", MetaData(), autoload_with=connection)
            row = connection.execute(select(ideas).where(ideas.c.id == 41)).mappings().one()
            assert row["estimated_saving_nok"] == 250_000 and row["qualitative"] in (False, 0)
            assert [row[c] for c in ("one_off_cost_nok", "effect_year", "effect_amounts", "qualitative_text",
                                     "realised_saving_nok", "realised_on")] == [None] * 6
            connection.execute(ideas.update().where(ideas.c.id == 41).values(
                realised_saving_nok=200_000, realised_on=date(2026, 12, 1), effect_amounts={"2028": 100_000}))
        indexes = {i["name"] for i in inspect(engine).get_indexes("ideas")}
        assert "ix_ideas_follow_up" in indexes and not {"ix_ideas_phase_stats", "ix_ideas_unit_stats"} & indexes

        downgrade(own_database, "0008")
        with engine.begin() as connection:
            ideas = Table("ideas", MetaData(), autoload_with=connection)
            row = connection.execute(select(ideas).where(ideas.c.id == 41)).mappings().one()
        assert row["estimated_saving_nok"] == 250_000 and "realised_saving_nok" not in row
        assert {"ix_ideas_phase_stats", "ix_ideas_unit_stats"} <= {i["name"] for i in inspect(engine).get_indexes(
            "ideas")}
        upgrade(own_database)
    finally:
        engine.dispose()
