"""News and morning digests (issue 16): stories, their URLs, per-rep relevance, feedback,
the daily Naver quota, and job locks (a job runs once across replicas).

Revision ID: 0003_news_digest
Revises: 0002_sales_rollups
Create Date: 2026-12-01 21:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_news_digest'
down_revision = '0002_sales_rollups'
branch_labels = ('news',)
depends_on = None


def upgrade() -> None:
    op.create_table('news_stories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('title_key', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=1000), nullable=False),
    sa.Column('original_url', sa.String(length=1000), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('outlets', sa.Integer(), nullable=False),
    sa.Column('queries', sa.JSON(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_stories'))
    )
    with op.batch_alter_table('news_stories', schema=None) as batch_op:
        batch_op.create_index('ix_news_stories_published', ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_stories_title_key'), ['title_key'], unique=False)

    op.create_table('news_story_urls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['news_stories.id'], name=op.f('fk_news_story_urls_story_id_news_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_story_urls')),
    sa.UniqueConstraint('url', name=op.f('uq_news_story_urls_url'))
    )
    with op.batch_alter_table('news_story_urls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_story_urls_story_id'), ['story_id'], unique=False)

    op.create_table('news_relevance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_news_relevance_rep_id_reps')),
    sa.ForeignKeyConstraint(['story_id'], ['news_stories.id'], name=op.f('fk_news_relevance_story_id_news_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_relevance')),
    sa.UniqueConstraint('story_id', 'rep_id', name='uq_news_relevance_story_rep')
    )
    with op.batch_alter_table('news_relevance', schema=None) as batch_op:
        batch_op.create_index('ix_news_relevance_rep_score', ['rep_id', 'score'], unique=False)

    op.create_table('news_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['rep_id'], ['reps.id'], name=op.f('fk_news_feedback_rep_id_reps')),
    sa.ForeignKeyConstraint(['story_id'], ['news_stories.id'], name=op.f('fk_news_feedback_story_id_news_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_feedback'))
    )
    with op.batch_alter_table('news_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_feedback_rep_id'), ['rep_id'], unique=False)

    op.create_table('news_api_usage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('calls', sa.Integer(), nullable=False),
    sa.Column('exhausted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_api_usage')),
    sa.UniqueConstraint('day', name=op.f('uq_news_api_usage_day'))
    )
    op.create_table('job_locks',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('holder', sa.String(length=100), nullable=False),
    sa.Column('acquired_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_locks'))
    )


def downgrade() -> None:
    op.drop_table('job_locks')
    op.drop_table('news_api_usage')
    with op.batch_alter_table('news_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_feedback_rep_id'))
    op.drop_table('news_feedback')
    with op.batch_alter_table('news_relevance', schema=None) as batch_op:
        batch_op.drop_index('ix_news_relevance_rep_score')
    op.drop_table('news_relevance')
    with op.batch_alter_table('news_story_urls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_story_urls_story_id'))
    op.drop_table('news_story_urls')
    with op.batch_alter_table('news_stories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_stories_title_key'))
        batch_op.drop_index('ix_news_stories_published')
    op.drop_table('news_stories')
