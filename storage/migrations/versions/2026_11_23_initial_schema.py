"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 17:48:59.297051
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('processed_keys',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_processed_keys'))
    )
    op.create_table('submitters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submitters'))
    )
    op.create_table('ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('focus_area', sa.String(length=64), nullable=True),
    sa.Column('sub_topic', sa.String(length=64), nullable=True),
    sa.Column('commissioner', sa.String(length=64), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('abstained', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('received', 'in_review', 'accepted', 'implemented', 'declined', 'duplicate', 'withdrawn', name='status', native_enum=False, length=32), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.Enum('web', 'api', 'slack', 'teams', name='channel', native_enum=False, length=32), nullable=False),
    sa.Column('submitter_id', sa.Integer(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('estimated_saving_nok', sa.BigInteger(), nullable=True),
    sa.Column('similar', sa.JSON(), nullable=True),
    sa.Column('source_key', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['ideas.id'], name=op.f('fk_ideas_duplicate_of_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitter_id'], ['submitters.id'], name=op.f('fk_ideas_submitter_id_submitters'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideas')),
    sa.UniqueConstraint('source_key', name=op.f('uq_ideas_source_key'))
    )
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideas_commissioner'), ['commissioner'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideas_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_ideas_focus_area_created_at', ['focus_area', 'created_at'], unique=False)
        batch_op.create_index('ix_ideas_status_created_at', ['status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideas_submitter_id'), ['submitter_id'], unique=False)

    op.create_table('identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submitter_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum('web', 'api', 'slack', 'teams', name='channel', native_enum=False, length=32), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('address', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submitter_id'], ['submitters.id'], name=op.f('fk_identities_submitter_id_submitters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identities')),
    sa.UniqueConstraint('channel', 'external_id', name=op.f('uq_identities_channel'))
    )
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identities_submitter_id'), ['submitter_id'], unique=False)

    op.create_table('corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('focus_area', sa.String(length=64), nullable=False),
    sa.Column('predicted', sa.String(length=64), nullable=True),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_corrections_idea_id_ideas'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections'))
    )
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrections_idea_id'), ['idea_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('received', 'status_changed', 'rerouted', 'saving_estimated', 'made_anonymous', 'submitter_erased', name='eventkind', native_enum=False, length=32), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('from_value', sa.String(length=64), nullable=True),
    sa.Column('to_value', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_events_idea_id_ideas'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_idea_id'), ['idea_id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.Enum('web', 'api', 'slack', 'teams', name='channel', native_enum=False, length=32), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'delivered', 'dead', name='outboxstate', native_enum=False, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_outbox_idea_id_ideas'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index('ix_outbox_state_next_attempt_at', ['state', 'next_attempt_at'], unique=False)




def downgrade() -> None:
    
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_next_attempt_at')
        batch_op.drop_index(batch_op.f('ix_outbox_idea_id'))

    op.drop_table('outbox')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_idea_id'))

    op.drop_table('events')
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrections_idea_id'))

    op.drop_table('corrections')
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identities_submitter_id'))

    op.drop_table('identities')
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ideas_submitter_id'))
        batch_op.drop_index('ix_ideas_status_created_at')
        batch_op.drop_index('ix_ideas_focus_area_created_at')
        batch_op.drop_index(batch_op.f('ix_ideas_created_at'))
        batch_op.drop_index(batch_op.f('ix_ideas_commissioner'))

    op.drop_table('ideas')
    op.drop_table('submitters')
    op.drop_table('processed_keys')

