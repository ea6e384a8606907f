"""an idea's saving as a budget needs it: one-off cost, effect year and per-year amounts, a qualitative gain, and
the realised saving with its day

Existing ideas keep their estimated annual saving and have none of the new figures (NULL; no qualitative gain).
The follow-up sums the estimated and the realised saving per phase, area and unit in one pass over one covering
index, which replaces the two per-phase and per-unit indexes of 0007.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("one_off_cost_nok", "effect_year", "effect_amounts", "qualitative", "qualitative_text",
           "realised_saving_nok", "realised_on")


def upgrade() -> None:
    # Plain ADD COLUMNs: batch mode would copy the table on SQLite, and dropping the old copy would cascade to
    # every event and outbox row.
    op.add_column("ideas", sa.Column("one_off_cost_nok", sa.BigInteger(), nullable=True))
    op.add_column("ideas", sa.Column("effect_year", sa.Integer(), nullable=True))
    op.add_column("ideas", sa.Column("effect_amounts", sa.JSON(), nullable=True))
    op.add_column("ideas", sa.Column("qualitative", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("ideas", sa.Column("qualitative_text", sa.String(length=500), nullable=True))
    op.add_column("ideas", sa.Column("realised_saving_nok", sa.BigInteger(), nullable=True))
    op.add_column("ideas", sa.Column("realised_on", sa.Date(), nullable=True))
    op.drop_index("ix_ideas_unit_stats", table_name="ideas")
    op.drop_index("ix_ideas_phase_stats", table_name="ideas")
    op.create_index("ix_ideas_follow_up", "ideas", ["phase", "focus_area", "unit", "status", "estimated_saving_nok",
                                                    "realised_saving_nok"])


def downgrade() -> None:
    op.drop_index("ix_ideas_follow_up", table_name="ideas")
    op.create_index("ix_ideas_phase_stats", "ideas", ["phase", "status", "estimated_saving_nok"])
    op.create_index("ix_ideas_unit_stats", "ideas", ["unit", "status", "estimated_saving_nok"])
    for column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE ideas DROP COLUMN {column}")
