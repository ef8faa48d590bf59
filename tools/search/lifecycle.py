"""Search lifecycle hooks: `prepare` (medrep demo) loads the demo documents and wiki pages
and builds the index; `doctor` reports the embedding and reranker backends."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from data.access import Caller
from data.models import Rep, WikiPage

CONTENT = Path(__file__).resolve().parents[2] / "data" / "demo" / "content"


def _admin(session) -> Caller:
    rep = session.scalar(select(Rep).where(Rep.role == "admin").order_by(Rep.id))
    if rep is None:
        raise LookupError("관리자 계정이 없습니다. 데모 데이터를 먼저 만들어 주세요(medrep demo).")
    return Caller.from_rep(rep)


def load_demo_wiki(session, folder: Path) -> int:
    """Each Markdown file becomes a wiki page (revision 1, authored by an admin); pages
    already present (same slug) are kept as they are, edits included."""
    from tools.search.ingest import visibility_from_meta
    from tools.search.loaders import parse_front_matter
    from tools.wiki.pages import create_page

    admin = _admin(session)
    added = 0
    for path in sorted(folder.glob("*.md")):
        meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
        slug = path.stem
        if session.scalar(select(WikiPage.id).where(WikiPage.slug == slug)) is not None:
            continue
        fields = visibility_from_meta(session, meta)
        title = meta.get("title") or slug
        create_page(session, None, admin, title, body, fields["visibility"], team_id=fields["visibility_team_id"],
                    role=fields["visibility_role"], slug=slug, comment="초기 내용")
        added += 1
    return added


def prepare(app) -> str:
    from tools.search.index import get_index
    from tools.search.ingest import ingest_file

    started = time.perf_counter()
    with app.session() as session:
        docs = 0
        for path in sorted((CONTENT / "documents").glob("*.md")):
            result = ingest_file(session, app.settings, path, source=f"demo/documents/{path.name}",
                                 update_index=False)
            docs += result.status != "unchanged"
        pages = load_demo_wiki(session, CONTENT / "wiki") if (CONTENT / "wiki").is_dir() else 0
        session.commit()
        index = get_index(app.settings, session, rebuild=True)
        return (f"문서 {docs}건·위키 {pages}건 추가, 검색 색인 {index.size:,}개 구절 "
                f"({index.engine.encoder.name}) {time.perf_counter() - started:.1f}초")


def doctor(app) -> list[tuple[str, str, str]]:
    from tools.search.index import index_dir

    settings = app.settings
    rows = []
    if settings.medrep_embedding_model:
        rows.append(("검색 임베딩", f"sentence-transformers: {settings.medrep_embedding_model}", "설정됨"))
    else:
        rows.append(("검색 임베딩", "내장 LSA(TF-IDF 형태소+문자 n-gram → SVD 512차원, 코퍼스 적합)", "다운로드 불필요"))
    rows.append(("검색 리랭커", f"FlagReranker: {settings.medrep_reranker_model}" if settings.medrep_reranker_model
                 else "사용 안 함(융합 순위 유지)", "설정됨" if settings.medrep_reranker_model else "기본값"))
    stamp = index_dir(settings) / "STAMP"
    rows.append(("검색 색인", str(index_dir(settings)), "있음" if stamp.exists() else "없음(첫 검색 때 DB에서 다시 만듦)"))
    return rows
