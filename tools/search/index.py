"""The search index of one MedRep home: engine + what each position points at.

Positions carry (kind, owner, row, sub, alive):
- kind 0 document chunk: owner = documents.id, row = document_chunks.id
- kind 1 wiki passage:   owner = wiki_pages.id, row = revision number, sub = chunk ordinal
- kind 2 call note:      owner = visits.rep_id, row = visits.id
Visibility is decided per owner in SQL at query time (tools.search.service), so a change of
a document's visibility applies at once. Files live under `MEDREP_HOME/index/`; when they
are missing or unreadable the index is rebuilt from the database.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.models import Document, DocumentChunk, Visit, WikiPage, WikiRevision
from tools.search.chunking import chunk_sections, passage
from tools.search.encoders import load_encoder, make_encoder
from tools.search.engine import EngineParams, HybridEngine
from tools.search.loaders import split_markdown

log = logging.getLogger(__name__)

KIND_CHUNK, KIND_WIKI, KIND_NOTE = 0, 1, 2
KIND_NAMES = {KIND_CHUNK: "document", KIND_WIKI: "wiki", KIND_NOTE: "call_note"}


def register_domain_terms(session: Session) -> None:
    """Product brand names and stems as Kiwi user words (see text.register_terms)."""
    from data.models import Product
    from tools.search.entities import _product_stem
    from tools.search.text import register_terms

    words = []
    for name, in session.execute(select(Product.name)):
        words.append(_product_stem(name))
    register_terms(words)


def wiki_chunks(title: str, body: str):
    return chunk_sections(split_markdown(body) or [("", body)])


@dataclass
class SearchIndex:
    directory: Path
    engine: HybridEngine
    kind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    owner: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    row: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    sub: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    alive: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    loaded_stamp: float = 0.0
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def size(self) -> int:
        return int(self.kind.shape[0])

    # ---- collecting passages from the database -------------------------------------
    @staticmethod
    def collect(session: Session) -> tuple[list[str], list[tuple[int, int, int, int]]]:
        texts: list[str] = []
        meta: list[tuple[int, int, int, int]] = []
        rows = session.execute(
            select(DocumentChunk.id, DocumentChunk.document_id, DocumentChunk.section, DocumentChunk.text,
                   Document.title).join(Document, Document.id == DocumentChunk.document_id)
            .order_by(DocumentChunk.document_id, DocumentChunk.ordinal))
        for chunk_id, doc_id, section, text, title in rows:
            texts.append(passage(title, section, text))
            meta.append((KIND_CHUNK, doc_id, chunk_id, 0))
        pages = session.execute(
            select(WikiPage.id, WikiRevision.number, WikiRevision.title, WikiRevision.body)
            .join(WikiRevision, (WikiRevision.page_id == WikiPage.id)
                  & (WikiRevision.number == WikiPage.current_revision)).order_by(WikiPage.id))
        for page_id, number, title, body in pages:
            for i, chunk in enumerate(wiki_chunks(title, body)):
                texts.append(passage(title, chunk.section, chunk.text))
                meta.append((KIND_WIKI, page_id, number, i))
        notes = session.execute(select(Visit.id, Visit.rep_id, Visit.purpose, Visit.notes)
                                .where(Visit.notes != "").order_by(Visit.id))
        for visit_id, rep_id, purpose, notes_text in notes:
            texts.append(f"방문 메모({purpose})\n{notes_text}")
            meta.append((KIND_NOTE, rep_id, visit_id, 0))
        return texts, meta

    def _set_meta(self, meta: list[tuple[int, int, int, int]], append: bool = False) -> None:
        arr = np.array(meta, dtype=np.int64).reshape(-1, 4)
        parts = [arr[:, 0].astype(np.int8), arr[:, 1], arr[:, 2], arr[:, 3].astype(np.int32), np.ones(len(arr), bool)]
        if append:
            self.kind, self.owner, self.row, self.sub, self.alive = (
                np.concatenate([old, new]) for old, new in
                zip((self.kind, self.owner, self.row, self.sub, self.alive), parts))
        else:
            self.kind, self.owner, self.row, self.sub, self.alive = parts

    # ---- building, updating, persisting --------------------------------------------
    def rebuild(self, session: Session) -> int:
        with self.lock:
            texts, meta = self.collect(session)
            self.engine.build(texts)
            self._set_meta(meta)
            self.save()
            return len(texts)

    def append(self, texts: list[str], meta: list[tuple[int, int, int, int]]) -> None:
        with self.lock:
            if not texts:
                return
            if not getattr(self.engine.encoder, "fitted", True):
                raise RuntimeError("index has no fitted encoder")
            self.engine.add(texts)
            self._set_meta(meta, append=True)
            self.save()

    def retire(self, kind: int, owner: int) -> None:
        """Mark every position of one document / wiki page as gone (re-ingest, delete, edit)."""
        with self.lock:
            self.alive[(self.kind == kind) & (self.owner == owner)] = False

    def add_document(self, session: Session, document: Document) -> int:
        self.retire(KIND_CHUNK, document.id)
        chunks = session.scalars(select(DocumentChunk).where(DocumentChunk.document_id == document.id)
                                 .order_by(DocumentChunk.ordinal)).all()
        self.append([passage(document.title, c.section, c.text) for c in chunks],
                    [(KIND_CHUNK, document.id, c.id, 0) for c in chunks])
        return len(chunks)

    def remove_document(self, document_id: int) -> None:
        self.retire(KIND_CHUNK, document_id)
        self.save_meta()

    def add_wiki(self, page: WikiPage, revision: WikiRevision) -> int:
        self.retire(KIND_WIKI, page.id)
        chunks = wiki_chunks(revision.title, revision.body)
        self.append([passage(revision.title, c.section, c.text) for c in chunks],
                    [(KIND_WIKI, page.id, revision.number, i) for i in range(len(chunks))])
        return len(chunks)

    def save_meta(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = self.directory / "meta.tmp.npz"
        np.savez(tmp, kind=self.kind, owner=self.owner, row=self.row, sub=self.sub, alive=self.alive)
        tmp.replace(self.directory / "meta.npz")
        stamp = self.directory / "STAMP"
        stamp.write_text(str(time.time()), encoding="utf-8")
        self.loaded_stamp = stamp.stat().st_mtime

    def save(self) -> None:
        self.engine.save(self.directory / "engine")
        self.save_meta()

    @classmethod
    def load(cls, directory: Path, model_name: str | None, params: EngineParams) -> SearchIndex:
        encoder = load_encoder(directory / "engine" / "encoder.pkl", model_name)
        engine = HybridEngine.load(directory / "engine", encoder, params)
        with np.load(directory / "meta.npz") as data:
            index = cls(directory, engine, data["kind"], data["owner"], data["row"], data["sub"], data["alive"])
        if index.size != engine.size:
            raise ValueError("meta and engine sizes differ")
        index.loaded_stamp = (directory / "STAMP").stat().st_mtime
        return index


_cache: dict[str, SearchIndex] = {}
_cache_lock = threading.Lock()


def index_dir(settings) -> Path:
    return settings.home / "index"


def _encoder_matches(directory: Path, model_name: str | None) -> bool:
    try:
        info = json.loads((directory / "engine" / "engine.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return info.get("encoder", "").startswith("sentence-transformers:" if model_name else "lsa")


def get_index(settings, session: Session, rebuild: bool = False) -> SearchIndex:
    """The process-wide index for this MEDREP_HOME: loaded from disk (reloaded when another
    process saved a newer one), or rebuilt from the database when missing or stale."""
    directory = index_dir(settings)
    key = str(directory.resolve())
    model = settings.medrep_embedding_model
    register_domain_terms(session)
    with _cache_lock:
        index = _cache.get(key)
        stamp_file = directory / "STAMP"
        fresh = (index is not None and stamp_file.exists()
                 and stamp_file.stat().st_mtime <= index.loaded_stamp + 1e-6)
        if fresh and not rebuild:
            return index
        if not rebuild and stamp_file.exists() and _encoder_matches(directory, model):
            try:
                index = SearchIndex.load(directory, model, EngineParams())
                _cache[key] = index
                return index
            except Exception as exc:  # damaged or from another version: rebuild below
                log.warning("search index unreadable (%s); rebuilding from the database", exc)
        index = SearchIndex(directory, HybridEngine(make_encoder(model), EngineParams()))
        started = time.perf_counter()
        n = index.rebuild(session)
        log.info("search index rebuilt: %d passages in %.1fs", n, time.perf_counter() - started)
        _cache[key] = index
        return index


def forget_cached(settings) -> None:
    with _cache_lock:
        _cache.pop(str(index_dir(settings).resolve()), None)
