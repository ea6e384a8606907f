"""participation kept as it happens: one row per person, month, area and activity

Replaces the two indexes the participation figures were counted from (`ix_ideas_participation`,
`ix_supports_participation`) by the table `participation`, filled here from the ideas, supports and colleagues'
comments there are, in the area each idea is in now (storage/models/participation.py keeps it from then on).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (activity, the acts as (person, area, created_at), rows to leave out)
SOURCES = (
    ("sent", "ideas i", "i.submitter_id", "i.created_at", "i.submitter_id IS NOT NULL"),
    ("supported", "supports s JOIN ideas i ON i.id = s.idea_id", "s.submitter_id", "s.created_at", "1 = 1"),
    ("commented", "comments c JOIN ideas i ON i.id = c.idea_id", "c.submitter_id", "c.created_at",
     "c.submitter_id IS NOT NULL AND c.voice <> 'handler'"),
)


def upgrade() -> None:
    op.create_table(
        "participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("area", sa.String(length=64), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("submitter_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["submitter_id"], ["submitters.id"],
                                name=op.f("fk_participation_submitter_id_submitters"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation")),
        sa.UniqueConstraint("month", "area", "activity", "submitter_id",
                            name="uq_participation_month_area_activity_person"),
    )
    op.create_index(op.f("ix_participation_submitter_id"), "participation", ["submitter_id"], unique=False)
    _fill()
    op.drop_index("ix_supports_participation", table_name="supports")
    op.drop_index("ix_ideas_participation", table_name="ideas")


def _fill() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    verb = "INSERT INTO" if postgres else "INSERT OR IGNORE INTO"
    tail = " ON CONFLICT DO NOTHING" if postgres else ""
    for activity, source, person, created, where in SOURCES:
        month = (f"to_char({created} AT TIME ZONE 'UTC', 'YYYY-MM')" if postgres
                 else f"strftime('%Y-%m', {created})")
        for area in ("COALESCE(i.focus_area, '')", "'*'"):
            for kind in (f"'{activity}'", "'participated'"):
                op.execute(f"{verb} participation (month, area, activity, submitter_id) "  # noqa: S608 - constants
                           f"SELECT DISTINCT {month}, {area}, {kind}, {person} FROM {source} WHERE {where}{tail}")


def downgrade() -> None:
    op.create_index("ix_ideas_participation", "ideas", ["created_at", "focus_area", "submitter_id"], unique=False)
    op.create_index("ix_supports_participation", "supports", ["created_at", "idea_id", "submitter_id"],
                    unique=False)
    op.drop_index(op.f("ix_participation_submitter_id"), table_name="participation")
    op.drop_table("participation")
