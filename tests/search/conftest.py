"""A demo world with the search content loaded and indexed once per session (~30 s);
tests get writable copies (database + index)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from medrep.app import open_app
from medrep.settings import Settings


def make_settings(home: Path) -> Settings:
    return Settings(_env_file=None, database_url=f"sqlite:///{home / 'medrep.db'}", medrep_home=home,
                    medrep_today="2026-11-20")


def _build(demo_world_dir: Path, target: Path, settings_factory) -> Path:
    if (target / "index" / "STAMP").exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_world_dir / "medrep.db", target / "medrep.db")
    app = open_app(settings_factory(target), migrate=False)
    from tools.search.lifecycle import prepare

    prepare(app)
    app.engine.dispose()
    return target


@pytest.fixture(scope="session")
def search_world_dir(demo_world_dir, tmp_path_factory) -> Path:
    return _build(demo_world_dir, tmp_path_factory.getbasetemp() / "search-world", make_settings)


@pytest.fixture(scope="session")
def search_app_ro(search_world_dir):
    return open_app(make_settings(search_world_dir), migrate=False)


@pytest.fixture
def search_app(search_world_dir, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(search_world_dir, home)
    app = open_app(make_settings(home), migrate=False)
    yield app
    app.engine.dispose()
