"""`medrep init`: migrations and the checkpointer setup once, under a lock, idempotent; two
replicas' init steps starting together on a fresh database both succeed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from data.db import script_heads


def _env(home: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDREP_", "REDIS_", "DATABASE_", "SLACK_"))}
    env.update(DATABASE_URL=database_url, MEDREP_HOME=str(home), MEDREP_TODAY="2026-11-20")
    return env


@pytest.mark.postgres
def test_two_inits_in_parallel_on_a_fresh_postgres_database_both_succeed(pg_url, tmp_path):
    medrep = [sys.executable, "-m", "medrep.cli.main", "init"]
    root = Path(__file__).resolve().parents[2]
    runs = [subprocess.Popen(medrep, cwd=root, env=_env(tmp_path / f"home{i}", pg_url),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err[-2000:] for _, err in outputs]
    reports = [json.loads(out) for out, _ in outputs]
    assert sorted(r["migrated"] for r in reports) == [False, True]  # one migrated, the other waited and found it done
    assert all(r["checkpointer"] == "postgres" for r in reports)
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            heads = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
            tables = set(inspect(connection).get_table_names())
            checkpoint_versions = connection.execute(text("SELECT COUNT(*) FROM checkpoint_migrations")).scalar()
    finally:
        engine.dispose()
    assert heads == script_heads()
    assert {"reps", "uploads", "checkpoints", "checkpoint_writes"} <= tables and checkpoint_versions > 0
    again = subprocess.run(medrep, cwd=root, env=_env(tmp_path / "home0", pg_url), capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0 and json.loads(again.stdout)["migrated"] is False


def test_init_on_sqlite_is_locked_and_idempotent(tmp_path, settings_factory):
    from medrep.cli.init import run_init

    settings = settings_factory(tmp_path / "home")
    reports, errors = [], []

    def run():
        try:
            reports.append(run_init(settings))
        except Exception as exc:  # pragma: no cover - the failure is reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    assert sorted(r["migrated"] for r in reports) == [False, True]
    assert set(reports[0]["revisions"]) == script_heads()
    assert (tmp_path / "home" / "agent" / "checkpoints.sqlite").is_file()
