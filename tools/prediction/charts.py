"""Forecast charts (PNG) with a Korean font loaded by file path (NanumGothic from the
koreanize-matplotlib package), so labels render on any machine without system fonts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager


@lru_cache(maxsize=1)
def korean_font() -> str:
    import koreanize_matplotlib

    path = Path(koreanize_matplotlib.__file__).parent / "fonts" / "NanumGothic.ttf"
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def forecast_chart(path: Path, title: str, history: pd.Series, forecast: pd.Series,
                   lower: pd.Series | None = None, upper: pd.Series | None = None,
                   unit: float = 1e6, unit_label: str = "백만원") -> Path:
    family = korean_font()
    with plt.rc_context({"font.family": family, "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(8, 4), dpi=110)
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
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
        plt.close(fig)
    return path
