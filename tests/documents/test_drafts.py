"""Visit-report drafts (.docx), versions, visit records, expenditure export, access, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from data.models import Account, DocumentDraft, ExpenditureReport, Visit
from tools.common.files import TurnFile
from tools.common.plumbing import ToolContext, run_spec
from tools.registry import call_tool, find_spec


def _own_account(app, caller_obj):
    with app.session() as s:
        acc = s.scalars(select(Account).where(Account.owner_rep_id == caller_obj.rep_id).order_by(Account.id)).first()
        return acc.name, acc.code, acc.id


def _docx_text(path: str) -> str:
    import docx

    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_visit_report_docx_filled_from_database(demo_app, caller):
    rep = caller(demo_app, "rep")
    name, code, _ = _own_account(demo_app, rep)
    out = call_tool(demo_app, rep, "draft_visit_report", account=name, date="2026-11-19",
                    notes="김 교수님 면담. 로수빛정 허가 적응증을 설명했습니다. 다음 주 임상 자료를 전달하기로 했습니다.",
                    attendees="김민수 교수", products="로수빛정")
    assert out.error is None, out.summary
    [f] = out.files
    text = _docx_text(str(f.path))
    assert name in text and code in text and rep.name in text
    for heading in ("방문 개요", "방문 내용", "거래처 실적", "최근 방문 이력", "다음 단계", "컴플라이언스 점검"):
        assert heading in text
    assert "최근 12개월 매출" in text and "만원" in text
    assert "로수빛정" in text and "다음 주 임상 자료" in text
    assert "위반 소지가 있는 표현이 없습니다" in text


def test_visit_record_appears_in_account_history_and_versions(demo_app, caller):
    rep = caller(demo_app, "rep")
    name, _, acc_id = _own_account(demo_app, rep)
    first = call_tool(demo_app, rep, "draft_visit_report", account=name, date="2026-11-20", notes="첫 메모: 재고 확인.")
    second = call_tool(demo_app, rep, "draft_visit_report", account=name, date="2026-11-20",
                       notes="수정 메모: 재고 확인 후 다음 달 설명회 일정 요청.")
    assert first.data["version"] == 1 and second.data["version"] == 2
    assert first.data["visit_id"] == second.data["visit_id"]
    profile = call_tool(demo_app, rep, "client_profile", account=name)
    assert "2026-11-20" in profile.summary
    with demo_app.session() as s:
        visits = s.scalars(select(Visit).where(Visit.account_id == acc_id, Visit.notes.like("수정 메모%"))).all()
        assert len(visits) == 1
        drafts = s.scalars(select(DocumentDraft).where(DocumentDraft.account_id == acc_id)).all()
        assert sorted(d.version for d in drafts) == [1, 2]
        assert all(Path(d.file_path).is_file() for d in drafts)


def test_findings_shown_with_the_draft_and_spans(demo_app, caller):
    rep = caller(demo_app, "rep")
    name, _, _ = _own_account(demo_app, rep)
    notes = "원장님 면담. 처방 늘려주시면 챙겨드릴게요라고 말씀드렸습니다. 환자가 약 먹고 두드러기가 났다고 합니다."
    out = call_tool(demo_app, rep, "draft_visit_report", account=name, notes=notes)
    cats = {f["category"] for f in out.data["findings"]}
    assert {"rebate", "adverse_event"} <= cats
    for f in out.data["findings"]:
        assert notes[f["start"]:f["end"]] == f["quote"]
    assert "리베이트" in out.summary and "약물감시팀" in out.summary
    assert "리베이트" in _docx_text(out.data["path"])


def test_benefit_becomes_expenditure_rows_and_xlsx(demo_app, caller):
    rep = caller(demo_app, "rep")
    name, _, acc_id = _own_account(demo_app, rep)
    out = call_tool(demo_app, rep, "draft_visit_report", account=name, date="2026-11-18",
                    notes="제품설명회 진행. 로수빛정 허가 정보 설명.", attendees="김민수, 박서연",
                    benefit_type="제품설명회 식음료", benefit_amount=300_000, benefit_people=2)
    assert any(f["category"] == "hospitality" and "150,000원" in f["message"] for f in out.data["findings"])
    with demo_app.session() as s:
        rows = s.scalars(select(ExpenditureReport).where(ExpenditureReport.account_id == acc_id)).all()
        assert sorted(r.recipient for r in rows) == ["김민수", "박서연"] and {r.amount for r in rows} == {150_000}
    export = call_tool(demo_app, rep, "draft_expenditure_export", start="2026-11-01")
    assert export.error is None and export.data["rows"] == 2
    import openpyxl

    ws = openpyxl.load_workbook(export.files[0].path).active
    assert [c.value for c in ws[1]][:5] == ["수령자", "소속 기관", "제공일", "제공 유형", "금액(원)"]
    assert ws.cell(2, 2).value == name and ws.cell(2, 5).value == 150_000


def test_rep_cannot_draft_for_another_reps_account(demo_app, caller, foreign_account):
    rep = caller(demo_app, "rep")
    with demo_app.session() as s:
        other = foreign_account(s, rep.rep_id)
    out = call_tool(demo_app, rep, "draft_visit_report", account=other, notes="면담했습니다.")
    assert out.error in ("access_denied", "not_found")
    with demo_app.session() as s:
        assert s.scalars(select(DocumentDraft)).first() is None


def test_unknown_account_and_empty_notes_are_korean(demo_app, caller):
    rep = caller(demo_app, "rep")
    out = call_tool(demo_app, rep, "draft_visit_report", account="없는병원쿠쿠", notes="면담")
    assert out.error == "not_found" and "거래처" in out.summary
    name, _, _ = _own_account(demo_app, rep)
    out = call_tool(demo_app, rep, "draft_visit_report", account=name, notes="   ")
    assert out.error == "bad_request"
    out = call_tool(demo_app, rep, "draft_visit_report", account=name, notes="면담", date="어제쯤")
    assert out.error == "bad_request" and "YYYY-MM-DD" in out.summary


def test_template_with_a_missing_field(tmp_path):
    from tools.common.plumbing import ToolInputError
    from tools.documents.templates import fill, load_template

    (tmp_path / "broken.yml").write_text("title: '{account_name}'\nsections:\n  - heading: 'x'\n    text: '{nope}'\n",
                                         encoding="utf-8")
    with pytest.raises(ToolInputError, match=r"\{nope\}"):
        fill(load_template("broken", tmp_path), {"account_name": "a"})


def test_compliance_check_tool_text_and_files(demo_app, caller, tmp_path):
    rep = caller(demo_app, "rep")
    out = call_tool(demo_app, rep, "compliance_check", text="처방 늘려주시면 챙겨드릴게요")
    assert out.error is None and out.data["categories"] == ["rebate"]
    empty = call_tool(demo_app, rep, "compliance_check", text="")
    assert empty.error == "bad_request" and "비어" in empty.summary

    import docx

    good = tmp_path / "memo.docx"
    d = docx.Document()
    d.add_paragraph("설명회 식사를 1인당 18만원 코스로 예약했습니다.")
    d.save(str(good))
    locked = tmp_path / "locked.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    cap, spec = find_spec("compliance_check")

    def run(path):
        ctx = ToolContext(caller=rep, app=demo_app, files=[TurnFile(name=path.name, mime="", path=path)])
        return run_spec(cap.package, spec, ctx, {})

    assert run(good).data["categories"] == ["hospitality"]
    bad = run(locked)
    assert bad.error == "bad_request" and "암호" in bad.summary

    from pypdf import PdfWriter

    pdf = tmp_path / "locked.pdf"
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    with open(pdf, "wb") as fh:
        w.write(fh)
    bad = run(pdf)
    assert bad.error == "bad_request" and "암호" in bad.summary


def test_briefing_plan_checks_food_and_souvenir_against_limits(demo_app, caller):
    rep = caller(demo_app, "rep")
    name, _, _ = _own_account(demo_app, rep)
    ok = call_tool(demo_app, rep, "draft_briefing_plan", account=name, topic="로수빛정 허가 적응증", attendees=10,
                   date="2026-12-10", food_per_person=30_000, promo_item=5_000)
    assert ok.error is None and ok.data["findings"] == []
    text = _docx_text(ok.data["path"])
    assert name in text and "30,000원" in text and "300,000원" in text and "100,000원" in text
    over = call_tool(demo_app, rep, "draft_briefing_plan", account=name, topic="로수빛정 허가 적응증", attendees=10,
                     date="2026-12-10", food_per_person=150_000, souvenir_per_person=70_000, multi_institution=True)
    assert over.data["version"] == 2
    messages = " ".join(f["message"] for f in over.data["findings"])
    assert "150,000원" in messages and "70,000원" in messages and "50,000원" in messages


def test_revision_shortens_the_second_paragraph_as_a_new_version(demo_app, caller):
    rep = caller(demo_app, "rep")
    name, _, _ = _own_account(demo_app, rep)
    notes = ("김 교수님 면담.\n로수빛정 허가 적응증을 설명했습니다. 교수님이 고령 환자 자료를 물으셨습니다. 용법도 다시 안내했습니다.\n"
             "다음 주 자료 전달 예정.")
    first = call_tool(demo_app, rep, "draft_visit_report", account=name, notes=notes, date="2026-11-17")
    out = call_tool(demo_app, rep, "draft_revise", instruction="두 번째 문단 더 짧게")
    assert out.error is None, out.summary
    assert out.data["version"] == first.data["version"] + 1 and "2번째 문단" in out.summary
    text = _docx_text(out.data["path"])
    assert "로수빛정 허가 적응증을 설명했습니다." in text and "용법도 다시 안내했습니다" not in text
    assert "김 교수님 면담" in text and "다음 주 자료 전달 예정" in text
    bad = call_tool(demo_app, rep, "draft_revise", instruction="아홉 번째 문단 짧게")
    assert bad.error == "bad_request" and "문단이 없습니다" in bad.summary
