"""Migrations (Alembic, SQLite and PostgreSQL) and `open_app`: the kernel's application context
with the schema up to date. Engines and session factories come from `medrep.kernel.database`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

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
    """Bring the schema to every head (capabilities may add their own migration branch).
    A database already at the heads is left alone without loading Alembic, which keeps a
    one-question `medrep ask` fast."""
    if schema_is_current(engine):
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "heads")


_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision[^=\n]*=\s*(.+)$", re.M)


def script_heads() -> set[str]:
    """The head revisions of the migration scripts, read from their source (no Alembic)."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found:
            revisions.add(found.group(1))
        down = _DOWN_REVISION.search(source)
        if down:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return revisions - parents


def schema_is_current(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            current = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    except Exception:  # no version table yet: a new database
        return False
    return bool(current) and current == script_heads()


def current_revisions(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())
