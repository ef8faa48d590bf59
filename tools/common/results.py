"""Typed results every tool returns: a Korean summary plus structured data, files, citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class FileArtifact:
    path: Path
    mime: str
    title: str


@dataclass
class Citation:
    title: str
    source: str  # document path, upload key, wiki slug, or table name
    section: str = ""
    link: str | None = None
    snippet: str = ""

    def to_json(self) -> dict:
        return {"title": self.title, "source": self.source, "section": self.section,
                "link": self.link, "snippet": self.snippet}


@dataclass
class ToolOutput:
    """`summary` is what the model (and, via the offline router, the user) reads.

    Files never go into the model's context: they travel as the LangChain artifact.
    """

    summary: str
    data: dict[str, Any] = field(default_factory=dict)
    files: list[FileArtifact] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    error: str | None = None  # access_denied | not_found | bad_request | unavailable | failed
