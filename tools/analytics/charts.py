"""Report charts: monthly trend with target line, achievement bars, product mix, regions, and
the ranked rows of a table (top/bottom N accounts, products, reps…) as bars."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from matplotlib.ticker import StrMethodFormatter
from sqlalchemy.orm import Session

from tools.common.formatting import format_pct, format_won
from tools.analytics.report import Report, build_report
from tools.analytics.scope import Scope
from tools.common.charts import PALETTE, headroom, legend_outside, new_figure, save_png, set_titles, won_axis_label
from tools.common.periods import Period, add_months, describe
from tools.common.plumbing import ToolInputError
from tools.common.vocab import CHART_KIND_LABELS, GROUP_LABELS

KINDS = CHART_KIND_LABELS
TREND_MIN_MONTHS = 12
TREND_WIDEN_BELOW = 3  # "이번 달 추이" → 12 months; "최근 6개월 추이" → those 6
MAX_BARS = 40  # achievement bars in one chart (all 32 products fit); more: the largest, said in the title
COMPARE_BARS = 10
RANKING_BARS = 10  # a ranking chart without a count shows the top 10
TITLES = {"trend": "월별 실적 추이", "achievement": "달성률", "product_mix": "제품 믹스", "region": "지역별 실적"}


def chart_report(session: Session, scope: Scope, period: Period, today: date, kind: str,
                 group_by: str = "product", top_n: int | None = None, order: str = "desc") -> Report:
    """The report a chart draws: trend → months (a month or two is widened to the 12 up to its
    end; a span the user asked for, "최근 6개월", is drawn as asked);
    achievement → reps for managers/admins (products for a rep or a single-rep scope);
    ranking → the table's top (or bottom) N groups, exactly as sales_report ranks them."""
    if kind == "trend":
        if period.months < TREND_WIDEN_BELOW:
            start = add_months(period.end, -(TREND_MIN_MONTHS - 1))
            period = Period(start, period.end, f"{start.year}년 {start.month}월~{period.end.year}년 {period.end.month}월")
        return build_report(session, scope, period, today, "month")
    if kind == "achievement":
        single_rep = scope.caller.role == "rep" or scope.rep_id is not None
        if group_by in ("team", "rep") and not single_rep:  # asked for: "팀별 달성률 차트"
            return build_report(session, scope, period, today, group_by)
        by_rep = not single_rep and scope.product_id is None
        return build_report(session, scope, period, today, "rep" if by_rep else "product")
    if kind == "product_mix":
        return build_report(session, scope, period, today, "product")
    if kind == "region":
        return build_report(session, scope, period, today, "region")
    if kind == "ranking":
        return build_report(session, scope, period, today, group_by, top_n or RANKING_BARS, order)
    raise ToolInputError("차트 종류는 trend(추이), achievement(달성률), product_mix(제품 믹스), region(지역) 중에서 골라 주세요.")


def progress_tag(report: Report) -> str:
    """What is still running: " (당월 MTD)" for the current month alone, " (11월 진행 중)" for a
    quarter, half or year that includes it; "" for a finished period."""
    if not report.partial_month:
        return ""
    if report.period.months == 1:
        return " (당월 MTD)"
    return f" ({report.partial_month.month}월 진행 중)"


def _achievement_rows(report: Report) -> list:
    return [r for r in report.rows if r.target]


def shown_note(report: Report, kind: str) -> str:
    """" · 실적 상위 40개만 표시(전체 46개)" when the chart cannot hold every group."""
    if kind == "achievement":
        n, limit = len(_achievement_rows(report)), MAX_BARS
    elif kind == "compare":
        n, limit = len([r for r in report.rows if r.amount or r.cmp_amount]), COMPARE_BARS
    else:
        return ""
    return f" · 실적 상위 {limit}개만 표시(전체 {n}개)" if n > limit else ""


def ranking_what(report: Report, order: str = "desc") -> str:
    """"거래처 실적 상위 5" / "제품 실적 하위 3": what a ranking chart ranks."""
    return f"{GROUP_LABELS[report.group_by]} 실적 {'하위' if order == 'asc' else '상위'} {len(report.rows)}"


def _heading(report: Report, kind: str, order: str = "desc") -> tuple[str, str]:
    """(title, subtitle): period, what, whose figures (담당/팀/전사 and filters), what is still
    running; under it what is left out."""
    what = ranking_what(report, order) if kind == "ranking" else TITLES[kind]
    title = f"{report.period.label} {what} — {report.scope.describe()}{progress_tag(report)}"
    return title, shown_note(report, kind).removeprefix(" · ")


def chart_title(report: Report, kind: str, order: str = "desc") -> str:
    """The heading as one line, for the answer and the file's title."""
    return " · ".join(part for part in _heading(report, kind, order) if part)


def draw_chart(report: Report, kind: str, directory: Path, order: str = "desc") -> Path:
    title = _heading(report, kind, order)
    if kind == "trend":
        return _trend(report, directory, title)
    if kind == "achievement":
        return _achievement(report, directory, title)
    if kind == "product_mix":
        return _mix(report, directory, title)
    if kind == "ranking":
        return _ranking(report, directory, title)
    return _region(report, directory, title)


