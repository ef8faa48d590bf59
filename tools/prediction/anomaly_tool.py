"""`anomaly_detect`: anomalies in the caller's actuals with a Korean explanation each."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import Caller
from data.models import Account, MonthlySale, Product, Rep, Team
from tools.common.periods import parse_period
from tools.common.results import ToolOutput
from tools.prediction.anomaly import Anomaly, detect, within_scope
from tools.prediction.scope import rep_ids_of, resolve_series, visible_rep_list
from tools.common.formatting import format_growth, format_pct, format_won, month_ko

WINTER_AREAS = ("R03", "R05", "R06", "J01", "N02B")
LEVEL_KO = {"total": "전체", "team": "팀", "rep": "담당자", "product": "제품(전체)", "account": "거래처",
            "rep_product": "담당자×제품", "account_product": "거래처×제품"}


def _names(session: Session, found: list[Anomaly]) -> dict[str, dict[int, object]]:
    ids = {k: {a.keys[k] for a in found if k in a.keys} for k in ("team_id", "rep_id", "account_id", "product_id")}
    return {
        "team_id": {t.id: t.name for t in session.scalars(select(Team).where(Team.id.in_(ids["team_id"])))},
        "rep_id": {r.id: r.name for r in session.scalars(select(Rep).where(Rep.id.in_(ids["rep_id"])))},
        "account_id": {a.id: a for a in session.scalars(select(Account).where(Account.id.in_(ids["account_id"])))},
        "product_id": {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids["product_id"])))},
    }


def label(a: Anomaly, names: dict, scope_label: str = "전체 실적", company_wide: bool = True) -> str:
    parts = [] if company_wide or a.level not in ("total", "product") else [scope_label]
    if a.level in ("account", "account_product"):
        account = names["account_id"][a.keys["account_id"]]
        parts.append(f"{account.name}({account.type}, {names['rep_id'].get(a.keys['rep_id'], '')} 담당)")
    elif a.level in ("rep", "rep_product"):
        parts.append(f"{names['rep_id'][a.keys['rep_id']]} 담당 지역")
    elif a.level == "team":
        parts.append(names["team_id"][a.keys["team_id"]])
    if "product_id" in a.keys:
        product = names["product_id"][a.keys["product_id"]].name
        if not parts or not parts[-1].endswith(product):  # the scope already names the product
            parts.append(product)
    return " · ".join(parts) or scope_label


def references_ko(a: Anomaly) -> str:
    """" 비교: 앞뒤 3개월 중앙값 1억 2,850만원 대비 -46.0%, 전년 같은 달(추세 반영) … 대비 -40.1%."."""
    parts = []
    if a.neighbours:
        parts.append(f"앞뒤 3개월 중앙값 {format_won(a.neighbours)} 대비 {format_growth(a.change(a.neighbours))}")
    if a.last_year:
        parts.append(f"전년 같은 달(추세 반영) {format_won(a.last_year)} 대비 {format_growth(a.change(a.last_year))}")
    return f" 비교: {', '.join(parts)}." if parts else ""


def explain(a: Anomaly, names: dict, scope_label: str = "전체 실적", company_wide: bool = True) -> str:
    """One Korean sentence on what happened and one on what to check."""
    what = label(a, names, scope_label, company_wide)
    product = names["product_id"].get(a.keys.get("product_id")) if "product_id" in a.keys else None
    off_season = bool(product and product.atc_code.startswith(WINTER_AREAS) and a.month.month in (5, 6, 7, 8, 9))
    head = f"{month_ko(a.month)} {what}: 실적 {format_won(a.actual)} — 계절성 반영 기대치 {format_won(a.expected)}"
    if a.kind == "spike":
        head += f"의 {a.ratio:.1f}배로 급증(이상 정도 z={a.z:+.1f}).{references_ko(a)}"
        if a.level in ("account_product", "account"):
            hint = "일시 대량 사입(재고 비축)·중복 주문 여부를 확인하고, 다음 달 반품·역기저에 대비하세요."
        elif a.level == "rep_product":
            hint = ("비수기인데 담당 지역 전체가 급증했습니다. " if off_season else "담당 지역 전체 급증입니다. ") + \
                "도매 밀어내기·집계 오류 여부를 확인하세요."
        elif company_wide:
            hint = "경쟁품 품절·약가 변동·대형 입찰 등 외부 요인을 확인하세요."
        else:
            hint = "담당 범위 전체에서 이 제품이 함께 늘었습니다. 일시 사입·재고 이동 여부를 확인하세요."
    else:
        drop = 1 - (a.actual / a.expected if a.expected else 0)
        head += f" 대비 {format_pct(drop, 0)} 감소(이상 정도 z={a.z:+.1f}).{references_ko(a)}"
        if a.actual <= 0.05 * a.expected and "product_id" in a.keys and a.level == "account_product":
            hint = "출하가 사실상 0입니다. 원내 코드 중단·처방 중단·전산 누락 여부를 확인하고 방문 일정을 잡으세요."
        elif a.level == "account":
            hint = "거래처 전 제품이 함께 줄었습니다. 도매 전산 누락이나 이탈 징후인지 확인하고 방문하세요."
        elif a.level == "product" and company_wide:
            hint = "전사 동시 감소입니다. 공급 차질(품절)·약가 인하·경쟁 변화 등을 확인하세요."
        elif a.level == "product":
            hint = "담당 범위 전체에서 이 제품이 함께 줄었습니다. 공급 차질이나 주요 거래처 처방 변화를 확인하세요."
        else:
            hint = "주요 거래처의 처방 변화나 경쟁 활동을 확인하세요."
    return f"{head} {hint}"


def _month_total(session: Session, month: date, rep_ids, product_id, account_id) -> int:
    query = select(func.coalesce(func.sum(MonthlySale.amount), 0)).where(MonthlySale.month == month)
    query = within_scope(query, rep_ids, product_id, account_id)
    return int(session.scalar(query) or 0)


def _month_change(session: Session, month: date, rep_ids, product_id, account_id) -> str:
    """The month's total against the month before and the same month last year."""
    before = date(month.year - (month.month == 1), 12 if month.month == 1 else month.month - 1, 1)
    last_year = date(month.year - 1, month.month, 1)
    now, prev, ly = (_month_total(session, m, rep_ids, product_id, account_id) for m in (month, before, last_year))
    text = (f"{month_ko(month)} 실적 {format_won(now)}: 전월({month_ko(before)}) {format_won(prev)} 대비 "
            f"{format_growth((now - prev) / prev) if prev else '-'}, 전년 같은 달 {format_won(ly)} 대비 "
            f"{format_growth((now - ly) / ly) if ly else '-'}.")
    if prev and now >= prev:
        text += " 전월보다 줄지 않았습니다."
    return text + " 평소 패턴에서 크게 벗어난 거래처·제품은 없습니다."


