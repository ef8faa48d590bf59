"""What the call_* tools answer inside a chat turn: start or show an analysis, list calls."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.access import Caller
from data.models import Account, CallRecording, Rep
from tools.calls import jobs, service, texts
from tools.calls.pasted import as_lines, looks_like_transcript
from tools.calls.render import render_brief, render_stored
from tools.common.plumbing import ToolContext, josa
from tools.common.results import ToolOutput


def _compact(call: CallRecording) -> dict:
    a = call.analysis or {}
    m = a.get("metrics", {})
    return {"call_id": call.id, "status": call.status, "account": a.get("account"),
            "talk_ratio": m.get("talk_ratio"), "questions": m.get("questions"),
            "customer_sentiment": (a.get("sentiment") or {}).get("customer"),
            "risks": [{"category": r["category"], "at": r["at"], "quote": r["quote"]} for r in a.get("risks", [])],
            "requests": [r["text"] for r in a.get("requests", [])],
            "next_steps": [{"who": s["who"], "what": s["what"], "due": s.get("due")} for s in a.get("next_steps", [])]}


def _show(session: Session, call: CallRecording) -> ToolOutput:
    return ToolOutput(summary=render_stored(session, call), data=_compact(call))


def _start(session: Session, ctx: ToolContext, call: CallRecording, account: str | None) -> ToolOutput:
    call_id, title = call.id, call.title
    session.commit()  # the call is kept before any work (nothing lost if the analysis fails)
    text = jobs.start(ctx.app, call_id, ctx.thread_key or call.thread_key, title, account)
    session.expire_all()
    call = session.get(CallRecording, call_id)
    error = "failed" if call.status == "failed" else None
    return ToolOutput(summary=text, data=_compact(call), error=error)


def _answer_for(session: Session, ctx: ToolContext, call: CallRecording, account: str | None) -> ToolOutput:
    if call.status in jobs.RUNNING:
        return ToolOutput(summary=texts.STILL_RUNNING.format(call_id=call.id, status=texts.STATUS[call.status]),
                          data=_compact(call))
    if call.status == "analyzed" and not account:
        return _show(session, call)
    return _start(session, ctx, call, account)


def analyze_in_turn(session: Session, caller: Caller, ctx: ToolContext, *, call_id: int | None,
                    account: str | None, transcript: str | None) -> ToolOutput:
    pasted = transcript if transcript and transcript.strip() else (ctx.text if looks_like_transcript(ctx.text) else None)
    pasted = as_lines(pasted) if pasted else pasted
    if call_id is None and pasted:
        call = CallRecording(rep_id=caller.rep_id, title=texts.PASTED_TITLE, status="received",
                             transcript=pasted, thread_key=ctx.thread_key[:200],
                             recorded_at=datetime.combine(ctx.today, datetime.now().time().replace(microsecond=0)))
        session.add(call)
        session.flush()
        return _start(session, ctx, call, account)
    if call_id is None:
        for f in ctx.files:
            call = session.scalar(select(CallRecording).where(CallRecording.upload_id == f.upload_id)) if f.upload_id else None
            if call is None:
                continue
            if call.status == "analyzed" and call.posted_at is not None and not account:
                return ToolOutput(summary=render_brief(call.analysis, call_id=call.id), data=_compact(call))
            return _answer_for(session, ctx, call, account)
    if call_id is None and account:
        return _latest_with_account(session, caller, ctx, account)
    call = service.get_call(session, caller, call_id) if call_id else service.latest_call(session, caller)
    if call is None:
        return ToolOutput(summary=texts.NOTHING_TO_ANALYSE, error="not_found")
    return _answer_for(session, ctx, call, account)


def _latest_with_account(session: Session, caller: Caller, ctx: ToolContext, account: str) -> ToolOutput:
    """"한성대학교병원 통화 요약해줘" with no file or number: that account's latest call, shown
    as stored; never another call re-linked to the account named."""
    row, detail = service.named_account(session, caller, account)
    if row is None:
        return ToolOutput(summary=texts.UNKNOWN_ACCOUNT_CALL.format(name=account, detail=detail), error="not_found")
    call = service.latest_call_with(session, caller, row.id)
    if call is None:
        return ToolOutput(summary=texts.NO_CALL_WITH.format(account=row.name, wa=josa(row.name, "과의", "와의")), error="not_found")
    return _answer_for(session, ctx, call, None)  # already linked: shown, or run again if it failed


def list_view(session: Session, caller: Caller, top_n: int) -> ToolOutput:
    scope = "전체" if caller.is_admin else f"{caller.team_name or '팀'}" if caller.is_manager else f"{caller.name} 담당"
    calls = service.list_calls(session, caller, top_n)
    if not calls:
        return ToolOutput(summary=texts.NO_CALLS.format(scope=scope), data={"calls": []})
    accounts = {a.id: a.name for a in session.scalars(select(Account).where(
        Account.id.in_({c.account_id for c in calls if c.account_id})))}
    reps = {r.id: r.name for r in session.scalars(select(Rep).where(Rep.id.in_({c.rep_id for c in calls})))}
    lines = [texts.LIST_HEADER.format(scope=scope)]
    rows = []
    for c in calls:
        a = c.analysis or {}
        extra = ""
        if c.status == "analyzed":
            mood = (a.get("sentiment") or {}).get("label", "")
            extra = f" · 위험 {len(a.get('risks', []))}건 · 고객 반응 {mood}"
        if caller.role != "rep":
            extra += f" · {reps.get(c.rep_id, '')}"
        lines.append("• " + texts.LIST_LINE.format(id=c.id, date=f"{c.recorded_at:%Y-%m-%d}", title=c.title or "-",
                                                   account=accounts.get(c.account_id, "거래처 미지정"),
                                                   status=texts.STATUS.get(c.status, c.status), extra=extra))
        rows.append({"call_id": c.id, "date": c.recorded_at.date().isoformat(), "status": c.status,
                     "account": accounts.get(c.account_id), "rep": reps.get(c.rep_id),
                     "risks": len(a.get("risks", []))})
    lines.append("\n`통화 #번호 보여줘`로 분석 결과를 볼 수 있어요.")
    return ToolOutput(summary="\n".join(lines), data={"calls": rows, "scope": scope})
