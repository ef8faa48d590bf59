"""Monthly sales rollups (by region, by account, by product) and a targets month index, so
reports do not scan every sale.

Revision ID: 0002_sales_rollups
Revises: 0001_initial
Create Date: 2026-11-24 15:51:44.350268
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_sales_rollups'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sales_rollup_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_max_id', sa.BigInteger(), nullable=False),
    sa.Column('source_rows', sa.BigInteger(), nullable=False),
    sa.Column('rollup_rows', sa.BigInteger(), nullable=False),
    sa.Column('refreshed_at', sa.DateTime(), nullable=False),
    sa.Column('seconds', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_rollup_state'))
    )
    op.create_table('sales_rollup_product',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_sales_rollup_product_product_id_products')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_sales_rollup_product_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_rollup_product'))
    )
    with op.batch_alter_table('sales_rollup_product', schema=None) as batch_op:
        batch_op.create_index('ix_rollup_product_month', ['month'], unique=False)
        batch_op.create_index('ix_rollup_product_rep_month', ['rep_id', 'month'], unique=False)

    op.create_table('sales_rollup_region',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=4), nullable=False),
    sa.Column('province', sa.String(length=20), nullable=False),
    sa.Column('account_type', sa.String(length=20), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_sales_rollup_region_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_rollup_region'))
    )
    with op.batch_alter_table('sales_rollup_region', schema=None) as batch_op:
        batch_op.create_index('ix_rollup_region_month', ['month'], unique=False)
        batch_op.create_index('ix_rollup_region_rep_month', ['rep_id', 'month'], unique=False)

    op.create_table('sales_rollup_account',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_sales_rollup_account_account_id_accounts')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_sales_rollup_account_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_rollup_account'))
    )
    with op.batch_alter_table('sales_rollup_account', schema=None) as batch_op:
        batch_op.create_index('ix_rollup_account_account_month', ['account_id', 'month'], unique=False)
        batch_op.create_index('ix_rollup_account_month', ['month'], unique=False)
        batch_op.create_index('ix_rollup_account_rep_month', ['rep_id', 'month'], unique=False)

    with op.batch_alter_table('targets_monthly', schema=None) as batch_op:
        batch_op.create_index('ix_targets_month', ['month'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('targets_monthly', schema=None) as batch_op:
        batch_op.drop_index('ix_targets_month')

    with op.batch_alter_table('sales_rollup_account', schema=None) as batch_op:
        batch_op.drop_index('ix_rollup_account_rep_month')
        batch_op.drop_index('ix_rollup_account_month')
        batch_op.drop_index('ix_rollup_account_account_month')

    op.drop_table('sales_rollup_account')
    with op.batch_alter_table('sales_rollup_region', schema=None) as batch_op:
        batch_op.drop_index('ix_rollup_region_rep_month')
        batch_op.drop_index('ix_rollup_region_month')

    op.drop_table('sales_rollup_region')
    with op.batch_alter_table('sales_rollup_product', schema=None) as batch_op:
        batch_op.drop_index('ix_rollup_product_rep_month')
        batch_op.drop_index('ix_rollup_product_month')

    op.drop_table('sales_rollup_product')
    op.drop_table('sales_rollup_state')
