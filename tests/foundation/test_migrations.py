"""Models and migrations on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, select

from data.db import current_revisions, make_engine, make_session_factory, migrate_database
from data.models import Account, Base, MonthlySale, Product, Rep, Team, WikiPage, WikiRevision


def _roundtrip(url: str) -> None:
    engine = make_engine(url)
    migrate_database(engine)
    migrate_database(engine)  # idempotent
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert current_revisions(engine)
    Session = make_session_factory(engine)
    with Session() as session:
        team = Team(name="서울1팀", region="서울", provinces="서울")
        session.add(team)
        session.flush()
        rep = Rep(employee_no="HB000001", name="김민준", role="rep", team_id=team.id, email="a@x.kr")
        product = Product(code="P1", name="로수빛정 10mg", ingredient="rosuvastatin", atc_code="C10AA07",
                          therapeutic_area="이상지질혈증", unit_price=17400)
        session.add_all([rep, product])
        session.flush()
        account = Account(code="AC1", name="강남중앙병원", type="종합병원", province="서울", district="강남구",
                          owner_rep_id=rep.id)
        session.add(account)
        session.flush()
        session.add(MonthlySale(month=date(2026, 10, 1), rep_id=rep.id, account_id=account.id,
                                product_id=product.id, channel="원내", quantity=10, amount=174_000))
        page = WikiPage(slug="notes", title="노트")
        page.revisions.append(WikiRevision(number=1, title="노트", body="본문", author_rep_id=rep.id))
        session.add(page)
        session.commit()
        sale = session.scalar(select(MonthlySale))
        assert sale.id is not None and sale.amount == 174_000 and sale.month == date(2026, 10, 1)
        assert session.scalar(select(WikiPage)).revisions[0].body == "본문"
    engine.dispose()


def test_sqlite_schema_and_roundtrip(tmp_path):
    _roundtrip(f"sqlite:///{tmp_path / 'x.db'}")


@pytest.mark.postgres
def test_postgres_schema_and_roundtrip(pg_url):
    _roundtrip(pg_url)


@pytest.mark.postgres
def test_plain_postgresql_url_uses_psycopg3(pg_url):
    engine = make_engine(pg_url.replace("postgresql+psycopg://", "postgresql://"))
    assert engine.dialect.driver == "psycopg"


def test_schema_check_reads_the_same_heads_as_alembic(tmp_path):
    """`migrate_database` skips Alembic when the database is at the heads; the heads it reads
    from the scripts must be Alembic's own, and a database behind them is still upgraded."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text

    from data.db import MIGRATIONS_DIR, alembic_config, migrate_database, schema_is_current, script_heads

    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    assert script_heads() == set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
    assert MIGRATIONS_DIR.exists() and not schema_is_current(engine)
    migrate_database(engine)
    assert schema_is_current(engine)
    from alembic import command

    command.downgrade(alembic_config(engine), "0001_initial")
    assert not schema_is_current(engine)
    migrate_database(engine)
    assert schema_is_current(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sales_rollup_state")).scalar() == 0
