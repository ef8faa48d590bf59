"""Access rules as SQL filters, for rep / manager / admin, against the demo world."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from data.access import AccessDenied, account_filter, rep_filter, require_account, require_team, visibility_filter
from data.models import Account, Document, MonthlySale, Rep


def _visible_sales_total(app, caller) -> int:
    with app.session() as session:
        return session.scalar(select(func.sum(MonthlySale.amount)).where(rep_filter(caller, MonthlySale.rep_id)))


def test_rep_sees_only_own_sales(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.engine.connect() as c:
        expected = c.execute(text("SELECT SUM(amount) FROM sales_monthly WHERE rep_id = :r"), {"r": rep.rep_id}).scalar()
    assert _visible_sales_total(demo_app_ro, rep) == expected


def test_manager_sees_team_and_admin_sees_all(demo_app_ro, caller):
    manager = caller(demo_app_ro, "manager")
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.engine.connect() as c:
        team_total = c.execute(text(
            "SELECT SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id WHERE r.team_id = :t"),
            {"t": manager.team_id}).scalar()
        all_total = c.execute(text("SELECT SUM(amount) FROM sales_monthly")).scalar()
    assert _visible_sales_total(demo_app_ro, manager) == team_total
    assert _visible_sales_total(demo_app_ro, admin) == all_total
    assert team_total < all_total


def test_account_filter_and_require_account(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as session:
        own = session.scalars(select(Account).where(account_filter(rep))).all()
        assert own and all(a.owner_rep_id == rep.rep_id for a in own)
        other = session.scalar(select(Account).where(Account.owner_rep_id != rep.rep_id))
        with pytest.raises(AccessDenied) as excinfo:
            require_account(session, rep, other.id)
        assert "거래처" in excinfo.value.message
        assert require_account(session, rep, own[0].id).id == own[0].id


def test_manager_cannot_see_other_team(demo_app_ro, caller):
    manager = caller(demo_app_ro, "manager")
    with demo_app_ro.session() as session:
        other_team = session.scalar(select(Rep.team_id).where(Rep.team_id != manager.team_id, Rep.team_id.is_not(None)))
    with pytest.raises(AccessDenied):
        require_team(manager, other_team)
    require_team(caller(demo_app_ro, "admin"), other_team)


def test_document_visibility(demo_app, caller):
    rep = caller(demo_app, "rep")
    manager = caller(demo_app, "manager")
    with demo_app.session() as session:
        other_team = session.scalar(select(Rep.team_id).where(Rep.team_id != rep.team_id, Rep.team_id.is_not(None)))
        docs = [
            Document(title="전체", source="a", source_type="md", visibility="all", content_hash="1"),
            Document(title="우리팀", source="b", source_type="md", visibility="team", visibility_team_id=rep.team_id, content_hash="2"),
            Document(title="남의팀", source="c", source_type="md", visibility="team", visibility_team_id=other_team, content_hash="3"),
            Document(title="팀장용", source="d", source_type="md", visibility="role", visibility_role="manager", content_hash="4"),
            Document(title="내 업로드", source="e", source_type="md", visibility="private", owner_rep_id=rep.rep_id, content_hash="5"),
            Document(title="남의 업로드", source="f", source_type="md", visibility="private", owner_rep_id=manager.rep_id, content_hash="6"),
        ]
        session.add_all(docs)
        session.commit()

        def titles(who):
            return set(session.scalars(select(Document.title).where(visibility_filter(who, Document))))

        assert titles(rep) == {"전체", "우리팀", "내 업로드"}
        assert titles(manager) == {"전체", "우리팀", "팀장용", "남의 업로드"}
        assert titles(caller(demo_app, "admin")) == {d.title for d in docs}