def _trend(report: Report, directory: Path, title: tuple[str, str]) -> Path:
    fig, ax = new_figure()
    rows = report.rows
    peak = max([r.amount for r in rows] + [r.target or 0 for r in rows] + [1])
    div, unit = won_axis_label(peak)
    x = list(range(len(rows)))
    labels = [f"{r.key.year % 100}.{r.key.month:02d}" for r in rows]
    ax.bar(x, [r.amount / div for r in rows], color=PALETTE[0], alpha=0.85, label="실적")
    if any(r.target for r in rows):
        ax.plot(x, [(r.target or 0) / div for r in rows], color=PALETTE[3], marker="o", linewidth=2.5, label="목표")
    ly = [r.ly_amount / div for r in rows]
    if any(ly):
        ax.plot(x, ly, color=PALETTE[5], linestyle="--", linewidth=1.8, label="전년 동월")
    ax.set_xticks(x, labels, rotation=0 if len(rows) <= 14 else 45)
    ax.set_ylabel(f"금액({unit})")
    set_titles(ax, *title)
    legend_outside(ax)
    ax.grid(axis="y", alpha=0.3)
    return save_png(fig, directory, "trend")


def _achievement(report: Report, directory: Path, title: tuple[str, str]) -> Path:
    rows = _achievement_rows(report)[:MAX_BARS]  # report rows come largest amount first
    if not rows:
        raise ToolInputError("이 조건에는 목표가 없어 달성률 차트를 그릴 수 없습니다. 담당자·팀·제품 기준으로 요청해 주세요.")
    rows.sort(key=lambda r: r.achievement or 0)
    per_bar = 0.42 if len(rows) <= 15 else 0.3
    fig, ax = new_figure((10.0, max(4.5, per_bar * len(rows) + 1.8)))
    values = [(r.achievement or 0) * 100 for r in rows]
    colors = [PALETTE[2] if v >= 100 else (PALETTE[1] if v >= 90 else PALETTE[3]) for v in values]
    ax.barh([r.label for r in rows], values, color=colors)
    ax.axvline(100, color="#333333", linestyle="--", linewidth=1.5)
    for y, v in enumerate(values):
        ax.text(v + 1, y, f"{v:.1f}%", va="center", fontsize=12)
    ax.set_xlim(0, max(values + [100]) * 1.15)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("달성률(%) — 점선 100%")
    set_titles(ax, *title)
    return save_png(fig, directory, "achievement")


