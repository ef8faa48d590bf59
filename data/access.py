"""Who is asking (`Caller`) and what they may see, as reusable SQL filters.

Rules (DESIGN.md): a rep sees their own accounts, sales, calls and predictions; a manager
their team's; an admin everything. Documents and wiki pages carry a visibility. Every filter
here is built from the injected Caller, never from model output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session

from data.models import Account, Rep

Role = Literal["rep", "manager", "admin"]
ROLE_RANK = {"rep": 0, "manager": 1, "admin": 2}


class AccessDenied(PermissionError):
    """Raised by tools when the caller asks for data outside their scope (message in Korean)."""

    def __init__(self, message: str = "요청하신 데이터를 볼 권한이 없습니다. 담당 범위 안의 데이터만 조회할 수 있어요."):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Caller:
    rep_id: int
    name: str
    role: Role
    team_id: int | None
    locale: str = "ko"
    team_name: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"

    @classmethod
    def from_rep(cls, rep: Rep) -> "Caller":
        return cls(
            rep_id=rep.id,
            name=rep.name,
            role=rep.role,  # type: ignore[arg-type]
            team_id=rep.team_id,
            locale=rep.locale,
            team_name=rep.team.name if rep.team else None,
        )


def visible_rep_ids(caller: Caller) -> Select[tuple[int]]:
    """SELECT of the rep ids whose data the caller may see."""
    if caller.is_admin:
        return select(Rep.id)
    if caller.is_manager and caller.team_id is not None:
        return select(Rep.id).where(Rep.team_id == caller.team_id)
    return select(Rep.id).where(Rep.id == caller.rep_id)


def rep_filter(caller: Caller, rep_id_column) -> ColumnElement[bool]:
    """Filter for rows owned by a rep (sales, targets, visits, calls, predictions)."""
    if caller.is_admin:
        return true()
    if caller.is_manager and caller.team_id is not None:
        return rep_id_column.in_(visible_rep_ids(caller))
    return rep_id_column == caller.rep_id


def account_filter(caller: Caller) -> ColumnElement[bool]:
    """Filter on `Account` rows: accounts owned by a visible rep."""
    return rep_filter(caller, Account.owner_rep_id)


def visibility_filter(caller: Caller, model) -> ColumnElement[bool]:
    """Filter for documents and wiki pages (columns visibility, visibility_team_id,
    visibility_role, owner_rep_id)."""
    if caller.is_admin:
        return true()
    allowed_roles = [role for role, rank in ROLE_RANK.items() if rank <= ROLE_RANK[caller.role]]
    return or_(
        model.visibility == "all",
        and_(model.visibility == "team", model.visibility_team_id == caller.team_id)
        if caller.team_id is not None
        else false(),
        and_(model.visibility == "role", model.visibility_role.in_(allowed_roles)),
        model.owner_rep_id == caller.rep_id,
    )


def can_see_rep(session: Session, caller: Caller, rep_id: int) -> bool:
    if caller.is_admin or rep_id == caller.rep_id:
        return True
    if caller.is_manager and caller.team_id is not None:
        return session.scalar(select(Rep.team_id).where(Rep.id == rep_id)) == caller.team_id
    return False


def can_see_team(caller: Caller, team_id: int) -> bool:
    return caller.is_admin or (caller.is_manager and caller.team_id == team_id)


def require_rep(session: Session, caller: Caller, rep_id: int) -> None:
    if not can_see_rep(session, caller, rep_id):
        raise AccessDenied("다른 담당자의 데이터는 볼 수 없습니다. 본인(팀장은 소속 팀) 데이터만 조회할 수 있어요.")


def require_team(caller: Caller, team_id: int) -> None:
    if can_see_team(caller, team_id):
        return
    if caller.team_id is not None and caller.team_id == team_id:  # a rep naming their own team
        team = caller.team_name or "소속 팀"
        raise AccessDenied(f"{team}은(는) 소속 팀이지만, 담당자는 팀 전체가 아니라 본인 실적만 볼 수 있어요. "
                           "팀 실적은 팀장이나 관리자에게 요청해 주세요.")
    raise AccessDenied("다른 팀의 실적은 볼 수 없습니다. 소속 팀(관리자는 전체) 데이터만 조회할 수 있어요.")


def require_account(session: Session, caller: Caller, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise LookupError("해당 거래처를 찾을 수 없습니다.")
    if account.owner_rep_id is None or not can_see_rep(session, caller, account.owner_rep_id):
        raise AccessDenied("담당 범위 밖의 거래처입니다. 본인(팀장은 소속 팀) 거래처만 조회할 수 있어요.")
    return account
