"""With REDIS_URL, an uploaded recording is enqueued in RQ and a worker (`medrep worker`'s
loop, run here in-process in burst mode) analyses it and posts it to the thread once."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.db import open_app
from data.models import CallRecording
from tests.conftest import make_settings
from tests.fakes.openai_audio import API_KEY, FakeOpenAIAudio
from tools.calls import jobs
from tools.intake.service import intake_file

pytestmark = pytest.mark.redis

SPEECH = Path(__file__).parent / "fixtures" / "ko_speech.wav"
THREAD = "slack:T1:C9:1700000000.000200"
REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def queued_app(demo_app):
    fake = FakeOpenAIAudio(segments=[(0.0, 3.0, "원장님 안녕하세요, 로수빛정 설명드리겠습니다."),
                                     (3.2, 6.0, "네, 자료 좀 보내 주세요."),
                                     (6.2, 9.0, "내일 보내드리겠습니다.")]).start()
    settings = make_settings(demo_app.settings.home, medrep_transcribe_model="whisper-1", redis_url=REDIS_URL,
                             openai_base_url=f"{fake.base}/v1", openai_api_key=API_KEY)
    app = open_app(settings, migrate=False)
    from medrep.kernel.workqueue import queue

    q = queue(app.settings)
    q.empty()
    yield app, q
    q.empty()
    jobs.set_worker_app(None)
    app.engine.dispose()
    fake.stop()


def test_recording_goes_through_the_queue_and_is_posted_once(queued_app, caller):
    from rq import SimpleWorker

    app, q = queued_app
    rep = caller(app, "rep")
    posts: list[tuple[str, str]] = []
    result = intake_file(app, rep_id=rep.rep_id, platform="slack", thread_key=THREAD, filename="녹음.wav",
                         mime="audio/wav", data=SPEECH.read_bytes())
    assert "분석을 시작했습니다" in result.message
    assert q.count == 1 and q.jobs[0].func_name == "tools.calls.jobs.run_queued"
    jobs.set_worker_app(app)
    jobs.register_poster("slack", lambda key, text: posts.append((key, text)))
    try:
        SimpleWorker([q], connection=q.connection).work(burst=True)
    finally:
        jobs.unregister_poster("slack")
    assert len(posts) == 1 and posts[0][0] == THREAD and "통화 분석" in posts[0][1]
    with app.session() as s:
        call = s.get(CallRecording, result.call_id)
        assert call.status == "analyzed" and call.posted_at is not None
    # the same job delivered again (at-least-once) does not post twice
    assert jobs.run_queued(result.call_id) is False
    assert len(posts) == 1
