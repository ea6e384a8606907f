"""merged duplicates and participation statistics: indexes only

`ix_ideas_duplicate_of_id` finds the ideas merged into an original (shown under it); the two participation
indexes let the statistics count who sent and who supported per area and month off the index alone.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 13:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_ideas_duplicate_of_id", "ideas", ["duplicate_of_id"], unique=False)
    op.create_index("ix_ideas_participation", "ideas", ["created_at", "focus_area", "submitter_id"], unique=False)
    op.create_index("ix_supports_participation", "supports", ["created_at", "idea_id", "submitter_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_supports_participation", table_name="supports")
    op.drop_index("ix_ideas_participation", table_name="ideas")
    op.drop_index("ix_ideas_duplicate_of_id", table_name="ideas")
