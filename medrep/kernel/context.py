"""Application context: settings plus the database engine and session factory.

Created explicitly (never at import time) by the CLI, the server and tests, normally through
`data.db.open_app`, which also brings the schema up to date (migrations belong to `data/`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from medrep.kernel.settings import Settings, get_settings


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.session_factory() as session:
            yield session

    def today(self) -> date:
        return today(self.settings)


def today(settings: Settings) -> date:
    """The business date. MEDREP_TODAY pins it (demo world, tests); otherwise Seoul's date."""
    if settings.medrep_today:
        return date.fromisoformat(settings.medrep_today)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(settings.medrep_timezone)).date()


def open_app(settings: Settings | None = None, *,
             migrate: Callable[[Engine], None] | bool | None = None) -> AppContext:
    """Connect (no schema change unless `migrate` is a migration function, e.g.
    `data.db.migrate_database`). Use `data.db.open_app` to connect and migrate."""
    from medrep.kernel.database import make_engine, make_session_factory

    if migrate is True:
        raise TypeError("the kernel does not know the schema: use data.db.open_app(..., migrate=True)")
    settings = settings or get_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    if callable(migrate):
        migrate(engine)
    return AppContext(settings=settings, engine=engine, session_factory=make_session_factory(engine))
