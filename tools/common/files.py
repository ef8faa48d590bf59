"""Files attached to a turn, as every layer sees them (upload intake makes them, the agent
passes them to tools through `ToolContext.files`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class TurnFile:
    """A file attached to a turn; the original is already stored under MEDREP_HOME/uploads."""

    name: str
    mime: str
    path: Path
    size_bytes: int = 0
    upload_id: int | None = None
