"""Resolve a platform identity (Slack id, Teams id, email, name, employee no.) to a Caller."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from data.access import Caller
from data.models import Rep

UNKNOWN_USER_MESSAGE = (
    "죄송합니다. MedRep에 등록된 사용자가 아니어서 답변드릴 수 없습니다. "
    "영업지원팀(관리자)에게 계정 등록을 요청해 주세요."
)


def find_rep(session: Session, identity: str) -> Rep | None:
    identity = identity.strip()
    if not identity:
        return None
    query = select(Rep).options(joinedload(Rep.team)).where(Rep.active.is_(True))
    rep = session.scalars(
        query.where(
            or_(
                Rep.slack_user_id == identity,
                Rep.teams_user_id == identity,
                Rep.email == identity.lower(),
                Rep.employee_no == identity,
            )
        )
    ).first()
    if rep is None:
        rep = session.scalars(query.where(Rep.name == identity).order_by(Rep.id)).first()
    return rep


def resolve_caller(session: Session, identity: str) -> Caller | None:
    rep = find_rep(session, identity)
    return Caller.from_rep(rep) if rep else None
