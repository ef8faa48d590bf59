"""Ingestion of every supported format, chunking by headings, incremental re-ingest."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from data.models import Document, DocumentChunk
from tools.common.plumbing import ToolInputError
from tools.search.chunking import chunk_sections
from tools.search.loaders import load_file, parse_front_matter, split_markdown

MD = """---
title: 시험용 안내서
category: sop
visibility: role
role: manager
products: HB-ROS10, HB-EZR10
---
# 시험용 안내서

## 샘플 관리
견본품은 최소 포장 단위로만 제공한다. 판매 금지.

## 설명회 식음료
개별 요양기관 설명회의 식음료는 1일 10만원 이하.
"""


def write_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("워드 문서 제목", level=1)
    d.add_heading("첫째 절", level=2)
    d.add_paragraph("워드 본문의 특이한 낱말 파랑고래 입니다.")
    d.save(str(path))


def write_pdf(path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        fig = plt.figure()
        fig.text(0.1, 0.5, "PDF zebracorn guideline 2026")
        pdf.savefig(fig)
        plt.close(fig)


def test_front_matter_and_heading_sections():
    meta, body = parse_front_matter(MD)
    assert meta["visibility"] == "role" and meta["role"] == "manager" and meta["title"] == "시험용 안내서"
    sections = split_markdown(body)
    assert [s for s, _ in sections] == ["시험용 안내서 > 샘플 관리", "시험용 안내서 > 설명회 식음료"]
    chunks = chunk_sections(sections, size=40)
    # a chunk never spans two headings
    assert {c.section for c in chunks} == {s for s, _ in sections}
    assert all(len(c.text) <= 40 for c in chunks)


@pytest.mark.parametrize("name", ["a.md", "b.txt", "c.pdf", "d.docx", "e.html"])
def test_every_format_loads(tmp_path, name):
    path = tmp_path / name
    expect = {"a.md": "식음료", "b.txt": "카나리아", "c.pdf": "zebracorn", "d.docx": "파랑고래", "e.html": "무지개송어"}[name]
    if name.endswith(".md"):
        path.write_text(MD, encoding="utf-8")
    elif name.endswith(".txt"):
        path.write_text("첫 문단 카나리아.\n\n둘째 문단.", encoding="utf-8")
    elif name.endswith(".pdf"):
        write_pdf(path)
    elif name.endswith(".docx"):
        write_docx(path)
    else:
        path.write_text("<html><head><title>웹 문서</title><script>x()</script></head><body><h1>큰 제목</h1>"
                        "<h2>작은 제목</h2><p>본문 무지개송어 이야기</p></body></html>", encoding="utf-8")
    loaded = load_file(path)
    assert expect in loaded.text
    assert "x()" not in loaded.text
    if name.endswith(".html"):
        assert loaded.title == "웹 문서" and loaded.sections[0][0] == "큰 제목 > 작은 제목"
    if name.endswith(".docx"):
        assert loaded.sections[0][0] == "워드 문서 제목 > 첫째 절"


def test_unsupported_and_empty_files_get_korean_errors(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK")
    with pytest.raises(ToolInputError, match="지원하지 않는 형식"):
        load_file(bad)
    empty = tmp_path / "e.txt"
    empty.write_text("   ", encoding="utf-8")
    with pytest.raises(ToolInputError, match="읽을 수 있는 글자"):
        load_file(empty)


def test_ingest_is_incremental_and_searchable_at_once(search_app, caller, tmp_path):
    from tools.search.ingest import ingest_file, remove_missing
    from tools.search.service import search_passages

    folder = tmp_path / "docs"
    folder.mkdir()
    md = folder / "guide.md"
    md.write_text(MD, encoding="utf-8")
    pdf = folder / "z.pdf"
    write_pdf(pdf)
    manager = caller(search_app, "manager")
    with search_app.session() as s:
        first = ingest_file(s, search_app.settings, md)
        assert first.status == "added"
        doc = s.get(Document, first.document_id)
        assert (doc.visibility, doc.visibility_role, doc.product_codes) == ("role", "manager", "HB-ROS10,HB-EZR10")
        assert doc.content_hash == hashlib.sha256(md.read_bytes()).hexdigest()
        assert ingest_file(s, search_app.settings, md).status == "unchanged"
        assert ingest_file(s, search_app.settings, pdf).status == "added"
        s.commit()
        found = search_passages(s, search_app.settings, manager, "zebracorn guideline", 3)
        assert found and found[0].title == "z"
        md.write_text(MD.replace("10만원", "7만원"), encoding="utf-8")
        assert ingest_file(s, search_app.settings, md).status == "updated"
        texts = s.scalars(select(DocumentChunk.text).where(DocumentChunk.document_id == first.document_id)).all()
        assert any("7만원" in t for t in texts) and not any("10만원" in t for t in texts)
        pdf.unlink()
        assert remove_missing(s, search_app.settings, folder) == ["z"]
        s.commit()
        assert s.scalar(select(Document).where(Document.source == str(pdf.resolve()))) is None
        assert not search_passages(s, search_app.settings, manager, "zebracorn guideline", 3)


def test_ingest_cli(search_app, tmp_path, monkeypatch, capsys):
    from medrep.cli import ingest as ingest_cli

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "n.txt").write_text("클리앙 시험 문서 알바트로스", encoding="utf-8")
    (tmp_path / "in" / "skip.bin").write_bytes(b"\0")
    monkeypatch.setattr(ingest_cli, "open_app", lambda *a, **k: search_app)
    assert ingest_cli.ingest_paths([tmp_path / "in"]) == 0
    assert ingest_cli.ingest_paths([tmp_path / "in"]) == 0
    out = capsys.readouterr().out
    assert "추가 1" in out and "변경 없음 1" in out
    assert ingest_cli.ingest_paths([tmp_path / "missing.pdf"]) == 1
