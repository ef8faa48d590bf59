"""Migrations (Alembic, SQLite and PostgreSQL) and `open_app`: the kernel's application context
with the schema up to date. Engines and session factories come from `medrep.kernel.database`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from medrep.kernel.database import make_engine, make_session_factory  # noqa: F401 (re-exported)

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext
    from medrep.kernel.settings import Settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def open_app(settings: Settings | None = None, *, migrate: bool = True) -> AppContext:
    """The application context (kernel), with the schema brought to every head unless
    `migrate=False`. Created explicitly by the CLI, the server and tests."""
    from medrep.kernel import context

    return context.open_app(settings, migrate=migrate_database if migrate else None)


def alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate_database(engine: Engine) -> None:
    """Bring the schema to every head (capabilities may add their own migration branch)."""
    from alembic import command

    command.upgrade(alembic_config(engine), "heads")


def current_revisions(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())
