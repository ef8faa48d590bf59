"""What makes an offline turn fast must not change what it does: a chart drawn on a pooled
renderer is the chart a fresh renderer draws, and a turn's state saved once (at its end) still
carries the follow-up."""

from __future__ import annotations

import numpy as np
from PIL import Image

from agent.runtime import AgentRuntime
from agent.types import Turn
from tools.common import charts


def _draw(title: str, values: list[float]):
    fig, ax = charts.new_figure()
    ax.bar(range(len(values)), values, color=charts.PALETTE[0])
    charts.set_titles(ax, title)
    return fig


def _pixels(path) -> np.ndarray:
    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"))


def test_pooled_renderer_draws_what_a_fresh_one_draws(tmp_path):
    charts.write_png(_draw("앞 차트", [5, 1, 3]), tmp_path / "first.png")  # leaves its renderer in the pool
    pooled = tmp_path / "pooled.png"
    charts.write_png(_draw("둘째 차트 — 서울1팀", [1, 2, 3, 4]), pooled)
    charts._idle.clear()  # a fresh renderer for the same figure
    fresh = tmp_path / "fresh.png"
    charts.write_png(_draw("둘째 차트 — 서울1팀", [1, 2, 3, 4]), fresh)
    assert np.array_equal(_pixels(pooled), _pixels(fresh))
    with Image.open(pooled) as img:
        assert img.mode == "P" and img.size == (1100, 616)
    assert pooled.stat().st_size < 200_000


def test_turn_state_is_saved_once_and_the_follow_up_keeps_it(demo_app, caller, small_tools):
    runtime = AgentRuntime(demo_app, tools=small_tools)
    saves = []
    real_put = runtime.checkpointer.put

    def counted(*args, **kwargs):
        saves.append(1)
        return real_put(*args, **kwargs)

    runtime.checkpointer.put = counted
    rep = caller(demo_app, "rep")
    first = runtime.answer(Turn(caller=rep, thread_key="speed:1", text="지난달 제품별 실적 보여줘"))
    assert first.tool_calls and len(saves) == 1
    follow = runtime.answer(Turn(caller=rep, thread_key="speed:1", text="그럼 지난 분기는?"))
    assert follow.tool_calls[0].name == first.tool_calls[0].name
    assert follow.tool_calls[0].args.get("period") == "지난 분기"
    assert follow.tool_calls[0].args.get("group_by") == "product"
    runtime.close()
