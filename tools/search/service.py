"""`search_documents`: hybrid retrieval over what the caller may see, with citations.

Visibility is applied BEFORE ranking: the caller's visible documents, wiki pages and reps
(for call notes) are selected in SQL (`data.access`), turned into a position mask, and only
those positions are scored. Entity lookups (products, accounts) are fused with the passage
ranking by reciprocal rank. Passages that match too little of the query are dropped, and an
honest "관련 자료를 찾지 못했습니다" comes back when nothing is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.access import Caller, visibility_filter, visible_rep_ids
from data.models import Account, Document, DocumentChunk, Visit, WikiPage, WikiRevision
from tools.common.plumbing import ToolInputError
from tools.common.results import Citation, ToolOutput
from tools.search.entities import _product_stem as product_stem
from tools.search.entities import find_entities
from tools.search.index import (
    KIND_CHUNK,
    KIND_NAMES,
    KIND_NOTE,
    KIND_WIKI,
    SearchIndex,
    get_index,
    wiki_chunks,
)
from tools.search.reranker import load_reranker
from tools.search.query import add_name, coverage, prepare_query

NOT_FOUND = "관련 자료를 찾지 못했습니다."
MIN_COVERAGE = 0.4  # share of the query's IDF mass a passage must contain …
MIN_COSINE = 0.75  # … or this dense similarity
RRF_K = 60
NOTE_PRIOR = 0.8  # call notes' fused score is weighed down by this factor


@dataclass
class Passage:
    kind: str
    title: str
    section: str
    text: str
    citation: Citation
    score: float


def allowed_mask(session: Session, caller: Caller, index: SearchIndex) -> np.ndarray:
    docs = np.fromiter(session.scalars(select(Document.id).where(visibility_filter(caller, Document))), np.int64)
    pages = np.fromiter(session.scalars(select(WikiPage.id).where(visibility_filter(caller, WikiPage))), np.int64)
    reps = np.fromiter(session.scalars(visible_rep_ids(caller)), np.int64)
    k, o = index.kind, index.owner
    return index.alive & (((k == KIND_CHUNK) & np.isin(o, docs)) | ((k == KIND_WIKI) & np.isin(o, pages))
                          | ((k == KIND_NOTE) & np.isin(o, reps)))


def _snippet(text: str, n: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _load_passage(session: Session, index: SearchIndex, pos: int) -> Passage | None:
    kind, owner, row, sub = int(index.kind[pos]), int(index.owner[pos]), int(index.row[pos]), int(index.sub[pos])
    if kind == KIND_CHUNK:
        found = session.execute(select(DocumentChunk, Document).join(Document)
                                .where(DocumentChunk.id == row)).first()
        if found is None:
            return None
        chunk, doc = found
        link = doc.source if doc.source.startswith(("http://", "https://")) else None
        return Passage("document", doc.title, chunk.section, chunk.text,
                       Citation(doc.title, doc.source, chunk.section, link, _snippet(chunk.text)), 0.0)
    if kind == KIND_WIKI:
        page = session.get(WikiPage, owner)
        rev = session.scalar(select(WikiRevision).where(WikiRevision.page_id == owner, WikiRevision.number == row))
        if page is None or rev is None:
            return None
        chunks = wiki_chunks(rev.title, rev.body)
        if sub >= len(chunks):
            return None
        c = chunks[sub]
        return Passage("wiki", rev.title, c.section, c.text,
                       Citation(rev.title, f"wiki:{page.slug}", c.section, None, _snippet(c.text)), 0.0)
    found = session.execute(select(Visit, Account.name).join(Account, Account.id == Visit.account_id)
                            .where(Visit.id == row)).first()
    if found is None:
        return None
    visit, account_name = found
    title = f"{account_name} 방문 메모 ({visit.visited_at:%Y-%m-%d})"
    return Passage("call_note", title, visit.purpose, visit.notes,
                   Citation(title, f"visits:{visit.id}", visit.purpose, None, _snippet(visit.notes)), 0.0)


def search_passages(session: Session, settings, caller: Caller, query: str, top_k: int = 5,
                    mode: str | None = None, kinds: tuple[int, ...] | None = None) -> list[Passage]:
    """Ranked passages (and entities unless `kinds` narrows the search to index kinds)."""
    query = (query or "").strip()
    if not query:
        raise ToolInputError("무엇을 찾을지 검색어를 알려 주세요. 예: '로수빛 금기', '샘플 제공 규정'")
    top_k = max(1, min(int(top_k or 5), 20))
    index = get_index(settings, session)
    reranker = load_reranker(settings.medrep_reranker_model)
    mode = mode or ("hybrid+rerank" if reranker is not None else "hybrid")
    allowed = allowed_mask(session, caller, index)
    if kinds is not None:
        allowed &= np.isin(index.kind, np.array(kinds, dtype=np.int8))
    prepared = prepare_query(query)
    if prepared.kinds is not None and kinds is None:  # "위키에서 …": only that kind of source
        allowed &= np.isin(index.kind, np.array(prepared.kinds, dtype=np.int8))
    entities = find_entities(session, caller, prepared.text) if kinds is None and prepared.kinds is None else []
    for e in entities:  # "로수빛" in the question, "로수빛정 10mg" in the documents
        if e.key.startswith("product:"):
            add_name(prepared, product_stem(e.title), e.title, index.engine)
    depth = top_k * (10 if prepared.extra_tokens or any(t.name for t in prepared.groups) else 3)  # names filter hard
    hits = index.engine.search(prepared.expanded, mode, k=depth, allowed=allowed, reranker=reranker,
                               texts_for=lambda positions: [_passage_text(session, index, p) for p in positions],
                               extra_tokens=prepared.extra_tokens)
    # documents and wiki pages answer "what is the rule" questions; a short call note that repeats
    # the words must not outrank them on length normalisation alone
    hits = sorted(hits, key=lambda h: (-(h.score * (NOTE_PRIOR if index.kind[h.position] == KIND_NOTE else 1.0)),
                                       h.position))
    ranked: list[tuple[str, Passage]] = []
    for hit in hits:
        held = coverage(index.engine, prepared, hit.position)
        if held < MIN_COVERAGE and hit.dense < MIN_COSINE:
            continue
        found = _load_passage(session, index, hit.position)
        if found is not None:
            found.score = hit.score
            ranked.append((f"pos:{hit.position}", found))
    # section-aware: "다파빛정 부작용" is answered by the 다파빛정 document's "주요 이상반응" section,
    # even when a portfolio page or a call note repeats the words more often
    ranked.sort(key=lambda item: not answers_by_heading(prepared, item[1]))
    # reciprocal-rank fusion of the passage ranking and the entity lookup
    fused: dict[str, float] = {}
    items: dict[str, Passage] = {}
    for rank, (key, p) in enumerate(ranked):
        fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
        items[key] = p
    for rank, e in enumerate(entities):
        fused[e.key] = fused.get(e.key, 0.0) + 1.0 / (RRF_K + rank + 1)
        kind = "product" if e.key.startswith("product") else "account"
        items[e.key] = Passage(kind, e.title, e.citation.section, e.text, e.citation, 0.0)
    order = sorted(fused, key=lambda key: (-fused[key], 0 if key.startswith("pos:") else 1))
    result = []
    for key in order[:top_k]:
        items[key].score = round(fused[key], 6)
        result.append(items[key])
    return result


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    """Morphemes of a title or heading (the same few hundred come back on every query)."""
    from tools.search.text import plain_morphemes

    return frozenset(plain_morphemes(text))


def answers_by_heading(query, passage: Passage) -> bool:
    """The passage's own heading holds a topic word of a question that names a product (in
    any of its synonyms: 부작용 → 주요 이상반응), and its document's title names that product."""
    names = [t for t in query.groups if t.name]
    topics = [t for t in query.groups if not t.name]
    if not names or not topics or passage.kind not in ("document", "wiki"):
        return False
    heading = _words(passage.section.rsplit(">", 1)[-1])
    title = _words(passage.title)

    def held(term, words: set[str]) -> bool:
        return any(alt and all(w in words for w in alt.split()) for alt in term.alts | {term.typed})

    return all(held(t, title) for t in names) and any(held(t, heading) for t in topics)


