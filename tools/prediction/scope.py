"""Which series a question is about, and whether the caller may see it.

A rep forecasts only their own series, a manager their team (and its reps and accounts),
an admin everything. Omitted names mean the caller's own scope (rep → self, manager →
team, admin → company total).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller, require_rep, require_team, visible_rep_ids
from tools.common.entities import resolve_account, resolve_product, resolve_rep, resolve_team
from tools.common.plumbing import ToolInputError
from tools.prediction.series import SCOPES, series_key

SCOPE_ALIASES = {
    "전체": "total", "전사": "total", "회사": "total", "total": "total", "all": "total",
    "팀": "team", "team": "team", "담당자": "rep", "개인": "rep", "rep": "rep", "나": "rep",
    "제품": "product", "품목": "product", "product": "product", "거래처": "account", "account": "account",
}


@dataclass(frozen=True)
class SeriesTarget:
    scope: str
    scope_id: int | None
    label: str  # Korean, e.g. "김민준 담당", "서울1팀", "전사"
    note: str = ""  # why the scope was adjusted, shown to the user
    product_id: int | None = None  # product restricted to the caller's own sales

    @property
    def key(self) -> str:
        return series_key(self.scope, self.scope_id)


def own_scope(session: Session, caller: Caller) -> SeriesTarget:
    if caller.is_admin:
        return SeriesTarget("total", None, "전사")
    if caller.is_manager and caller.team_id is not None:
        return SeriesTarget("team", caller.team_id, caller.team_name or "소속 팀")
    return SeriesTarget("rep", caller.rep_id, f"{caller.name} 담당")


def resolve_series(session: Session, caller: Caller, scope: str | None, name: str | None) -> SeriesTarget:
    raw = (scope or "total").strip().lower()
    scope = SCOPE_ALIASES.get(raw, raw)
    if scope not in SCOPES:
        raise ToolInputError("범위(scope)는 total(전사), team(팀), rep(담당자), product(제품), account(거래처) 중 하나로 "
                             "말씀해 주세요.")
    name = (name or "").strip() or None
    if scope == "total":
        target = own_scope(session, caller)
        if not caller.is_admin:
            return SeriesTarget(target.scope, target.scope_id, target.label,
                                f"전사 예측은 관리자만 볼 수 있어 {target.label} 기준으로 보여드립니다.")
        return target
    if scope == "team":
        if name is None:
            if caller.team_id is None:
                raise ToolInputError("팀 이름을 알려 주세요. 예: 서울1팀")
            team_id, label = caller.team_id, caller.team_name or "소속 팀"
        else:
            team = resolve_team(session, name)
            team_id, label = team.id, team.name
        if caller.role == "rep":
            raise AccessDenied("팀 전체 예측은 팀장과 관리자만 볼 수 있어요. 본인 예측은 '내 매출 예측'으로 물어봐 주세요.")
        require_team(caller, team_id)
        return SeriesTarget("team", team_id, label)
    if scope == "rep":
        rep = resolve_rep(session, caller, name) if name else None
        rep_id = rep.id if rep else caller.rep_id
        require_rep(session, caller, rep_id)
        return SeriesTarget("rep", rep_id, f"{rep.name if rep else caller.name} 담당")
    if scope == "product":
        if name is None:
            raise ToolInputError("어떤 제품의 예측인지 알려 주세요. 예: 로수빛, HB-ROS10")
        product = resolve_product(session, name)
        if caller.is_admin:
            return SeriesTarget("product", product.id, product.name)
        own = own_scope(session, caller)
        return SeriesTarget(own.scope, own.scope_id, f"{own.label} · {product.name}",
                            f"제품 전사 예측은 관리자만 볼 수 있어 {own.label}의 {product.name} 실적 기준으로 예측했습니다.",
                            product_id=product.id)
    if name is None:
        raise ToolInputError("어느 거래처의 예측인지 알려 주세요. 예: 한성대학교병원")
    account = resolve_account(session, caller, name)
    return SeriesTarget("account", account.id, account.name)


def visible_rep_list(session: Session, caller: Caller) -> list[int]:
    return list(session.scalars(visible_rep_ids(caller)))


def rep_ids_of(session: Session, target: SeriesTarget) -> list[int] | None:
    """Rep ids whose sales make up a rep/team series (None for other scopes)."""
    from data.models import Rep

    if target.scope == "rep":
        return [target.scope_id]  # type: ignore[list-item]
    if target.scope == "team":
        return list(session.scalars(select(Rep.id).where(Rep.team_id == target.scope_id)))
    return None
