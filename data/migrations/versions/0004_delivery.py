"""Durable delivery (issue 19): an event receipt carries its lease, attempts, the computed
answer until it is delivered and the message it goes into, so a killed replica's acked events
are answered by another process, once.

Revision ID: 0004_delivery
Revises: 0002_sales_rollups
Create Date: 2026-12-02 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_delivery'
down_revision = '0002_sales_rollups'
branch_labels = ('delivery',)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('event_receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('owner', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('answer', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('reply_ts', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('reply_mode', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('delivered_at', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_event_receipts_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index('ix_event_receipts_user', ['platform', 'user_id', 'received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event_receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_event_receipts_user')
        batch_op.drop_index('ix_event_receipts_due')
        for name in ('delivered_at', 'reply_mode', 'reply_ts', 'answer', 'next_attempt_at', 'attempts',
                     'lease_until', 'owner', 'user_id'):
            batch_op.drop_column(name)
