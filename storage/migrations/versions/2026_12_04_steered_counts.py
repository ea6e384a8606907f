"""counts of messages steered away from the suggestion box, per month, intent and channel

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('steered_counts',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('intent', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.Enum('web', 'api', 'slack', 'teams', name='channel', native_enum=False, length=32), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('month', 'intent', 'channel', name=op.f('pk_steered_counts'))
    )


def downgrade() -> None:
    op.drop_table('steered_counts')
