"""Calls off the chat turn: an uploaded recording is acknowledged at once, analysed by the
background worker and posted to its thread exactly once; a restart finishes interrupted
work; a failing post is retried; audio without a speech engine gets a Korean answer and
the file is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from data.db import open_app
from data.models import CallRecording, Upload
from tests.conftest import make_settings
from tests.fakes.openai_audio import API_KEY, FakeOpenAIAudio
from tools.calls import jobs
from tools.intake.service import intake_file

SPEECH = Path(__file__).parent / "fixtures" / "ko_speech.wav"
PLANTED = Path(__file__).parent / "fixtures" / "planted_call.vtt"
THREAD = "slack:T1:C1:1700000000.000100"
CALL_SEGMENTS = [(0.0, 4.0, "원장님 안녕하세요, 로수빛정 자료 설명드리겠습니다."),
                 (4.2, 7.0, "환자들이 근육통 얘기를 하던데 괜찮나요?"),
                 (7.2, 12.0, "로수빛정은 부작용이 전혀 없는 약입니다."),
                 (12.2, 15.0, "그래요, 다음 주에 자료 좀 보내 주세요."),
                 (15.2, 18.0, "네, 다음 주 화요일까지 보내드리겠습니다.")]


@pytest.fixture
def posts():
    sent: list[tuple[str, str]] = []
    jobs.register_poster("slack", lambda key, text: sent.append((key, text)))
    yield sent
    jobs.drain()
    jobs.unregister_poster("slack")


@pytest.fixture
def audio_app(demo_app):
    fake = FakeOpenAIAudio(segments=CALL_SEGMENTS).start()
    settings = make_settings(demo_app.settings.home, medrep_transcribe_model="whisper-1",
                             openai_base_url=f"{fake.base}/v1", openai_api_key=API_KEY)
    app = open_app(settings, migrate=False)
    yield app
    jobs.drain()
    app.engine.dispose()
    fake.stop()


def _rep(app, caller):
    return caller(app, "rep")


def test_audio_is_acknowledged_then_posted_once(audio_app, caller, posts):
    rep = _rep(audio_app, caller)
    result = intake_file(audio_app, rep_id=rep.rep_id, platform="slack", thread_key=THREAD,
                         filename="방문 녹음.wav", mime="audio/wav", data=SPEECH.read_bytes())
    assert result.ok and "분석을 시작했습니다" in result.message and "분 걸립니다" in result.message
    jobs.drain()
    assert len(posts) == 1 and posts[0][0] == THREAD
    assert "통화 분석" in posts[0][1] and "안전성 과장" in posts[0][1] and "openai:whisper-1" in posts[0][1]
    with audio_app.session() as s:
        call = s.get(CallRecording, result.call_id)
        assert call.status == "analyzed" and call.posted_at is not None
        assert call.analysis["role_method"] == "heuristic"  # speech to text gives no speaker labels
    assert jobs.resume_pending(audio_app) == []  # nothing left to do: never posted twice
    jobs.drain()
    assert len(posts) == 1


def test_restart_finishes_interrupted_calls_once(demo_app, caller, posts):
    rep = _rep(demo_app, caller)
    with demo_app.session() as s:
        upload = Upload(rep_id=rep.rep_id, platform="slack", thread_key=THREAD, filename="planted.vtt",
                        mime="text/vtt", size_bytes=PLANTED.stat().st_size, path=str(PLANTED), kind="transcript")
        s.add(upload)
        s.flush()
        crashed = CallRecording(rep_id=rep.rep_id, upload_id=upload.id, title="중단된 분석", status="analyzing",
                                thread_key=THREAD)
        s.add(crashed)
        s.commit()
        crashed_id = crashed.id
    futures = jobs.resume_pending(demo_app)
    assert len(futures) == 1
    jobs.drain()
    assert len(posts) == 1 and "리베이트" in posts[0][1]
    with demo_app.session() as s:
        assert s.get(CallRecording, crashed_id).status == "analyzed"
    jobs.resume_pending(demo_app)
    jobs.drain()
    assert len(posts) == 1


def test_a_failed_post_is_retried_at_start_up(demo_app, caller):
    rep = _rep(demo_app, caller)
    attempts: list[str] = []

    def flaky(key, text):
        attempts.append(text)
        if len(attempts) == 1:
            raise ConnectionError("slack down")

    jobs.register_poster("slack", flaky)
    try:
        with demo_app.session() as s:
            call = CallRecording(rep_id=rep.rep_id, title="붙여 넣은 녹취록", status="received", thread_key=THREAD,
                                 transcript=PLANTED.read_text(encoding="utf-8").split("\n", 4)[-1])
            s.add(call)
            s.commit()
            call_id = call.id
        assert jobs.claim(demo_app, call_id, THREAD)
        jobs._run_and_post(demo_app, call_id)  # the worker's own step: analysis done, post fails
        with demo_app.session() as s:
            row = s.get(CallRecording, call_id)
            assert row.status == "analyzed" and row.posted_at is None
        jobs.resume_pending(demo_app)
        jobs.drain()
        assert len(attempts) == 2 and attempts[0] == attempts[1]
        with demo_app.session() as s:
            assert s.get(CallRecording, call_id).posted_at is not None
    finally:
        jobs.unregister_poster("slack")


def test_audio_without_speech_engine_is_kept_and_explained(demo_app, caller, posts):
    rep = _rep(demo_app, caller)
    result = intake_file(demo_app, rep_id=rep.rep_id, platform="slack", thread_key=THREAD,
                         filename="녹음.wav", mime="audio/wav", data=SPEECH.read_bytes())
    jobs.drain()
    text = posts[0][1] if posts else result.message
    assert "분석에 실패" in text and "음성" in text
    with demo_app.session() as s:
        call = s.get(CallRecording, result.call_id)
        assert call.status == "failed"
        path = s.scalar(select(Upload.path).where(Upload.id == call.upload_id))
    assert Path(path).is_file()
