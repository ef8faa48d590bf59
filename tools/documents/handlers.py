"""Thin handlers of the draft_* and compliance_* tools (declared in manifest.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput
from tools.documents import service
from tools.documents.manifest import (
    ComplianceCheckArgs,
    DraftBriefingPlanArgs,
    DraftExpenditureExportArgs,
    DraftMonthlyReportArgs,
    DraftOfficialLetterArgs,
    DraftQuotationArgs,
    DraftReviseArgs,
    DraftVisitReportArgs,
)


def compliance_check(session: Session, caller: Caller, ctx: ToolContext, args: ComplianceCheckArgs) -> ToolOutput:
    return service.compliance_check(args.text, ctx.files, ctx.settings)


def draft_visit_report(session: Session, caller: Caller, ctx: ToolContext, args: DraftVisitReportArgs) -> ToolOutput:
    return service.draft_visit_report(
        session, caller, ctx.today, ctx.files_dir("documents"), account=args.account, notes=args.notes,
        visit_date=args.date, attendees=args.attendees, products=args.products, benefit_type=args.benefit_type,
        benefit_amount=args.benefit_amount, benefit_people=args.benefit_people,
        benefit_recipients=args.benefit_recipients)


def draft_expenditure_export(session: Session, caller: Caller, ctx: ToolContext,
                             args: DraftExpenditureExportArgs) -> ToolOutput:
    return service.draft_expenditure_export(session, caller, ctx.today, ctx.files_dir("documents"),
                                            start=args.start, end=args.end)


def draft_briefing_plan(session: Session, caller: Caller, ctx: ToolContext, args: DraftBriefingPlanArgs) -> ToolOutput:
    return service.draft_briefing_plan(
        session, caller, ctx.today, ctx.files_dir("documents"), account=args.account, plan_date=args.date,
        topic=args.topic, attendees=args.attendees, food_per_person=args.food_per_person,
        souvenir_per_person=args.souvenir_per_person, promo_item=args.promo_item,
        multi_institution=args.multi_institution, venue=args.venue, products=args.products)


def draft_revise(session: Session, caller: Caller, ctx: ToolContext, args: DraftReviseArgs) -> ToolOutput:
    return service.draft_revise(session, caller, ctx.today, ctx.files_dir("documents"), instruction=args.instruction,
                                account=args.account)


def draft_monthly_report(session: Session, caller: Caller, ctx: ToolContext, args: DraftMonthlyReportArgs) -> ToolOutput:
    from tools.documents.monthly_report import draft_monthly_report as draft

    return draft(session, caller, ctx.today, ctx.files_dir("documents"), month=args.month, notes=args.notes,
                 file_format=args.file_format)


def draft_official_letter(session: Session, caller: Caller, ctx: ToolContext, args: DraftOfficialLetterArgs) -> ToolOutput:
    from tools.documents.letters import draft_official_letter as draft

    return draft(session, caller, ctx.today, ctx.files_dir("documents"), account=args.account, body=args.body,
                 subject=args.subject, reference=args.reference, letter_date=args.date, sender=args.sender,
                 file_format=args.file_format)


def draft_quotation(session: Session, caller: Caller, ctx: ToolContext, args: DraftQuotationArgs) -> ToolOutput:
    from tools.documents.quotation import draft_quotation as draft

    return draft(session, caller, ctx.today, ctx.files_dir("documents"), account=args.account, items=args.items,
                 quote_date=args.date, valid_days=args.valid_days, notes=args.notes, file_format=args.file_format)
