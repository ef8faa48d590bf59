"""Plain functions behind the sales_* tools: (Session, Caller, args) → ToolOutput."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from data.access import Caller
from tools.analytics.changes import LOST_LOOKBACK_MONTHS, NEW_LOOKBACK_MONTHS, account_changes, judged_period
from tools.analytics.render import render_report
from tools.analytics.report import build_report
from tools.analytics.scope import check_group, resolve_scope
from tools.common.formatting import format_won, markdown_table
from tools.common.periods import Period, parse_period
from tools.common.plumbing import ToolInputError
from tools.common.results import FileArtifact, ToolOutput
from tools.common.vocab import CHART_KIND_LABELS as KINDS

FILTERS = ("rep", "team", "region", "account", "account_type", "product", "therapeutic_area", "channel")


def _scope(session: Session, caller: Caller, filters: dict):
    return resolve_scope(session, caller, **{k: filters.get(k) for k in FILTERS})


def _order(order: str | None) -> str:
    o = (order or "desc").strip().lower()
    if o in ("desc", "상위", "top", "높은"):
        return "desc"
    if o in ("asc", "하위", "bottom", "낮은"):
        return "asc"
    raise ToolInputError("정렬은 desc(상위) 또는 asc(하위)로 말씀해 주세요.")


def compare_period(compare_with: str | None, period: Period, today: date) -> Period | None:
    """The side-by-side period: any period phrase; "작년 같은 기간"/"작년 이맘때" is `period` a year back."""
    if not (compare_with or "").strip():
        return None
    other = parse_period(compare_with, today, reference=period)
    if (other.start, other.end) == (period.start, period.end):
        raise ToolInputError(f"비교 기간이 {period.label}과(와) 같습니다. 다른 기간을 말씀해 주세요. 예: 작년 같은 기간, 2025년 3월")
    return other


def sales_report(session: Session, caller: Caller, today: date, period: str | None = "이번 달",
                 group_by: str | None = "product", top_n: int | None = None, order: str | None = "desc",
                 compare_with: str | None = None, rank_by: str | None = "amount", **filters) -> ToolOutput:
    scope = _scope(session, caller, filters)
    p = parse_period(period, today)
    report = build_report(session, scope, p, today, check_group(group_by), top_n, _order(order),
                          compare=compare_period(compare_with, p, today), rank_by=rank_by or "amount")
    suggestions = ["이 표를 엑셀로 받아볼래요", "월별 추이 차트 보여줘", "신규 처방처 알려줘"]
    if report.compare is None:
        suggestions.insert(1, "작년 같은 기간이랑 비교해줘")
    else:
        suggestions.insert(1, "이 비교를 차트로 보여줘")
    return ToolOutput(summary=render_report(report, _order(order)), data=report.to_json(), suggestions=suggestions)


KIND_ERROR = ("차트 종류는 trend(추이), achievement(달성률), product_mix(제품 믹스), region(지역), "
              "ranking(순위: 상위/하위 N개 거래처·제품 등) 중에서 골라 주세요.")


ACHIEVEMENT_CUTS = ("team", "rep", "product")  # achievement bars a manager or admin may ask by


def sales_chart(session: Session, caller: Caller, today: date, files_dir: Path, kind: str | None = "trend",
                period: str | None = None, compare_with: str | None = None, group_by: str | None = None,
                top_n: int | None = None, order: str | None = "desc", **filters) -> ToolOutput:
    from tools.analytics.charts import (
        chart_caption,
        chart_report,
        chart_title,
        compare_title,
        draw_chart,
        draw_compare,
    )

    if (kind or "trend").strip().lower() not in KINDS:
        raise ToolInputError(KIND_ERROR)
    if (compare_with or "").strip():
        scope = _scope(session, caller, filters)
        p = parse_period(period, today)
        cut = {"region": "region", "achievement": "rep" if caller.role != "rep" else "product"}.get(
            (kind or "").strip().lower(), "product")
        report = build_report(session, scope, p, today, cut, compare=compare_period(compare_with, p, today))
        path = draw_compare(report, files_dir)
        title = compare_title(report)
        summary = f"**{title}** 차트를 만들었습니다.\n\n" + chart_caption(report, "compare") + "".join(
            f"\n\n※ {n}" for n in report.notes)
        return ToolOutput(summary=summary, data=report.to_json() | {"kind": "compare"},
                          files=[FileArtifact(path=path, mime="image/png", title=title)])

    kind = (kind or "trend").strip().lower()
    if kind == "ranking":
        group = check_group(group_by)
    elif kind == "achievement" and group_by in ACHIEVEMENT_CUTS:  # "팀별 달성률 차트": bars per team
        group = group_by
    else:
        group = "product"
    if kind == "ranking" and group == "month":  # a ranking of months is the trend
        kind = "trend"
    default = "최근 12개월" if kind == "trend" else "이번 달"
    scope = _scope(session, caller, filters)
    sort = _order(order)
    report = chart_report(session, scope, parse_period(period, today, default=default), today, kind,
                          group, top_n, sort)
    path = draw_chart(report, kind, files_dir, sort)
    caption = chart_caption(report, kind, sort)
    title = chart_title(report, kind, sort)
    summary = f"**{title}** 차트를 만들었습니다.\n\n{caption}" + "".join(f"\n\n※ {n}" for n in report.notes)
    return ToolOutput(summary=summary, data=report.to_json() | {"kind": kind},
                      files=[FileArtifact(path=path, mime="image/png", title=title)])


def sales_export(session: Session, caller: Caller, today: date, files_dir: Path, period: str | None = "이번 달",
                 group_by: str | None = "product", **filters) -> ToolOutput:
    from tools.analytics.export import XLSX_MIME, export_report  # openpyxl: on first export

    scope = _scope(session, caller, filters)
    report = build_report(session, scope, parse_period(period, today), today, check_group(group_by))
    path = export_report(report, files_dir, today)
    title = f"{report.period.label} 실적({scope.describe()}) 엑셀"
    return ToolOutput(summary=f"**{title}** 파일을 만들었습니다. 행 {len(report.rows)}개, 합계 {format_won(report.total.amount)}.",
                      data=report.to_json(), files=[FileArtifact(path=path, mime=XLSX_MIME, title=title)])


def sales_account_changes(session: Session, caller: Caller, today: date, period: str | None = "이번 달",
                          kind: str | None = "new", top_n: int | None = 20, **filters) -> ToolOutput:
    kind = {"신규": "new", "이탈": "lost"}.get((kind or "new").strip(), (kind or "new").strip().lower())
    scope = _scope(session, caller, filters)
    asked = parse_period(period, today)
    p, judged = judged_period(asked, today, kind)  # like for like while a month is running
    changes, total = account_changes(session, scope, p, kind, today, limit=top_n or 20)
    if kind == "new":
        head = f"**{p.label} 신규 처방처 — {scope.describe()}: {total}곳**"
        rule = f"신규 = 이 기간에 매출이 있고, 직전 {NEW_LOOKBACK_MONTHS}개월에는 매출이 없던 거래처"
        cols = ["거래처", "유형", "지역", "담당", "기간 실적", "첫 매출월"]
    else:
        basis = f" (완료된 {p.label} 기준)" if (p.start, p.end) != (asked.start, asked.end) else ""
        head = f"**{asked.label} 이탈 거래처{basis} — {scope.describe()}: {total}곳**"
        rule = f"이탈 = 직전 {LOST_LOOKBACK_MONTHS}개월에 매출이 있었으나 이 기간에는 매출이 없는 거래처"
        cols = ["거래처", "유형", "지역", "담당", f"직전 {LOST_LOOKBACK_MONTHS}개월 실적", "마지막 매출월"]
    lines = [head, ""] + ([f"※ {asked.note}", ""] if asked.note else []) + ([f"※ {judged}", ""] if judged else [])
    if changes:
        rows = [[c.name, c.type, f"{c.province} {c.district}", c.owner, format_won(c.amount),
                 c.first_month.strftime("%Y-%m") if c.first_month else "-"] for c in changes]
        lines.append(markdown_table(cols, rows))
        if total > len(changes):
            lines.append(f"\n금액 순 상위 {len(changes)}곳만 표시(전체 {total}곳).")
    else:
        lines.append("해당하는 거래처가 없습니다.")
    lines.append(f"\n※ {rule}.")
    return ToolOutput(summary="\n".join(lines), data={"period": p.to_json(), "asked": asked.to_json(), "kind": kind,
                                                      "total": total, "accounts": [c.to_json() for c in changes]})
