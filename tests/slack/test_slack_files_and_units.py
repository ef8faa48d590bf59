"""File uploads through Slack (documents, audio), Redis de-duplication, rendering, parsing,
upload checks, health and metrics."""

from __future__ import annotations

import importlib.util
import time
import uuid
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bot.rendering import table_to_code, text_blocks
from bot.slack.command_parsing import UsageError, parse_command
from bot.slack.files import FileDownloadError, allowed_hosts, download_slack_file
from data.models import CallRecording, Upload
from tools.intake.service import check_file, classify


def test_audio_upload_is_stored_and_recorded(start_server, demo_slack_user):
    srv = start_server()
    user, who = demo_slack_user
    audio = (Path(__file__).parents[1] / "calls" / "fixtures" / "ko_speech.wav").read_bytes()
    url = srv.fake.add_file("call.wav", audio)
    srv.event({"type": "message", "subtype": "file_share", "channel": "D0DM5", "channel_type": "im", "user": user,
               "ts": "1763602000.000100", "text": "",
               "files": [{"id": "F2", "name": "call.wav", "mimetype": "audio/wav", "size": len(audio),
                          "url_private_download": url}]}, "Ev-audio-1")
    posted = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                              and "통화" in c.params.get("text", "")
                                              and "음성 인식" in c.params.get("text", "")])
    assert posted[0].params["thread_ts"] == "1763602000.000100"  # no speech engine: said in the thread
    assert srv.fake.of("file.download")[0].headers["authorization"] == "Bearer xoxb-test-token"
    with srv.app.session() as session:
        upload = session.scalars(select(Upload).where(Upload.rep_id == who.rep_id)).one()
        call = session.scalars(select(CallRecording).where(CallRecording.upload_id == upload.id)).one()
    assert upload.kind == "audio" and open(upload.path, "rb").read() == audio
    assert str(srv.app.settings.home / "uploads") in upload.path
    assert call.status == "failed" and call.rep_id == who.rep_id and call.thread_key.startswith("slack:")


@pytest.mark.skipif(importlib.util.find_spec("tools.search.ingest") is None, reason="search ingest not built")
def test_document_upload_then_question_cites_it(start_server, demo_slack_user):
    srv = start_server()
    user, who = demo_slack_user
    code = uuid.uuid4().hex[:6].upper()
    doc = (f"# 큐브렉스 {code} 출시 안내\n\n큐브렉스 {code}는 2027년 1월 출시 예정인 신제품입니다. "
           f"권장 용량은 1일 1회 20mg이며 신장애 환자는 10mg으로 감량합니다.\n").encode()
    url = srv.fake.add_file("launch.md", doc)
    ts = "1763602100.000100"
    srv.event({"type": "message", "subtype": "file_share", "channel": "D0DM6", "channel_type": "im", "user": user,
               "ts": ts, "text": f"이 문서 요약해줘. 큐브렉스 {code} 권장 용량은?",
               "files": [{"id": "F3", "name": "launch.md", "mimetype": "text/markdown", "size": len(doc),
                          "url_private_download": url}]}, "Ev-doc-1")

    answer = srv.fake.wait_for(lambda calls: srv.fake.answers("D0DM6", ts), timeout=90)[0]
    notes = [c.params["text"] for c in srv.fake.of("chat.postMessage") if c.params.get("thread_ts") == ts]
    assert any("검색에 추가했습니다" in n for n in notes), notes
    with srv.app.session() as session:
        upload = session.scalars(select(Upload).where(Upload.rep_id == who.rep_id)).one()
    assert upload.status == "processed" and open(upload.path, "rb").read() == doc
    text = (answer.stream.markdown if answer.stream else answer.text) + str(answer.blocks)
    assert "출처" in text and "launch" in text and "20mg" in text


def test_healthz_and_metrics(start_server, demo_slack_user):
    srv = start_server(answer=lambda turn, on_status: __import__("agent.types").types.Reply(text="ok"))
    health = httpx.get(f"{srv.url}/healthz").json()
    assert health == {"status": "ok", "database": True, "slack": True, "slack_mode": "http"}
    user, _ = demo_slack_user
    srv.event({"type": "app_mention", "channel": "C1", "user": user, "ts": "1.2", "text": "<@UBOT0001> hi"}, "Ev-m-1")
    srv.fake.wait_for(lambda calls: srv.fake.answers("C1"))
    time.sleep(0.2)
    metrics = httpx.get(f"{srv.url}/metrics").text
    assert 'medrep_slack_events_total{kind="app_mention"} 1.0' in metrics
    assert "medrep_answer_seconds_count 1.0" in metrics
    teams = httpx.post(f"{srv.url}/api/messages", json={})  # Teams is served (bot/teams/); {} is no Activity
    assert teams.status_code == 400