def _mix(report: Report, directory: Path, title: tuple[str, str]) -> Path:
    rows = [r for r in report.rows if r.amount > 0]
    if not rows:
        raise ToolInputError("해당 기간에 실적이 없어 제품 믹스를 그릴 수 없습니다.")
    top = rows[:8]
    rest = sum(r.amount for r in rows[8:])
    labels = [r.label for r in top] + (["기타"] if rest else [])
    values = [r.amount for r in top] + ([rest] if rest else [])
    total = sum(values)
    fig, ax = new_figure()
    colors = list(PALETTE[:len(top)]) + (["#c8c8c8"] if rest else [])
    wedges, _ = ax.pie(values, colors=colors, startangle=90, counterclock=False,
                       wedgeprops={"width": 0.45, "edgecolor": "white"})
    ax.legend(wedges, [f"{lab}  {v / total * 100:.1f}%" for lab, v in zip(labels, values)], loc="center left",
              bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.text(0, 0, f"합계\n{format_won(total)}", ha="center", va="center", fontsize=14, fontweight="bold")
    set_titles(ax, *title)
    ax.set_aspect("equal")
    return save_png(fig, directory, "product_mix")


def _region(report: Report, directory: Path, title: tuple[str, str]) -> Path:
    rows = [r for r in report.rows if r.amount > 0]
    if not rows:
        raise ToolInputError("해당 기간에 실적이 없어 지역 비교를 그릴 수 없습니다.")
    div, unit = won_axis_label(max(r.amount for r in rows))
    fig, ax = new_figure()
    x = list(range(len(rows)))
    ax.bar(x, [r.amount / div for r in rows], color=PALETTE[0])
    for i, r in enumerate(rows):
        if r.yoy is not None:
            ax.text(i, r.amount / div, f"{r.yoy * 100:+.1f}%", ha="center", va="bottom", fontsize=11,
                    color=PALETTE[2] if r.yoy >= 0 else PALETTE[3])
    ax.set_xticks(x, [r.label for r in rows])
    headroom(ax, max(r.amount for r in rows) / div)
    ax.set_ylabel(f"금액({unit}) · 막대 위: 전년 대비")
    set_titles(ax, *title)
    ax.grid(axis="y", alpha=0.3)
    return save_png(fig, directory, "region")


def _ranking(report: Report, directory: Path, title: tuple[str, str]) -> Path:
    """Horizontal bars in the table's order (rank 1 on top), the amount written at each bar's end."""
    rows = report.rows
    if not rows:
        raise ToolInputError("해당 기간에 실적이 없어 순위 차트를 그릴 수 없습니다.")
    div, unit = won_axis_label(max([r.amount for r in rows] + [1]))
    fig, ax = new_figure((10.0, max(4.5, 0.42 * len(rows) + 1.8)))
    y = list(range(len(rows)))[::-1]
    ax.barh(y, [r.amount / div for r in rows], color=PALETTE[0], height=0.6)
    for yi, r in zip(y, rows):
        ax.text(r.amount / div, yi, f" {format_won(r.amount)}", va="center", fontsize=11)
    ax.set_yticks(y, [r.label for r in rows])
    ax.set_xlim(0, max(r.amount for r in rows) / div * 1.3 or 1)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_xlabel(f"금액({unit})")
    set_titles(ax, *title)
    ax.grid(axis="x", alpha=0.3)
    return save_png(fig, directory, "ranking")


def _aligned(report: Report) -> bool:
    """The period is still running: bars compare the completed months with the same months."""
    return (report.like_for_like and report.basis is not None and report.compare_basis is not None
            and report.partial_month is not None)


def _compare_heading(report: Report) -> tuple[str, str]:
    title = f"{report.period.label}{progress_tag(report)} vs {report.compare.label} — {report.scope.describe()}"
    sub = []
    if _aligned(report):
        b, c = report.basis, report.compare_basis
        sub.append(f"막대는 같은 달끼리: {describe(b.start, b.end, 'month')} vs {describe(c.start, c.end, 'month')}")
    if (note := shown_note(report, "compare")):
        sub.append(note.removeprefix(" · "))
    return title, " · ".join(sub)


def compare_title(report: Report) -> str:
    return " · ".join(part for part in _compare_heading(report) if part)


def draw_compare(report: Report, directory: Path) -> Path:
    """Two periods side by side: grouped bars per product/region/rep (top 10 by the period's
    amount). While the period runs, the bars are its completed months and the same months
    of the other period, so the bars and the change written over them agree."""
    rows = [r for r in report.rows if r.amount or r.cmp_amount][:COMPARE_BARS]
    if not rows:
        raise ToolInputError("두 기간 모두 실적이 없어 비교 차트를 그릴 수 없습니다.")
    if _aligned(report):
        b, c = report.basis, report.compare_basis
        left = [r.base_amount or 0 for r in rows]
        right = [r.cmp_base or 0 for r in rows]
        labels = (f"{describe(b.start, b.end, 'month')}(완료)", f"{describe(c.start, c.end, 'month')}(같은 달)")
    else:
        left, right = [r.amount for r in rows], [r.cmp_amount for r in rows]
        labels = (report.period.label, report.compare.label)
    div, unit = won_axis_label(max(left + right + [1]))
    fig, ax = new_figure()
    x = list(range(len(rows)))
    width = 0.4
    ax.bar([i - width / 2 for i in x], [v / div for v in left], width, color=PALETTE[0], label=labels[0])
    ax.bar([i + width / 2 for i in x], [v / div for v in right], width, color=PALETTE[5], label=labels[1])
    for i, r in enumerate(rows):
        if r.cmp_change is not None:
            ax.text(i, max(left[i], right[i]) / div, f"{r.cmp_change * 100:+.1f}%", ha="center", va="bottom",
                    fontsize=10, color=PALETTE[2] if r.cmp_change >= 0 else PALETTE[3])
    ax.set_xticks(x, [r.label for r in rows], rotation=0 if len(rows) <= 6 else 30, ha="center" if len(rows) <= 6 else "right")
    headroom(ax, max(left + right + [1]) / div)
    ax.set_ylabel(f"금액({unit}) · 막대 위: 증감률")
    set_titles(ax, *_compare_heading(report))
    legend_outside(ax)
    ax.grid(axis="y", alpha=0.3)
    return save_png(fig, directory, "compare")


def chart_caption(report: Report, kind: str, order: str = "desc") -> str:
    total = report.total
    if kind == "compare":
        text = (f"비교 차트: {report.period.label} {format_won(total.amount)} vs {report.compare.label} "
                f"{format_won(total.cmp_amount)}")
        if total.cmp_change is not None:
            text += f", 증감 {total.cmp_change * 100:+.1f}%"
            if _aligned(report):
                b, c = report.basis, report.compare_basis
                text += (f"(같은 달끼리: {describe(b.start, b.end, 'month')} {format_won(total.base_amount)} vs "
                         f"{describe(c.start, c.end, 'month')} {format_won(total.cmp_base)})")
        if (note := shown_note(report, "compare")):
            text += f" (차트에는{note.removeprefix(' ·')})"
        return text
    if kind == "ranking":
        listed = ", ".join(f"{i}. {r.label} {format_won(r.amount)}" for i, r in enumerate(report.rows, 1))
        return f"{ranking_what(report, order)} 차트: {listed} (전체 {report.groups_total}개 중)"
    text = f"{KINDS[kind]} 차트: {report.period.label} 합계 {format_won(total.amount)}"
    if total.target:
        text += f", 달성률 {format_pct(total.achievement)}"
    if (note := shown_note(report, kind)):
        text += f" (차트에는{note.removeprefix(' ·')})"
    return text
