"""Multi-turn scripts (conversations.yml) through the real agent: offline router, the real
discovered tools, one thread per conversation. Follow-ups must keep period, scope, filters,
grouping and the last table; multi-part questions must make every call."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from agent.runtime import AgentRuntime
from agent.types import Turn
from data.db import open_app
from data.identity import resolve_caller
from medrep.kernel.settings import Settings

SCRIPTS = yaml.safe_load((Path(__file__).with_name("conversations.yml")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def world(search_world_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("conversations") / "home"
    shutil.copytree(search_world_dir, home)
    settings = Settings(_env_file=None, database_url=f"sqlite:///{home / 'medrep.db'}", medrep_home=home,
                        medrep_today="2026-11-20")
    app = open_app(settings, migrate=False)
    runtime = AgentRuntime(app)
    yield app, runtime
    runtime.close()
    app.engine.dispose()


def test_there_are_at_least_forty_conversations():
    assert len(SCRIPTS) >= 40 and len({c["name"] for c in SCRIPTS}) == len(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS, ids=[c["name"] for c in SCRIPTS])
def test_conversation(world, script):
    app, runtime = world
    with app.session() as session:
        caller = resolve_caller(session, script["as"])
    for i, turn in enumerate(script["turns"]):
        reply = runtime.answer(Turn(caller=caller, thread_key=f"script:{script['name']}", text=turn["text"]))
        where = f"{script['name']} turn {i + 1} {turn['text']!r}: {reply.text[:200]!r}"
        if turn["tool"] is None:
            assert not reply.tool_calls, where
        else:
            assert reply.tool_calls, where
            call = reply.tool_calls[-1]
            assert call.name == turn["tool"], (where, [(c.name, c.args) for c in reply.tool_calls])
            wanted = turn.get("args") or {}
            assert {k: call.args.get(k) for k in wanted} == wanted, (where, call.args)
            assert not set(turn.get("absent", [])) & set(call.args), (where, call.args)
            if "calls" in turn:
                assert [c.name for c in reply.tool_calls] == turn["calls"], where
        for fact in turn.get("says", []):
            assert fact in reply.text, (where, fact)
