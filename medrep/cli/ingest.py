"""`medrep ingest PATH…`: add files and folders to search (unchanged files skipped,
files deleted from an ingested folder removed)."""

from __future__ import annotations

from pathlib import Path

import typer

from data.db import open_app
from tools.common.plumbing import ToolInputError


def ingest_paths(paths: list[Path]) -> int:
    from tools.search.index import get_index
    from tools.search.ingest import ingest_file, iter_files, remove_missing

    app = open_app()
    files, folders = iter_files(paths)
    if not files and not folders:
        typer.echo("추가할 파일이 없습니다. md, txt, pdf, docx, html 파일이나 폴더 경로를 주세요.", err=True)
        return 2
    counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0, "removed": 0}
    with app.session() as session:
        get_index(app.settings, session)  # load or rebuild once, before adding
        for folder in folders:
            removed = remove_missing(session, app.settings, folder)
            counts["removed"] += len(removed)
            for title in removed:
                typer.echo(f"삭제됨: {title}")
        for path in files:
            try:
                result = ingest_file(session, app.settings, path)
                session.commit()
            except ToolInputError as exc:
                session.rollback()
                counts["failed"] += 1
                typer.echo(f"실패: {path} — {exc}", err=True)
                continue
            counts[result.status] += 1
            if result.status != "unchanged":
                label = "추가" if result.status == "added" else "갱신"
                typer.echo(f"{label}: {result.title} ({result.chunks}개 조각) ← {path}")
        session.commit()
    typer.echo(f"완료: 추가 {counts['added']}, 갱신 {counts['updated']}, 변경 없음 {counts['unchanged']}, "
               f"삭제 {counts['removed']}, 실패 {counts['failed']}")
    return 1 if counts["failed"] else 0
