"""draft_revise for official letters (the body) and monthly reports (next month's plan): the
stored inputs of the latest version are drafted again with the edited text, as a new version."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from data.access import Caller
from data.models import DocumentDraft
from tools.common.plumbing import ToolInputError
from tools.common.results import ToolOutput

_PLAN_ITEM = re.compile(r"계획(?:에|으로)\s*(?P<n>.+?)\s*(?:을|를)?\s*(?:넣어|추가|반영|적어)")
REVISABLE = ("visit_report", "official_letter", "monthly_report")
NO_PLAN = ("이 월간 실적 보고서에는 고칠 다음 달 계획 메모가 없습니다(자동 제안만 있음). "
           "계획 메모와 함께 다시 요청해 주세요. 예: '지난달 월간 실적 보고서: 한성대학교병원 설명회 추진'")


def redraft(session: Session, caller: Caller, today: date, files_dir: Path, latest: DocumentDraft,
            instruction: str) -> ToolOutput:
    from tools.documents.revise import revise_notes

    inputs = dict((latest.sections or {}).get("inputs") or {})
    if latest.kind == "official_letter":
        from tools.documents.letters import draft_official_letter

        body, done = revise_notes(inputs["body"], instruction)
        out = draft_official_letter(session, caller, today, files_dir, account=inputs["account"], body=body,
                                    subject=inputs.get("subject"), reference=inputs.get("reference"),
                                    letter_date=inputs.get("date"), sender=inputs.get("sender"),
                                    file_format=inputs.get("file_format") or "both")
    else:
        from tools.documents.monthly_report import draft_monthly_report

        added = _PLAN_ITEM.search(instruction)
        if not (inputs.get("notes") or "").strip():
            if not added:
                raise ToolInputError(NO_PLAN)
            notes, done = added.group("n").strip(), "다음 달 계획을 넣었습니다."
        elif added:  # "계획에 X 넣어줘": X is added to the plan the rep wrote
            notes, done = f"{inputs['notes'].rstrip()}\n{added.group('n').strip()}", "다음 달 계획에 추가했습니다."
        else:
            notes, done = revise_notes(inputs["notes"], instruction)
        out = draft_monthly_report(session, caller, today, files_dir, month=inputs["month"], notes=notes,
                                   file_format=inputs.get("file_format") or "both")
    out.summary = f"{done}\n" + out.summary
    return out