DECLINE_WORTH_SAYING = -0.2


def _window_by_product(session: Session, months: list[date], rep_ids, product_id, account_id) -> dict[str, int]:
    query = (select(Product.name, func.coalesce(func.sum(MonthlySale.amount), 0))
             .join(Product, Product.id == MonthlySale.product_id).where(MonthlySale.month.in_(months))
             .group_by(Product.name))
    query = within_scope(query, rep_ids, product_id, account_id)
    return {name: int(amount) for name, amount in session.execute(query)}


def _three_month_level(session: Session, today: date, rep_ids, product_id, account_id) -> str | None:
    """The last three complete months against the three before. A fall by a fifth or more is
    named with the products behind it: a fade is no anomaly of one month, but it is what
    "왜 줄었지" asks about."""
    from data.months import add_months

    current = today.replace(day=1)
    recent = [add_months(current, -k) for k in (3, 2, 1)]
    before = [add_months(current, -k) for k in (6, 5, 4)]
    now, then = (_window_by_product(session, w, rep_ids, product_id, account_id) for w in (recent, before))
    total_now, total_then = sum(now.values()), sum(then.values())
    if not total_then:
        return None
    if (total_now - total_then) / total_then > DECLINE_WORTH_SAYING:  # no fade either: say what the level did
        return (f"최근 3개월({month_ko(recent[0])}~{month_ko(recent[-1])}) {format_won(total_now)}, 직전 3개월 "
                f"{format_won(total_then)} 대비 {format_growth((total_now - total_then) / total_then)}로 "
                f"{'크게 줄지 않았습니다' if total_now < total_then else '줄지 않았습니다'}.")
    drops = sorted(((now.get(p, 0) - then[p], p) for p in then), key=lambda d: d[0])[:3]
    stopped = [p for p in then if then[p] > 0 and not now.get(p)]
    text = (f"다만 한 달에 튄 것이 아니라 점점 줄었습니다: 최근 3개월({month_ko(recent[0])}~{month_ko(recent[-1])}) "
            f"{format_won(total_now)}, 직전 3개월 {format_won(total_then)} 대비 "
            f"{format_growth((total_now - total_then) / total_then)}.")
    if product_id is None and drops:
        text += " 많이 줄어든 제품: " + ", ".join(f"{p} {format_won(d)}" for d, p in drops if d < 0) + "."
    if product_id is None and stopped:
        text += f" 최근 3개월 주문이 끊긴 제품 {len(stopped)}개: {', '.join(sorted(stopped)[:5])}."
    return text + " 이탈 징후일 수 있으니 이탈 위험과 방문 기록을 함께 확인해 보세요."


