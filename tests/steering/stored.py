"""Where a text could have ended up: every row of every table, read as text."""

from __future__ import annotations

from sqlalchemy import Connection, MetaData, select


def tables_holding(connection: Connection, marker: str) -> list[str]:
    """The tables in which any column of any row contains `marker`, as the test's own transaction sees them."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    return [table.name for table in metadata.sorted_tables
            if any(marker in str(value) for row in connection.execute(select(table)) for value in row)]
