"""Forecast charts (PNG) with a Korean font loaded by file path (NanumGothic from the
koreanize-matplotlib package), so labels render on any machine without system fonts."""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure

from tools.common.charts import PooledCanvas, fix_layout, write_png

_drawn: dict[Path, str] = {}  # path → digest of what was last drawn there (this process)
_drawn_lock = threading.Lock()


@lru_cache(maxsize=1)
def korean_font() -> str:
    import koreanize_matplotlib

    path = Path(koreanize_matplotlib.__file__).parent / "fonts" / "NanumGothic.ttf"
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def forecast_chart(path: Path, title: str, history: pd.Series, forecast: pd.Series,
                   lower: pd.Series | None = None, upper: pd.Series | None = None,
                   unit: float = 1e6, unit_label: str = "백만원") -> Path:
    """Draw the chart to `path`, unless this process already drew the same chart there."""
    digest = _digest(title, history, forecast, lower, upper, unit, unit_label)
    with _drawn_lock:
        if _drawn.get(path) == digest and path.exists():
            return path
    family = korean_font()
    with matplotlib.rc_context({"font.family": family, "axes.unicode_minus": False}):
        fig = Figure(figsize=(8, 4), dpi=110)
        PooledCanvas(fig)
        ax = fig.add_subplot(1, 1, 1)
        ax.plot(history.index, history.to_numpy() / unit, color="#1f4e79", label="실적")
        ax.plot(forecast.index, forecast.to_numpy() / unit, color="#e67e22", marker="o", label="예측")
        if lower is not None and upper is not None:
            ax.fill_between(forecast.index, lower.to_numpy() / unit, upper.to_numpy() / unit,
                            color="#e67e22", alpha=0.2, label="80% 예측구간")
        ax.set_title(title)
        ax.set_ylabel(unit_label)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left")
        fig.autofmt_xdate()
        fix_layout(fig)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_png(fig, path)  # one draw on a pooled renderer, palette PNG
    with _drawn_lock:
        _drawn[path] = digest
    return path


def _digest(title: str, *parts) -> str:
    h = hashlib.blake2b(title.encode(), digest_size=16)
    for part in parts:
        if isinstance(part, pd.Series):
            h.update(repr(list(part.index.astype(str))).encode())
            h.update(part.to_numpy(dtype=float).tobytes())
        else:
            h.update(repr(part).encode())
        h.update(b"|")
    return h.hexdigest()
