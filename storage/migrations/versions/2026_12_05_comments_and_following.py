"""colleagues' comments on shared ideas, their reports, following an idea, and how each follower is told

`comments` keep the writer's person row only for their rate limit, their copy and erasure; `comment_reports` one
row per (comment, person); `follows` a person's own choice to follow an idea or not; `notification_settings` the
digest each person chose; `follow_news` what waits for a daily or weekly digest.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("submitter_id", sa.Integer(), nullable=True),
        sa.Column("voice", sa.Enum("colleague", "submitter", "handler", name="voice", native_enum=False,
                                   length=32), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=True),
        sa.Column("staff_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_by", sa.String(length=100), nullable=True),
        _fk("comments", "idea_id", "ideas", "CASCADE"),
        _fk("comments", "submitter_id", "submitters", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    op.create_index("ix_comments_idea_id_created_at", "comments", ["idea_id", "created_at"], unique=False)
    op.create_index("ix_comments_submitter_id_created_at", "comments", ["submitter_id", "created_at"], unique=False)
    op.create_table(
        "comment_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("submitter_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("comment_reports", "comment_id", "comments", "CASCADE"),
        _fk("comment_reports", "submitter_id", "submitters", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_reports")),
        sa.UniqueConstraint("comment_id", "submitter_id", name=op.f("uq_comment_reports_comment_id")),
    )
    op.create_index("ix_comment_reports_submitter_id", "comment_reports", ["submitter_id"], unique=False)
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("submitter_id", sa.Integer(), nullable=False),
        sa.Column("following", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("follows", "idea_id", "ideas", "CASCADE"),
        _fk("follows", "submitter_id", "submitters", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follows")),
        sa.UniqueConstraint("idea_id", "submitter_id", name=op.f("uq_follows_idea_id")),
    )
    op.create_index("ix_follows_submitter_id", "follows", ["submitter_id"], unique=False)
    op.create_table(
        "notification_settings",
        sa.Column("submitter_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.Enum("immediate", "daily", "weekly", name="digest", native_enum=False, length=32),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("notification_settings", "submitter_id", "submitters", "CASCADE"),
        sa.PrimaryKeyConstraint("submitter_id", name=op.f("pk_notification_settings")),
    )
    op.create_table(
        "follow_news",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submitter_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("follow_news", "submitter_id", "submitters", "CASCADE"),
        _fk("follow_news", "idea_id", "ideas", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_news")),
    )
    op.create_index("ix_follow_news_submitter_id", "follow_news", ["submitter_id"], unique=False)
    op.create_index(op.f("ix_follow_news_idea_id"), "follow_news", ["idea_id"], unique=False)


def downgrade() -> None:
    op.drop_table("follow_news")
    op.drop_table("notification_settings")
    op.drop_table("follows")
    op.drop_table("comment_reports")
    op.drop_table("comments")
