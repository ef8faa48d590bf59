"""월간 실적 보고서: one month of the caller's scope (a rep: own, a manager: team, an admin:
the company) from the analytics report functions — summary (매출, 목표, 달성률, 전월 대비,
전년 동월 대비), products, top and bottom accounts, charts (monthly trend, product
achievement) and next month's plan (the rep's notes, or suggestions from the figures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import Caller, rep_filter
from data.models import MonthlySale, Rep, Team
from tools.common.formatting import format_growth, format_pct, format_won, month_ko
from tools.common.periods import Period, add_months, month_start, parse_period
from tools.common.plumbing import ToolInputError
from tools.common.results import ToolOutput
from tools.documents import texts
from tools.documents.compliance import ComplianceConfig, check_text, config_from_settings, summarize
from tools.documents.storage import finding_lines, latest_version, save_draft, write_files
from tools.documents.templates import Grid, fill, load_template

ACCOUNTS_SHOWN = 5
PRODUCT_KEYS = ("product", "amount", "quantity", "target", "achievement", "prev_amount", "mom", "ly_amount", "yoy")
ACCOUNT_KEYS = ("rank", "account", "amount", "prev_amount", "mom", "ly_amount", "yoy")
UNDER_TARGET = 0.9
STEEP_DECLINE = -0.2


def won(value: int | None) -> str:
    return "-" if value is None else f"{value:,}원"


def report_month(text: str | None, today: date) -> Period:
    """The month asked for; default the last finished month."""
    period = parse_period(text, today, default="지난달")
    if period.months != 1:
        raise ToolInputError(texts.MONTHLY_ONE_MONTH.format(label=period.label, months=period.months))
    return period


def _data_range(session: Session, caller: Caller) -> tuple[date | None, date | None]:
    lo, hi = session.execute(select(func.min(MonthlySale.month), func.max(MonthlySale.month))
                             .where(rep_filter(caller, MonthlySale.rep_id))).one()
    return lo, hi


def _product_rows(report) -> list[dict]:
    return [{"product": r.label, "amount": won(r.amount), "quantity": f"{r.quantity:,}", "target": won(r.target),
             "achievement": format_pct(r.achievement), "prev_amount": won(r.prev_amount), "mom": format_growth(r.mom),
             "ly_amount": won(r.ly_amount), "yoy": format_growth(r.yoy)} for r in report.rows]


def _account_rows(report) -> list[dict]:
    return [{"rank": str(i), "account": r.label, "amount": won(r.amount), "prev_amount": won(r.prev_amount),
             "mom": format_growth(r.mom), "ly_amount": won(r.ly_amount), "yoy": format_growth(r.yoy)}
            for i, r in enumerate(report.rows, 1)]


def _plan(notes: str | None, products, bottom) -> str:
    if notes and notes.strip():
        lines = [ln.strip() for ln in notes.strip().splitlines() if ln.strip()]
        return "\n".join(ln if ln.startswith("- ") else f"- {ln.lstrip('-• ').strip()}" for ln in lines)
    under = sorted((r for r in products.rows if r.target and (r.achievement or 0) < UNDER_TARGET),
                   key=lambda r: r.achievement or 0)[:3]
    falling = [r for r in bottom.rows if r.mom is not None and r.mom <= STEEP_DECLINE][:3]
    lines = [texts.MONTHLY_PLAN_SUGGESTED]
    lines += [texts.MONTHLY_PLAN_UNDER.format(product=r.label, achievement=format_pct(r.achievement)) for r in under]
    lines += [texts.MONTHLY_PLAN_DECLINE.format(account=r.label, change=format_growth(r.mom)) for r in falling]
    if len(lines) == 1:
        lines.append(texts.MONTHLY_PLAN_KEEP)
    return "\n".join(lines)


def _charts(session: Session, scope, period: Period, today: date, products, directory: Path) -> dict[str, str]:
    from tools.analytics.charts import chart_report, draw_chart

    images: dict[str, str] = {}
    for name, make in (("trend_chart", lambda: draw_chart(chart_report(session, scope, period, today, "trend"),
                                                          "trend", directory)),
                       ("achievement_chart", lambda: draw_chart(products, "achievement", directory))):
        try:
            images[name] = str(make())
        except ToolInputError as exc:  # e.g. no targets in this scope: the report says why
            images[name] = str(exc)
    return images


def draft_monthly_report(session: Session, caller: Caller, today: date, files_dir: Path, *, month: str | None = None,
                         notes: str | None = None, file_format: str = "both", config: ComplianceConfig | None = None,
                         template: str = "monthly_report") -> ToolOutput:
    from tools.analytics.report import build_report
    from tools.analytics.scope import resolve_scope

    period = report_month(month, today)
    scope = resolve_scope(session, caller)
    products = build_report(session, scope, period, today, "product")
    total = products.total
    if not total.amount and not total.target:
        first, last = _data_range(session, caller)
        if first is None:
            raise ToolInputError(texts.MONTHLY_NO_DATA_AT_ALL.format(whose=scope.whose()))
        raise ToolInputError(texts.MONTHLY_NO_DATA.format(label=period.label, whose=scope.whose(),
                                                          first=f"{first:%Y-%m}", last=f"{last:%Y-%m}"))
    top = build_report(session, scope, period, today, "account", top_n=ACCOUNTS_SHOWN, order="desc")
    bottom = build_report(session, scope, period, today, "account", top_n=ACCOUNTS_SHOWN, order="asc")
    config = config or config_from_settings()
    findings = check_text(notes, config) if notes and notes.strip() else []

    key = f"monthly:{caller.rep_id}:{period.start:%Y-%m}"
    previous = latest_version(session, key)
    version = previous.version + 1 if previous else 1
    rep = session.get(Rep, caller.rep_id)
    team = session.get(Team, rep.team_id) if rep and rep.team_id else None
    partial = month_start(today) == period.start
    remarks = [texts.MONTHLY_PARTIAL.format(month=today.month, day=today.day)] if partial else []
    values = {
        "whose": scope.whose(), "period_label": month_ko(period.start), "month": f"{period.start:%Y-%m}",
        "prev_month": f"{add_months(period.start, -1):%Y-%m}", "ly_month": f"{add_months(period.start, -12):%Y-%m}",
        "rep_name": rep.name if rep else caller.name, "team_name": team.name if team else "-",
        "created": today.isoformat(), "version": str(version),
        "amount": won(total.amount), "amount_short": format_won(total.amount), "quantity": f"{total.quantity:,}",
        "target": won(total.target), "achievement": format_pct(total.achievement),
        "prev_amount": won(total.prev_amount), "mom": format_growth(total.mom),
        "ly_amount": won(total.ly_amount), "yoy": format_growth(total.yoy),
        "gap": won((total.target or 0) - total.amount) if total.target else "-",
        "product_count": str(len(products.rows)), "account_count": str(top.groups_total),
        "remarks": "\n".join(f"- {n}" for n in remarks + products.notes) or "- 없음",
        "plan": _plan(notes, products, bottom), "compliance": finding_lines(findings),
    }
    grids = {"products": Grid(PRODUCT_KEYS, _product_rows(products)),
             "top_accounts": Grid(ACCOUNT_KEYS, _account_rows(top)),
             "bottom_accounts": Grid(ACCOUNT_KEYS, _account_rows(bottom))}
    images = _charts(session, scope, period, today, products, files_dir / "charts")
    doc = fill(load_template(template), values, grids, images)
    stem = f"월간실적보고서_{caller.name}_{period.start:%Y%m}_v{version}"
    files = write_files(doc, files_dir, stem, file_format)
    draft = save_draft(session, caller, key=key, version=version, kind="monthly_report", doc_date=period.start,
                       doc=doc, notes=(notes or "").strip(), findings=findings, files=files,
                       inputs={"month": f"{period.start:%Y-%m}", "notes": notes, "file_format": file_format})
    summary = texts.MONTHLY_SUMMARY.format(whose=scope.whose(), label=month_ko(period.start), version=version,
                                           amount=format_won(total.amount), target=format_won(total.target),
                                           achievement=format_pct(total.achievement), mom=format_growth(total.mom),
                                           yoy=format_growth(total.yoy))
    lines = [summary, texts.FILES_ATTACHED.format(names=", ".join(f.title for f in files))]
    if findings:
        lines += ["", summarize(findings)]
    return ToolOutput(
        summary="\n".join(lines), files=files,
        data={"draft_id": draft.id, "version": version, "month": f"{period.start:%Y-%m}", "scope": scope.whose(),
              "amount": total.amount, "target": total.target, "achievement": total.achievement,
              "prev_amount": total.prev_amount, "mom": total.mom, "ly_amount": total.ly_amount, "yoy": total.yoy,
              "products": [r.to_json() for r in products.rows], "top_accounts": [r.to_json() for r in top.rows],
              "bottom_accounts": [r.to_json() for r in bottom.rows],
              "findings": [f.to_json() for f in findings], "paths": [str(f.path) for f in files]},
        suggestions=["지난달 제품별 실적 보여줘", "달성률 차트 그려줘"])
