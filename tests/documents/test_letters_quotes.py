"""견적서 and 공문 to an account: catalog prices, VAT and totals computed here; PDF with the
Korean text, account and figures; compliance findings; versions and revisions; bad input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from data.models import Account, DocumentDraft, Product
from tests.documents.pdftext import docx_text, file_of, pdf_text, squeezed
from tools.registry import call_tool

TODAY = date(2026, 11, 20)


def _own_account(app, caller_obj) -> str:
    with app.session() as s:
        return s.scalars(select(Account.name).where(Account.owner_rep_id == caller_obj.rep_id).order_by(Account.id)).first()


def _price(app, code: str) -> tuple[str, int]:
    with app.session() as s:
        p = s.scalars(select(Product).where(Product.code == code)).one()
        return p.name, p.unit_price


def test_quotation_prices_vat_total_and_pdf(demo_app, caller):
    rep = caller(demo_app, "rep")
    account = _own_account(demo_app, rep)
    out = call_tool(demo_app, rep, "draft_quotation", account=account, items="로수빛정 100박스, 한빛암로정 50박스",
                    notes="납품은 주문 후 3일 이내")
    assert out.error is None, out.summary
    (ros, ros_price), (aml, aml_price) = _price(demo_app, "HB-ROS10"), _price(demo_app, "HB-AML05")
    supply = ros_price * 100 + aml_price * 50
    vat = supply // 10  # 10%, fractions of a won dropped (the prices here are whole tens anyway)
    assert (out.data["supply"], out.data["vat"], out.data["total"]) == (supply, vat, supply + vat)
    assert out.data["valid_until"] == (TODAY + timedelta(days=30)).isoformat()
    pdf = squeezed(pdf_text(file_of(out, ".pdf")))
    for needle in ("견 적 서", account, ros, aml, f"{ros_price:,}", f"{ros_price * 100:,}", f"{supply:,}원",
                   f"{vat:,}원", f"{supply + vat:,}원", "2026-12-20", "부가세(10%)"):
        assert squeezed(needle) in pdf, needle
    assert account in docx_text(file_of(out, ".docx"))
    again = call_tool(demo_app, rep, "draft_quotation", account=account, items="로수빛정 120박스", valid_days=14,
                      file_format="pdf")
    assert again.data["version"] == 2 and again.data["total"] == ros_price * 120 + ros_price * 120 // 10
    assert [f.path.suffix for f in again.files] == [".pdf"]
    with demo_app.session() as s:
        drafts = s.scalars(select(DocumentDraft).where(DocumentDraft.kind == "quotation")).all()
        assert sorted(d.version for d in drafts) == [1, 2] and len({d.draft_key for d in drafts}) == 1


def test_quotation_bad_input_keeps_what_was_typed(demo_app, caller, foreign_account):
    rep = caller(demo_app, "rep")
    account = _own_account(demo_app, rep)
    items = "로수빛정 100박스, 없는약품쿠쿠 20박스"
    out = call_tool(demo_app, rep, "draft_quotation", account=account, items=items)
    assert out.error == "bad_request" and "없는약품쿠쿠" in out.summary and items in out.summary
    out = call_tool(demo_app, rep, "draft_quotation", account=account, items="로수빛정")
    assert out.error == "bad_request" and "수량" in out.summary
    out = call_tool(demo_app, rep, "draft_quotation", account="쿠쿠루병원", items=items)
    assert out.error == "not_found" and "혹시" in out.summary and items in out.summary
    with demo_app.session() as s:
        other = foreign_account(s, rep.rep_id)
    out = call_tool(demo_app, rep, "draft_quotation", account=other, items="로수빛정 10박스")
    assert out.error in ("access_denied", "not_found")
    with demo_app.session() as s:
        assert s.scalars(select(DocumentDraft)).first() is None


def test_official_letter_fields_findings_and_revision(demo_app, caller):
    rep = caller(demo_app, "rep")
    account = _own_account(demo_app, rep)
    body = ("로수빛정 10mg 포장 단위가 2027년 1월부터 30정에서 90정으로 변경됨을 안내드립니다.\n"
            "변경 전 재고는 유효기간까지 그대로 사용하실 수 있습니다.\n"
            "이 약은 부작용이 전혀 없습니다.")
    out = call_tool(demo_app, rep, "draft_official_letter", account=account, subject="로수빛정 10mg 포장 단위 변경 안내",
                    body=body, reference="약제부장")
    assert out.error is None, out.summary
    assert "safety_claim" in {f["category"] for f in out.data["findings"]}
    number = out.data["doc_number"]
    assert number == f"한빛제약-{rep.team_name}-2026-0001"
    pdf = squeezed(pdf_text(file_of(out, ".pdf")))
    for needle in ("문서번호", number, "수신", f"{account} 귀하", "참조", "약제부장", "제목", "로수빛정 10mg 포장 단위 변경 안내",
                   "2. 변경 전 재고는", "2026. 11. 20.", "한빛제약 주식회사 대표이사", "끝."):
        assert squeezed(needle) in pdf, needle
    assert "컴플라이언스" not in pdf  # findings go to the rep, not into the letter sent out
    assert "부작용" in out.summary

    revised = call_tool(demo_app, rep, "draft_revise", instruction="마지막 문단 빼줘")
    assert revised.error is None, revised.summary
    assert revised.data["version"] == 2 and revised.data["doc_number"] == number and revised.data["findings"] == []
    text = squeezed(pdf_text(file_of(revised, ".pdf")))
    assert squeezed("유효기간까지 그대로") in text and squeezed("부작용이 전혀 없습니다") not in text

    other = call_tool(demo_app, rep, "draft_official_letter", account=account, body="12월 제품설명회 일정을 안내드립니다.")
    assert other.data["doc_number"] == f"한빛제약-{rep.team_name}-2026-0002"
    assert other.data["subject"] == "12월 제품설명회 일정을 안내드립니다"


def test_official_letter_bad_input_is_korean_and_keeps_the_body(demo_app, caller):
    rep = caller(demo_app, "rep")
    body = "연말 재고 조사 협조를 요청드립니다."
    out = call_tool(demo_app, rep, "draft_official_letter", account="쿠쿠루없는병원", body=body)
    assert out.error == "not_found" and "거래처" in out.summary and body in out.summary
    out = call_tool(demo_app, rep, "draft_official_letter", account=_own_account(demo_app, rep), body=body,
                    date="내년쯤")
    assert out.error == "bad_request" and "YYYY-MM-DD" in out.summary and body in out.summary
    out = call_tool(demo_app, rep, "draft_official_letter", account=_own_account(demo_app, rep), body="  ")
    assert out.error == "bad_request"


def test_template_grid_with_a_missing_column_or_image(tmp_path):
    from tools.common.plumbing import ToolInputError
    from tools.documents.templates import Grid, fill, load_template

    (tmp_path / "grid.yml").write_text(
        "title: 't'\nsections:\n  - heading: 'x'\n    grid: items\n    columns:\n      - {key: product, label: '품명'}\n"
        "      - {key: discount, label: '할인'}\n", encoding="utf-8")
    with pytest.raises(ToolInputError, match="discount"):
        fill(load_template("grid", tmp_path), {}, {"items": Grid(("product", "quantity"), [])})
    (tmp_path / "img.yml").write_text("title: 't'\nsections:\n  - heading: 'x'\n    image: map_chart\n", encoding="utf-8")
    with pytest.raises(ToolInputError, match="map_chart"):
        fill(load_template("img", tmp_path), {}, {}, {"trend_chart": "x.png"})
    doc = fill(load_template("grid", tmp_path), {}, {"items": Grid(("product", "discount"), [{"product": "로수빛정",
                                                                                              "discount": "0"}])})
    assert doc["sections"][0]["grid"]["rows"] == [["로수빛정", "0"]]
