"""Call analysis over the database: load a call the caller may see, get its segments
(stored transcript, uploaded transcript file, or speech to text), analyse, store the masked
transcript and analysis, and keep a visit record linked to the account."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller, account_filter, rep_filter
from data.models import Account, CallRecording, Product, Upload, Visit
from tools.calls import texts
from tools.calls.pipeline import CallAnalysis, analyse
from tools.calls.transcripts import InputError, Segment, parse_text, parse_transcript

log = logging.getLogger(__name__)

VISIT_PURPOSE = "통화 상담"
MIN_UTTERANCES = 2


class CallNotFound(LookupError):
    pass


def product_forms(session: Session) -> dict[str, list[str]]:
    """Brand → the forms people say ("로수빛정" → ["로수빛정", "로수빛"]), strengths merged."""
    from tools.common.entities import product_stems

    forms: dict[str, list[str]] = {}
    for product in session.scalars(select(Product).order_by(Product.id)):
        stems = product_stems(product)
        forms.setdefault(stems[0], [])
        forms[stems[0]] = sorted(set(forms[stems[0]]) | set(stems), key=len, reverse=True)
    return forms


def get_call(session: Session, caller: Caller, call_id: int) -> CallRecording:
    call = session.get(CallRecording, call_id)
    if call is None:
        raise CallNotFound(texts.NOT_FOUND.format(call_id=call_id))
    visible = session.scalar(select(CallRecording.id).where(CallRecording.id == call_id,
                                                            rep_filter(caller, CallRecording.rep_id)))
    if visible is None:
        raise AccessDenied(texts.NOT_YOURS.format(call_id=call_id))
    return call


def latest_call(session: Session, caller: Caller) -> CallRecording | None:
    """The caller's most recent call (their own first; a manager's team calls after)."""
    return session.scalar(select(CallRecording).where(CallRecording.rep_id == caller.rep_id)
                          .order_by(CallRecording.id.desc()).limit(1))


def latest_call_with(session: Session, caller: Caller, account_id: int) -> CallRecording | None:
    """The most recent call with one account among the calls the caller may see."""
    return session.scalar(select(CallRecording).where(rep_filter(caller, CallRecording.rep_id),
                                                      CallRecording.account_id == account_id)
                          .order_by(CallRecording.recorded_at.desc(), CallRecording.id.desc()).limit(1))


def list_calls(session: Session, caller: Caller, limit: int) -> list[CallRecording]:
    return list(session.scalars(select(CallRecording).where(rep_filter(caller, CallRecording.rep_id))
                                .order_by(CallRecording.recorded_at.desc(), CallRecording.id.desc()).limit(limit)))


def load_segments(session: Session, settings, call: CallRecording) -> tuple[list[Segment], bool, str]:
    """The call's segments, whether their times are estimated, and the engine used."""
    upload = session.get(Upload, call.upload_id) if call.upload_id else None
    if upload is not None and upload.path and upload.kind == "audio":
        from tools.calls.transcription import transcribe

        result = transcribe(settings, Path(upload.path))
        return result.segments, False, result.engine
    if upload is not None and upload.path and upload.kind == "transcript" and Path(upload.path).exists():
        segments = parse_transcript(upload.filename, Path(upload.path).read_bytes())
        return segments, not _timed(upload.filename, Path(upload.path).read_bytes()), "transcript"
    if call.transcript:
        segments = parse_text(call.transcript)
        return segments, not re.search(r"\d{1,2}:\d{2}", call.transcript[:400]), "transcript"
    raise InputError("empty", texts.NOTHING_TO_ANALYSE)


def _timed(filename: str, data: bytes) -> bool:
    return filename.lower().endswith((".vtt", ".srt")) or bool(re.search(rb"\d{1,2}:\d{2}", data[:2000]))


