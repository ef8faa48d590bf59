"""월간 실적 보고서: figures equal SQL over sales_monthly / targets_monthly for each role's
scope; sections, charts embedded in the .docx, PDF with Korean text; versions; bad input."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from data.models import Account, DocumentDraft, MonthlySale, MonthlyTarget, Product, Rep
from tests.documents.pdftext import docx_images, docx_text, file_of, pdf_text, squeezed
from tools.registry import call_tool

OCT, SEP, OCT_LY = date(2026, 10, 1), date(2026, 9, 1), date(2025, 10, 1)


def _rep_ids(app, caller_obj) -> list[int] | None:
    """The reps whose rows the caller sees, computed here without data.access (None: all)."""
    if caller_obj.role == "admin":
        return None
    with app.session() as s:
        if caller_obj.role == "manager":
            return list(s.scalars(select(Rep.id).where(Rep.team_id == caller_obj.team_id)))
    return [caller_obj.rep_id]


def _sum(app, model, month, reps, *extra):
    with app.session() as s:
        q = select(func.coalesce(func.sum(model.amount), 0)).where(model.month == month, *extra)
        if reps is not None:
            q = q.where(model.rep_id.in_(reps))
        return int(s.scalar(q))


def _by(app, model, month, reps, limit=None, asc=False):
    """(name, amount) per product or account (grouped by id: two accounts may share a name)."""
    with app.session() as s:
        total = func.sum(MonthlySale.amount)
        fk = MonthlySale.product_id if model is Product else MonthlySale.account_id
        q = select(model.name, total).join(model, model.id == fk).where(MonthlySale.month == month)
        if reps is not None:
            q = q.where(MonthlySale.rep_id.in_(reps))
        q = q.group_by(model.id, model.name).having(total > 0).order_by(total.asc() if asc else total.desc(), model.name)
        return [(n, int(a)) for n, a in s.execute(q.limit(limit) if limit else q).all()]


def test_rep_monthly_report_figures_equal_sql_and_files(demo_app, caller):
    rep = caller(demo_app, "rep")
    out = call_tool(demo_app, rep, "draft_monthly_report")  # default: the last finished month (2026-10)
    assert out.error is None, out.summary
    reps = _rep_ids(demo_app, rep)
    amount, target = _sum(demo_app, MonthlySale, OCT, reps), _sum(demo_app, MonthlyTarget, OCT, reps)
    prev, ly = _sum(demo_app, MonthlySale, SEP, reps), _sum(demo_app, MonthlySale, OCT_LY, reps)
    assert amount > 0 and target > 0
    assert out.data["month"] == "2026-10"
    assert (out.data["amount"], out.data["target"], out.data["prev_amount"], out.data["ly_amount"]) == (amount, target, prev, ly)

    docx_path, pdf_path = file_of(out, ".docx"), file_of(out, ".pdf")
    text = docx_text(docx_path)
    for heading in ("요약", "제품별 실적", "거래처 상위 5", "거래처 하위 5", "차트", "다음 달 계획", "컴플라이언스 점검"):
        assert heading in text
    assert f"{amount:,}원" in text and f"{target:,}원" in text
    assert f"{amount / target * 100:.1f}%" in text
    assert f"{(amount - prev) / prev * 100:+.1f}%" in text and f"{(amount - ly) / ly * 100:+.1f}%" in text
    products = _by(demo_app, Product, OCT, reps)
    for name, value in products:
        assert f"{value:,}원" in text, name
    top_name, top_amount = _by(demo_app, Account, OCT, reps, limit=1)[0]
    low_name, low_amount = _by(demo_app, Account, OCT, reps, limit=1, asc=True)[0]
    assert top_name in text and f"{top_amount:,}원" in text
    assert low_name in text and f"{low_amount:,}원" in text
    assert docx_images(docx_path) == 2  # monthly trend + product achievement

    pdf = squeezed(pdf_text(pdf_path))  # Korean text is extractable: the font is embedded with its mapping
    for needle in ("월간실적보고서", rep.name, "제품별실적", f"{amount:,}원", f"{target:,}원", top_name,
                   products[0][0].replace(" ", "")):
        assert squeezed(needle) in pdf, needle


def test_manager_and_admin_scopes(demo_app, caller):
    for role in ("manager", "admin"):
        who = caller(demo_app, role)
        out = call_tool(demo_app, who, "draft_monthly_report", month="2026년 9월", file_format="pdf")
        assert out.error is None, out.summary
        reps = _rep_ids(demo_app, who)
        assert out.data["amount"] == _sum(demo_app, MonthlySale, SEP, reps)
        assert out.data["target"] == _sum(demo_app, MonthlyTarget, SEP, reps)
        assert [f.path.suffix for f in out.files] == [".pdf"]
        expected = "전사" if role == "admin" else f"{who.team_name} 전체"
        assert expected in pdf_text(out.files[0].path)
    with demo_app.session() as s:
        company = int(s.scalar(select(func.sum(MonthlySale.amount)).where(MonthlySale.month == SEP)))
    assert out.data["amount"] == company


def test_plan_notes_are_checked_versioned_and_revisable(demo_app, caller):
    rep = caller(demo_app, "rep")
    notes = "강남 지역 신규 처방처 2곳 방문\n로수빛정 허가 적응증 자료 배포\n처방 늘려주시면 챙겨드릴게요"
    first = call_tool(demo_app, rep, "draft_monthly_report", month="10월", notes=notes)
    assert first.error is None, first.summary
    assert "rebate" in {f["category"] for f in first.data["findings"]}
    text = docx_text(file_of(first, ".docx"))
    assert "신규 처방처 2곳 방문" in text and "리베이트" in text
    second = call_tool(demo_app, rep, "draft_revise", instruction="마지막 문단 빼줘")
    assert second.error is None, second.summary
    assert second.data["version"] == first.data["version"] + 1 == 2
    text = docx_text(file_of(second, ".docx"))
    assert "자료 배포" in text and "챙겨드릴게요" not in text
    assert second.data["findings"] == []
    with demo_app.session() as s:
        rows = s.scalars(select(DocumentDraft).where(DocumentDraft.kind == "monthly_report")).all()
        assert sorted(r.version for r in rows) == [1, 2] and {r.draft_key for r in rows} == {f"monthly:{rep.rep_id}:2026-10"}


def test_bad_months_are_korean(demo_app, caller):
    rep = caller(demo_app, "rep")
    out = call_tool(demo_app, rep, "draft_monthly_report", month="2020년 1월")
    assert out.error == "bad_request" and "데이터가 없습니다" in out.summary and "실적이 있는 기간" in out.summary
    out = call_tool(demo_app, rep, "draft_monthly_report", month="3분기")
    assert out.error == "bad_request" and "한 달 단위" in out.summary
    out = call_tool(demo_app, rep, "draft_monthly_report", month="다음 달")
    assert out.error == "bad_request"
