"""`medrep demo` / `medrep train` hooks: rebuild the sales rollups when stale; `medrep doctor` row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.models import SalesRollupState
from data.rollup import refresh_sales_rollups, rollups_are_current

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext


def prepare(app: "AppContext") -> str:
    """Rebuild only when sales changed since the last rebuild (the demo load already built them)."""
    with app.session() as session:
        if rollups_are_current(session):
            state = session.get(SalesRollupState, 1)
            return f"매출 집계 테이블 최신 ({state.rollup_rows:,}행)"
        state = refresh_sales_rollups(session)
        session.commit()
    return f"매출 집계 테이블 재생성: 매출 {state.source_rows:,}행 → 집계 {state.rollup_rows:,}행 ({state.seconds:.1f}초)"


def train(app: "AppContext") -> str:
    return prepare(app)


def doctor(app: "AppContext") -> list[tuple[str, str, str]]:
    with app.session() as session:
        state = session.get(SalesRollupState, 1)
        if state is None:
            return [("sales rollups", "sales_rollup_*", "없음 — 보고서는 원본 매출 테이블로 계산(느림). `medrep train` 실행")]
        if not rollups_are_current(session):
            return [("sales rollups", "sales_rollup_*",
                     f"오래됨({state.refreshed_at:%Y-%m-%d %H:%M} 이후 매출 추가) — 원본 테이블로 계산 중, "
                     "`medrep train` 또는 야간 작업이 재생성")]
        return [("sales rollups", "sales_rollup_*",
                 f"OK ({state.rollup_rows:,}행, 매출 {state.source_rows:,}행 기준, {state.refreshed_at:%Y-%m-%d %H:%M} UTC)")]
