"""Upload limits applied before anything is ingested: file names bounded in bytes (and free
of NUL and control characters), content sniffed against the extension, zip containers
(.docx, .xlsx) refused when they unpack too large or compress suspiciously well, and
documents for search bounded in extracted characters and chunks (NUL removed: PostgreSQL
rejects it in text columns)."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tools.intake import sniff, texts

if TYPE_CHECKING:
    from medrep.kernel.settings import Settings

MAX_NAME_BYTES = 200  # with the 13-byte storage prefix well under the 255-byte file-name limit
MAX_EXT_BYTES = 16
ZIP_EXT = {".docx", ".xlsx"}
MAX_ZIP_MEMBERS = 10_000
RATIO_FLOOR_BYTES = 1 << 20  # the ratio check ignores members smaller than this (tiny XML compresses well)
TEXT_FORMATS = {".txt", ".md", ".markdown", ".html", ".htm"}


def bound_bytes(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """`name` cut to at most `limit` UTF-8 bytes on a character boundary, extension kept."""
    if len(name.encode("utf-8")) <= limit:
        return name
    suffix = Path(name).suffix
    if len(suffix.encode("utf-8")) > MAX_EXT_BYTES:
        suffix = ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = limit - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip() + suffix


def clean_filename(filename: str) -> str:
    """The base name a user sent, NFC (macOS sends decomposed Hangul, three times the bytes),
    without NUL or control characters, at most MAX_NAME_BYTES bytes."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if ch.isprintable())
    return bound_bytes(name.strip() or "file")


def _kind_name(filename: str) -> str:
    return texts.KIND_NAMES.get(Path(filename).suffix.lower(), texts.TEXT_KIND)


def check_content(settings: Settings, filename: str, data: bytes) -> str | None:
    """A Korean refusal when the bytes do not fit the extension or a zip container is
    unsafe to open; None when the file may be processed."""
    if not sniff.matches_extension(filename, data[: sniff.HEAD_BYTES]):
        return texts.REFUSED_CONTENT.format(filename=filename, kind=_kind_name(filename))
    if Path(filename).suffix.lower() in ZIP_EXT:
        return check_zip(settings, filename, data)
    return None


def check_zip(settings: Settings, filename: str, data: bytes) -> str | None:
    """Declared sizes are enough: Python's zipfile (python-docx, openpyxl) never inflates a
    member past its declared size (the CRC check fails first), so a lying header cannot get
    more out than it claims."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return texts.REFUSED_CONTENT.format(filename=filename, kind=_kind_name(filename))
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    max_bytes = settings.medrep_max_unpacked_mb * 1024 * 1024
    if unpacked > max_bytes:
        return texts.REFUSED_UNPACKED.format(filename=filename, unpacked_mb=unpacked / 1024 / 1024,
                                             max_mb=settings.medrep_max_unpacked_mb)
    ratios = [m.file_size / max(1, m.compress_size) for m in members if m.file_size >= RATIO_FLOOR_BYTES]
    if unpacked >= RATIO_FLOOR_BYTES:
        ratios.append(unpacked / packed)
    worst = max(ratios, default=0.0)
    if worst > settings.medrep_max_zip_ratio or len(members) > MAX_ZIP_MEMBERS:
        return texts.REFUSED_ZIP_BOMB.format(filename=filename, ratio=worst)
    return None


@dataclass
class DocumentCheck:
    refusal: str | None  # Korean, when the document is not added to search
    path: Path  # the file to ingest: the original, or a NUL-free Markdown copy of its text
    chars: int = 0
    chunks: int = 0


def check_document(settings: Settings, path: Path, filename: str) -> DocumentCheck:
    """Extract the text as search ingestion will and bound it. A file the loaders cannot read
    passes through unchanged (ingestion reports it, as before)."""
    max_chars = settings.medrep_max_document_chars
    if path.suffix.lower() in TEXT_FORMATS and path.stat().st_size > 4 * max_chars:  # > 4 bytes/char: too long
        return DocumentCheck(texts.REFUSED_TEXT_LONG.format(filename=filename, chars=path.stat().st_size // 4,
                                                            max_chars=max_chars), path)
    from tools.search.chunking import chunk_sections
    from tools.search.loaders import load_file

    try:
        loaded = load_file(path)
    except Exception:
        return DocumentCheck(None, path)
    chars = len(loaded.text)
    if chars > max_chars:
        return DocumentCheck(texts.REFUSED_TEXT_LONG.format(filename=filename, chars=chars, max_chars=max_chars),
                             path, chars)
    chunks = len(chunk_sections(loaded.sections))
    if chunks > settings.medrep_max_document_chunks:
        return DocumentCheck(texts.REFUSED_TOO_MANY_CHUNKS.format(
            filename=filename, chunks=chunks, max_chunks=settings.medrep_max_document_chunks), path, chars, chunks)
    if any("\x00" in name or "\x00" in body for name, body in loaded.sections) or "\x00" in loaded.title:
        return DocumentCheck(None, _nul_free_copy(path, loaded.sections), chars, chunks)
    return DocumentCheck(None, path, chars, chunks)


def _nul_free_copy(path: Path, sections: list[tuple[str, str]]) -> Path:
    """The extracted sections as Markdown (headings keep the section names), NUL removed;
    the original stays as uploaded."""
    parts = []
    for name, body in sections:
        name, body = name.replace("\x00", "").strip(), body.replace("\x00", "")
        parts.append(f"# {name}\n\n{body}" if name else body)
    target = path.with_name(f"{path.stem}.clean.md")
    target.write_text("\n\n".join(parts), encoding="utf-8")
    return target