def test_token_only_sent_to_slack_hosts():
    with pytest.raises(FileDownloadError):
        download_slack_file("https://evil.example.com/f", token="t", api_url="https://slack.com/api/", max_bytes=10)
    with pytest.raises(FileDownloadError):
        download_slack_file("http://files.slack.com/f", token="t", api_url="https://slack.com/api/", max_bytes=10)


def test_file_host_check_compares_scheme_host_and_port(fake_slack):
    api = fake_slack.api_url  # http://127.0.0.1:<port>/api/
    port = httpx.URL(api).port
    url = fake_slack.add_file("ok.txt", b"hello")
    assert download_slack_file(url, token="xoxb-test-token", api_url=api, max_bytes=100) == b"hello"
    refused = [f"http://127.0.0.1:{port + 1}/files/ok.txt",  # same host, another port
               f"https://127.0.0.1:{port}/files/ok.txt",  # same host and port, another scheme
               "https://files.slack.com:8443/f", "http://files.slack.com:443/f",
               f"http://127.0.0.1:{port}x/files/ok.txt", "http://127.0.0.1:99999/f", "ftp://files.slack.com/f"]
    for bad in refused:
        with pytest.raises(FileDownloadError, match="주소가 올바르지 않아"):
            download_slack_file(bad, token="xoxb-test-token", api_url=api, max_bytes=100)
    assert len(fake_slack.of("file.download")) == 1  # only the allowed URL was fetched
    assert allowed_hosts("https://slack.com/api/") == {("https", "files.slack.com", 443), ("https", "slack.com", 443)}
    assert ("https", "files.slack.com", 443) in allowed_hosts("https://files.slack.com:443/")


def test_table_rendering_aligns_hangul():
    code = table_to_code(["| 제품 | 금액 |", "|---|---:|", "| 로수빛 | 1,200 |", "| A | 35 |"])
    lines = code.splitlines()[1:-1]
    assert lines[0] == "제품     금액"
    assert lines[2] == "로수빛  1,200" and lines[3] == "A          35"
    blocks = text_blocks("요약\n\n| 제품 | 금액 |\n|---|---:|\n| 로수빛 | 1,200 |\n\n끝")  # App Home sections
    assert len(blocks) == 3 and "```" in blocks[1]["text"]["text"] and blocks[2]["text"]["text"] == "끝"


def test_command_parsing():
    today = date(2026, 11, 20)
    assert parse_command("/report", "", today).args == {"period": "이번 달", "group_by": "product"}
    call = parse_command("/report", "최근 6개월 차트 달성", today)
    assert (call.tool, call.args) == ("sales_chart", {"period": "최근 6개월", "kind": "achievement"})
    assert parse_command("/forecast", "제품 로수빛 6개월", today).args == {"scope": "product", "name": "로수빛",
                                                                          "horizon": 6}
    assert parse_command("/client", "한성대학교병원", today).args == {"account": "한성대학교병원"}
    assert parse_command("/wiki", "편집 방문 보고", today).modal == "wiki_edit"
    with pytest.raises(UsageError, match="1~6개월"):  # the forecast tool's own bound
        parse_command("/forecast", "13개월", today)


def test_upload_checks(slack_ctx):
    assert classify("a.PDF") == "document" and classify("x.vtt") == "transcript" and classify("v.exe") is None
    assert "형식" in check_file(slack_ctx.settings, "v.exe", 10)
    assert check_file(slack_ctx.settings, "a.pdf", 1024 * 1024) is None
    assert "1MB" in check_file(slack_ctx.settings, "a.pdf", 1024 * 1024 + 1)


def test_manifest_declares_every_command_and_event():
    import yaml

    from bot.slack.commands import COMMANDS

    manifest = yaml.safe_load(open("bot/slack/manifest.yml", encoding="utf-8"))
    assert {c["command"] for c in manifest["features"]["slash_commands"]} == set(COMMANDS)
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "app_home_opened", "app_context_changed", "message.im", "message.channels"} <= events
    # the agent DM layout (Messages tab), not the retiring assistant split view
    assert "agent_view" in manifest["features"] and "assistant_view" not in manifest["features"]
    assert manifest["features"]["agent_view"]["agent_description"]
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "files:read", "files:write", "users:read.email", "assistant:write", "commands"} <= scopes
