"""Report filters: names users say → resolved ids, access checks, and SQL conditions.

A rep sees their own rows, a manager their team's, an admin everything (data.access).
Naming a rep, team or account outside that scope raises AccessDenied (Korean)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller, account_filter, require_team
from data.models import Account, MonthlySale, Product, Rep
from tools.common import entities
from tools.common.vocab import GROUP_LABELS, GROUP_WORDS, GROUPS
from tools.common.plumbing import ToolInputError

SALES = MonthlySale.__table__
ACCOUNTS = Account.__table__
PRODUCTS = Product.__table__
REPS = Rep.__table__

# Targets are set per rep × product × month: only these cuts have a target.
TARGET_GROUPS = {"rep", "team", "product", "therapeutic_area", "month", "total"}


@dataclass
class Scope:
    """Resolved filters of one report."""

    caller: Caller
    rep_id: int | None = None
    team_id: int | None = None
    region: str | None = None
    account_id: int | None = None
    account_type: str | None = None
    product_id: int | None = None
    therapeutic_area: str | None = None
    channel: str | None = None
    labels: list[str] = field(default_factory=list)  # Korean description of each filter

    @property
    def has_target(self) -> bool:
        """Targets exist per rep × product, so account/region/type/channel cuts have none."""
        return not (self.region or self.account_id or self.account_type or self.channel)

    def needs_accounts(self) -> bool:
        return bool(self.region or self.account_type)

    def needs_products(self) -> bool:
        return bool(self.therapeutic_area)

    def whose(self) -> str:
        """Whose figures these are, by the access rules: 전사 / the manager's team / the rep's own."""
        if self.caller.is_admin:
            return "전사"
        if self.caller.is_manager:
            return f"{self.caller.team_name or '소속 팀'} 전체"
        return f"{self.caller.name} 담당"

    def describe(self) -> str:
        """Header scope: always says whose figures (담당/팀/전사), then the filters."""
        if not self.labels:
            return self.whose()
        names_owner = self.rep_id is not None or (self.team_id is not None and not self.caller.is_manager)
        if names_owner:
            return ", ".join(self.labels)
        return f"{self.whose()} · " + ", ".join(self.labels)

    def narrowing_note(self, group_by: str | None = None) -> str | None:
        """One Korean sentence when a non-admin asked something that sounds company- or region-wide
        ("서울 지역 전체", "로수빛 전사", "팀별") and the access rules narrowed it."""
        if self.caller.is_admin:
            return None
        wide_cuts = {"team", "region"} | ({"rep"} if not self.caller.is_manager else set())
        if not (self.region or self.product_id or self.therapeutic_area
                or self.account_type or self.channel or group_by in wide_cuts):
            return None
        if self.caller.is_manager:
            return (f"접근 권한에 따라 {self.caller.team_name or '소속 팀'} 거래처의 실적만 집계했습니다"
                    "(다른 팀·전사 실적은 관리자에게 요청해 주세요).")
        return (f"접근 권한에 따라 {self.caller.name} 님 담당 거래처의 실적만 집계했습니다"
                "(팀·전사 실적은 팀장이나 관리자에게 요청해 주세요).")

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in ("rep_id", "team_id", "region", "account_id", "account_type",
                                              "product_id", "therapeutic_area", "channel")} | {"label": self.describe()}


def resolve_scope(
    session: Session,
    caller: Caller,
    *,
    rep: str | None = None,
    team: str | None = None,
    region: str | None = None,
    account: str | None = None,
    account_type: str | None = None,
    product: str | None = None,
    therapeutic_area: str | None = None,
    channel: str | None = None,
) -> Scope:
    scope = Scope(caller=caller)
    if rep and rep.strip():
        found = entities.resolve_rep(session, caller, rep)
        scope.rep_id = found.id
        scope.labels.append(f"담당자 {found.name}")
    if team and team.strip():
        found_team = entities.resolve_team(session, team)
        require_team(caller, found_team.id)  # a rep naming even their own team is told they see their own rows
        scope.team_id = found_team.id
        scope.labels.append(found_team.name)
    if region and region.strip():
        scope.region = entities.resolve_region(region)
        _require_region(session, caller, scope.region)
        scope.labels.append(f"지역 {scope.region}")
    if account and account.strip():
        acc = entities.resolve_account(session, caller, account)
        scope.account_id = acc.id
        scope.labels.append(f"거래처 {acc.name}")
    if account_type and account_type.strip():
        scope.account_type = entities.resolve_account_type(account_type)
        scope.labels.append(scope.account_type)
    if product and product.strip():
        prod = entities.resolve_product(session, product)
        scope.product_id = prod.id
        scope.labels.append(prod.name)
    if therapeutic_area and therapeutic_area.strip():
        scope.therapeutic_area = entities.resolve_therapeutic_area(session, therapeutic_area)
        scope.labels.append(f"{scope.therapeutic_area} 영역")
    if channel and channel.strip():
        scope.channel = entities.resolve_channel(channel)
        scope.labels.append(f"{scope.channel} 채널")
    return scope


def _require_region(session: Session, caller: Caller, region: str) -> None:
    """A rep or manager naming a 시·도 where none of their accounts are is asking about someone
    else's territory: say so instead of answering with an empty table."""
    if caller.is_admin:
        return
    covered = set(session.scalars(select(Account.province).where(account_filter(caller)).distinct()))
    if region not in covered:
        who = f"{caller.team_name or '소속 팀'}" if caller.is_manager else f"{caller.name} 님"
        raise AccessDenied(
            f"{region} 지역은 {who}의 담당 범위가 아니라 실적을 볼 수 없습니다. "
            f"담당 지역: {', '.join(sorted(covered)) or '없음'}. 다른 지역 실적은 관리자에게 요청해 주세요."
        )


def check_group(group_by: str | None) -> str:
    key = (group_by or "product").strip().lower().removesuffix("별").replace(" ", "")
    key = GROUP_WORDS.get(key, key)
    if key not in GROUPS:
        raise ToolInputError(
            f"'{group_by}' 기준으로는 나눌 수 없습니다. 가능한 기준: " + ", ".join(f"{GROUP_LABELS[g]}({g})" for g in GROUPS)
        )
    return key


def all_of(conds: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    return and_(*conds)
