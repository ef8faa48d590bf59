"""Call analysis end to end from a transcript file with planted risks, personal data and
requests: every risk found with its time, personal data masked, talk metrics equal to the
values computed by hand from the cue times, a visit record on the account."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from data.models import Account, CallRecording, Upload, Visit
from tools.calls.pipeline import analyse
from tools.calls.transcripts import parse_transcript

FIXTURE = Path(__file__).parent / "fixtures" / "planted_call.vtt"
CALL_DAY = date(2026, 11, 25)  # a Wednesday: "다음 주 화요일" is 2026-12-01

# cue times of the fixture: rep cues 1, 3, 5, 7; customer cues 2, 4, 6
REP_SECONDS = (10 - 0) + (30 - 16) + (50 - 40) + (68 - 60)
CUSTOMER_SECONDS = (16 - 10.5) + (40 - 30.5) + (60 - 49)
PERSONAL = ("박민수", "010-2345-6789", "800101-1234567")


@pytest.fixture(scope="module")
def analysis():
    segments = parse_transcript(FIXTURE.name, FIXTURE.read_bytes())
    return analyse(segments, call_day=CALL_DAY, product_forms={"로수빛정": ["로수빛정", "로수빛"]}).to_json()


def test_talk_metrics_equal_hand_computed(analysis):
    m = analysis["metrics"]
    assert m["rep_talk_s"] == pytest.approx(REP_SECONDS)
    assert m["customer_talk_s"] == pytest.approx(CUSTOMER_SECONDS)
    assert m["talk_ratio"] == pytest.approx(REP_SECONDS / (REP_SECONDS + CUSTOMER_SECONDS), abs=1e-4)
    assert m["longest_monologue_s"] == pytest.approx(14.0) and m["longest_monologue_at"] == pytest.approx(16.0)
    assert m["questions"] == {"rep": 0, "customer": 2}
    assert m["interruptions"] == {"rep": 0, "customer": 1}  # cue 6 starts at 49 s, cue 5 ends at 50 s
    assert m["product_mentions"] == {"로수빛정": 4}
    assert m["competitor_mentions"].get("리피토") == 1
    assert analysis["role_method"] == "labels"


def test_every_planted_risk_found_with_its_time(analysis):
    found = {(r["category"], r["speaker_role"]): r for r in analysis["risks"]}
    windows = {("safety_claim", "rep"): (16, 30), ("rebate", "rep"): (16, 30), ("hospitality", "rep"): (40, 50),
               ("adverse_event", "customer"): (30.5, 40), ("personal_data", "customer"): (30.5, 40),
               ("personal_data", "rep"): (60, 68)}
    for key, (low, high) in windows.items():
        assert key in found, f"{key} not flagged: {sorted(found)}"
        assert low <= found[key]["at_s"] <= high, (key, found[key]["at_s"])
        assert found[key]["rule"]
    assert "약물감시" in found[("adverse_event", "customer")]["message"]
    # the doctor's own words are not flagged as the rep's promotion
    assert not [r for r in analysis["risks"] if r["speaker_role"] == "customer"
                and r["category"] not in ("adverse_event", "personal_data")]


def test_personal_data_masked_everywhere(analysis):
    import json

    stored = json.dumps(analysis, ensure_ascii=False)
    for item in PERSONAL:
        assert item not in stored, item
    assert analysis["masked_items"] >= 3


def test_requests_and_next_steps_with_due_dates(analysis):
    assert any("신기능별 용량 자료" in r["text"] for r in analysis["requests"])
    steps = {s["what"]: s for s in analysis["next_steps"] if s["who"] == "rep"}
    report = next(s for w, s in steps.items() if "약물감시팀에 보고" in w)
    send = next(s for w, s in steps.items() if "보내드리겠습니다" in w)
    assert report["due"] == "2026-11-25" and send["due"] == "2026-12-01"


def test_sentiment_per_utterance_and_overall(analysis):
    scores = [u["sentiment"] for u in analysis["utterances"]]
    assert len(scores) == 7 and all(0.0 <= s <= 1.0 for s in scores)
    assert analysis["sentiment"]["label"] in ("긍정", "중립", "부정")
    assert analysis["sentiment"]["model"]


def _own_account(app, rep):
    with app.session() as s:
        acc = s.scalars(select(Account).where(Account.owner_rep_id == rep.rep_id).order_by(Account.id)).first()
        return acc.id, acc.name


def test_upload_analysed_stored_masked_and_linked_to_the_account(demo_app, caller):
    from tools.intake.service import intake_file
    from tools.registry import call_tool

    rep = caller(demo_app, "rep")
    account_id, account_name = _own_account(demo_app, rep)
    result = intake_file(demo_app, rep_id=rep.rep_id, platform="console", thread_key="console:test",
                         filename=f"{account_name} 통화.vtt", mime="text/vtt", data=FIXTURE.read_bytes())
    assert result.ok and result.call_id
    assert "담당자 발화 비중" in result.message and "리베이트" in result.message
    with demo_app.session() as s:
        call = s.get(CallRecording, result.call_id)
        assert call.status == "analyzed" and call.account_id == account_id and call.posted_at is not None
        for item in PERSONAL:
            assert item not in call.transcript
        visit = s.get(Visit, call.visit_id)
        assert visit.account_id == account_id and visit.rep_id == rep.rep_id and visit.purpose == "통화 상담"
        assert visit.visited_at.date() == demo_app.today()
        assert s.scalar(select(Upload.path).where(Upload.id == call.upload_id))  # original kept
    profile = call_tool(demo_app, rep, "client_profile", account=account_name)
    assert "통화 상담" in profile.summary
    # shown again on request, not re-run; the list shows it
    again = call_tool(demo_app, rep, "call_analyze", call_id=result.call_id)
    assert again.data["call_id"] == result.call_id and "담당자 발화 비중" in again.summary
    listed = call_tool(demo_app, rep, "call_list")
    assert f"#{result.call_id}" in listed.summary and account_name in listed.summary


def test_call_access_uploader_manager_admin_only(demo_app, caller):
    from tools.intake.service import intake_file
    from tools.registry import call_tool

    rep = caller(demo_app, "rep")
    result = intake_file(demo_app, rep_id=rep.rep_id, platform="console", thread_key="console:t2",
                         filename="call.vtt", mime="text/vtt", data=FIXTURE.read_bytes())
    with demo_app.session() as s:
        from data.models import Rep

        others = s.scalars(select(Rep).where(Rep.role == "rep", Rep.id != rep.rep_id)).all()
        other = next(r for r in others if r.team_id != rep.team_id)
        manager = s.scalars(select(Rep).where(Rep.role == "manager", Rep.team_id == rep.team_id)).first()
        from data.access import Caller

        other_caller, manager_caller = Caller.from_rep(other), Caller.from_rep(manager)
    denied = call_tool(demo_app, other_caller, "call_analyze", call_id=result.call_id)
    assert denied.error == "access_denied" and "권한" in denied.summary
    assert call_tool(demo_app, manager_caller, "call_analyze", call_id=result.call_id).error is None
    assert call_tool(demo_app, caller(demo_app, "admin"), "call_analyze", call_id=result.call_id).error is None


def test_pasted_transcript_is_analysed_in_the_turn(demo_app, caller):
    from tools.common.plumbing import ToolContext, run_spec
    from tools.registry import find_spec

    rep = caller(demo_app, "rep")
    text = ("이 통화 분석해줘\nMR: 원장님, 로수빛정은 부작용이 전혀 없습니다.\n의사: 그래요? 환자들이 좋아하던데요.\n"
            "MR: 다음 주 월요일에 자료 가져오겠습니다.\n의사: 네, 가져와 주세요.")
    _, spec = find_spec("call_analyze")
    out = run_spec("calls", spec, ToolContext(caller=rep, app=demo_app, thread_key="console:p", text=text), {})
    assert out.error is None and out.data["call_id"]
    assert any(r["category"] == "safety_claim" for r in out.data["risks"])
    with demo_app.session() as s:
        assert s.get(CallRecording, out.data["call_id"]).status == "analyzed"


def test_too_short_and_empty_inputs_keep_the_call(demo_app, caller):
    from tools.intake.service import intake_file

    rep = caller(demo_app, "rep")
    result = intake_file(demo_app, rep_id=rep.rep_id, platform="console", thread_key="console:e",
                         filename="short.vtt", mime="text/vtt",
                         data="WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v MR>안녕하세요.\n".encode())
    assert result.ok and "분석에 실패" in result.message
    with demo_app.session() as s:
        call = s.get(CallRecording, result.call_id)
        assert call.status == "failed" and call.error


def test_txt_transcript_is_a_call_not_a_document(demo_app, caller):
    from tools.intake.service import intake_file

    rep = caller(demo_app, "rep")
    text = "MR: 원장님 안녕하세요.\n의사: 네 안녕하세요.\nMR: 로수빛정 자료 드리겠습니다.\n의사: 두고 가세요."
    result = intake_file(demo_app, rep_id=rep.rep_id, platform="console", thread_key="console:txt",
                         filename="통화.txt", mime="text/plain", data=text.encode())
    assert result.kind == "transcript" and result.call_id and result.document_id is None


def test_an_account_named_without_a_call_number_shows_that_accounts_latest_call(demo_app, caller):
    """"<거래처> 통화 요약해줘" shows the latest call with that account, never another call
    re-linked to it; an account with no call gets a Korean answer saying so."""
    from tools.intake.service import intake_file
    from tools.registry import call_tool

    rep = caller(demo_app, "rep")
    with demo_app.session() as s:
        first, second, third = s.scalars(select(Account).where(Account.owner_rep_id == rep.rep_id)
                                         .order_by(Account.id).limit(3)).all()
        names = (first.name, second.name, third.name)
        ids = (first.id, second.id, third.id)
    calls = [intake_file(demo_app, rep_id=rep.rep_id, platform="console", thread_key=f"console:acc{i}",
                         filename=f"{name} 통화.vtt", mime="text/vtt", data=FIXTURE.read_bytes()).call_id
             for i, name in enumerate(names[:2])]
    shown = call_tool(demo_app, rep, "call_analyze", account=names[0])
    assert shown.error is None and shown.data["call_id"] == calls[0] != calls[1]
    with demo_app.session() as s:  # nothing re-linked
        assert [s.get(CallRecording, c).account_id for c in calls] == list(ids[:2])
    none = call_tool(demo_app, rep, "call_analyze", account=names[2])
    assert none.error == "not_found" and "통화 기록이 없습니다" in none.summary and names[2] in none.summary
    with demo_app.session() as s:
        assert s.scalar(select(CallRecording.id).where(CallRecording.account_id == ids[2])) is None
