"""The in-process memo of anomaly scans and forecast charts: same answers, recomputed when the
data (or the chart's content) changes."""

from __future__ import annotations

import struct

import numpy as np
import pandas as pd
from sqlalchemy import select

from data.models import MonthlySale
from tools.common.periods import add_months, month_start, parse_period
from tools.prediction import anomaly


def _as_tuples(found):
    return [(a.level, sorted(a.keys.items()), a.month, a.actual, a.expected, a.z, a.iso_score) for a in found]


def test_scan_is_memoised_per_data_version(demo_app, monkeypatch):
    today = demo_app.today()
    window = parse_period("최근 12개월", today).month_list()
    calls = []
    real_scan = anomaly._scan
    monkeypatch.setattr(anomaly, "_scan", lambda *a: calls.append(1) or real_scan(*a))
    anomaly._SCANS.clear()
    with demo_app.session() as session:
        first = anomaly.detect(session, today, window, None)
        first[0].keys["mutated"] = 1  # a caller's copy: the memo must not see this
        second = anomaly.detect(session, today, window, None)
        assert len(calls) == 1
        end = add_months(month_start(today), -1)
        uncached = real_scan(session, end, [m for m in window if m <= end], None, None, None, anomaly.LEVELS)
        assert _as_tuples(second) == _as_tuples(uncached)
        assert "mutated" not in second[0].keys

        # a load appends rows: a 50x month for one account × product must be scanned afresh
        row = session.scalars(select(MonthlySale).where(MonthlySale.month == add_months(end, -3))
                              .order_by(MonthlySale.amount.desc())).first()
        session.add(MonthlySale(month=row.month, rep_id=row.rep_id, account_id=row.account_id,
                                product_id=row.product_id, channel=row.channel, quantity=row.quantity * 50,
                                amount=row.amount * 50))
        session.flush()
        third = anomaly.detect(session, today, window, None)
        assert len(calls) == 2
        hit = [a for a in third if a.month == row.month and a.kind == "spike"
               and a.keys.get("account_id") == row.account_id and a.keys.get("product_id") == row.product_id]
        assert hit and hit[0].actual >= row.amount * 51
        session.rollback()


def _png_size(path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_forecast_chart_is_redrawn_only_when_its_content_changes(tmp_path):
    from tools.prediction.charts import forecast_chart

    history = pd.Series(np.arange(1, 25) * 1e8, index=pd.date_range("2024-11-01", periods=24, freq="MS"))
    forecast = pd.Series([2.5e9, 2.6e9, 2.7e9], index=pd.date_range("2026-11-01", periods=3, freq="MS"))
    path = tmp_path / "forecast_total.png"
    forecast_chart(path, "전체 매출 예측", history, forecast, forecast * 0.9, forecast * 1.1)
    assert _png_size(path) == (880, 440)  # 8 × 4 in at 110 dpi
    drawn = path.stat().st_mtime_ns
    forecast_chart(path, "전체 매출 예측", history, forecast.copy(), forecast * 0.9, forecast * 1.1)
    assert path.stat().st_mtime_ns == drawn
    forecast_chart(path, "전체 매출 예측", history, forecast * 2, forecast * 0.9, forecast * 1.1)
    assert path.stat().st_mtime_ns != drawn
    path.unlink()
    forecast_chart(path, "전체 매출 예측", history, forecast * 2, forecast * 0.9, forecast * 1.1)
    assert path.exists()
