"""Routing quality through the full runtime, with stand-ins for every catalog tool so each
choice is a real tool call. `heldout_v4.jsonl` was the blind held-out set (written from the
catalog and issue 12 before the router change for v3's misses; 0.890 before that change).
`heldout_v3.jsonl` was the blind set before it (0.939) and is now a development set, as is
`heldout_v5.jsonl` (0.936 blind, then tuned on) and `heldout_v6.jsonl` (0.928 blind after the
v5-driven change, then tuned on). v7–v10 are development sets now; `heldout_v11.jsonl` is the
blind file of the seventh round, its test a regression guard only (LABELLING.md). `heldout_v2.jsonl` was written before the
generated training set, but the generator was written after seeing v2's first misses, so it
is optimistic; `heldout.jsonl` is the development set (its errors widened the training data and
it chose the clarification threshold)."""

from __future__ import annotations

import json

from agent.evaluate import NO_TOOL, evaluate_jsonl, matches, prefix_of
from agent.router.nlu import DATA_DIR, TRAIN_FILES, load_examples
from agent.runtime import AgentRuntime
from agent_testkit import PLANNED_ARGS
from tools.registry import tool_specs

BLIND_V11 = DATA_DIR / "heldout_v11.jsonl"  # the blind file of issue 12's seventh round (README)
DEV_V10 = DATA_DIR / "heldout_v10.jsonl"  # blind until its misses were read in the seventh round
DEV_V9 = DATA_DIR / "heldout_v9.jsonl"  # blind until its misses were read in the seventh round
DEV_V6 = DATA_DIR / "heldout_v6.jsonl"  # blind until issue 12's fifth round (0.928), now a development set
DEV_V5 = DATA_DIR / "heldout_v5.jsonl"  # blind until issue 12's fourth round (0.936), now a development set
BLIND = DATA_DIR / "heldout_v4.jsonl"  # written blind before the issue-12 change; its errors were read since
DEV_V3 = DATA_DIR / "heldout_v3.jsonl"  # the previous blind file, now a development set
HELDOUT = DATA_DIR / "heldout_v2.jsonl"  # held-out, seen once before the generator was written
DEV = DATA_DIR / "heldout.jsonl"  # development set
ALL_TOOLS = {spec.name for _, spec in tool_specs()} | set(PLANNED_ARGS)
# Measured on heldout_v2 after the generated training set (docs/agent.md "Measured"):
# 0.976 overall (360/369), out-of-scope answered without a tool 0.941 (48/51).
HELDOUT_ACCURACY = 0.95
OUT_OF_SCOPE_NO_TOOL = 0.90


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_evaluation_files_are_separate_and_cover_every_tool():
    train_texts, train_labels = load_examples(TRAIN_FILES)
    rows, dev = _rows(HELDOUT), _rows(DEV)
    assert len(rows) >= 300 and len(dev) >= 150
    assert not {r["text"] for r in rows} & set(train_texts)
    assert not {r["text"] for r in dev} & set(train_texts)
    assert not {r["text"] for r in rows} & {r["text"] for r in dev}
    # the held-out set asks about every capability (and, when written, every tool), as all three
    # roles, with ≥ 40 out-of-scope lines; a tool added later needs its own held-out lines
    assert {prefix_of(r["expect_tool"]) for r in rows if r["expect_tool"]} >= {prefix_of(n) for n in ALL_TOOLS}
    assert {r["as"] for r in rows} == {"김민준", "이서연", "박지훈"}
    assert sum(r["expect_tool"] is None for r in rows) >= 40
    # every tool can be learnt (training files or its manifest's examples), and so can out_of_scope
    examples = {spec.name for _, spec in tool_specs() if spec.examples}
    assert set(ALL_TOOLS) <= set(train_labels) | examples
    assert {"smalltalk", "followup", "out_of_scope"} <= set(train_labels)
    assert len(train_texts) >= 2000


def test_no_training_line_repeats_an_evaluation_line():
    """Every training file (hand-written, generated, written by other engineers) is apart from
    every evaluation file, also as a styled copy (same words without spaces, case, prefixes).
    One-word greetings ("안녕하세요", "hello") are bound to recur and are not counted."""
    from agent.router.data.generate import core

    evaluation = {core(r["text"]) for path in DATA_DIR.glob("heldout*.jsonl") for r in _rows(path)
                  if len(core(r["text"])) > 5}
    assert len(evaluation) > 1500
    for path in TRAIN_FILES:
        rows = _rows(path)
        assert rows, path
        assert not {core(r["text"]) for r in rows} & evaluation, path
        assert {r["intent"] for r in rows} <= ALL_TOOLS | {"smalltalk", "followup", "out_of_scope"}, path


def test_generated_training_set_is_reproducible():
    from agent.router.data.generate import OUT, generate

    rows = generate()
    assert OUT.read_text(encoding="utf-8") == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def test_expectation_matching():
    assert matches("sales_", "sales_chart") and not matches("sales_", "client_grades")
    assert matches("wiki_view", "wiki_view") and not matches("wiki_view", "wiki_list")
    assert prefix_of("anomaly_detect") == "anomaly_" and prefix_of("forecast_") == "forecast_"


def _evaluate(path, demo_app, stand_in_tools):
    runtime = AgentRuntime(demo_app, tools=stand_in_tools)
    result = evaluate_jsonl(path, app=demo_app, runtime=runtime)
    assert sum(v["n"] for v in result["by_capability"].values()) == result["n"]
    print(json.dumps({k: v for k, v in result.items() if k != "confusion"}, ensure_ascii=False))
    return result


