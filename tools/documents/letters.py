"""공문 (official letter) to an account: 문서번호, 수신, 참조, 제목, 본문, 발신 명의, date.
The number is `{prefix}-{team}-{year}-{seq}` (prefix from the template's defaults); a new
version of the same letter keeps its number."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from data.access import Caller
from data.models import Rep, Team
from tools.common import entities
from tools.common.plumbing import ToolInputError
from tools.common.results import ToolOutput
from tools.documents import texts
from tools.documents.compliance import ComplianceConfig, check_text, config_from_settings, summarize
from tools.documents.dates import doc_date
from tools.documents.storage import count_documents, finding_lines, latest_version, save_draft, write_files
from tools.documents.templates import fill, load_template

SUBJECT_FROM_BODY_CHARS = 40


def subject_of(subject: str | None, body: str) -> str:
    """The subject given, or the body's first sentence (shortened) when none was."""
    if subject and subject.strip():
        return subject.strip()
    first = re.split(r"(?<=[.!?])\s+|\n", body.strip(), maxsplit=1)[0].rstrip(".")
    return first if len(first) <= SUBJECT_FROM_BODY_CHARS else first[:SUBJECT_FROM_BODY_CHARS].rstrip() + "…"


def body_lines(body: str) -> str:
    """Paragraphs numbered the way a 공문 is written (1. 2. …) unless the writer numbered them."""
    paras = [p.strip() for p in body.strip().splitlines() if p.strip()]
    if len(paras) <= 1 or any(re.match(r"^(\d+[.)]|[가-하][.)]|-)\s", p) for p in paras):
        return "\n".join(paras)
    return "\n".join(f"{i}. {p}" for i, p in enumerate(paras, 1))


def _keep(body: str) -> str:
    return texts.LETTER_KEEP_TEXT.format(body=body.strip())


def draft_official_letter(session: Session, caller: Caller, today: date, files_dir: Path, *, account: str,
                          body: str, subject: str | None = None, reference: str | None = None,
                          letter_date: str | None = None, sender: str | None = None, file_format: str = "both",
                          config: ComplianceConfig | None = None, template: str = "official_letter") -> ToolOutput:
    if not body or not body.strip():
        raise ToolInputError(texts.LETTER_EMPTY_BODY)
    try:  # what the rep wrote is repeated in the error, so nothing typed is lost
        acc = entities.resolve_account(session, caller, account)
        d = doc_date(letter_date, today)
    except LookupError as exc:
        raise LookupError((exc.args[0] if exc.args else "") + _keep(body)) from exc
    except ToolInputError as exc:
        raise ToolInputError(str(exc) + _keep(body)) from exc
    title = subject_of(subject, body)
    config = config or config_from_settings()
    findings = check_text(f"{title}\n{body}", config)

    digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]
    key = f"letter:{acc.code}:{d.isoformat()}:{digest}"
    previous = latest_version(session, key)
    version = previous.version + 1 if previous else 1
    rep = session.get(Rep, caller.rep_id)
    team = session.get(Team, rep.team_id) if rep and rep.team_id else None
    tpl = load_template(template)
    prefix = str((tpl.get("defaults") or {}).get("doc_prefix", "공문"))
    team_name = team.name if team else "영업"
    if previous and (previous.sections or {}).get("inputs", {}).get("number"):
        number = previous.sections["inputs"]["number"]
    else:
        seq = count_documents(session, "official_letter", f"letter:%:{d.year}-") + 1
        number = f"{prefix}-{team_name}-{d.year}-{seq:04d}"
    values = {
        "doc_number": number, "date": d.isoformat(), "date_ko": f"{d.year}. {d.month}. {d.day}.",
        "account_name": acc.name, "account_type": acc.type, "region": f"{acc.province} {acc.district}",
        "reference": (reference or "").strip() or "-", "subject": title, "body": body_lines(body),
        "rep_name": rep.name if rep else caller.name, "team_name": team_name, "version": str(version),
        "compliance": finding_lines(findings),
    }
    if sender and sender.strip():
        values["sender"] = sender.strip()
    doc = fill(tpl, values)
    files = write_files(doc, files_dir, f"공문_{acc.code}_{d:%Y%m%d}_v{version}", file_format)
    draft = save_draft(session, caller, key=key, version=version, kind="official_letter", doc_date=d, doc=doc,
                       notes=body.strip(), findings=findings, files=files, account_id=acc.id,
                       inputs={"account": acc.code, "subject": title, "body": body.strip(), "reference": reference,
                               "date": d.isoformat(), "sender": sender, "file_format": file_format,
                               "number": number})
    lines = [texts.LETTER_SUMMARY.format(account=acc.name, version=version, number=number, subject=title),
             texts.FILES_ATTACHED.format(names=", ".join(f.title for f in files)), "", summarize(findings)]
    return ToolOutput(summary="\n".join(lines), files=files,
                      data={"draft_id": draft.id, "version": version, "doc_number": number, "account_id": acc.id,
                            "subject": title, "findings": [f.to_json() for f in findings],
                            "paths": [str(f.path) for f in files]})
