"""Korean markdown for reports (what the model and the user read)."""

from __future__ import annotations

from tools.common.formatting import format_growth, format_int, format_pct, format_won, markdown_table
from tools.analytics.report import Report, ReportRow
from tools.common.vocab import GROUP_LABELS


def change_label(report: Report) -> str:
    return "전월 대비" if report.period.months == 1 else "직전 기간 대비"


def table_headers(report: Report) -> list[str]:
    return [GROUP_LABELS[report.group_by], "실적", "수량(박스)", "목표", "달성률", change_label(report), "전년 대비", "성장 기여(%p)"]


def table_cells(row: ReportRow) -> list[str]:
    contrib = "-" if row.contribution_pp is None else f"{row.contribution_pp:+.1f}"
    return [row.label, format_won(row.amount), format_int(row.quantity), format_won(row.target),
            format_pct(row.achievement), format_growth(row.mom), format_growth(row.yoy), contrib]


def report_title(report: Report) -> str:
    mtd = " (MTD, 진행 중)" if report.partial_month else ""
    return f"{report.period.label}{mtd} 실적 — {report.scope.describe()}, {GROUP_LABELS[report.group_by]}별 (출하 기준)"


def render_report(report: Report, order: str = "desc") -> str:
    total = report.total
    lines = [f"**{report_title(report)}**", ""]
    if report.period.note:  # what was asked is not what is shown: say so first
        lines += [f"_{report.period.note}_", ""]
    headline = f"합계 {format_won(total.amount)}"
    if total.target:
        headline += f" / 목표 {format_won(total.target)} → 달성률 **{format_pct(total.achievement)}**"
    headline += f", {change_label(report)} {format_growth(total.mom)}, 전년 동기 대비 {format_growth(total.yoy)}"
    lines += [headline, ""]
    if not report.rows:
        lines.append("해당 기간·조건에 실적이 없습니다. 기간이나 조건을 바꿔 보세요.")
    else:
        rows = [table_cells(r) for r in report.rows] + [table_cells(total)]
        lines.append(markdown_table(table_headers(report), rows))
        if len(report.rows) < report.groups_total:
            which = "상위" if order == "desc" else "하위"
            lines.append(f"\n{which} {len(report.rows)}개만 표시(전체 {report.groups_total}개). 합계는 전체 기준입니다.")
    for note in report.notes:
        if note != report.period.note:
            lines.append(f"\n※ {note}")
    return "\n".join(lines)