def _passage_text(session: Session, index: SearchIndex, pos: int) -> str:
    p = _load_passage(session, index, pos)
    return f"{p.title}\n{p.text}" if p else ""


KIND_LABELS = {"document": "문서", "wiki": "위키", "call_note": "방문 메모", "product": "제품", "account": "거래처"}


def search_documents(session: Session, settings, caller: Caller, query: str, top_k: int = 5) -> ToolOutput:
    passages = search_passages(session, settings, caller, query, top_k)
    if not passages:
        return ToolOutput(summary=f"{NOT_FOUND} 검색어를 바꾸거나 제품명·문서 제목으로 다시 찾아보세요.",
                          data={"query": query, "results": []}, error=None,
                          suggestions=["샘플 제공 규정 알려줘", "제품설명회 식음료 한도"])
    lines = [f"**'{query}' 검색 결과** ({len(passages)}건)"]
    for i, p in enumerate(passages, 1):
        where = f"{p.title}" + (f" › {p.section}" if p.section else "")
        lines.append(f"{i}. [{KIND_LABELS.get(p.kind, p.kind)}] **{where}**\n   {_snippet(p.text, 300)}")
    lines.append("\n출처: " + "; ".join(f"[{i}] {p.citation.title}" for i, p in enumerate(passages, 1)))
    return ToolOutput(
        summary="\n".join(lines),
        data={"query": query, "results": [{"kind": p.kind, "title": p.title, "section": p.section,
                                           "text": p.text, "score": p.score, "source": p.citation.source}
                                          for p in passages]},
        citations=[p.citation for p in passages],
    )


__all__ = ["KIND_NAMES", "NOT_FOUND", "search_documents", "search_passages"]
