"""the area package: each commissioner's package of ideas per (focus area, phase), its items in order, its history

`packages` holds one row per (focus area, phase) with its state (draft, submitted, adopted) and, once adopted,
the date and the council's case reference. `package_items` keeps the ideas in order; the phase is repeated there
so that a unique key keeps an idea in at most one package of a phase. `package_events` is the package's own
append-only history (the ideas' histories get their events in `events`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("focus_area", sa.String(length=64), nullable=False),
        sa.Column("phase", sa.String(length=64), nullable=False),
        sa.Column("state", sa.Enum("draft", "submitted", "adopted", name="packagestate", native_enum=False,
                                   length=32), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("case_reference", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_packages")),
        sa.UniqueConstraint("focus_area", "phase", name=op.f("uq_packages_focus_area")),
    )
    op.create_index(op.f("ix_packages_phase"), "packages", ["phase"], unique=False)
    op.create_table(
        "package_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("assessment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["package_id"], ["packages.id"], name=op.f("fk_package_items_package_id_packages"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_package_items_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_items")),
        sa.UniqueConstraint("phase", "idea_id", name=op.f("uq_package_items_phase")),
    )
    op.create_index("ix_package_items_package_id_position", "package_items", ["package_id", "position"],
                    unique=False)
    op.create_index("ix_package_items_idea_id", "package_items", ["idea_id"], unique=False)
    op.create_table(
        "package_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("opened", "idea_added", "idea_removed", "reordered", "assessed", "submitted", "sent_back",
                                  "adopted", name="packageeventkind", native_enum=False, length=32),
                  nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["package_id"], ["packages.id"],
                                name=op.f("fk_package_events_package_id_packages"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_package_events_idea_id_ideas"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_events")),
    )
    op.create_index(op.f("ix_package_events_package_id"), "package_events", ["package_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_package_events_package_id"), table_name="package_events")
    op.drop_table("package_events")
    op.drop_index("ix_package_items_idea_id", table_name="package_items")
    op.drop_index("ix_package_items_package_id_position", table_name="package_items")
    op.drop_table("package_items")
    op.drop_index(op.f("ix_packages_phase"), table_name="packages")
    op.drop_table("packages")
