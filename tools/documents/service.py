"""Plain functions behind the draft_* and compliance_* tools."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import Caller
from data.models import Account, DocumentDraft, ExpenditureReport, MonthlySale, Product, Rep, Team, Visit
from tools.common import entities
from tools.common.formatting import format_won
from tools.common.periods import add_months, month_start
from tools.common.plumbing import ToolInputError
from tools.common.results import FileArtifact, ToolOutput
from tools.documents.compliance import ComplianceConfig, Finding, check_text, config_from_settings, summarize
from tools.documents.compliance.benefits import BENEFIT_TYPES, check_benefit
from tools.documents.dates import doc_date
from tools.documents.render import write_docx
from tools.documents.templates import fill, load_template

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_NEXT_CUE = re.compile(r"(다음|재방문|예정|하기로|요청하셨|요청|보내드리|가져가|확인하기로|일정)")


# --- compliance_check -------------------------------------------------------------------

def read_document(path: Path) -> str:
    """Text of an uploaded .docx/.pdf/.txt/.md (tools/search/loaders), with Korean errors for
    password-protected or unreadable files."""
    path = Path(path)
    head = path.read_bytes()[:8] if path.is_file() else b""
    if path.suffix.lower() == ".docx" and head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ToolInputError(f"'{path.name}'은(는) 암호가 걸린 Word 문서로 보입니다. 암호를 해제한 뒤 다시 올려 주세요.")
    if path.suffix.lower() == ".pdf" and head.startswith(b"%PDF"):
        try:
            from pypdf import PdfReader

            if PdfReader(str(path)).is_encrypted:
                raise ToolInputError(f"'{path.name}'은(는) 암호가 걸린 PDF입니다. 암호를 해제한 뒤 다시 올려 주세요.")
        except ToolInputError:
            raise
        except Exception as exc:
            raise ToolInputError(f"PDF '{path.name}'을(를) 읽지 못했습니다. 파일이 손상되지 않았는지 확인해 주세요.") from exc
    from tools.search.loaders import load_file

    loaded = load_file(path)
    return "\n".join(text for _, text in loaded.sections)


def compliance_check(text: str | None, files: list, settings=None) -> ToolOutput:
    parts: list[str] = []
    names: list[str] = []
    for f in files or []:
        parts.append(read_document(Path(f.path)))
        names.append(f.name)
    if text and text.strip():
        parts.insert(0, text.strip())
    if not parts:
        raise ToolInputError("점검할 문장이 비어 있습니다. 문장을 입력하거나 .docx/.pdf 파일을 올려 주세요. "
                             "예: '처방 늘려주시면 챙겨드릴게요 이 문장 컴플라이언스 점검해줘'")
    body = "\n".join(parts)
    findings = check_text(body, config_from_settings(settings))
    head = f"점검 대상: {', '.join(names)}\n" if names else ""
    return ToolOutput(summary=head + summarize(findings),
                      data={"findings": [f.to_json() for f in findings], "n_findings": len(findings),
                            "categories": sorted({f.category for f in findings}), "chars": len(body)})


# --- draft_visit_report -----------------------------------------------------------------

def parse_date(value: str | None, today: date) -> date:
    """The day of a visit already made: a bare weekday is the last one, never after today."""
    d = doc_date(value, today, ahead=False, what="방문일")
    if d > today:
        raise ToolInputError(f"방문일 {d:%Y-%m-%d}은(는) 오늘({today:%Y-%m-%d}) 이후입니다. 이미 한 방문의 날짜를 적어 주세요.")
    return d


def _account_figures(session: Session, account: Account, today: date) -> dict[str, str]:
    asof = month_start(today)

    def total(start: date, end: date) -> int:
        return int(session.scalar(select(func.coalesce(func.sum(MonthlySale.amount), 0)).where(
            MonthlySale.account_id == account.id, MonthlySale.month >= start, MonthlySale.month < end)) or 0)

    a12, a3 = total(add_months(asof, -12), asof), total(add_months(asof, -3), asof)
    prev12 = total(add_months(asof, -24), add_months(asof, -12))
    yoy = f"{(a12 / prev12 - 1) * 100:+.1f}%" if prev12 else "비교 불가"
    top = session.execute(select(Product.name, func.sum(MonthlySale.amount)).join(Product, Product.id == MonthlySale.product_id)
                          .where(MonthlySale.account_id == account.id, MonthlySale.month >= add_months(asof, -12),
                                 MonthlySale.month < asof)
                          .group_by(Product.name).order_by(func.sum(MonthlySale.amount).desc()).limit(3)).all()
    return {"sales_12m": format_won(a12), "sales_3m": format_won(a3), "sales_yoy": yoy,
            "top_products": ", ".join(f"{n} {format_won(a)}" for n, a in top) or "실적 없음",
            "_amount_12": str(a12)}


def _grade(session: Session, account: Account, today: date) -> str:
    try:
        from tools.clients.grading import grade_accounts

        g = grade_accounts(session, month_start(today), Account.id == account.id)[account.id]
        return f"{g.grade} ({g.reason_text})"
    except Exception:  # noqa: BLE001 - grading is another capability's; a draft does not fail on it
        return "-"


def _recent_visits(session: Session, account: Account, before: date) -> tuple[str, str]:
    rows = session.execute(select(Visit.visited_at, Visit.purpose, Visit.notes, Rep.name).join(Rep, Rep.id == Visit.rep_id)
                           .where(Visit.account_id == account.id, Visit.visited_at < datetime.combine(before, time.min))
                           .order_by(Visit.visited_at.desc()).limit(3)).all()
    if not rows:
        return "방문 기록 없음", "없음"
    lines = [f"- {v.visited_at:%Y-%m-%d} {v.purpose} ({v.name}): {(v.notes or '').strip()[:60]}" for v in rows]
    gap = (before - rows[0].visited_at.date()).days
    return "\n".join(lines), f"{rows[0].visited_at:%Y-%m-%d} ({gap}일 전)"


def _products(session: Session, text: str | None) -> list[Product]:
    if not text:
        return []
    found = []
    for part in re.split(r"[,/·、]|\s+및\s+|\s+그리고\s+", text):
        if part.strip():
            found.append(entities.resolve_product(session, part.strip()))
    return list(dict.fromkeys(found))


def _next_steps(notes: str) -> str:
    steps = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", notes) if s.strip() and _NEXT_CUE.search(s)]
    return "\n".join(f"- {s}" for s in steps) or "- 다음 방문 일정과 후속 자료를 정해 주세요."


def _finding_lines(findings: list[Finding]) -> str:  # same text as storage.finding_lines
    if not findings:
        return "위반 소지가 있는 표현이 없습니다. (최종 판단은 CP팀에 확인하세요)"
    return "\n".join(f"- [{f.label}] “{f.quote}” — {f.message} 근거: {f.rule}. 수정 제안: {f.rewrite}" for f in findings)


def draft_visit_report(session: Session, caller: Caller, today: date, files_dir: Path, *, account: str, notes: str,
                       visit_date: str | None = None, attendees: str | None = None, products: str | None = None,
                       benefit_type: str | None = None, benefit_amount: int | None = None, benefit_people: int = 1,
                       benefit_recipients: str | None = None, config: ComplianceConfig | None = None,
                       template: str = "visit_report") -> ToolOutput:
    if not notes or not notes.strip():
        raise ToolInputError("방문 메모가 비어 있습니다. 누구를 만나 무엇을 이야기했는지 적어 주세요. "
                             "예: '김 교수님 면담, 로수빛정 허가 적응증 설명, 다음 주 자료 전달'")
    acc = entities.resolve_account(session, caller, account)  # raises AccessDenied outside the caller's scope
    d = parse_date(visit_date, today)
    prods = _products(session, products)
    config = config or config_from_settings()
    if benefit_amount and not benefit_type:
        raise ToolInputError(f"제공한 경제적 이익의 종류를 알려 주세요. 예: {', '.join(BENEFIT_TYPES[:4])}")
    rep = session.get(Rep, caller.rep_id)
    team = session.get(Team, rep.team_id) if rep and rep.team_id else None

    findings = check_text(notes, config)
    benefit_text = "없음"
    recipients: list[str] = []
    if benefit_type:
        people = max(1, benefit_people or 1)
        amount = int(benefit_amount or 0)
        recipients = [r.strip() for r in re.split(r"[,、]", benefit_recipients or attendees or "") if r.strip()]
        if recipients and people < len(recipients):
            people = len(recipients)
        over = check_benefit(benefit_type, amount, people, config)
        if over:
            findings.append(over)
        benefit_text = (f"{benefit_type} 총 {amount:,}원, {people}명(1인당 {amount // people:,}원). 수령자: "
                        f"{', '.join(recipients) or '명단 필요'} — 지출보고서에 기록됨")

    # versions: the same account and date is one document; each draft is a new version
    key = f"visit:{acc.code}:{d.isoformat()}"
    previous = session.scalars(select(DocumentDraft).where(DocumentDraft.draft_key == key)
                               .order_by(DocumentDraft.version.desc())).first()
    version = (previous.version + 1) if previous else 1
    visit = session.get(Visit, previous.visit_id) if previous and previous.visit_id else None
    recent, last_visit = _recent_visits(session, acc, d)
    figures = _account_figures(session, acc, today)
    values = {
        "account_name": acc.name, "account_code": acc.code, "account_type": acc.type,
        "region": f"{acc.province} {acc.district}", "specialty": acc.specialty or "-",
        "beds": f"{acc.beds:,}병상" if acc.beds else "-", "grade": _grade(session, acc, today),
        "rep_name": rep.name if rep else caller.name, "team_name": team.name if team else "-", "date": d.isoformat(),
        "attendees": attendees or "-", "products": ", ".join(p.name for p in prods) or "-", "notes": notes.strip(),
        "recent_visits": recent, "last_visit": last_visit, "benefit": benefit_text, "next_steps": _next_steps(notes),
        "compliance": _finding_lines(findings), "version": str(version),
        **{k: v for k, v in figures.items() if not k.startswith("_")},
    }
    doc = fill(load_template(template), values)

    # the visit itself, linked to the account, so history and gaps see it at once
    if visit is None:
        visit = Visit(rep_id=caller.rep_id, account_id=acc.id, visited_at=datetime.combine(d, time(9, 0)),
                      contact_name=(attendees or None) and attendees[:40],
                      purpose="제품설명회" if benefit_type == "제품설명회 식음료" else "디테일링",
                      product_id=prods[0].id if prods else None, notes=notes.strip())
        session.add(visit)
    else:
        visit.notes = notes.strip()
        visit.product_id = prods[0].id if prods else visit.product_id
    session.flush()

    path = files_dir / f"방문보고서_{acc.code}_{d:%Y%m%d}_v{version}.docx"
    write_docx(doc, path)
    draft = DocumentDraft(draft_key=key, version=version, kind="visit_report", rep_id=caller.rep_id, account_id=acc.id,
                          visit_id=visit.id, doc_date=d, title=doc["title"], notes=notes.strip(), sections=doc,
                          findings=[f.to_json() for f in findings], file_path=str(path))
    session.add(draft)
    session.flush()
    if benefit_type:
        # a re-draft replaces the rows of earlier versions of the same document
        earlier = select(DocumentDraft.id).where(DocumentDraft.draft_key == key, DocumentDraft.id != draft.id)
        for row in session.scalars(select(ExpenditureReport).where(ExpenditureReport.draft_id.in_(earlier))):
            session.delete(row)
        people = max(1, benefit_people or 1, len(recipients))
        names = recipients or [f"참석자 {people}명"]
        share = int(benefit_amount or 0) // (len(names) if recipients else 1)
        for name in names:
            session.add(ExpenditureReport(rep_id=caller.rep_id, account_id=acc.id, draft_id=draft.id, recipient=name[:80],
                                          institution=acc.name, benefit_date=d, benefit_type=benefit_type, amount=share,
                                          note=f"방문보고서 v{version}"))
        session.flush()

    verb = "새 버전" if version > 1 else "초안"
    lines = [f"**{acc.name}** {d:%Y-%m-%d} 방문 보고서 {verb}(v{version})을 만들었습니다. 방문 기록도 저장했습니다.",
             f"- 최근 12개월 매출 {values['sales_12m']} (전년 대비 {values['sales_yoy']}), 마지막 방문 {last_visit}",
             "", summarize(findings)]
    return ToolOutput(summary="\n".join(lines),
                      files=[FileArtifact(path=path, mime=DOCX_MIME, title=path.name)],
                      data={"draft_id": draft.id, "version": version, "visit_id": visit.id, "account_id": acc.id,
                            "findings": [f.to_json() for f in findings], "path": str(path)},
                      suggestions=["지출보고서 엑셀로 내보내줘", f"{acc.name} 거래처 카드 보여줘"])


# --- draft_expenditure_export -----------------------------------------------------------

def draft_expenditure_export(session: Session, caller: Caller, today: date, files_dir: Path, *,
                             start: str | None = None, end: str | None = None) -> ToolOutput:
    from data.access import can_see_rep

    d_end = parse_date(end, today) if end else today
    d_start = parse_date(start, today) if start else date(d_end.year, 1, 1)
    if d_start > d_end:
        raise ToolInputError("시작일이 종료일보다 늦습니다. 예: start='2026-01-01', end='2026-11-30'")
    rows = session.execute(select(ExpenditureReport, Rep.name).join(Rep, Rep.id == ExpenditureReport.rep_id)
                           .where(ExpenditureReport.benefit_date >= d_start, ExpenditureReport.benefit_date <= d_end)
                           .order_by(ExpenditureReport.benefit_date, ExpenditureReport.id)).all()
    rows = [(r, name) for r, name in rows if can_see_rep(session, caller, r.rep_id)]
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "지출보고서"
    header = ["수령자", "소속 기관", "제공일", "제공 유형", "금액(원)", "담당자", "비고"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, rep_name in rows:
        ws.append([r.recipient, r.institution, r.benefit_date, r.benefit_type, r.amount, rep_name, r.note])
    for col, width in zip("ABCDEFG", (16, 24, 12, 18, 12, 10, 20)):
        ws.column_dimensions[col].width = width
    path = files_dir / f"지출보고서_{d_start:%Y%m%d}_{d_end:%Y%m%d}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    total = sum(r.amount for r, _ in rows)
    summary = (f"지출보고서 {d_start:%Y-%m-%d}~{d_end:%Y-%m-%d}: {len(rows)}건, 합계 {total:,}원. 엑셀 파일을 첨부했습니다."
               if rows else f"{d_start:%Y-%m-%d}~{d_end:%Y-%m-%d}에 기록된 경제적 이익 제공이 없습니다. (빈 양식을 첨부했습니다)")
    return ToolOutput(summary=summary, files=[FileArtifact(path=path, mime=XLSX_MIME, title=path.name)],
                      data={"rows": len(rows), "total": total, "path": str(path)})


# --- draft_briefing_plan ----------------------------------------------------------------

def draft_briefing_plan(session: Session, caller: Caller, today: date, files_dir: Path, *, account: str,
                        plan_date: str | None, topic: str, attendees: int, food_per_person: int = 0,
                        souvenir_per_person: int = 0, promo_item: int = 0, multi_institution: bool = False,
                        venue: str | None = None, products: str | None = None,
                        config: ComplianceConfig | None = None) -> ToolOutput:
    if not topic or not topic.strip():
        raise ToolInputError("설명회 주제를 알려 주세요. 예: '로수빛정 허가 적응증과 임상 결과'")
    acc = entities.resolve_account(session, caller, account)
    d = doc_date(plan_date, today, what="설명회 날짜")  # a plan may be ahead
    prods = _products(session, products)
    config = config or config_from_settings()
    people = max(1, attendees)
    food_limit = config.briefing_meal_limit if multi_institution else config.account_briefing_food_limit
    findings: list[Finding] = []
    checks = [("제품설명회 식음료", food_per_person, food_limit, "약사법 시행규칙 별표2: 제품설명회 식음료 1인당 {l} 이하"),
              ("기념품", souvenir_per_person, config.briefing_souvenir_limit, "약사법 시행규칙 별표2: 복수 기관 제품설명회 기념품 1인당 {l} 이하"),
              ("판촉물", promo_item, config.promo_item_limit, "약사법 시행규칙 별표2: 회사명 표기 판촉물 {l} 이하")]
    from tools.documents.compliance.amounts import won

    for what, value, limit, rule in checks:
        if value and value > limit:
            q = f"{what} 1인당 {won(value)}"
            findings.append(Finding("hospitality", q, 0, len(q), -1, rule.format(l=won(limit)),
                                    f"{what} 1인당 {won(value)}: 한도 {won(limit)}를 넘습니다.",
                                    f"{what}은(는) 1인당 {won(limit)} 이하로 계획하겠습니다.", source="benefit"))
    if souvenir_per_person and not multi_institution:
        q = f"기념품 1인당 {won(souvenir_per_person)}"
        findings.append(Finding("hospitality", q, 0, len(q), -1, "약사법 시행규칙 별표2: 기념품은 복수 기관 제품설명회에서만",
                                "개별 기관 제품설명회에서는 기념품 대신 회사명 표기 판촉물(한도 내)만 제공할 수 있습니다.",
                                f"기념품은 빼고 {won(config.promo_item_limit)} 이하 판촉물로 바꾸겠습니다.", source="benefit"))
    findings += check_text(topic, config)
    key = f"briefing:{acc.code}:{d.isoformat()}"
    previous = session.scalars(select(DocumentDraft).where(DocumentDraft.draft_key == key)
                               .order_by(DocumentDraft.version.desc())).first()
    version = (previous.version + 1) if previous else 1
    rep = session.get(Rep, caller.rep_id)
    team = session.get(Team, rep.team_id) if rep and rep.team_id else None
    values = {
        "account_name": acc.name, "account_type": acc.type, "region": f"{acc.province} {acc.district}",
        "rep_name": rep.name if rep else caller.name, "team_name": team.name if team else "-", "date": d.isoformat(),
        "kind": "복수 기관 제품설명회" if multi_institution else "개별 기관 제품설명회", "venue": venue or "-",
        "topic": topic.strip(), "products": ", ".join(p.name for p in prods) or "-", "attendees": f"{people}명",
        "food_per_person": won(food_per_person), "food_total": won(food_per_person * people), "food_limit": won(food_limit),
        "souvenir": won(souvenir_per_person) if souvenir_per_person else "없음",
        "souvenir_limit": won(config.briefing_souvenir_limit) if multi_institution else "개별 기관 설명회는 제공 불가",
        "promo": won(promo_item) if promo_item else "없음", "promo_limit": won(config.promo_item_limit),
        "compliance": _finding_lines(findings), "version": str(version),
    }
    doc = fill(load_template("briefing_plan"), values)
    path = files_dir / f"제품설명회계획서_{acc.code}_{d:%Y%m%d}_v{version}.docx"
    write_docx(doc, path)
    draft = DocumentDraft(draft_key=key, version=version, kind="briefing_plan", rep_id=caller.rep_id, account_id=acc.id,
                          doc_date=d, title=doc["title"], notes=topic.strip(), sections=doc,
                          findings=[f.to_json() for f in findings], file_path=str(path))
    session.add(draft)
    session.flush()
    ok = "한도 안에서 계획되었습니다." if not any(f.source == "benefit" for f in findings) else "한도를 넘는 항목이 있습니다."
    summary = (f"**{acc.name}** {d:%Y-%m-%d} 제품설명회 계획서(v{version})를 만들었습니다. 식음료 1인당 {won(food_per_person)} × "
               f"{people}명 = {won(food_per_person * people)}: {ok}\n\n" + summarize(findings))
    return ToolOutput(summary=summary, files=[FileArtifact(path=path, mime=DOCX_MIME, title=path.name)],
                      data={"draft_id": draft.id, "version": version, "findings": [f.to_json() for f in findings],
                            "path": str(path)})


# --- draft_revise -----------------------------------------------------------------------

def draft_revise(session: Session, caller: Caller, today: date, files_dir: Path, *, instruction: str,
                 account: str | None = None) -> ToolOutput:
    from tools.documents.redraft import REVISABLE, redraft
    from tools.documents.revise import revise_notes

    query = select(DocumentDraft).where(DocumentDraft.rep_id == caller.rep_id, DocumentDraft.kind.in_(REVISABLE))
    if account:
        acc = entities.resolve_account(session, caller, account)
        query = query.where(DocumentDraft.account_id == acc.id)
    latest = session.scalars(query.order_by(DocumentDraft.created_at.desc(), DocumentDraft.id.desc())).first()
    if latest is None:
        raise ToolInputError("고칠 방문 보고서 초안이 없습니다. 먼저 방문 보고서를 작성해 주세요. "
                             "예: '한성대학교병원 방문 보고서 써줘: 김 교수님 면담…' (공문·월간 실적 보고서 초안도 고칠 수 있습니다)")
    if latest.kind != "visit_report":
        return redraft(session, caller, today, files_dir, latest, instruction)
    notes, done = revise_notes(latest.notes, instruction)
    acc = session.get(Account, latest.account_id)
    visit = session.get(Visit, latest.visit_id) if latest.visit_id else None
    product = session.get(Product, visit.product_id) if visit and visit.product_id else None
    benefit = session.scalars(select(ExpenditureReport).where(ExpenditureReport.draft_id == latest.id)).all()
    out = draft_visit_report(
        session, caller, today, files_dir, account=acc.code, notes=notes, visit_date=latest.doc_date.isoformat(),
        attendees=visit.contact_name if visit else None, products=product.name if product else None,
        benefit_type=benefit[0].benefit_type if benefit else None,
        benefit_amount=sum(b.amount for b in benefit) if benefit else None,
        benefit_people=max(1, len(benefit)),
        benefit_recipients=", ".join(b.recipient for b in benefit) if benefit and not benefit[0].recipient.startswith("참석자") else None)
    out.summary = f"{done}\n" + out.summary
    return out