def anomaly_detect(session: Session, caller: Caller, today: date, period: str | None = "최근 12개월",
                   scope: str | None = "total", name: str | None = None, top_n: int = 10) -> ToolOutput:
    span = parse_period(period, today, default="최근 12개월")
    target = resolve_series(session, caller, scope, name)
    rep_ids = rep_ids_of(session, target)
    if rep_ids is None and not caller.is_admin:
        rep_ids = visible_rep_list(session, caller)
    product_id = target.product_id if target.product_id is not None else (
        target.scope_id if target.scope == "product" else None)
    account_id = target.scope_id if target.scope == "account" else None
    found = detect(session, today, span.month_list(), rep_ids, product_id=product_id, account_id=account_id)
    shown = found[: max(1, int(top_n or 10))]
    months = span.month_list()
    if not found and months == [today.replace(day=1)]:  # a month in progress is no anomaly yet
        so_far = _month_total(session, months[0], rep_ids, product_id, account_id)
        summary = (f"{span.label}은 진행 중이라({today.month}월 {today.day}일까지 {target.label} 실적 {format_won(so_far)}) "
                   f"한 달 전체와 비교해 이상 여부를 판단할 수 없습니다. 이상 탐지는 완료된 달만 봅니다. "
                   f"'지난달 이상치 있어?'나 '최근 12개월 이상치'로 물어봐 주세요.")
        return ToolOutput(summary=summary, data={"anomalies": [], "label": target.label, "period": span.label,
                                                 "in_progress": True})
    if not found:
        summary = f"{target.label}의 {span.label} 실적에서 뚜렷한 이상치를 찾지 못했습니다."
        if len(months) == 1:  # "9월에 왜 빠졌지": say what the month did, even without an anomaly
            summary += " " + _month_change(session, months[0], rep_ids, product_id, account_id)
        elif (trend := _three_month_level(session, today, rep_ids, product_id, account_id)):
            summary += "\n\n" + trend  # "요즘 왜 이렇게 줄었지?": no single month stands out; what the level did
        return ToolOutput(summary=summary, data={"anomalies": [], "label": target.label, "period": span.label})
    names = _names(session, shown)
    company_wide = caller.is_admin and target.scope == "total"
    level_ko = {**LEVEL_KO, "product": "제품(전체)" if company_wide else "제품"}
    lines = [f"**{target.label} 이상 실적 탐지** ({span.label}, {len(found)}건 중 상위 {len(shown)}건)", ""]
    items = []
    for i, a in enumerate(shown, 1):
        text = explain(a, names, target.label, company_wide)
        lines.append(f"{i}. {'🔺' if a.kind == 'spike' else '🔻'} [{level_ko[a.level]}] {text}")
        items.append({"level": a.level, "keys": a.keys, "month": a.month.isoformat(), "kind": a.kind,
                      "actual": a.actual, "expected": a.expected, "ratio": a.ratio, "z": a.z,
                      "neighbours": a.neighbours, "last_year": a.last_year,
                      "isolation_score": a.iso_score, "explanation": text})
    lines.append("")
    lines.append("_기준: 기대치 = 앞·뒤 3개월 중앙값에 그 달의 계절성(다른 해 같은 달의 패턴, 그 달 자체는 제외)을 반영한 값. "
                 "잔차가 크고 금액이 의미 있을 때 이상으로 보고, 제품·팀 단위 변동을 먼저, 나머지는 IsolationForest 순으로 "
                 "보여드립니다. 진행 중인 달은 제외._")
    return ToolOutput(summary="\n".join(lines), data={"anomalies": items, "label": target.label,
                                                       "period": span.label, "n_found": len(found)},
                      suggestions=["이 거래처 방문 우선순위 알려줘", "이번 분기 목표 달성 전망은?"])
