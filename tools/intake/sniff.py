"""Content type from magic bytes, checked against the file's extension: a .pdf must start
with %PDF, a .docx/.xlsx must be a zip, audio must carry its container's header. Text
formats only have to not be a known binary format."""

from __future__ import annotations

from pathlib import Path

HEAD_BYTES = 4096


def _mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    return len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0  # MPEG frame sync


def _aac(head: bytes) -> bool:
    if head.startswith((b"ADIF", b"ID3")):
        return True
    return len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xF6) == 0xF0  # ADTS sync, layer 0


def _flac(head: bytes) -> bool:
    return head.startswith(b"fLaC") or (head.startswith(b"ID3") and b"fLaC" in head)


def _ftyp(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


CHECKS = {
    ".pdf": lambda h: b"%PDF-" in h[:1024],  # readers accept the header anywhere in the first KB
    ".docx": lambda h: h.startswith(b"PK\x03\x04"),
    ".xlsx": lambda h: h.startswith(b"PK\x03\x04"),
    ".wav": lambda h: h.startswith(b"RIFF") and h[8:12] == b"WAVE",
    ".mp3": _mp3,
    ".m4a": _ftyp,
    ".aac": _aac,
    ".ogg": lambda h: h.startswith(b"OggS"),
    ".oga": lambda h: h.startswith(b"OggS"),
    ".webm": lambda h: h.startswith(b"\x1a\x45\xdf\xa3"),  # EBML
    ".flac": _flac,
    ".amr": lambda h: h.startswith(b"#!AMR"),
    ".png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    ".jpg": lambda h: h.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
}

TEXT_EXT = {".txt", ".md", ".html", ".htm", ".vtt", ".srt", ".csv"}
BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"MZ\x90\x00", b"\x7fELF", b"OggS", b"RIFF",
                b"\x1a\x45\xdf\xa3", b"fLaC", b"GIF8", b"\xd0\xcf\x11\xe0", b"Rar!", b"7z\xbc\xaf")


def matches_extension(filename: str, head: bytes) -> bool:
    """Whether the first bytes of a file fit its extension (unknown extensions: True)."""
    ext = Path(filename).suffix.lower()
    check = CHECKS.get(ext)
    if check is not None:
        return bool(check(head[:HEAD_BYTES]))
    if ext in TEXT_EXT:
        return not head.startswith(BINARY_MAGIC)
    return True
