"""the day each idea was received, which lists order by instead of the exact time

Lists ordered by the exact time of receipt, and numbers were sequential: an anonymous idea between two named ideas
of one person gave them away. Lists now order by this day and then by the number, which new ideas draw at random.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAY = {
    "sqlite": "date(created_at)",
    "postgresql": "CAST(created_at AT TIME ZONE 'UTC' AS DATE)",
}
INDEXES = {
    "ix_ideas_received_on": ["received_on", "id"],
    "ix_ideas_status_received_on": ["status", "received_on", "id"],
    "ix_ideas_focus_area_received_on": ["focus_area", "received_on", "id"],
}


def upgrade() -> None:
    # A plain ADD COLUMN with a default for the rows already there (the application always gives the day): batch
    # mode would copy the table on SQLite, and dropping the old copy would cascade to every event and outbox row.
    op.add_column("ideas", sa.Column("received_on", sa.Date(), nullable=False, server_default="1970-01-01"))
    op.execute(f"UPDATE ideas SET received_on = {DAY[op.get_bind().dialect.name]}")
    for name, columns in INDEXES.items():
        op.create_index(name, "ideas", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="ideas")
    op.execute("ALTER TABLE ideas DROP COLUMN received_on")
