"""Lifecycle of call analysis: `medrep demo` analyses the demo world's transcripts; `medrep
doctor` says which speech-to-text engine and sentiment model are in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from data.models import CallRecording

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext


def prepare(app: AppContext) -> str:
    from tools.calls import jobs

    with app.session() as session:
        ids = list(session.scalars(select(CallRecording.id).where(CallRecording.status == "transcribed")))
    for call_id in ids:  # no thread: analysed inline, as in the console
        jobs.start(app, call_id, "", "")
    return f"통화 {len(ids)}건 분석"


def doctor(app: AppContext) -> list[tuple[str, str, str]]:
    from tools.calls.sentiment import model_description
    from tools.calls.transcription import configured_engine

    engine = configured_engine(app.settings)
    return [("speech to text", engine or "-", "OK" if engine else
             "미설정 — MEDREP_WHISPER_MODEL 또는 MEDREP_TRANSCRIBE_MODEL(+OPENAI_BASE_URL). 녹취록(txt/vtt/srt)은 분석됨"),
            ("sentiment model", model_description(), "OK (tools/calls/sentiment/model)")]
