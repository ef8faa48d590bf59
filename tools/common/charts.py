"""Matplotlib (Agg) set up for Korean text, shared by every chart maker.

The NanumGothic font shipped inside the installed `koreanize-matplotlib` package is
registered by file path, so Hangul renders without tofu boxes and without downloads.
Charts are sized for Slack (readable as a thumbnail) and saved as PNG well under 1 MB.

Saving is the slow part of a chart turn, so `save_png` draws on a pooled Agg renderer (its
pixel buffer and text-metrics cache live on across charts of the same size: tick labels and
legends repeat) and writes a 256-colour palette PNG (flat chart colours and anti-aliased text
fit in 256 colours; encoding is about twice as fast and the file a third of the size).
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image

FIGSIZE = (10.0, 5.6)  # inches; at DPI → 1100 × 616 px
DPI = 110
PALETTE = ("#1f5fa8", "#e0803a", "#3a9e5f", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4ac0d", "#16a085", "#a04000")


@lru_cache(maxsize=1)
def korean_font() -> str:
    """Register NanumGothic (regular and bold) and make it matplotlib's default; returns its name."""
    import koreanize_matplotlib  # noqa: F401  (only for its location; importing it also registers the fonts)

    fonts_dir = Path(koreanize_matplotlib.__file__).parent / "fonts"
    name = "NanumGothic"
    for path in sorted(fonts_dir.glob("NanumGothic*.ttf")):
        font_manager.fontManager.addfont(str(path))
        if path.stem == "NanumGothic":
            name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams.update({
        "font.family": name,
        "axes.unicode_minus": False,  # the Unicode minus is missing from NanumGothic
        "font.size": 13,
        "axes.titlesize": 18,
        "axes.titleweight": "bold",
        "axes.labelsize": 13,
        "xtick.labelsize": 12,
        "ytick.labelsize": 12,
        "legend.fontsize": 12,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    return name


PNG_COLOURS = 256
_POOL_PER_SIZE = 4  # idle renderers kept per (width, height, dpi): charts drawn at the same time
_POOL_SIZES = 8  # sizes kept (achievement charts grow with their rows); the least recent goes
_idle: OrderedDict[tuple, list[RendererAgg]] = OrderedDict()
_idle_lock = threading.Lock()


class PooledCanvas(FigureCanvasAgg):
    """An Agg canvas that borrows its renderer from a process-wide pool and gives it back
    after drawing (`release`). A renderer is used by one figure at a time; FigureCanvasAgg.draw
    clears it first, so nothing of the previous chart shows."""

    def get_renderer(self) -> RendererAgg:
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.release()
            with _idle_lock:
                pool = _idle.get(key)
                self.renderer = pool.pop() if pool else None
            if self.renderer is None:
                self.renderer = RendererAgg(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer

    def release(self) -> None:
        renderer, key = getattr(self, "renderer", None), self._lastKey
        if renderer is None or key is None:
            return
        with _idle_lock:
            pool = _idle.setdefault(key, [])
            _idle.move_to_end(key)
            if len(pool) < _POOL_PER_SIZE:
                pool.append(renderer)
            while len(_idle) > _POOL_SIZES:
                _idle.popitem(last=False)
        self.renderer, self._lastKey = None, None


def new_figure(figsize: tuple[float, float] = FIGSIZE) -> tuple[Figure, "plt.Axes"]:
    korean_font()
    fig = Figure(figsize=figsize, dpi=DPI)
    PooledCanvas(fig)
    ax = fig.add_subplot(1, 1, 1)
    return fig, ax


def save_png(fig: Figure, directory: Path, stem: str) -> Path:
    """Save under `directory` with a unique name; returns the path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{stem}-{uuid.uuid4().hex[:8]}.png"
    fix_layout(fig)
    write_png(fig, path)
    return path


def write_png(fig: Figure, path: Path) -> None:
    """Draw `fig` once and write it as a palette PNG (exact chart colours, no dithering)."""
    canvas = fig.canvas if isinstance(fig.canvas, PooledCanvas) else PooledCanvas(fig)
    try:
        canvas.draw()
        image = Image.frombuffer("RGBA", canvas.get_width_height(physical=True), canvas.buffer_rgba(),
                                 "raw", "RGBA", 0, 1).convert("RGB")
    finally:
        canvas.release()
    image = image.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    image.save(path, format="png", compress_level=1)


def fix_layout(fig: Figure) -> None:
    """Tight layout, then no layout engine: tight_layout leaves a placeholder engine behind,
    which makes savefig lay out (a whole extra draw, a third of the time) for nothing."""
    fig.tight_layout()
    fig.set_layout_engine(None)


def _em_width(text: str) -> float:
    """Rough width in ems: Hangul and CJK one em, Latin, digits and signs about 0.6."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)


def set_titles(ax, title: str, subtitle: str = "") -> None:
    """A bold title across the figure (shrunk to fit, never cut off when a legend narrows the
    plot) and, under it, a smaller line: what the bars are measured on, what is left out."""
    fig = ax.get_figure()
    width_pt = fig.get_figwidth() * 72 * 0.94
    size = max(11.0, min(18.0, width_pt / max(_em_width(title), 1.0)))
    fig.suptitle(title, fontsize=size, fontweight="bold")
    if subtitle:
        ax.set_title(subtitle, fontsize=12, fontweight="normal", color="#444444")


def legend_outside(ax, *args, **kwargs) -> None:
    """The legend to the right of the plot area, never over bars or lines (`save_png`'s
    tight layout makes room for it)."""
    ax.legend(*args, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, borderaxespad=0.0, **kwargs)


def headroom(ax, top: float, share: float = 0.14) -> None:
    """Room above the tallest bar for the labels written on top of the bars."""
    ax.set_ylim(0, max(top, 1e-9) * (1 + share))


def won_axis_label(max_value: float) -> tuple[float, str]:
    """A divisor and unit for a ₩ axis: 억원 for large values, 만원 otherwise."""
    if max_value >= 100_000_000:
        return 100_000_000, "억원"
    if max_value >= 10_000:
        return 10_000, "만원"
    return 1, "원"
