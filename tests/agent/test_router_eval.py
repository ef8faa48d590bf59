"""Routing quality on the held-out set (written apart from the training set) through the
full runtime, with stand-ins for every catalog tool so each choice is a real tool call."""

from __future__ import annotations

import json

from agent.evaluate import evaluate_jsonl, matches, prefix_of
from agent.router.nlu import DATA_DIR, TRAIN_FILE, load_examples
from agent.runtime import AgentRuntime
from agent_testkit import PLANNED_ARGS
from tools.registry import tool_specs

HELDOUT = DATA_DIR / "heldout.jsonl"
ALL_TOOLS = {spec.name for _, spec in tool_specs()} | set(PLANNED_ARGS)


def test_heldout_is_separate_and_covers_every_tool():
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    train_texts, train_labels = load_examples(TRAIN_FILE)
    assert len(rows) >= 150
    assert not {r["text"] for r in rows} & set(train_texts)
    # every capability is asked about; every tool can be learnt (train.jsonl or its manifest's examples)
    assert {prefix_of(r["expect_tool"]) for r in rows} >= {prefix_of(n) for n in ALL_TOOLS}
    examples = {spec.name for _, spec in tool_specs() if spec.examples}
    assert set(ALL_TOOLS) <= set(train_labels) | examples


def test_expectation_matching():
    assert matches("sales_", "sales_chart") and not matches("sales_", "client_grades")
    assert matches("wiki_view", "wiki_view") and not matches("wiki_view", "wiki_list")
    assert prefix_of("anomaly_detect") == "anomaly_" and prefix_of("forecast_") == "forecast_"


def test_offline_router_accuracy_on_heldout(demo_app, stand_in_tools):
    runtime = AgentRuntime(demo_app, tools=stand_in_tools)
    result = evaluate_jsonl(HELDOUT, app=demo_app, runtime=runtime)
    assert result["n"] >= 150
    assert result["accuracy"] >= 0.90, result
    assert set(result["by_capability"]) >= {prefix_of(n) for n in ALL_TOOLS}
    assert sum(v["n"] for v in result["by_capability"].values()) == result["n"]
    assert result["p95_ms"] < 1000
    # the stand-ins were really called: every line made at most one tool call
    from sqlalchemy import func, select
    from data.models import ConversationTurn
    with demo_app.session() as s:
        logged = s.scalar(select(func.count()).select_from(ConversationTurn).where(ConversationTurn.thread_key.like("eval:%")))
    assert logged == result["n"]
    print(json.dumps(result, ensure_ascii=False))
