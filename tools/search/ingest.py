"""Ingestion: files → Document + DocumentChunk rows → search index (incremental).

A file whose content hash is unchanged is skipped; a changed file replaces its chunks; the
index is updated at once (vectors appended now, BM25 rebuilt lazily on the next query), so
an upload is searchable immediately.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.models import Document, DocumentChunk, Team
from data.models.knowledge import VISIBILITIES
from tools.common.plumbing import ToolInputError
from tools.search.chunking import chunk_sections
from tools.search.loaders import FORMATS, LoadedFile, load_file


@dataclass
class IngestResult:
    document_id: int | None
    status: str  # added | updated | unchanged
    title: str
    chunks: int = 0


def content_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def visibility_from_meta(session: Session, meta: dict[str, str]) -> dict:
    """Front matter (visibility all|team|role, team name, role) → Document/WikiPage fields."""
    visibility = (meta.get("visibility") or "all").strip().lower()
    if visibility not in VISIBILITIES:
        raise ToolInputError(f"공개 범위 '{visibility}'는 알 수 없습니다. all, team, role, private 중 하나로 적어 주세요.")
    fields = {"visibility": visibility, "visibility_team_id": None, "visibility_role": None}
    if visibility == "team":
        name = meta.get("team", "").strip()
        team_id = session.scalar(select(Team.id).where(Team.name == name)) if name else None
        if team_id is None:
            raise ToolInputError(f"팀 공개 문서의 팀 '{name}'을(를) 찾을 수 없습니다. front matter의 team 값을 확인해 주세요.")
        fields["visibility_team_id"] = team_id
    elif visibility == "role":
        role = (meta.get("role") or "manager").strip().lower()
        if role not in ("rep", "manager", "admin"):
            raise ToolInputError(f"역할 '{role}'은(는) 알 수 없습니다. rep, manager, admin 중 하나로 적어 주세요.")
        fields["visibility_role"] = role
    return fields


def _write_chunks(session: Session, document: Document, loaded: LoadedFile) -> int:
    document.chunks.clear()
    session.flush()
    for i, chunk in enumerate(chunk_sections(loaded.sections)):
        document.chunks.append(DocumentChunk(ordinal=i, section=chunk.section[:300], text=chunk.text))
    session.flush()
    return len(document.chunks)


def ingest_file(session: Session, settings, path: Path, *, title: str | None = None, visibility: str = "all",
                owner_rep_id: int | None = None, team_id: int | None = None, role: str | None = None,
                category: str | None = None, source: str | None = None, use_front_matter: bool = True,
                update_index: bool = True) -> IngestResult:
    """Add or update one file. Uploads: `visibility="private", owner_rep_id=<uploader>`
    (the owner and admins see it). Markdown front matter, when present, sets title, category,
    products and visibility unless arguments say otherwise."""
    path = Path(path)
    loaded = load_file(path)
    digest = content_hash(path)
    source = source or str(path.resolve())
    document = session.scalar(select(Document).where(Document.source == source))
    if document is not None and document.content_hash == digest:
        return IngestResult(document.id, "unchanged", document.title, len(document.chunks))
    meta = loaded.meta if use_front_matter else {}
    if meta.get("visibility") and visibility == "all" and team_id is None and role is None:
        fields = visibility_from_meta(session, meta)
    else:
        if visibility not in VISIBILITIES:
            raise ToolInputError(f"공개 범위 '{visibility}'는 알 수 없습니다. all, team, role, private 중 하나를 골라 주세요.")
        if visibility == "private" and owner_rep_id is None:
            raise ToolInputError("개인 문서(private)에는 소유자가 필요합니다.")
        fields = {"visibility": visibility, "visibility_team_id": team_id if visibility == "team" else None,
                  "visibility_role": (role or "manager") if visibility == "role" else None}
    status = "updated" if document is not None else "added"
    if document is None:
        document = Document(source=source)
        session.add(document)
    document.title = (title or loaded.title)[:300]
    document.source_type = loaded.source_type
    document.category = (category or meta.get("category") or "document")[:20]
    document.product_codes = ",".join(c.strip() for c in meta.get("products", "").split(",") if c.strip())[:200]
    document.owner_rep_id = owner_rep_id
    document.content_hash = digest
    for key, value in fields.items():
        setattr(document, key, value)
    session.flush()
    n = _write_chunks(session, document, loaded)
    if update_index:
        from tools.search.index import get_index

        get_index(settings, session).add_document(session, document)
    return IngestResult(document.id, status, document.title, n)


def remove_missing(session: Session, settings, folder: Path, update_index: bool = True) -> list[str]:
    """Delete documents ingested from `folder` whose file no longer exists."""
    prefix = str(Path(folder).resolve())
    removed = []
    for document in session.scalars(select(Document).where(Document.source.startswith(prefix + "/"))).all():
        if not Path(document.source).exists():
            removed.append(document.title)
            doc_id = document.id
            session.delete(document)
            session.flush()
            if update_index:
                from tools.search.index import get_index

                get_index(settings, session).remove_document(doc_id)
    return removed


def iter_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(supported files, folders) from files and folders given on the command line."""
    files, folders = [], []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            folders.append(path)
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS))
        else:
            files.append(path)
    return files, folders
