"""Plain functions behind the client_* tools: (Session, Caller, args) → ToolOutput."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from data.access import Caller, account_filter, require_team
from data.models import Account, MonthlySale, Prediction, Product, Rep, Visit
from tools.common.formatting import format_pct, format_won, markdown_table
from tools.clients.churn import ChurnModel, explain
from tools.clients.features import compute_features
from tools.clients.grading import VISITS_PER_MONTH, grade_accounts
from tools.clients.visits import gap_text, visit_gaps
from tools.common import entities
from tools.common.periods import add_months, month_start
from tools.common.plumbing import ToolInputError
from tools.common.results import ToolOutput

GRADE_WEIGHT = {"A": 1.0, "B": 0.7, "C": 0.4, "D": 0.2}
DEFAULT_MIN_RISK = 0.10  # churn list: accounts below this 3-month churn probability are not "at risk"


NO_MODEL = "이탈 위험 모델이 아직 학습되지 않았습니다. 관리자가 `medrep train`(또는 `medrep demo`)을 실행하면 사용할 수 있어요."


def _account_where(session: Session, caller: Caller, rep: str | None, team: str | None):
    cond = account_filter(caller)
    label = "전사" if caller.is_admin else (f"{caller.team_name or '소속 팀'}" if caller.is_manager else f"{caller.name} 담당")
    if rep and rep.strip():
        r = entities.resolve_rep(session, caller, rep)
        cond, label = and_(cond, Account.owner_rep_id == r.id), f"{r.name} 담당"
    if team and team.strip():
        t = entities.resolve_team(session, team)
        require_team(caller, t.id)
        cond, label = and_(cond, Account.owner_rep_id.in_(select(Rep.id).where(Rep.team_id == t.id))), t.name
    return cond, label


def _names(session: Session, ids) -> dict[int, tuple[str, str, str]]:
    rows = session.execute(select(Account.id, Account.name, Account.type, Rep.name)
                           .outerjoin(Rep, Rep.id == Account.owner_rep_id).where(Account.id.in_([int(i) for i in ids])))
    return {r[0]: (r[1], r[2], r[3] or "-") for r in rows}


def client_grades(session: Session, caller: Caller, today: date, rep: str | None = None, team: str | None = None,
                  grade: str | None = None, account: str | None = None, top_n: int = 20) -> ToolOutput:
    asof = month_start(today)
    if account and account.strip():
        acc = entities.resolve_account(session, caller, account)
        g = grade_accounts(session, asof, Account.id == acc.id)[acc.id]
        text = (f"**{acc.name} — {g.grade}등급** (점수 {g.score:.2f})\n\n" + "\n".join(f"- {r}" for r in g.reasons)
                + f"\n\n권장 방문: 월 {VISITS_PER_MONTH[g.grade]:g}회")
        return ToolOutput(summary=text, data={"account_id": acc.id, "grade": g.grade, "score": g.score, "reasons": g.reasons})
    cond, label = _account_where(session, caller, rep, team)
    grades = grade_accounts(session, asof, cond)
    visible = set(grades)
    wanted = (grade or "").strip().upper().replace("등급", "")
    if wanted and wanted not in GRADE_WEIGHT:
        raise ToolInputError("등급은 A, B, C, D 중 하나로 말씀해 주세요.")
    chosen = sorted((g for a, g in grades.items() if a in visible and (not wanted or g.grade == wanted)),
                    key=lambda g: -g.score)
    counts = {k: sum(1 for a, g in grades.items() if a in visible and g.grade == k) for k in "ABCD"}
    names = _names(session, [g.account_id for g in chosen[:top_n]])
    rows = [[names[g.account_id][0], names[g.account_id][1], names[g.account_id][2], g.grade, f"{g.score:.2f}", g.reason_text]
            for g in chosen[:top_n]]
    head = f"**거래처 등급 — {label}** (A {counts['A']} · B {counts['B']} · C {counts['C']} · D {counts['D']}곳)"
    body = markdown_table(["거래처", "유형", "담당", "등급", "점수", "근거"], rows) if rows else "해당 거래처가 없습니다."
    more = f"\n\n점수 순 상위 {len(rows)}곳만 표시(전체 {len(chosen)}곳)." if len(chosen) > len(rows) else ""
    rule = "\n\n※ 등급 = 매출 규모 40% + 거래 빈도 20% + 최근성 15% + 잠재력(유형·병상·진료과) 25%. A ≥ 0.80, B ≥ 0.60, C ≥ 0.40."
    return ToolOutput(summary=f"{head}\n\n{body}{more}{rule}", data={"counts": counts, "accounts": [
        {"account_id": g.account_id, "grade": g.grade, "score": g.score, "reasons": g.reasons} for g in chosen[:top_n]]})


def _risk(session: Session, model_dir: Path, today: date, cond):
    model = ChurnModel.load(model_dir)
    if model is None:
        return None
    feats = compute_features(session, month_start(today), cond, only_recently_active=True)
    probs, contribs = model.score(feats)
    return model, feats, probs, contribs


def client_churn_risk(session: Session, caller: Caller, today: date, model_dir: Path, rep: str | None = None,
                      team: str | None = None, top_n: int = 10, account: str | None = None,
                      min_risk: float = DEFAULT_MIN_RISK) -> ToolOutput:
    if account and account.strip():
        acc = entities.resolve_account(session, caller, account)
        cond, label = Account.id == acc.id, acc.name
    else:
        cond, label = _account_where(session, caller, rep, team)
    scored = _risk(session, model_dir, today, cond)
    if scored is None:
        return ToolOutput(summary=NO_MODEL, error="unavailable")
    model, feats, probs, contribs = scored
    if len(probs) == 0:
        return ToolOutput(summary=f"{label}: 최근 3개월 거래가 있는 거래처가 없어 이탈 위험을 계산할 대상이 없습니다.")
    threshold = min_risk
    above = int((probs >= threshold).sum())
    order = [i for i in np.argsort(-probs)[: max(1, top_n or 10)] if probs[i] >= threshold]
    auc = model.meta.get("auc_holdout")
    if not order:
        return ToolOutput(summary=(f"**이탈 위험 — {label}**: 위험 거래처 없음. 최근 3개월 거래처 {len(probs)}곳 모두 "
                                   f"향후 3개월 무거래 확률이 {threshold:.0%} 미만입니다(가장 높은 곳 {probs.max():.1%})."),
                          data={"accounts": [], "auc_holdout": auc, "threshold": threshold, "scored": int(len(probs))})
    names = _names(session, feats.account_ids[order])
    items = []
    for i in order:
        acc_id = int(feats.account_ids[i])
        items.append({"account_id": acc_id, "name": names[acc_id][0], "risk": float(probs[i]),
                      "factors": explain(feats, i, contribs)})
    rows = [[it["name"], names[it["account_id"]][1], names[it["account_id"]][2], format_pct(it["risk"]),
             ", ".join(it["factors"])] for it in items]
    head = (f"**이탈 위험 상위 — {label}** (향후 3개월 무거래 확률 {threshold:.0%} 이상 {above}곳, "
            f"최근 3개월 거래처 {len(probs)}곳 기준)")
    more = f"\n\n위험 순 상위 {len(items)}곳만 표시(기준 이상 {above}곳)." if above > len(items) else ""
    note = f"\n\n※ XGBoost 모델, 시간 기준 검증 AUC {auc:.3f}. 요인은 모델 기여도(pred_contribs) 상위 항목입니다." if auc else ""
    return ToolOutput(summary=f"{head}\n\n" + markdown_table(["거래처", "유형", "담당", "위험도", "주요 요인"], rows) + more + note,
                      data={"accounts": items, "auc_holdout": auc, "threshold": threshold, "above_threshold": above})


def _forecast_gaps(session: Session, account_ids: list[int], today: date) -> dict[int, float] | None:
    """Shortfall of this month's sales so far against stored account forecasts (tools.prediction
    writes them to `predictions`); None when no account forecasts exist."""
    current = month_start(today)
    preds = dict(session.execute(select(Prediction.scope_id, func.max(Prediction.yhat)).where(
        Prediction.scope == "account", Prediction.month == current, Prediction.scope_id.in_(account_ids))
        .group_by(Prediction.scope_id)).all())
    if not preds:
        return None
    actual = dict(session.execute(select(MonthlySale.account_id, func.sum(MonthlySale.amount)).where(
        MonthlySale.month == current, MonthlySale.account_id.in_(list(preds))).group_by(MonthlySale.account_id)).all())
    return {a: max(0.0, 1 - float(actual.get(a, 0) or 0) / y) if y and y > 0 else 0.0 for a, y in preds.items()}


def client_visit_priorities(session: Session, caller: Caller, today: date, model_dir: Path, rep: str | None = None,
                            top_n: int = 10) -> ToolOutput:
    target = entities.resolve_rep(session, caller, rep) if rep and rep.strip() else session.get(Rep, caller.rep_id)
    cond = and_(account_filter(caller), Account.owner_rep_id == target.id, Account.status == "active")
    feats = compute_features(session, month_start(today), cond)
    label, whole_scope = f"{target.name}님", False
    if len(feats.account_ids) == 0 and target.id == caller.rep_id and (caller.is_manager or caller.is_admin):
        # a manager (admin) holds no accounts: "팀원 중 방문 안 한 지 오래된 곳" means the team's (company's)
        cond = and_(account_filter(caller), Account.status == "active")
        feats = compute_features(session, month_start(today), cond)
        _, scope = _account_where(session, caller, None, None)
        label, whole_scope = (scope if scope == "전사" else f"{scope} 전체"), True
    if len(feats.account_ids) == 0:
        return ToolOutput(summary=f"{target.name}님 담당 거래처가 없습니다.")
    grades = grade_accounts(session, month_start(today), cond, sales=feats.sales)
    model = ChurnModel.load(model_dir)
    probs, contribs = model.score(feats) if model else (np.zeros(len(feats.account_ids)), None)
    gaps = _forecast_gaps(session, [int(a) for a in feats.account_ids], today)
    visit_gap = visit_gaps(session, feats.account_ids, today)  # from today, this month's visits included
    names = _names(session, feats.account_ids)
    items = []
    for i, acc_id in enumerate(feats.account_ids):
        acc_id = int(acc_id)
        g = grades[acc_id]
        due_days = 30 / VISITS_PER_MONTH[g.grade]
        days = visit_gap[acc_id]
        overdue = 1.0 if days is None else min(1.0, days / (2 * due_days))
        gap = gaps.get(acc_id, 0.0) if gaps else 0.0
        score = 0.35 * GRADE_WEIGHT[g.grade] + 0.3 * float(probs[i]) + 0.25 * overdue + (0.1 * gap if gaps else 0)
        reasons = [f"{g.grade}등급"]
        if probs[i] >= 0.3:
            reasons.append(f"이탈 위험 {probs[i] * 100:.0f}%" + (f"({explain(feats, i, contribs, 1)[0]})" if contribs is not None else ""))
        reasons.append(gap_text(days) + ("" if days is None else f"(권장 주기 {due_days:.0f}일)"))
        if gaps and gap >= 0.3:
            reasons.append(f"이번 달 예측 대비 {gap * 100:.0f}% 부족")
        items.append({"account_id": acc_id, "name": names[acc_id][0], "type": names[acc_id][1], "score": round(score, 3),
                      "grade": g.grade, "risk": float(probs[i]), "days_since_visit": days,
                      "reason": ", ".join(reasons)})
    items.sort(key=lambda it: -it["score"])
    items = items[: max(1, top_n or 10)]
    if whole_scope:
        for it in items:
            it["rep"] = names[it["account_id"]][2]
    rows = [[str(k + 1), it["name"], it["type"], *([it["rep"]] if whole_scope else []), f"{it['score']:.2f}", it["reason"]]
            for k, it in enumerate(items)]
    notes = ["※ 우선순위 = 등급 35% + 이탈 위험 30% + 방문 공백(등급별 권장 주기 대비) 25%"
             + (" + 이번 달 예측 대비 부족분 10%." if gaps else ". 거래처별 매출 예측이 아직 없어 예측 갭 항목은 제외했습니다.")]
    if model is None:
        notes.append("※ 이탈 위험 모델이 아직 학습되지 않아 위험도 항목은 0으로 계산했습니다(`medrep train`).")
    if whole_scope:
        notes.append("※ 팀장(관리자)님 본인 담당 거래처가 없어 팀원 담당 거래처 전체에서 골랐습니다. "
                     f"한 사람 것만 보려면 예: '{items[0]['rep']} 방문 우선순위'.")
    header = ["순위", "거래처", "유형", *(["담당"] if whole_scope else []), "점수", "이유"]
    text = f"**{label} 방문 우선순위**\n\n" + markdown_table(header, rows) + "\n\n" + "\n".join(notes)
    return ToolOutput(summary=text, data={"rep_id": None if whole_scope else target.id, "accounts": items,
                                          "forecast_gap_used": bool(gaps)})


def client_profile(session: Session, caller: Caller, today: date, model_dir: Path, account: str) -> ToolOutput:
    if not account or not account.strip():
        raise ToolInputError("어느 거래처인지 알려 주세요. 예: 한성대학교병원")
    acc = entities.resolve_account(session, caller, account)
    asof = month_start(today)
    feats = compute_features(session, asof, Account.id == acc.id)
    grade = grade_accounts(session, asof, Account.id == acc.id, sales=feats.sales)[acc.id]
    model = ChurnModel.load(model_dir)
    risk_line = "이탈 위험: 모델 미학습(`medrep train`)"
    risk = None
    if model is not None:
        probs, contribs = model.score(feats)
        risk = float(probs[0])
        risk_line = f"이탈 위험: {risk * 100:.0f}% — " + ", ".join(explain(feats, 0, contribs))
    top = session.execute(select(Product.name, func.sum(MonthlySale.amount).label("a")).join(
        Product, Product.id == MonthlySale.product_id).where(MonthlySale.account_id == acc.id,
        MonthlySale.month >= add_months(asof, -12), MonthlySale.month < asof)
        .group_by(Product.name).order_by(func.sum(MonthlySale.amount).desc()).limit(5)).all()
    visits = session.execute(select(Visit.visited_at, Visit.purpose, Visit.notes, Rep.name).join(Rep, Rep.id == Visit.rep_id)
                             .where(Visit.account_id == acc.id).order_by(Visit.visited_at.desc()).limit(3)).all()
    owner = session.get(Rep, acc.owner_rep_id) if acc.owner_rep_id else None
    lines = [f"**{acc.name}** ({acc.type}, {acc.province} {acc.district}" + (f", {acc.beds:,}병상" if acc.beds else "")
             + (f", {acc.specialty}" if acc.specialty else "") + f") — 담당 {owner.name if owner else '-'}",
             "", f"- 등급: **{grade.grade}** ({grade.reason_text})", f"- {risk_line}",
             f"- 최근 12개월 매출 {format_won(feats.raw['amount_12'][0])}, 최근 3개월 {format_won(feats.raw['amount_3'][0])}"]
    if top:
        lines.append("- 주요 제품(12개월): " + ", ".join(f"{n} {format_won(a)}" for n, a in top))
    days = visit_gaps(session, [acc.id], today)[acc.id]
    lines.append(f"- {gap_text(days)}" + (f" ({today:%Y-%m-%d} 기준)" if days is not None else ""))
    if visits:
        lines += ["", "최근 방문:"] + [f"- {v.visited_at:%Y-%m-%d} {v.purpose} ({v.name}): {(v.notes or '').strip()[:80]}" for v in visits]
    else:
        lines.append("- 방문 기록 없음")
    return ToolOutput(summary="\n".join(lines), data={
        "account_id": acc.id, "grade": grade.grade, "grade_reasons": grade.reasons, "risk": risk,
        "amount_12": float(feats.raw["amount_12"][0]), "top_products": [[n, int(a)] for n, a in top],
        "days_since_visit": days, "visits": [{"at": v.visited_at.isoformat(), "purpose": v.purpose} for v in visits]})
