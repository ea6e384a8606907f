"""ideas shared with colleagues, and colleagues' support: one per person per idea

`ideas.shared` is the submitter's (or the handler's) choice under the org's `sharing: opt_in` policy; existing
ideas stay unshared. `supports` holds one row per (idea, person), the unique key that makes a double click or
two channels of one person count once.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: batch mode would copy the table on SQLite, and dropping the old copy would cascade to
    # every event and outbox row.
    op.add_column("ideas", sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_ideas_shared_received_on", "ideas", ["shared", "received_on", "id"], unique=False)
    op.create_table(
        "supports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("submitter_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_supports_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["submitter_id"], ["submitters.id"],
                                name=op.f("fk_supports_submitter_id_submitters"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supports")),
        sa.UniqueConstraint("idea_id", "submitter_id", name=op.f("uq_supports_idea_id")),
    )
    op.create_index("ix_supports_submitter_id", "supports", ["submitter_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_supports_submitter_id", table_name="supports")
    op.drop_table("supports")
    op.drop_index("ix_ideas_shared_received_on", table_name="ideas")
    op.execute("ALTER TABLE ideas DROP COLUMN shared")
