"""Forecast answers from the registered champion's persisted forecasts (never trains).

When a series has no persisted forecast (no training yet, or a product cut of the
caller's own sales), the answer falls back to the seasonal-naive baseline computed from
actuals and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.access import Caller, rep_filter
from data.models import Prediction
from tools.common.periods import month_start
from tools.common.vocab import FORECAST_HORIZON_MAX
from tools.common.plumbing import ToolInputError
from tools.common.results import FileArtifact, ToolOutput
from tools.prediction.models import seasonal_naive
from tools.prediction.scope import SeriesTarget, rep_ids_of, resolve_series, visible_rep_list
from tools.prediction.series import load_panel
from tools.common.formatting import month_ko, markdown_table, format_won

MAX_HORIZON = FORECAST_HORIZON_MAX


@dataclass
class SeriesForecast:
    target: SeriesTarget
    months: list[date]
    yhat: list[float]
    lower: list[float | None]
    upper: list[float | None]
    source: str  # "model vN" or "baseline"


def stored_forecast(session: Session, caller: Caller, target: SeriesTarget, start: date) -> SeriesForecast | None:
    """The champion's persisted forecast for the series from `start` on (access in SQL)."""
    query = select(Prediction).where(Prediction.series_key == target.key, Prediction.month >= start)
    if target.scope in ("rep", "account", "team") and not caller.is_admin:
        query = query.where(rep_filter(caller, Prediction.rep_id) if target.scope != "team"
                            else Prediction.team_id == caller.team_id)
    rows = list(session.scalars(query.order_by(Prediction.month)))
    if not rows:
        return None
    return SeriesForecast(target, [r.month for r in rows], [r.yhat for r in rows], [r.yhat_lower for r in rows],
                          [r.yhat_upper for r in rows], f"모델 v{rows[0].model_version}")


def baseline_forecast(session: Session, caller: Caller, target: SeriesTarget, today: date,
                      horizon: int) -> SeriesForecast:
    rep_ids = rep_ids_of(session, target)
    if target.product_id is not None and not caller.is_admin:
        rep_ids = rep_ids or visible_rep_list(session, caller)
    scope = "total" if target.product_id is not None else target.scope
    ids = None if scope == "total" else [target.scope_id]
    panel = load_panel(session, scope, today, ids=ids, rep_ids=rep_ids if target.product_id else None,
                       product_id=target.product_id)
    if panel.empty or panel.shape[1] == 0:
        raise LookupError(f"{target.label}의 매출 실적이 없어 예측할 수 없습니다.")
    values = seasonal_naive(panel, horizon).iloc[:, 0]
    return SeriesForecast(target, [m.date() for m in values.index], list(values.to_numpy()),
                          [None] * horizon, [None] * horizon, "계절 단순 예측(학습 모델 없음)")


def series_forecast(session: Session, caller: Caller, target: SeriesTarget, today: date,
                    horizon: int) -> SeriesForecast:
    start = month_start(today)
    found = None if target.product_id is not None else stored_forecast(session, caller, target, start)
    # a stored forecast that does not start this month (trained for a later date) would leave a gap
    if found is None or len(found.months) < horizon or found.months[0] != start:
        return baseline_forecast(session, caller, target, today, horizon)
    return SeriesForecast(target, found.months[:horizon], found.yhat[:horizon], found.lower[:horizon],
                          found.upper[:horizon], found.source)


def forecast_sales(session: Session, caller: Caller, today: date, files_dir: Path | None,
                   scope: str | None = "total", name: str | None = None, horizon: int | None = 3) -> ToolOutput:
    horizon = int(horizon or 3)
    if not 1 <= horizon <= MAX_HORIZON:
        raise ToolInputError(f"예측 기간은 1~{MAX_HORIZON}개월 사이로 말씀해 주세요.")
    target = resolve_series(session, caller, scope, name)
    fc = series_forecast(session, caller, target, today, horizon)
    rows = []
    for month, y, lo, hi in zip(fc.months, fc.yhat, fc.lower, fc.upper):
        band = f"{format_won(lo)} ~ {format_won(hi)}" if lo is not None and hi is not None else "-"
        rows.append([month_ko(month), format_won(y), band])
    total = sum(fc.yhat)
    lines = [f"**{target.label} 매출 예측** (향후 {horizon}개월, {fc.source})"]
    if target.note:
        lines.append(f"_{target.note}_")
    lines += ["", markdown_table(["월", "예측 매출", "80% 예측구간"], rows), "",
              f"{horizon}개월 합계 예측: **{format_won(total)}**"]
    if fc.months and fc.months[0] == month_start(today):
        lines.append(f"※ {month_ko(fc.months[0])}은 진행 중인 달이라 월 전체 기준 예측입니다.")
    files = []
    if files_dir is not None:
        files.append(_chart(session, caller, target, today, fc, files_dir))
    data = {"series_key": target.key, "label": target.label, "source": fc.source,
            "forecast": [{"month": m.isoformat(), "yhat": y, "lower": lo, "upper": hi}
                         for m, y, lo, hi in zip(fc.months, fc.yhat, fc.lower, fc.upper)]}
    return ToolOutput(summary="\n".join(lines), data=data, files=files,
                      suggestions=["이번 분기 목표 달성 전망은?", "실적 개선을 위해 어떤 거래처를 방문할까?"])


def _chart(session: Session, caller: Caller, target: SeriesTarget, today: date, fc: SeriesForecast,
           files_dir: Path) -> FileArtifact:
    from tools.prediction.charts import forecast_chart

    rep_ids = rep_ids_of(session, target) if target.product_id else None
    if target.product_id is not None and not caller.is_admin:
        rep_ids = rep_ids or visible_rep_list(session, caller)
    scope = "total" if target.product_id is not None else target.scope
    panel = load_panel(session, scope, today, ids=None if scope == "total" else [target.scope_id],
                       rep_ids=rep_ids, product_id=target.product_id)
    history = panel.iloc[-24:, 0] if not panel.empty else pd.Series(dtype=float)
    index = pd.DatetimeIndex([pd.Timestamp(m) for m in fc.months])
    lower = pd.Series(fc.lower, index=index) if fc.lower and fc.lower[0] is not None else None
    upper = pd.Series(fc.upper, index=index) if fc.upper and fc.upper[0] is not None else None
    # a product cut shares its series key with the whole series: the product names its own file
    cut = f"_product_{target.product_id}" if target.product_id is not None else ""
    path = files_dir / f"forecast_{target.key.replace(':', '_')}{cut}_{today:%Y%m%d}.png"
    forecast_chart(path, f"{target.label} 매출 예측", history, pd.Series(fc.yhat, index=index), lower, upper)
    return FileArtifact(path=path, mime="image/png", title=f"{target.label} 매출 예측 차트")
