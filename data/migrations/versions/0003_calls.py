"""Call analysis (issue 15): the thread a call's result goes to, when it was posted (so it
is posted once), attempts, and the visit record it created.

Revision ID: 0003_calls
Revises: 0002_sales_rollups
Create Date: 2026-12-01 23:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_calls'
down_revision = '0002_sales_rollups'
branch_labels = ('calls',)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('call_recordings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thread_key', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('posted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('visit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_call_recordings_visit_id_visits'), 'visits', ['visit_id'], ['id'])
        batch_op.create_index('ix_call_recordings_status', ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('call_recordings', schema=None) as batch_op:
        batch_op.drop_index('ix_call_recordings_status')
        batch_op.drop_constraint(batch_op.f('fk_call_recordings_visit_id_visits'), type_='foreignkey')
        batch_op.drop_column('visit_id')
        batch_op.drop_column('attempts')
        batch_op.drop_column('posted_at')
        batch_op.drop_column('thread_key')
