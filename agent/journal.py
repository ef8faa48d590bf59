"""Every turn is written to `conversation_turns` (who, where, what, tools, files, latency)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from data.models import ConversationTurn

if TYPE_CHECKING:
    from agent.types import Reply, Turn
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def record_turn(app: "AppContext", turn: "Turn", reply: "Reply", backend: str) -> int | None:
    """Insert the turn; returns its id. A logging failure never breaks the answer."""
    try:
        with app.session() as session:
            row = ConversationTurn(
                rep_id=turn.caller.rep_id,
                platform=turn.platform[:10],
                thread_key=turn.thread_key[:200],
                text=turn.text,
                tool_calls=[{"name": c.name, "args": c.args} for c in reply.tool_calls],
                files=[{"path": str(f.path), "mime": f.mime, "title": f.title} for f in reply.files],
                latency_ms=reply.latency_ms,
                reply_text=reply.text,
                error=reply.error,
                backend=backend[:40],
            )
            session.add(row)
            session.commit()
            return row.id
    except Exception:
        log.exception("could not record conversation turn")
        return None
