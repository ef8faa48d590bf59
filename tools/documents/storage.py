"""Versioned draft storage shared by every draft_* tool (document_drafts), the files a draft
is written to (.docx and/or PDF) and the findings text shown with a draft."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import Caller
from data.models import DocumentDraft
from tools.common.results import FileArtifact
from tools.documents.compliance import Finding

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
FORMATS = {"docx": ("docx",), "pdf": ("pdf",), "both": ("pdf", "docx")}


def latest_version(session: Session, key: str) -> DocumentDraft | None:
    return session.scalars(select(DocumentDraft).where(DocumentDraft.draft_key == key)
                           .order_by(DocumentDraft.version.desc())).first()


def count_documents(session: Session, kind: str, key_prefix: str) -> int:
    """Distinct documents (not versions) of `kind` whose key starts with `key_prefix`."""
    return int(session.scalar(select(func.count(func.distinct(DocumentDraft.draft_key))).where(
        DocumentDraft.kind == kind, DocumentDraft.draft_key.like(f"{key_prefix}%"))) or 0)


def write_files(doc: dict, files_dir: Path, stem: str, file_format: str = "both") -> list[FileArtifact]:
    """The document as PDF and/or .docx under `files_dir` (PDF first: what a reader opens)."""
    from tools.documents.pdf import write_pdf
    from tools.documents.render import write_docx

    out = []
    for ext in FORMATS.get(file_format, FORMATS["both"]):
        path = files_dir / f"{stem}.{ext}"
        if ext == "pdf":
            write_pdf(doc, path)
            out.append(FileArtifact(path=path, mime=PDF_MIME, title=path.name))
        else:
            write_docx(doc, path)
            out.append(FileArtifact(path=path, mime=DOCX_MIME, title=path.name))
    return out


def save_draft(session: Session, caller: Caller, *, key: str, version: int, kind: str, doc_date: date,
               doc: dict, notes: str, findings: list[Finding], files: list[FileArtifact], inputs: dict,
               account_id: int | None = None) -> DocumentDraft:
    """One stored version. `inputs` (the tool's arguments) let draft_revise draft it again."""
    stored = {**doc, "inputs": inputs, "files": [str(f.path) for f in files]}
    main = next((f for f in files if f.mime == DOCX_MIME), files[0] if files else None)
    draft = DocumentDraft(draft_key=key, version=version, kind=kind, rep_id=caller.rep_id, account_id=account_id,
                          doc_date=doc_date, title=doc["title"][:200], notes=notes, sections=stored,
                          findings=[f.to_json() for f in findings], file_path=str(main.path) if main else "")
    session.add(draft)
    session.flush()
    return draft


def finding_lines(findings: list[Finding]) -> str:
    if not findings:
        return "위반 소지가 있는 표현이 없습니다. (최종 판단은 CP팀에 확인하세요)"
    return "\n".join(f"- [{f.label}] “{f.quote}” — {f.message} 근거: {f.rule}. 수정 제안: {f.rewrite}" for f in findings)
