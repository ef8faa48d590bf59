"""The exact answer a person was shown (text, blocks, files), kept in `audit_log` so "채널에
공유" can post that very answer later instead of running the question again."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from data.models import AuditLog
from tools.common.results import FileArtifact

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

ACTION = "slack_answer_shown"


@dataclass
class Shown:
    id: int
    rep_id: int | None
    text: str
    blocks: list[dict]
    files: list[FileArtifact]
    turn_id: int | None


def store_shown(app: "AppContext", *, rep_id: int | None, turn_id: int | None, text: str, blocks: list[dict],
                files: list[FileArtifact], where: str = "") -> int | None:
    """Keep what was delivered; returns the row id (None when it could not be stored)."""
    details = {"text": text, "blocks": blocks, "turn_id": turn_id, "where": where,
               "files": [{"path": str(f.path), "mime": f.mime, "title": f.title} for f in files]}
    try:
        with app.session() as session:
            row = AuditLog(actor_rep_id=rep_id, action=ACTION,
                           target=(f"turn:{turn_id}" if turn_id is not None else where)[:200], details=details)
            session.add(row)
            session.commit()
            return row.id
    except Exception:  # the answer was delivered; only sharing it later is lost
        log.exception("could not store the shown Slack answer")
        return None


def load_shown(app: "AppContext", shown_id: int) -> Shown | None:
    with app.session() as session:
        row = session.get(AuditLog, shown_id)
        if row is None or row.action != ACTION:
            return None
        details = row.details or {}
        files = [FileArtifact(path=Path(f["path"]), mime=f.get("mime", ""), title=f.get("title", ""))
                 for f in details.get("files") or []]
        return Shown(id=row.id, rep_id=row.actor_rep_id, text=details.get("text", ""),
                     blocks=list(details.get("blocks") or []), files=files, turn_id=details.get("turn_id"))
