"""Documents and compliance (issue 14): versioned drafts (visit reports, briefing plans)
and expenditure report rows (지출보고서).

Revision ID: 0003_documents
Revises: 0002_sales_rollups
Create Date: 2026-12-01 21:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_documents'
down_revision = '0002_sales_rollups'
branch_labels = ('documents',)
depends_on = None


def upgrade() -> None:
    op.create_table('document_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_key', sa.String(length=80), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('doc_date', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('file_path', sa.String(length=400), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_document_drafts_account_id_accounts')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_document_drafts_rep_id_reps')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_document_drafts_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_drafts'))
    )
    with op.batch_alter_table('document_drafts', schema=None) as batch_op:
        batch_op.create_index('ix_document_drafts_key_version', ['draft_key', 'version'], unique=True)
        batch_op.create_index(batch_op.f('ix_document_drafts_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_drafts_rep_id'), ['rep_id'], unique=False)

    op.create_table('expenditure_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('draft_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=80), nullable=False),
    sa.Column('institution', sa.String(length=80), nullable=False),
    sa.Column('benefit_date', sa.Date(), nullable=False),
    sa.Column('benefit_type', sa.String(length=30), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_expenditure_reports_account_id_accounts')),
    sa.ForeignKeyConstraint(['draft_id'], ['document_drafts.id'], name=op.f('fk_expenditure_reports_draft_id_document_drafts')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_expenditure_reports_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expenditure_reports'))
    )
    with op.batch_alter_table('expenditure_reports', schema=None) as batch_op:
        batch_op.create_index('ix_expenditure_reports_rep_date', ['rep_id', 'benefit_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('expenditure_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_expenditure_reports_rep_date')

    op.drop_table('expenditure_reports')
    with op.batch_alter_table('document_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_drafts_rep_id'))
        batch_op.drop_index(batch_op.f('ix_document_drafts_account_id'))
        batch_op.drop_index('ix_document_drafts_key_version')

    op.drop_table('document_drafts')
