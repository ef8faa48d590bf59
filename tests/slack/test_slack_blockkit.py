"""The Block Kit check (bot/slack/blockkit.py) catches every limit, and every message the
renderer builds passes it and the fake Web API's own rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.slack_rules import block_errors

from agent.types import Reply
from bot.slack.answer import render_answer
from bot.slack.blockkit import message_problems
from bot.slack.tables import cell_value, split_tables
from tools.common.results import Citation


def _section(text="x"):
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _table(rows=2, cols=2, text="a"):
    return {"type": "table", "rows": [[{"type": "raw_text", "text": text}] * cols] * rows}


def _feedback(value="up|1|k"):
    button = {"text": {"type": "plain_text", "text": "👍"}, "value": value}
    return {"type": "context_actions", "elements": [{"type": "feedback_buttons", "action_id": "f",
                                                     "positive_button": button, "negative_button": button}]}


@pytest.mark.parametrize("blocks,text,needle", [
    ([_section()] * 51, None, "51 blocks"),
    ([_section("x" * 3001)], None, "section text"),
    ([{"type": "markdown", "text": "x" * 6000}, {"type": "markdown", "text": "x" * 6001}], None, "12001"),
    ([_table(rows=101)], None, "101 table rows"),
    ([_table(cols=21)], None, "21 cells"),
    ([_table(), _table()], None, "one per message"),
    ([_table(rows=100, cols=20, text="가" * 6)], None, "12000 characters of table cells"),
    ([{"type": "table", "rows": [[{"type": "mrkdwn", "text": "a"}]]}], None, "not raw_text"),
    ([_feedback("v" * 2001)], None, "button value"),
    ([{**_section(), "block_id": "a"}, {**_section(), "block_id": "a"}], None, "duplicate block_id"),
    ([{"type": "blink"}], None, "unknown block type"),
    ([_section()], "t" * 40_001, "text over"),
])
def test_validator_catches_each_limit(blocks, text, needle):
    problems = message_problems(blocks, text)
    assert any(needle in p for p in problems), problems


def test_validator_accepts_a_message_at_the_limits():
    blocks = [{"type": "markdown", "text": "x" * 12_000}, _table(rows=100, cols=20, text="가" * 5), _feedback()]
    blocks += [_section("y" * 3000)] * 47
    assert len(blocks) == 50 and message_problems(blocks, "t" * 40_000) == []


REPLIES = {
    "plain": Reply(text="이번 달 실적은 **1,200만원**입니다."),
    "long text": Reply(text="\n".join(f"{i}번째 줄 " + "가나다" * 30 for i in range(600))),
    "two tables": Reply(text="| a | b |\n|---|---|\n| 1 | 2 |\n\n사이\n\n| c | d |\n|---|---|\n| 3 | 4 |"),
    "wide": Reply(text="| " + " | ".join(f"열{i}" for i in range(25)) + " |\n|" + "---|" * 25 + "\n| "
                  + " | ".join(str(i) for i in range(25)) + " |"),
    "tall": Reply(text="| 이름 | 값 |\n|---|---:|\n" + "\n".join(f"| 거래처{i} | {i:,} |" for i in range(300))),
    "fat cells": Reply(text="| 설명 |\n|---|\n" + "\n".join(f"| {'긴 설명 ' * 40} |" for _ in range(60))),
    "extras": Reply(text="본문", suggestions=[f"다음 질문 {i} " + "길게" * 40 for i in range(8)],
                    citations=[Citation(title=f"문서 {i}", source=f"doc{i}.md", link="https://x.example/d")
                               for i in range(30)]),
    "only table": Reply(text="| a |\n|---|\n| 1 |"),
}


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_every_rendered_message_is_valid(name, tmp_path: Path):
    answer = render_answer(REPLIES[name], feedback_key="7|slack:T:C:1.1", files_dir=tmp_path)
    for blocks in (answer.blocks(), answer.stop_blocks()):
        assert message_problems(blocks, answer.text) == [], name
        assert block_errors(blocks) is None, name
    assert sum(b["type"] == "table" for b in answer.blocks()) <= 1
    assert "".join(answer.stream_pieces()) == answer.markdown
    assert all(len(p) <= 600 for p in answer.stream_pieces())


def test_table_block_alignment_summary_and_xlsx(tmp_path: Path):
    answer = render_answer(REPLIES["tall"], files_dir=tmp_path)
    table = answer.table[0]
    assert [s["align"] for s in table["column_settings"]] == ["left", "right"]
    assert [c["text"] for c in table["rows"][1]] == ["거래처0", "0"] and len(table["rows"]) == 11
    assert "300행" in answer.table[1]["elements"][0]["text"]
    [xlsx] = answer.attachments
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx.path).active.iter_rows(values_only=True))
    assert len(rows) == 301 and rows[300] == ("거래처299", 299) and rows[2] == ("거래처1", 1)
    wide = render_answer(REPLIES["wide"], files_dir=tmp_path)
    assert len(wide.table[0]["rows"][0]) == 20 and wide.attachments  # 25 columns: first 20 + the file
    two = render_answer(REPLIES["two tables"])
    assert sum(b["type"] == "table" for b in two.blocks()) == 1
    assert "```" in two.blocks()[-1]["text"]  # the second table stays, monospaced


def test_split_tables_and_cell_values():
    parts = split_tables("앞\n| a | b |\n|---|---|\n| 1 | 2 |\n뒤\n```\n| 코드 | 안 |\n```")
    assert parts[0] == "앞" and parts[1].rows == [["a", "b"], ["1", "2"]] and parts[2].startswith("뒤")
    assert "| 코드 | 안 |" in parts[2]  # inside a fence it is text
    assert [cell_value(v) for v in ("1,200", "-3.5", "12%", "로수빛", "007")] == [1200, -3.5, "12%", "로수빛", "007"]
