"""the shared service category an idea was read as, kept with the idea and with each correction

Routing reads every idea as one category of the shared service vocabulary and the org's mapping turns it into an
area. A correction now records that category beside the area it was moved to, so each municipality's habits can
be seen per category. Existing ideas and corrections keep their areas; their category stays unknown (NULL).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("ideas", sa.Column("service", sa.String(length=64), nullable=True))
    op.add_column("corrections", sa.Column("service", sa.String(length=64), nullable=True))


def downgrade() -> None:
    # Not batch mode: on SQLite it would copy the table, and dropping the old copy would cascade to its events.
    op.execute("ALTER TABLE corrections DROP COLUMN service")
    op.execute("ALTER TABLE ideas DROP COLUMN service")
