"""Application context: settings plus the database engine and session factory.

Created explicitly (never at import time) by the CLI, the server and tests.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Iterator

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


def open_app(settings: Settings | None = None, *, migrate: bool = True) -> AppContext:
    from data.db import make_engine, make_session_factory, migrate_database

    settings = settings or get_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    if migrate:
        migrate_database(engine)
    return AppContext(settings=settings, engine=engine, session_factory=make_session_factory(engine))
