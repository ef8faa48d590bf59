"""Initial schema: organisation, catalog, sales, activity, knowledge, insights, operations.

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-24 14:25:33.876431
"""
from alembic import op
import sqlalchemy as sa


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('event_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=10), nullable=False),
    sa.Column('event_id', sa.String(length=200), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_receipts')),
    sa.UniqueConstraint('event_id', name=op.f('uq_event_receipts_event_id'))
    )
    op.create_table('news_articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('original_url', sa.String(length=1000), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('query', sa.String(length=200), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_articles')),
    sa.UniqueConstraint('url', name=op.f('uq_news_articles_url'))
    )
    op.create_table('products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('ingredient', sa.String(length=80), nullable=False),
    sa.Column('atc_code', sa.String(length=10), nullable=False),
    sa.Column('therapeutic_area', sa.String(length=40), nullable=False),
    sa.Column('unit_price', sa.Integer(), nullable=False),
    sa.Column('launched_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('code', name=op.f('uq_products_code')),
    sa.UniqueConstraint('name', name=op.f('uq_products_name'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_atc_code'), ['atc_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_therapeutic_area'), ['therapeutic_area'], unique=False)

    op.create_table('teams',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('region', sa.String(length=40), nullable=False),
    sa.Column('provinces', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams')),
    sa.UniqueConstraint('name', name=op.f('uq_teams_name'))
    )
    op.create_table('reps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_no', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('slack_user_id', sa.String(length=40), nullable=True),
    sa.Column('teams_user_id', sa.String(length=80), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('hired_on', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_reps_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reps')),
    sa.UniqueConstraint('email', name=op.f('uq_reps_email')),
    sa.UniqueConstraint('employee_no', name=op.f('uq_reps_employee_no')),
    sa.UniqueConstraint('slack_user_id', name=op.f('uq_reps_slack_user_id')),
    sa.UniqueConstraint('teams_user_id', name=op.f('uq_reps_teams_user_id'))
    )
    with op.batch_alter_table('reps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reps_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_reps_team_id'), ['team_id'], unique=False)

    op.create_table('accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('province', sa.String(length=20), nullable=False),
    sa.Column('district', sa.String(length=30), nullable=False),
    sa.Column('specialty', sa.String(length=30), nullable=True),
    sa.Column('beds', sa.Integer(), nullable=False),
    sa.Column('owner_rep_id', sa.Integer(), nullable=True),
    sa.Column('opened_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['owner_rep_id'], ['reps.id'], name=op.f('fk_accounts_owner_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    sa.UniqueConstraint('code', name=op.f('uq_accounts_code'))
    )
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accounts_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_owner_rep_id'), ['owner_rep_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_type'), ['type'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_rep_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_rep_id'], ['reps.id'], name=op.f('fk_audit_log_actor_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('conversation_turns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=True),
    sa.Column('platform', sa.String(length=10), nullable=False),
    sa.Column('thread_key', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tool_calls', sa.JSON(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('latency_ms', sa.Integer(), nullable=False),
    sa.Column('reply_text', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('backend', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_conversation_turns_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_turns'))
    )
    with op.batch_alter_table('conversation_turns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_turns_rep_id'), ['rep_id'], unique=False)
        batch_op.create_index('ix_turns_thread', ['thread_key', 'created_at'], unique=False)

    op.create_table('digest_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('send_time', sa.String(length=5), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(), nullable=True),
    sa.Column('last_digest', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_digest_subscriptions_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_subscriptions')),
    sa.UniqueConstraint('rep_id', name=op.f('uq_digest_subscriptions_rep_id'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('source_type', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('product_codes', sa.String(length=200), nullable=False),
    sa.Column('visibility', sa.String(length=10), nullable=False),
    sa.Column('visibility_team_id', sa.Integer(), nullable=True),
    sa.Column('visibility_role', sa.String(length=10), nullable=True),
    sa.Column('owner_rep_id', sa.Integer(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_rep_id'], ['reps.id'], name=op.f('fk_documents_owner_rep_id_reps')),
    sa.ForeignKeyConstraint(['visibility_team_id'], ['teams.id'], name=op.f('fk_documents_visibility_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('source', name=op.f('uq_documents_source'))
    )
    op.create_table('predictions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('series_key', sa.String(length=80), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('scope_id', sa.Integer(), nullable=True),
    sa.Column('rep_id', sa.Integer(), nullable=True),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('model_name', sa.String(length=40), nullable=False),
    sa.Column('model_version', sa.String(length=40), nullable=False),
    sa.Column('yhat', sa.Float(), nullable=False),
    sa.Column('yhat_lower', sa.Float(), nullable=True),
    sa.Column('yhat_upper', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_predictions_rep_id_reps')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_predictions_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_predictions'))
    )
    with op.batch_alter_table('predictions', schema=None) as batch_op:
        batch_op.create_index('ix_predictions_series', ['series_key', 'month'], unique=False)

    op.create_table('targets_monthly',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_targets_monthly_product_id_products')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_targets_monthly_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_targets_monthly'))
    )
    with op.batch_alter_table('targets_monthly', schema=None) as batch_op:
        batch_op.create_index('ix_targets_rep_month', ['rep_id', 'month'], unique=False)

    op.create_table('uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=True),
    sa.Column('platform', sa.String(length=10), nullable=False),
    sa.Column('thread_key', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_uploads_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uploads'))
    )
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uploads_rep_id'), ['rep_id'], unique=False)

    op.create_table('wiki_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('visibility', sa.String(length=10), nullable=False),
    sa.Column('visibility_team_id', sa.Integer(), nullable=True),
    sa.Column('visibility_role', sa.String(length=10), nullable=True),
    sa.Column('owner_rep_id', sa.Integer(), nullable=True),
    sa.Column('current_revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_rep_id'], ['reps.id'], name=op.f('fk_wiki_pages_owner_rep_id_reps')),
    sa.ForeignKeyConstraint(['visibility_team_id'], ['teams.id'], name=op.f('fk_wiki_pages_visibility_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wiki_pages')),
    sa.UniqueConstraint('slug', name=op.f('uq_wiki_pages_slug'))
    )
    op.create_table('call_recordings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('upload_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('transcript', sa.Text(), nullable=True),
    sa.Column('analysis', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_call_recordings_account_id_accounts')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_call_recordings_rep_id_reps')),
    sa.ForeignKeyConstraint(['upload_id'], ['uploads.id'], name=op.f('fk_call_recordings_upload_id_uploads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_recordings'))
    )
    with op.batch_alter_table('call_recordings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_recordings_rep_id'), ['rep_id'], unique=False)

    op.create_table('document_chunks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_chunks_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_chunks'))
    )
    with op.batch_alter_table('document_chunks', schema=None) as batch_op:
        batch_op.create_index('ix_chunks_document', ['document_id', 'ordinal'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=True),
    sa.Column('turn_id', sa.Integer(), nullable=True),
    sa.Column('thread_key', sa.String(length=200), nullable=False),
    sa.Column('value', sa.String(length=10), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_feedback_rep_id_reps')),
    sa.ForeignKeyConstraint(['turn_id'], ['conversation_turns.id'], name=op.f('fk_feedback_turn_id_conversation_turns')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    op.create_table('news_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_news_matches_account_id_accounts')),
    sa.ForeignKeyConstraint(['article_id'], ['news_articles.id'], name=op.f('fk_news_matches_article_id_news_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_news_matches_product_id_products')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_news_matches_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_matches')),
    sa.UniqueConstraint('article_id', 'rep_id', name='uq_news_match_article_rep')
    )
    with op.batch_alter_table('news_matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_matches_rep_id'), ['rep_id'], unique=False)

    op.create_table('sales_monthly',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=4), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_sales_monthly_account_id_accounts')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_sales_monthly_product_id_products')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_sales_monthly_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_monthly'))
    )
    with op.batch_alter_table('sales_monthly', schema=None) as batch_op:
        batch_op.create_index('ix_sales_account_month', ['account_id', 'month'], unique=False)
        batch_op.create_index('ix_sales_month', ['month'], unique=False)
        batch_op.create_index('ix_sales_product_month', ['product_id', 'month'], unique=False)
        batch_op.create_index('ix_sales_rep_month', ['rep_id', 'month'], unique=False)

    op.create_table('visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('visited_at', sa.DateTime(), nullable=False),
    sa.Column('contact_name', sa.String(length=40), nullable=True),
    sa.Column('purpose', sa.String(length=30), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_visits_account_id_accounts')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_visits_product_id_products')),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_visits_rep_id_reps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index('ix_visits_account_time', ['account_id', 'visited_at'], unique=False)
        batch_op.create_index('ix_visits_rep_time', ['rep_id', 'visited_at'], unique=False)

    op.create_table('wiki_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_rep_id', sa.Integer(), nullable=True),
    sa.Column('comment', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_rep_id'], ['reps.id'], name=op.f('fk_wiki_revisions_author_rep_id_reps')),
    sa.ForeignKeyConstraint(['page_id'], ['wiki_pages.id'], name=op.f('fk_wiki_revisions_page_id_wiki_pages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wiki_revisions')),
    sa.UniqueConstraint('page_id', 'number', name='uq_wiki_revision_number')
    )


def downgrade() -> None:
    op.drop_table('wiki_revisions')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_rep_time')
        batch_op.drop_index('ix_visits_account_time')

    op.drop_table('visits')
    with op.batch_alter_table('sales_monthly', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_rep_month')
        batch_op.drop_index('ix_sales_product_month')
        batch_op.drop_index('ix_sales_month')
        batch_op.drop_index('ix_sales_account_month')

    op.drop_table('sales_monthly')
    with op.batch_alter_table('news_matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_matches_rep_id'))

    op.drop_table('news_matches')
    op.drop_table('feedback')
    with op.batch_alter_table('document_chunks', schema=None) as batch_op:
        batch_op.drop_index('ix_chunks_document')

    op.drop_table('document_chunks')
    with op.batch_alter_table('call_recordings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_recordings_rep_id'))

    op.drop_table('call_recordings')
    op.drop_table('wiki_pages')
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uploads_rep_id'))

    op.drop_table('uploads')
    with op.batch_alter_table('targets_monthly', schema=None) as batch_op:
        batch_op.drop_index('ix_targets_rep_month')

    op.drop_table('targets_monthly')
    with op.batch_alter_table('predictions', schema=None) as batch_op:
        batch_op.drop_index('ix_predictions_series')

    op.drop_table('predictions')
    op.drop_table('documents')
    op.drop_table('digest_subscriptions')
    with op.batch_alter_table('conversation_turns', schema=None) as batch_op:
        batch_op.drop_index('ix_turns_thread')
        batch_op.drop_index(batch_op.f('ix_conversation_turns_rep_id'))

    op.drop_table('conversation_turns')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accounts_type'))
        batch_op.drop_index(batch_op.f('ix_accounts_province'))
        batch_op.drop_index(batch_op.f('ix_accounts_owner_rep_id'))
        batch_op.drop_index(batch_op.f('ix_accounts_name'))

    op.drop_table('accounts')
    with op.batch_alter_table('reps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reps_team_id'))
        batch_op.drop_index(batch_op.f('ix_reps_name'))

    op.drop_table('reps')
    op.drop_table('teams')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_therapeutic_area'))
        batch_op.drop_index(batch_op.f('ix_products_atc_code'))

    op.drop_table('products')
    op.drop_table('news_articles')
    op.drop_table('event_receipts')