def named_account(session: Session, caller: Caller, name: str) -> tuple[Account | None, str]:
    """The account `name` resolves to among the caller's, or None and why (Korean)."""
    from tools.common.entities import resolve_account

    try:
        return resolve_account(session, caller, name), ""
    except (LookupError, AccessDenied) as exc:
        return None, getattr(exc, "message", None) or str(exc)


def find_account(session: Session, caller: Caller, call: CallRecording, name: str | None) -> tuple[Account | None, str]:
    """The account to link: the one named, the call's own, else one named in the title or
    transcript among the caller's accounts. Returns (account, note for the answer)."""
    if name:
        account, detail = named_account(session, caller, name)
        return account, texts.UNKNOWN_ACCOUNT.format(name=name, detail=detail) if account is None else ""
    if call.account_id:
        return session.get(Account, call.account_id), ""
    haystack = f"{call.title}\n{(call.transcript or '')[:4000]}"
    owner = Caller(rep_id=call.rep_id, name="", role="rep", team_id=None)
    candidates = session.execute(select(Account.id, Account.name).where(account_filter(owner))).all()
    named = [c for c in candidates if len(c.name) >= 3 and c.name in haystack]
    if named:
        best = max(named, key=lambda c: len(c.name))
        return session.get(Account, best.id), ""
    return None, texts.NO_ACCOUNT.format(call_id=call.id)


def save_visit(session: Session, call: CallRecording, account: Account, analysis: CallAnalysis) -> Visit:
    """One visit record per call (re-analysis updates it), so visit gaps and the account
    profile see the call at once."""
    products = list(analysis.metrics.get("product_mentions", {}))
    product = None
    if products:
        product = session.scalar(select(Product).where(Product.name.like(f"{products[0]}%")).order_by(Product.id).limit(1))
    notes = "\n".join(["[통화 분석] " + " / ".join(analysis.summary)]
                      + [f"- 할 일: {s['what']}" + (f" ({s['due']})" if s.get("due") else "")
                         for s in analysis.next_steps if s["who"] == "rep"][:5])
    visit = session.get(Visit, call.visit_id) if call.visit_id else None
    if visit is None:
        recorded = call.recorded_at or datetime.combine(date.today(), time(9))
        visit = Visit(rep_id=call.rep_id, account_id=account.id, visited_at=recorded, purpose=VISIT_PURPOSE)
        session.add(visit)
    visit.account_id = account.id
    visit.product_id = product.id if product else None
    visit.notes = notes[:4000]
    visit.contact_name = None
    session.flush()
    call.visit_id = visit.id
    return visit


def analyse_call(session: Session, settings, caller: Caller, call: CallRecording, *, call_day: date,
                 account_name: str | None = None) -> tuple[CallAnalysis, Account | None, str]:
    """Analyse and store one call (the caller's access already checked). Raises InputError."""
    from tools.documents.compliance import config_from_settings

    segments, estimated, engine = load_segments(session, settings, call)
    previous = call.analysis or {}
    if previous.get("version"):  # analysed before: the stored (masked) transcript carries its times
        estimated = estimated or bool(previous.get("times_estimated"))
        engine = previous.get("engine", engine)
    if len([s for s in segments if s.text.strip()]) < MIN_UTTERANCES:
        raise InputError("too_short", texts.TOO_SHORT.format(n=len(segments)))
    analysis = analyse(segments, call_day=call_day, product_forms=product_forms(session),
                       compliance=config_from_settings(settings), times_estimated=estimated, engine=engine)
    call.transcript = analysis.masked_transcript()  # only the masked text is kept in the database
    account, note = find_account(session, caller, call, account_name)
    if account is not None:
        call.account_id = account.id
        visit = save_visit(session, call, account, analysis)
        analysis.extra["visit_id"] = visit.id
    analysis.extra["account"] = account.name if account else None
    call.analysis = analysis.to_json()
    call.status = "analyzed"
    call.error = None
    session.flush()
    return analysis, account, note
