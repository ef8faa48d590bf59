"""Bot conversations (Teams conversation references for proactive messages) and the bot's
posted messages (message id -> conversation turn, for feedback).

Revision ID: 0003_bot_conversations
Revises: 0002_sales_rollups
Create Date: 2026-12-01 21:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_bot_conversations'
down_revision = '0002_sales_rollups'
branch_labels = ('teams',)
depends_on = None


def upgrade() -> None:
    op.create_table('bot_conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=10), nullable=False),
    sa.Column('conversation_id', sa.String(length=300), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.String(length=80), nullable=True),
    sa.Column('reference', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_bot_conversations_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bot_conversations')),
    sa.UniqueConstraint('conversation_id', name=op.f('uq_bot_conversations_conversation_id'))
    )
    with op.batch_alter_table('bot_conversations', schema=None) as batch_op:
        batch_op.create_index('ix_bot_conversations_rep', ['platform', 'rep_id', 'scope'], unique=False)

    op.create_table('bot_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=10), nullable=False),
    sa.Column('conversation_id', sa.String(length=300), nullable=False),
    sa.Column('activity_id', sa.String(length=200), nullable=False),
    sa.Column('turn_id', sa.Integer(), nullable=True),
    sa.Column('thread_key', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['turn_id'], ['conversation_turns.id'], name=op.f('fk_bot_messages_turn_id_conversation_turns')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bot_messages'))
    )
    with op.batch_alter_table('bot_messages', schema=None) as batch_op:
        batch_op.create_index('ix_bot_messages_activity', ['platform', 'conversation_id', 'activity_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bot_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_bot_messages_activity')
    op.drop_table('bot_messages')
    with op.batch_alter_table('bot_conversations', schema=None) as batch_op:
        batch_op.drop_index('ix_bot_conversations_rep')
    op.drop_table('bot_conversations')