def test_offline_router_accuracy_on_heldout_v2(demo_app, stand_in_tools):
    result = _evaluate(HELDOUT, demo_app, stand_in_tools)
    assert result["n"] >= 300
    assert result["accuracy"] >= HELDOUT_ACCURACY, result["errors"]
    assert result["by_capability"][NO_TOOL]["accuracy"] >= OUT_OF_SCOPE_NO_TOOL, result["errors"]
    assert set(result["by_capability"]) >= {prefix_of(n) for n in ALL_TOOLS}
    # the stand-ins were really called: every line was one logged turn
    from sqlalchemy import func, select
    from data.models import ConversationTurn
    with demo_app.session() as s:
        logged = s.scalar(select(func.count()).select_from(ConversationTurn).where(ConversationTurn.thread_key.like("eval:%")))
    assert logged == result["n"]


def test_offline_router_accuracy_on_blind_heldout_v4(demo_app, stand_in_tools):
    """Issue 12's bar: >= 0.95 overall, >= 0.9 in every capability, out of scope >= 0.9
    (README: 0.890 before the change, 0.979 after)."""
    rows = _rows(BLIND)
    others = set().union(*({r["text"] for r in _rows(f)} for f in (HELDOUT, DEV, DEV_V3)))
    assert not {r["text"] for r in rows} & (others | set(load_examples(TRAIN_FILES)[0]))
    result = _evaluate(BLIND, demo_app, stand_in_tools)
    assert result["n"] == len(rows) >= 150
    assert result["accuracy"] >= 0.95, result["errors"]
    assert min(v["accuracy"] for v in result["by_capability"].values()) >= 0.9, result["by_capability"]
    assert result["by_capability"][NO_TOOL]["n"] >= 15


def test_offline_router_accuracy_on_dev_v5(demo_app, stand_in_tools):
    """Development set (README): 0.936 (88/94) when it was blind and first evaluated; its misses
    were fixed with general templates, not its lines: 1.000 (94/94) after, every capability and
    out of scope included. The assertion leaves room for two misses."""
    rows = _rows(DEV_V5)
    others = set().union(*({r["text"] for r in _rows(f)} for f in (HELDOUT, DEV, DEV_V3, BLIND)))
    assert not {r["text"] for r in rows} & (others | set(load_examples(TRAIN_FILES)[0]))
    result = _evaluate(DEV_V5, demo_app, stand_in_tools)
    assert result["n"] == len(rows) >= 90
    assert result["accuracy"] >= 0.97, result["errors"]
    assert min(v["accuracy"] for v in result["by_capability"].values()) >= 0.9, result["by_capability"]


def test_offline_router_accuracy_on_dev_v6(demo_app, stand_in_tools):
    """Development set (LABELLING.md): 0.928 (167/180) when it was blind and last evaluated; its
    misses (listing vs analysing calls, rule questions about calls and targets, a planned
    hospitality amount, revising a draft, wiki create vs edit, coding/earnings/health out of
    scope) were fixed with general templates, not its lines: 1.000 (180/180) after. The
    assertion leaves room for five misses."""
    rows = _rows(DEV_V6)
    others = set().union(*({r["text"] for r in _rows(f)} for f in (HELDOUT, DEV, DEV_V3, BLIND, DEV_V5)))
    assert not {r["text"] for r in rows} & (others | set(load_examples(TRAIN_FILES)[0]))
    result = _evaluate(DEV_V6, demo_app, stand_in_tools)
    assert result["n"] == len(rows) >= 180
    assert result["accuracy"] >= 0.97, result["errors"]
    assert min(v["accuracy"] for v in result["by_capability"].values()) >= 0.9, result["by_capability"]
    assert result["by_capability"][NO_TOOL]["n"] >= 25


def test_offline_router_accuracy_on_dev_v3(demo_app, stand_in_tools):
    result = _evaluate(DEV_V3, demo_app, stand_in_tools)
    assert result["accuracy"] >= 0.95, result["errors"]


def test_offline_router_accuracy_on_dev_set(demo_app, stand_in_tools):
    result = _evaluate(DEV, demo_app, stand_in_tools)
    assert result["accuracy"] >= 0.96, result["errors"]


def test_offline_router_meets_issue_12_on_blind_heldout_v11(demo_app, stand_in_tools):
    """Issue 12's bar on the file written blind before the last change and scored once
    (README: 0.989, out of scope 32/32, every capability >= 0.9). A regression guard only:
    never tune on this file's lines — when it fails, write a new blind file first (LABELLING.md)."""
    result = _evaluate(BLIND_V11, demo_app, stand_in_tools)
    assert result["n"] == 180
    assert result["accuracy"] >= 0.95
    assert result["by_capability"][NO_TOOL]["accuracy"] >= 0.9
    assert min(v["accuracy"] for v in result["by_capability"].values()) >= 0.9, result["by_capability"]


def test_offline_router_accuracy_on_dev_v9_and_v10(demo_app, stand_in_tools):
    """Development sets since the seventh round: v9 0.950 blind -> 1.000, v10 0.922 blind ->
    0.967 at the end of the round (scored blind) -> 0.989 after its misses were read."""
    for path in (DEV_V9, DEV_V10):
        result = _evaluate(path, demo_app, stand_in_tools)
        assert result["accuracy"] >= 0.97, (path.name, result["errors"])
        assert result["by_capability"][NO_TOOL]["accuracy"] >= 0.9, (path.name, result["errors"])
