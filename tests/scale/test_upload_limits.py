"""Upload limits (tools/intake/limits.py) through `intake_file`, the path every adapter uses:
a real zip-bomb .docx, content that does not match its extension, a 400-character Hangul
file name, NUL bytes, extracted text and chunk limits."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data.models import Document, DocumentChunk, Upload
from medrep.kernel.context import AppContext
from tools.intake.service import intake_file

SPEECH = Path(__file__).parents[1] / "calls" / "fixtures" / "ko_speech.wav"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def tiny_app(request, tmp_path, settings_factory):
    """A fresh, migrated database with one rep and no search content (indexing stays quick),
    on SQLite and on PostgreSQL (which rejects NUL in text)."""
    from data.db import open_app
    from data.models import Rep

    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    app = open_app(settings_factory(tmp_path / "home", database_url=url))
    with app.session() as session:
        session.add(Rep(employee_no="T0001", name="김업로드", role="rep", email="upload@example.com"))
        session.commit()
    yield app
    app.engine.dispose()


def _with(app: AppContext, **overrides) -> AppContext:
    return AppContext(settings=app.settings.model_copy(update=overrides), engine=app.engine,
                      session_factory=app.session_factory)


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(unpacked_mb: int = 100) -> bytes:
    """A valid .docx whose word/document.xml is `unpacked_mb` MB of paragraphs."""
    base = zipfile.ZipFile(io.BytesIO(_docx(["표지"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for member in base.infolist():
            if member.filename != "word/document.xml":
                bomb.writestr(member, base.read(member))
        with bomb.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode())
            written, i = 0, 0
            while written < unpacked_mb * 1024 * 1024:
                block = "".join(f"<w:p><w:r><w:t>월간 실적 보고 {n % 3} 로수빛정</w:t></w:r></w:p>"
                                for n in range(i, i + 2000)).encode()
                xml.write(block)
                written += len(block)
                i += 2000
            xml.write(b"</w:body></w:document>")
    return out.getvalue()


def _intake(app, rep, filename: str, data: bytes, mime: str = "application/octet-stream"):
    return intake_file(app, rep_id=rep.rep_id, platform="slack", thread_key="slack:C1:1.0", filename=filename,
                       mime=mime, data=data)


def _upload(app, upload_id: int) -> Upload:
    with app.session() as session:
        return session.get(Upload, upload_id)


def _documents(app) -> int:
    with app.session() as session:
        return session.scalar(select(func.count()).select_from(Document))


def test_zip_bomb_docx_is_refused_in_a_moment_and_kept(demo_app, caller):
    rep = caller(demo_app, "rep")
    data = zip_bomb_docx(100)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # what the bomb is, measured independently
        unpacked = sum(m.file_size for m in archive.infolist())
    assert unpacked >= 100 * 1024 * 1024 and len(data) < 1024 * 1024
    documents = _documents(demo_app)
    t0 = time.perf_counter()
    result = _intake(demo_app, rep, "실적 보고서.docx", data)
    seconds = time.perf_counter() - t0
    assert result.ok is False and "압축" in result.message and "보관" in result.message
    row = _upload(demo_app, result.upload_id)
    assert row.status == "rejected" and row.message == result.message
    assert Path(row.path).read_bytes() == data  # the file is kept
    assert _documents(demo_app) == documents
    print(f"\nzip bomb .docx {len(data) / 1024:.0f} KB → {unpacked / 1024 / 1024:.0f} MB: refused in {seconds:.2f} s")
    assert seconds < 5.0, seconds  # the unbounded ingest held the SQLite write lock for 398 s


def test_zip_ratio_limit_alone_refuses_a_small_bomb(demo_app, caller):
    rep = caller(demo_app, "rep")
    data = zip_bomb_docx(20)  # under the 50 MB unpacked limit, but compressed ~1000:1
    result = _intake(demo_app, rep, "small.docx", data)
    assert result.ok is False and "압축 폭탄" in result.message
    assert _upload(demo_app, result.upload_id).status == "rejected"


@pytest.mark.parametrize("filename, data, kind", [
    ("계약서.pdf", b"<html><body>not a pdf</body></html>", "PDF"),
    ("보고서.docx", b"%PDF-1.7\n...", "Word(docx)"),
    ("매출.xlsx", b"a,b,c\n1,2,3\n", "Excel(xlsx)"),
    ("통화.mp3", SPEECH.read_bytes()[:4096], "MP3"),  # a WAV named .mp3
    ("통화.wav", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 100, "WAV"),
    ("통화.m4a", b"OggS" + b"\x00" * 100, "M4A"),
    ("통화.ogg", b"\x1a\x45\xdf\xa3" + b"\x00" * 100, "OGG"),
    ("통화.webm", b"RIFF\x00\x00\x00\x00WAVE" + b"\x00" * 100, "WebM"),
    ("메모.txt", b"%PDF-1.4 binary pretending to be text", "텍스트"),
])
def test_content_that_does_not_match_its_extension_is_refused(demo_app, caller, filename, data, kind):
    rep = caller(demo_app, "rep")
    result = _intake(demo_app, rep, filename, data)
    assert result.ok is False and kind in result.message and "형식이 아니어서" in result.message
    row = _upload(demo_app, result.upload_id)
    assert row.status == "rejected" and Path(row.path).read_bytes() == data


def test_headers_that_match_are_accepted():
    from tools.intake.sniff import matches_extension

    assert matches_extension("a.wav", SPEECH.read_bytes()[:4096])
    assert matches_extension("a.mp3", b"ID3\x03\x00") and matches_extension("b.mp3", b"\xff\xfb\x90\x64")
    assert matches_extension("a.m4a", b"\x00\x00\x00\x20ftypM4A ")
    assert matches_extension("a.ogg", b"OggS\x00\x02") and matches_extension("a.webm", b"\x1a\x45\xdf\xa3\x9f")
    assert matches_extension("a.pdf", b"%PDF-1.7") and matches_extension("a.docx", _docx(["x"])[:4096])
    assert matches_extension("메모.txt", "안녕하세요".encode()) and matches_extension("a.csv", b"a,b\n")
    assert not matches_extension("a.mp3", b"\x00\x00\x00\x20ftypM4A ")


def test_400_character_hangul_name_is_stored_not_lost(tiny_app, caller):
    rep = caller(tiny_app, "rep")
    name = "가" * 200 + "나" * 200 + ".md"  # 1,203 bytes in UTF-8; the old code lost this file
    result = _intake(tiny_app, rep, name, "# 제목\n\n로수빛정 처방 안내 문서입니다.\n".encode(), "text/markdown")
    assert result.ok is True, result.message
    row = _upload(tiny_app, result.upload_id)
    assert row.status == "processed"
    assert row.filename.endswith(".md") and row.filename.startswith("가" * 60)
    assert len(row.filename.encode()) <= 200 and len(row.filename) == (200 - 3) // 3 + 3
    stored = Path(row.path)
    assert stored.is_file() and len(stored.name.encode()) <= 255
    with tiny_app.session() as session:
        document = session.get(Document, result.document_id)
        assert document is not None and document.owner_rep_id == rep.rep_id


def test_nul_bytes_are_removed_from_names_and_extracted_text(tiny_app, caller):
    rep = caller(tiny_app, "rep")
    body = "# 방문 메모\n\n로수빛정\x00 재고 확인\x00 필요.\n\n두번째\x00 문단.\n".encode()
    result = _intake(tiny_app, rep, "메\x00모\x01.md", body, "text/markdown")
    assert result.ok is True, result.message
    row = _upload(tiny_app, result.upload_id)
    assert row.filename == "메모.md" and "\x00" not in (row.message or "")
    assert Path(row.path).read_bytes() == body  # the original stays as uploaded
    with tiny_app.session() as session:
        texts = session.scalars(select(DocumentChunk.text).where(DocumentChunk.document_id == result.document_id)).all()
    joined = "\n".join(texts)
    assert "\x00" not in joined and "로수빛정 재고 확인 필요." in joined and "두번째 문단." in joined


def test_extracted_text_and_chunk_limits(demo_app, caller):
    rep = caller(demo_app, "rep")
    documents = _documents(demo_app)
    long_text = "가" * 6000
    refused = _intake(_with(demo_app, medrep_max_document_chars=5_000), rep, "긴 문서.txt", long_text.encode())
    assert refused.ok is False and "6,000자" in refused.message and "5,000자" in refused.message
    # ten 600-character paragraphs: two never fit one 700-character chunk, so ten chunks
    paragraphs = "\n\n".join(f"{i}" + "나" * 599 for i in range(10))
    too_many = _intake(_with(demo_app, medrep_max_document_chunks=9), rep, "조각.txt", paragraphs.encode())
    assert too_many.ok is False and "10개" in too_many.message and "9개" in too_many.message
    for result in (refused, too_many):
        row = _upload(demo_app, result.upload_id)
        assert row.status == "rejected" and Path(row.path).is_file()
    assert _documents(demo_app) == documents


def test_filename_bounding_is_hangul_safe():
    from tools.intake.limits import bound_bytes, clean_filename

    assert bound_bytes("가" * 100 + ".docx", 50) == "가" * 15 + ".docx"  # 45 + 5 bytes
    assert bound_bytes("a" * 10 + "가나", 13) == "a" * 10 + "가"
    assert clean_filename("C:\\Users\\kim\\보고서\x00.pdf") == "보고서.pdf"
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("\u1100\u1161.txt") == "가.txt"  # decomposed (macOS) Hangul → composed
    assert clean_filename("\x00\x01") == "file"
