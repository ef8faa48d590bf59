"""Files sent to the bot in Teams: a 1:1 chat file (`file.download.info` with a
pre-authenticated downloadUrl on a loopback SharePoint fake) is downloaded with limits and
taken in — transcripts analysed at once, audio acknowledged then answered by the call worker,
a file sent with a question handed to the agent with it; inline images fetched with the
bot token; oversized files, foreign hosts, redirects and channel files refused in Korean and
recorded as rejected uploads."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import activity
from fakes.bot_framework import FakeFileHost
from sqlalchemy import select

from agent.types import Reply
from data.models import CallRecording, EventReceipt, Upload

FIXTURES = Path(__file__).parents[1] / "calls" / "fixtures"
PLANTED = FIXTURES / "planted_call.vtt"
SPEECH = FIXTURES / "ko_speech.wav"
FILE_INFO = "application/vnd.microsoft.teams.file.download.info"


@pytest.fixture
def file_host():
    host = FakeFileHost().start()
    yield host
    host.stop()


@pytest.fixture
def files_ctx(teams_ctx):
    from medrep.kernel.context import AppContext

    settings = teams_ctx.settings.model_copy(update={
        "medrep_teams_file_hosts": "*.sharepoint.com,*.onedrive.com,127.0.0.1", "medrep_max_upload_mb": 1})
    return AppContext(settings=settings, engine=teams_ctx.engine, session_factory=teams_ctx.session_factory)


@pytest.fixture
def turns():
    """An answer function that records each Turn (the files the agent gets) and answers."""
    seen = []

    def answer(turn, on_status=None):
        seen.append(turn)
        return Reply(text=f"파일 {len(turn.files)}개를 참고해 답합니다.")

    answer.seen = seen
    return answer


def file_attachment(name: str, url: str) -> dict:
    return {"contentType": FILE_INFO, "contentUrl": f"https://contoso-my.sharepoint.com/personal/rep/Documents/{name}",
            "name": name, "content": {"downloadUrl": url, "uniqueId": "70D29F4A-05B7-434A-B7E6-B651FBFEF508",
                                      "fileType": name.rsplit(".", 1)[-1]}}


def send_files(srv, aad, conv, *attachments, text="", **extra):
    body = activity(srv.fake, text=text, aad=aad, conversation_id=conv, attachments=list(attachments), **extra)
    assert srv.post(body).status_code == 202
    return body


def texts_in(srv, conv) -> list[str]:
    return [p.activity.get("text") or "" for p in srv.fake.messages(conv)]


def wait_text(srv, conv, needle: str, timeout: float = 90.0) -> str:
    found = srv.fake.wait_for(lambda _: [t for t in texts_in(srv, conv) if needle in t], timeout=timeout)
    return found[0]


def uploads_of(app, rep_id: int) -> list[Upload]:
    with app.session() as session:
        return session.scalars(select(Upload).where(Upload.rep_id == rep_id, Upload.platform == "teams")
                               .order_by(Upload.id)).all()


def receipt_of(app, activity_id: str, status: str) -> EventReceipt | None:
    with app.session() as session:
        row = session.scalars(select(EventReceipt).where(EventReceipt.event_id == f"teams:{activity_id}")).one()
        return row if row.status == status else None


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_transcript_in_1on1_chat_is_analysed_and_the_result_comes_back(start_teams, files_ctx, demo_teams_user,
                                                                       file_host):
    srv = start_teams(ctx=files_ctx)
    aad, who = demo_teams_user
    conv = "a:1on1-transcript"
    vtt = PLANTED.read_bytes()
    body = send_files(srv, aad, conv, file_attachment("한성대병원 통화.vtt", file_host.add(vtt)))
    text = wait_text(srv, conv, "통화 분석")
    [upload] = uploads_of(srv.app, who.rep_id)
    with srv.app.session() as session:
        call = session.scalars(select(CallRecording).where(CallRecording.upload_id == upload.id)).one()
    receipt = srv.fake.wait_for(lambda _: receipt_of(srv.app, body["id"], "done"), timeout=10)
    assert upload.kind == "transcript" and upload.thread_key == f"teams:{conv}" and upload.size_bytes == len(vtt)
    assert sha(Path(upload.path).read_bytes()) == sha(vtt)
    assert call.status == "analyzed" and call.posted_at is not None and call.thread_key == f"teams:{conv}"
    assert "**통화 분석 — 한성대병원 통화**" in text and f"통화 #{call.id}" in text  # Teams markdown bold
    assert "리베이트" in text  # the planted risk line is in the analysis
    message = srv.fake.messages(conv)[-1]
    assert message.reply_to_id == body["id"] and len(srv.fake.messages(conv)) == 1  # the intake message is the answer
    # the event receipt keeps which file came, not the pre-authenticated URL
    assert receipt.payload["files"][0]["name"] == "한성대병원 통화.vtt"
    assert "tempauth" not in str(receipt.payload)


def test_audio_is_acknowledged_then_the_worker_posts_the_outcome(start_teams, files_ctx, demo_teams_user, file_host):
    from bot.teams.call_results import thread_poster
    from tools.calls import jobs

    srv = start_teams(ctx=files_ctx)
    aad, who = demo_teams_user
    conv = "a:1on1-audio"
    audio = SPEECH.read_bytes()
    jobs.register_poster("teams", thread_poster(srv.app))
    try:
        send_files(srv, aad, conv, file_attachment("방문 녹음.wav", file_host.add(audio)))
        ack = wait_text(srv, conv, "분석을 시작했습니다")
        outcome = wait_text(srv, conv, "분석에 실패")  # no speech engine configured in tests
        jobs.drain()
    finally:
        jobs.unregister_poster("teams")
    [upload] = uploads_of(srv.app, who.rep_id)
    with srv.app.session() as session:
        call = session.scalars(select(CallRecording).where(CallRecording.upload_id == upload.id)).one()
    assert f"통화 #{call.id}" in ack and "'방문 녹음.wav'" in ack
    assert f"통화 #{call.id}" in outcome and "원본 파일은 보관" in outcome
    assert call.status == "failed" and call.posted_at is not None
    assert upload.kind == "audio" and sha(Path(upload.path).read_bytes()) == sha(audio)


def test_a_question_with_a_file_goes_to_the_agent_with_the_file(start_teams, files_ctx, demo_teams_user,
                                                                 file_host, turns):
    srv = start_teams(answer=turns, ctx=files_ctx)
    aad, who = demo_teams_user
    conv = "a:1on1-csv"
    table = "거래처,11월 매출\n한성대학교병원,12500000\n".encode()
    send_files(srv, aad, conv, file_attachment("11월 실적.csv", file_host.add(table)), text="이 표 요약해줘")
    wait_text(srv, conv, "파일 1개를 참고해")
    assert "📎 '11월 실적.csv' 파일을 저장했습니다." in texts_in(srv, conv)
    [upload] = uploads_of(srv.app, who.rep_id)
    [turn] = turns.seen
    assert turn.text == "이 표 요약해줘" and turn.platform == "teams" and turn.thread_key == f"teams:{conv}"
    assert [(f.name, f.upload_id, f.size_bytes, f.mime) for f in turn.files] == [
        ("11월 실적.csv", upload.id, len(table), "text/csv")]
    assert Path(turn.files[0].path).read_bytes() == table


def test_inline_image_is_fetched_with_the_bot_token(start_teams, files_ctx, demo_teams_user):
    srv = start_teams(ctx=files_ctx)
    aad, who = demo_teams_user
    conv = "a:1on1-image"
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    send_files(srv, aad, conv, {"contentType": "image/png", "contentUrl": srv.fake.add_image(png)})
    wait_text(srv, conv, "파일을 저장했습니다")
    [upload] = uploads_of(srv.app, who.rep_id)
    assert upload.status == "stored" and sha(Path(upload.path).read_bytes()) == sha(png)
    [auth] = srv.fake.image_requests
    assert auth and auth.removeprefix("Bearer ") in srv.fake.issued_tokens


def test_oversized_files_are_refused_before_and_during_the_download(start_teams, files_ctx, demo_teams_user,
                                                                    file_host):
    srv = start_teams(ctx=files_ctx)
    aad, who = demo_teams_user
    conv = "a:1on1-big"
    big = b"\0" * (1024 * 1024 + 512 * 1024)  # 1.5 MB, the limit is 1 MB
    send_files(srv, aad, conv, file_attachment("긴 통화.wav", file_host.add(big)),
               file_attachment("스트림.wav", file_host.add(big, length_header=False)))
    text = wait_text(srv, conv, "너무 큽니다")
    assert "'긴 통화.wav' 파일이 너무 큽니다 (1.5MB). 최대 1MB" in text
    assert "'스트림.wav' 파일이 1MB를 넘어 내려받기를 멈췄습니다" in text
    rows = uploads_of(srv.app, who.rep_id)
    assert [(r.filename, r.status) for r in rows] == [("긴 통화.wav", "rejected"), ("스트림.wav", "rejected")]
    assert rows[0].size_bytes == len(big)  # announced by Content-Length, nothing read
    assert 1024 * 1024 < rows[1].size_bytes <= len(big)  # stopped once past the limit
    assert all(r.path is None and "MB" in r.message for r in rows)
    assert not (srv.app.settings.home / "uploads").exists() or not list((srv.app.settings.home / "uploads").iterdir())


def test_foreign_hosts_plain_http_and_redirects_are_refused(start_teams, files_ctx, demo_teams_user, file_host):
    other = FakeFileHost().start()
    try:
        srv = start_teams(ctx=files_ctx)
        aad, who = demo_teams_user
        conv = "a:1on1-hosts"
        elsewhere = other.add(b"WEBVTT\n").replace("127.0.0.1", "localhost")
        send_files(srv, aad, conv,
                   file_attachment("a.vtt", "https://files.example.com/download.aspx?UniqueId=1&tempauth=x"),
                   file_attachment("b.vtt", "http://contoso-my.sharepoint.com/download.aspx?tempauth=x"),
                   file_attachment("c.vtt", file_host.add(b"WEBVTT\n", redirect_to=elsewhere)))
        text = wait_text(srv, conv, "다른 곳")
    finally:
        other.stop()
    assert "'a.vtt' 파일의 주소(files.example.com)가 허용된 저장소" in text
    assert "'b.vtt' 파일 주소가 암호화되지 않은(http) 주소" in text
    assert "'c.vtt' 파일 주소가 다른 곳(localhost)으로 넘겨져서" in text
    assert other.requests == [] and len(file_host.requests) == 1
    rows = uploads_of(srv.app, who.rep_id)
    assert [(r.filename, r.status) for r in rows] == [("a.vtt", "rejected"), ("b.vtt", "rejected"),
                                                      ("c.vtt", "rejected")]


def test_channel_file_gets_a_korean_hint_and_the_question_is_still_answered(start_teams, files_ctx,
                                                                           demo_teams_user, turns):
    srv = start_teams(answer=turns, ctx=files_ctx)
    aad, who = demo_teams_user
    conv = "19:abc@thread.tacv2;messageid=1763600000000"
    shared = {"contentType": "reference", "name": "분기 실적.xlsx",
              "contentUrl": "https://contoso.sharepoint.com/sites/sales/Shared%20Documents/분기 실적.xlsx"}
    html = {"contentType": "text/html", "content": '<div><at>MedRep</at> 요약 <attachment id="abc"></attachment></div>'}
    send_files(srv, aad, conv, shared, html, text="요약해줘", conversation_type="channel", mention=True)
    wait_text(srv, conv, "파일 0개를 참고해")
    note = next(t for t in texts_in(srv, conv) if "1:1 채팅" in t)
    assert "'분기 실적.xlsx'" in note and "SharePoint" in note
    [row] = uploads_of(srv.app, who.rep_id)
    assert row.status == "rejected" and row.filename == "분기 실적.xlsx" and row.thread_key == f"teams:{conv}"
    assert turns.seen[0].text == "요약해줘" and turns.seen[0].files == []


def test_attachment_parsing_and_host_rules():
    from bot.teams.files import DownloadRefused, check_url, host_allowed, incoming_files, parse_hosts

    hosts = parse_hosts(" *.sharepoint.com , 127.0.0.1,")
    assert hosts == ("*.sharepoint.com", "127.0.0.1")
    assert host_allowed("contoso-my.sharepoint.com", hosts) and host_allowed("A.B.SharePoint.com", hosts)
    assert not host_allowed("sharepoint.com", hosts) and not host_allowed("sharepoint.com.evil.io", hosts)
    assert not host_allowed("evilsharepoint.com", hosts)
    for url, reason in [("", "no_url"), ("ftp://x.sharepoint.com/f", "host"), ("https://u:p@x.sharepoint.com/f", "host"),
                        ("http://x.sharepoint.com/f", "insecure"), ("https://127.0.0.2/f", "host")]:
        with pytest.raises(DownloadRefused) as refused:
            check_url(url, hosts)
        assert refused.value.reason == reason, url
    check_url("http://127.0.0.1:8080/f", hosts)
    files = incoming_files([
        {"contentType": "text/html", "content": "<p>hi</p>"},
        {"contentType": "application/vnd.microsoft.card.adaptive", "content": {}},
        file_attachment("보고서.pdf", "https://x.sharepoint.com/d"),
        {"contentType": "image/jpeg", "contentUrl": "https://smba.trafficmanager.net/amer/v3/attachments/1/views/original"},
    ])
    assert [(f.name, f.source, f.mime) for f in files] == [("보고서.pdf", "download", "application/pdf"),
                                                           ("image.jpeg", "image", "image/jpeg")]
    # a channel message lists its files only as <attachment> tags in the HTML copy
    tags = incoming_files([{"contentType": "text/html", "content": '<attachment id="1"></attachment>'}])
    assert [f.source for f in tags] == ["shared"]
