"""Shared fixtures: the demo world (built once per test session), callers, PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from data.access import Caller
from data.db import open_app
from data.models import Rep, Team
from medrep.kernel.context import AppContext
from medrep.kernel.settings import Settings

DEMO_TODAY = "2026-11-20"
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def make_settings(home: Path, database_url: str | None = None, **overrides) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url or f"sqlite:///{home / 'medrep.db'}",
        medrep_home=home,
        medrep_today=DEMO_TODAY,
        **overrides,
    )


@pytest.fixture(scope="session")
def demo_world_dir(tmp_path_factory) -> Path:
    """A demo world generated once; tests get copies (`demo_app`) or share it read-only."""
    from data.demo.generator import generate_world

    home = tmp_path_factory.mktemp("demo-world")
    app = open_app(make_settings(home))
    generate_world(app)
    app.engine.dispose()
    return home


@pytest.fixture(scope="session")
def demo_app_ro(demo_world_dir) -> AppContext:
    """Session-wide demo world. Do not write to it."""
    return open_app(make_settings(demo_world_dir), migrate=False)


@pytest.fixture
def demo_app(demo_world_dir, tmp_path) -> AppContext:
    """A private, writable copy of the demo world with its own MEDREP_HOME."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(demo_world_dir / "medrep.db", home / "medrep.db")
    shutil.copy(demo_world_dir / "demo_world.json", home / "demo_world.json")
    app = open_app(make_settings(home), migrate=False)
    yield app
    app.engine.dispose()


@pytest.fixture
def caller():
    """`caller(app, role, team=None)` → a Caller for a demo person of that role (and team name)."""

    def pick(app: AppContext, role: str = "rep", team: str | None = None) -> Caller:
        with app.session() as session:
            query = select(Rep).where(Rep.role == role).order_by(Rep.id)
            if team is not None:
                query = query.join(Team, Team.id == Rep.team_id).where(Team.name == team)
            rep = session.scalars(query).first()
            assert rep is not None, f"no demo {role} in {team}"
            return Caller.from_rep(rep)

    return pick


@pytest.fixture
def foreign_account():
    """`foreign_account(session, rep_id)` → the name of another rep's account that is no namesake
    of the rep's own (a rep saying "영등포중앙약국" means theirs, stored as "영등포중앙약국(영등포)")."""

    def pick(session, rep_id: int) -> str:
        from data.models import Account

        mine = {n.split("(")[0] for n in session.scalars(select(Account.name).where(Account.owner_rep_id == rep_id))}
        others = session.scalars(select(Account.name).where(Account.owner_rep_id != rep_id,
                                                            Account.owner_rep_id.is_not(None)).order_by(Account.id))
        return next(n for n in others if n.split("(")[0] not in mine)

    return pick


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database on the local server, dropped afterwards."""
    name = f"medrep_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def settings_factory():
    """`settings_factory(home, database_url=None, **overrides)` → Settings pinned to the demo date."""
    return make_settings


@pytest.fixture(scope="session")
def search_world_dir(demo_world_dir, tmp_path_factory) -> Path:
    """The demo world with search content ingested and indexed once per session (~30 s)."""
    target = tmp_path_factory.getbasetemp() / "search-world"
    target.mkdir(parents=True)
    shutil.copy(demo_world_dir / "medrep.db", target / "medrep.db")
    app = open_app(make_settings(target), migrate=False)
    from tools.search.lifecycle import prepare

    prepare(app)
    app.engine.dispose()
    return target


@pytest.fixture(scope="session")
def search_app_ro(search_world_dir) -> AppContext:
    return open_app(make_settings(search_world_dir), migrate=False)


@pytest.fixture
def search_app(search_world_dir, tmp_path) -> AppContext:
    """A writable copy of the indexed demo world (database + index)."""
    home = tmp_path / "home"
    shutil.copytree(search_world_dir, home)
    app = open_app(make_settings(home), migrate=False)
    yield app
    app.engine.dispose()
