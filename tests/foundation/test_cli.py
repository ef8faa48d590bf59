"""The `medrep` CLI on a fresh MEDREP_HOME: demo (idempotent), users, doctor."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from medrep.cli.main import app
from medrep.kernel.settings import get_settings


def _env(tmp_path):
    return {"MEDREP_HOME": str(tmp_path / "var"), "DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'medrep.db'}",
            "MEDREP_TODAY": "2026-11-20"}


def test_users_and_doctor_and_idempotent_demo(tmp_path, monkeypatch):
    for key, value in _env(tmp_path).items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        result = runner.invoke(app, ["users"])
        assert result.exit_code == 0 and "medrep demo" in result.output

        from data.db import open_app
        from data.demo.generator import generate_world

        generate_world(open_app(get_settings()))
        result = runner.invoke(app, ["users", "--json"])
        users = json.loads(result.output)
        assert {u["role"] for u in users} == {"rep", "manager", "admin"}
        assert users[0]["name"] == "김민준" and users[0]["slack_user_id"] == "UHB00001"

        result = runner.invoke(app, ["doctor"])
        assert result.exit_code == 0, result.output
        from data.db import script_heads

        assert "database" in result.output and f"OK ({','.join(sorted(script_heads()))})" in result.output

        # demo again: detects the world and does not duplicate it
        result = runner.invoke(app, ["demo", "--no-questions"])
        assert result.exit_code == 0, result.output
        assert "다시 만들지 않습니다" in result.output
        assert "1,500" in result.output
    finally:
        get_settings.cache_clear()


def test_doctor_reports_unreachable_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.setenv("MEDREP_HOME", str(tmp_path))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["doctor"])
        assert result.exit_code == 1 and "실패" in result.output
    finally:
        get_settings.cache_clear()


def test_sqlite_default_lives_under_medrep_home(tmp_path, monkeypatch):
    """Two homes, two databases: the default URL follows MEDREP_HOME, not the working directory."""
    from medrep.kernel.settings import Settings

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    first = Settings(_env_file=None, medrep_home=tmp_path / "a")
    second = Settings(_env_file=None, medrep_home=tmp_path / "b")
    assert first.database_url == f"sqlite:///{(tmp_path / 'a' / 'medrep.db').resolve()}"
    assert second.database_url != first.database_url
    assert Settings(_env_file=None, medrep_home=tmp_path / "a", database_url="sqlite:///x.db").database_url == "sqlite:///x.db"


def test_catalog_command_prints_and_writes_the_generated_catalog(tmp_path, monkeypatch):
    from tools import catalog

    result = CliRunner().invoke(app, ["catalog"])
    assert result.exit_code == 0 and result.output == catalog.render_catalog()
    target = tmp_path / "CATALOG.md"
    monkeypatch.setattr(catalog, "CATALOG_FILE", target)
    monkeypatch.setattr(catalog.write_catalog, "__defaults__", (target,))
    assert CliRunner().invoke(app, ["catalog", "--write"]).exit_code == 0
    assert target.read_text(encoding="utf-8") == catalog.render_catalog()
