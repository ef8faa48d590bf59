"""Heading-respecting chunking: each section is cut into passages of about `size` characters
on paragraph, then sentence, boundaries; a chunk never spans two sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

CHUNK_CHARS = 700


@dataclass(frozen=True)
class Chunk:
    section: str
    text: str


def _pieces(text: str, size: int) -> list[str]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    out: list[str] = []
    for para in paragraphs:
        if len(para) <= size:
            out.append(para)
            continue
        sentences = re.split(r"(?<=[.!?。다요])\s+|\n", para)
        buf = ""
        for sentence in sentences:
            while len(sentence) > size:  # one very long "sentence": hard cut
                out.append(sentence[:size])
                sentence = sentence[size:]
            if buf and len(buf) + len(sentence) + 1 > size:
                out.append(buf)
                buf = ""
            buf = f"{buf} {sentence}".strip()
        if buf:
            out.append(buf)
    return out


def chunk_sections(sections: list[tuple[str, str]], size: int = CHUNK_CHARS) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section, text in sections:
        buf = ""
        for piece in _pieces(text, size):
            if buf and len(buf) + len(piece) + 2 > size:
                chunks.append(Chunk(section, buf))
                buf = ""
            buf = f"{buf}\n\n{piece}".strip()
        if buf:
            chunks.append(Chunk(section, buf))
    return chunks


def passage(title: str, section: str, text: str) -> str:
    """What gets indexed: the title and heading path give short chunks their context."""
    head = f"{title} — {section}" if section else title
    return f"{head}\n{text}"
