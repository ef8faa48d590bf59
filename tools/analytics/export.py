"""Excel (.xlsx) export of a report table (for `/report` and sales_export)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tools.analytics.render import basis_suffix, change_label, report_title
from tools.analytics.report import Report, ReportRow
from tools.common.vocab import GROUP_LABELS

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _values(row: ReportRow) -> list:
    return [row.label, row.amount, row.quantity, row.target, row.achievement, row.prev_amount, row.mom,
            row.ly_amount, row.yoy, None if row.contribution_pp is None else row.contribution_pp / 100]


def export_report(report: Report, directory: Path, today: date) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "실적"
    ws.append([report_title(report)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"기간: {report.period.start:%Y-%m} ~ {report.period.end:%Y-%m}", f"작성일: {today.isoformat()}",
               "금액 단위: 원(출하 기준)"])
    for note in report.notes:
        ws.append([f"※ {note}"])
    ws.append([])
    sfx = basis_suffix(report)  # growth on the completed months only when the period is unfinished
    headers = [GROUP_LABELS[report.group_by], "실적(원)", "수량(박스)", "목표(원)", "달성률",
               "직전 기간 실적(원)" + sfx, change_label(report) + sfx, "전년 동기 실적(원)" + sfx, "전년 대비" + sfx,
               "성장 기여"]
    ws.append(headers)
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F5FA8")
        cell.alignment = Alignment(horizontal="center")
    for row in report.rows:
        ws.append(_values(row))
    ws.append(_values(report.total))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    formats = {2: "#,##0", 3: "#,##0", 4: "#,##0", 5: "0.0%", 6: "#,##0", 7: "+0.0%;-0.0%", 8: "#,##0",
               9: "+0.0%;-0.0%", 10: "+0.0%;-0.0%"}
    for r in range(header_row + 1, ws.max_row + 1):
        for col, fmt in formats.items():
            ws.cell(row=r, column=col).number_format = fmt
    widths = [28, 18, 12, 18, 10, 18, 12, 18, 12, 12]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"sales-report-{report.period.start:%Y%m}-{report.group_by}-{uuid.uuid4().hex[:6]}.xlsx"
    wb.save(path)
    return path
