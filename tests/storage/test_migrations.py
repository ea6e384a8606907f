"""The schema is made only by migrations, and they produce exactly what the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from storage.migrate import downgrade, upgrade
from storage.models import Base


def test_migrations_from_empty_match_the_models(engine: Engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_downgrade_and_upgrade_again(database_url: str, engine: Engine):
    downgrade(database_url, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(database_url)
    assert {"ideas", "events", "submitters", "identities", "outbox", "corrections"} <= set(
        inspect(engine).get_table_names())
