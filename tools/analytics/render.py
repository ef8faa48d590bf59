"""Korean markdown for reports (what the model and the user read)."""

from __future__ import annotations

from tools.common.formatting import format_growth, format_int, format_pct, format_won, markdown_table
from tools.analytics.report import Report, ReportRow
from tools.common.periods import describe
from tools.common.vocab import GROUP_LABELS


def change_label(report: Report) -> str:
    return "전월 대비" if report.period.months == 1 else "직전 기간 대비"


def basis_suffix(report: Report) -> str:
    """"(1~10월)" when growth is measured on the completed months only."""
    b = report.basis
    if b is None or not report.like_for_like:
        return ""
    return f"({describe(b.start, b.end, 'month')})"


def table_headers(report: Report) -> list[str]:
    sfx = basis_suffix(report)
    return [GROUP_LABELS[report.group_by], "실적", "수량(박스)", "목표", "달성률", change_label(report) + sfx,
            "전년 대비" + sfx, "성장 기여(%p)"]


def table_cells(row: ReportRow) -> list[str]:
    contrib = "-" if row.contribution_pp is None else f"{row.contribution_pp:+.1f}"
    return [row.label, format_won(row.amount), format_int(row.quantity), format_won(row.target),
            format_pct(row.achievement), format_growth(row.mom), format_growth(row.yoy), contrib]


def _aligned_columns(report: Report) -> bool:
    """Show the like-for-like months as their own columns (the period includes the current month)."""
    return report.like_for_like and report.basis is not None and report.compare_basis is not None


def compare_headers(report: Report) -> list[str]:
    head = [GROUP_LABELS[report.group_by], report.period.label + (" (MTD)" if report.partial_month else ""),
            report.compare.label]
    if _aligned_columns(report):
        b, c = report.basis, report.compare_basis
        head += [f"{describe(b.start, b.end, 'month')}(완료)", f"{describe(c.start, c.end, 'month')}(같은 달)"]
    return head + ["증감", "증감률"]


def compare_cells(row: ReportRow, report: Report) -> list[str]:
    delta = "-" if row.cmp_delta is None else ("+" if row.cmp_delta >= 0 else "-") + format_won(abs(row.cmp_delta))
    cells = [row.label, format_won(row.amount), format_won(row.cmp_amount)]
    if _aligned_columns(report):
        cells += [format_won(row.base_amount), format_won(row.cmp_base)]
    return cells + [delta, format_growth(row.cmp_change)]


def report_title(report: Report) -> str:
    mtd = " (MTD, 진행 중)" if report.partial_month else ""
    if report.compare is not None:
        return (f"{report.period.label}{mtd} vs {report.compare.label} 실적 비교 — {report.scope.describe()}, "
                f"{GROUP_LABELS[report.group_by]}별 (출하 기준)")
    return f"{report.period.label}{mtd} 실적 — {report.scope.describe()}, {GROUP_LABELS[report.group_by]}별 (출하 기준)"


def _pace(report: Report) -> str:
    """The current month alone: how far it has come against the whole comparison months."""
    total = report.total
    parts = []
    if total.prev_amount:
        parts.append(f"전월 전체의 {total.amount / total.prev_amount * 100:.0f}%")
    if total.ly_amount:
        parts.append(f"전년 같은 달 전체의 {total.amount / total.ly_amount * 100:.0f}%")
    return f", 지금까지 {' · '.join(parts)}" if parts else ""


def render_report(report: Report, order: str = "desc") -> str:
    total = report.total
    lines = [f"**{report_title(report)}**", ""]
    if report.period.note:  # what was asked is not what is shown: say so first
        lines += [f"_{report.period.note}_", ""]
    if report.compare is not None:
        headline = f"합계 {format_won(total.amount)} vs {format_won(total.cmp_amount)}"
        if total.cmp_change is not None and _aligned_columns(report):
            b, c = report.basis, report.compare_basis
            headline += (f" → 같은 달끼리({describe(b.start, b.end, 'month')} {format_won(total.base_amount)} vs "
                         f"{describe(c.start, c.end, 'month')} {format_won(total.cmp_base)}) "
                         f"증감 **{format_growth(total.cmp_change)}**")
        elif total.cmp_change is not None:
            headline += f" → 증감 **{format_growth(total.cmp_change)}**"
    else:
        headline = f"합계 {format_won(total.amount)}"
        if total.target:
            headline += f" / 목표 {format_won(total.target)} → 달성률 **{format_pct(total.achievement)}**"
        if report.basis is None:
            headline += _pace(report)
        else:
            sfx = f" — 완료된 {describe(report.basis.start, report.basis.end, 'month')} 기준" if report.like_for_like else ""
            headline += f", {change_label(report)} {format_growth(total.mom)}, 전년 동기 대비 {format_growth(total.yoy)}{sfx}"
    lines += [headline, ""]
    if not report.rows:
        lines.append("해당 기간·조건에 실적이 없습니다. 기간이나 조건을 바꿔 보세요.")
    else:
        if report.compare is not None:
            rows = [compare_cells(r, report) for r in report.rows] + [compare_cells(total, report)]
            lines.append(markdown_table(compare_headers(report), rows))
        else:
            rows = [table_cells(r) for r in report.rows] + [table_cells(total)]
            lines.append(markdown_table(table_headers(report), rows))
        if len(report.rows) < report.groups_total:
            which = ("달성률 " if report.ranked_by == "achievement" else "") + ("상위" if order == "desc" else "하위")
            lines.append(f"\n{which} {len(report.rows)}개만 표시(전체 {report.groups_total}개). 합계는 전체 기준입니다.")
    for note in report.notes:
        if note != report.period.note:
            lines.append(f"\n※ {note}")
    return "\n".join(lines)
