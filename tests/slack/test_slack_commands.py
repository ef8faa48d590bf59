"""Slash commands over HTTP: usage help on bad arguments, results via response_url with a
"채널에 공유" button, honest replies for capabilities not built, modals, App Home, digests."""

from __future__ import annotations

import json
import time
from datetime import datetime

import pytest
from sqlalchemy import select

from bot.rendering import SHARE_ACTION
from tools.registry import find_spec
from data.models import DigestSubscription

CHANNEL = "C0SALES"


def _response(srv, resp, command):
    assert resp.status_code == 200
    found = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "response_url"
                                             and c.params["_path"].startswith(f"/response/{command}-")], timeout=60)
    return found[-1].params


def test_help_and_usage_are_immediate(start_server, demo_slack_user):
    srv = start_server()
    user, _ = demo_slack_user
    resp = srv.command("/medrep", "help", user)
    assert resp.status_code == 200 and "MedRep 사용법" in resp.text
    for command, text in [("/report", "어제의 그저께"), ("/forecast", "제품"), ("/forecast 99개월", ""),
                          ("/client", "등급 Z")]:
        command, _, extra = command.partition(" ")
        resp = srv.command(command, text or extra, user)
        body = resp.text
        assert body.startswith("⚠️") and f"*{command}" in body, body
    assert not [c for c in srv.fake.calls if c.method == "response_url"]


def test_report_result_is_private_with_share_button(start_server, demo_slack_user):
    srv = start_server()
    user, who = demo_slack_user
    started = time.perf_counter()
    resp = srv.command("/report", "이번 달 제품별", user)
    assert time.perf_counter() - started < 3 and "요청을 받았습니다" in resp.text
    result = _response(srv, resp, "report")
    assert result["response_type"] == "ephemeral"
    share = next(b for b in result["blocks"] if b.get("block_id") == "medrep_share")["elements"][0]
    seen = [b for b in result["blocks"] if b.get("block_id") != "medrep_share"]
    # the same tool, called directly as this rep, says the same thing
    from tools.registry import call_tool

    expected = call_tool(srv.app, who, "sales_report", period="이번 달", group_by="product")
    first = expected.summary.strip().splitlines()[0].replace("**", "*").lstrip("# ").strip("*")
    assert first in result["text"]
    table = next(b for b in seen if b["type"] == "table")  # the product table as a Block Kit table
    assert len(table["rows"]) == expected.summary.count("\n|") - 1  # header + body rows (less the rule line)

    # sharing posts exactly what was shown, under an attribution line, without running the tool again
    before = len(srv.fake.calls)
    srv.action({"type": "block_actions", "user": {"id": user}, "team": {"id": srv.fake.team_id},
                "channel": {"id": CHANNEL}, "container": {"type": "message", "channel_id": CHANNEL},
                "response_url": f"{srv.fake.base}/response/share-1", "trigger_id": "t",
                "actions": [{"action_id": SHARE_ACTION, "value": share["value"], "type": "button"}]})
    posted = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                              and c.params.get("channel") == CHANNEL])
    blocks = posted[0].params["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    assert posted[0].params["text"] == result["text"]
    assert blocks[1:] == seen
    assert blocks[0]["elements"][0]["text"] == f"<@{user}>님이 공유한 MedRep 답변"
    assert not [c for c in srv.fake.calls[before:] if c.method == "response_url" and "요청을 받았습니다" in str(c.params)]

    # someone else cannot share it, and an old-style button (command + text) is not re-run
    for value, who_clicks in ((share["value"], next(iter(_other_user(srv, who)))),
                              (json.dumps({"c": "/report", "t": "이번 달 제품별"}), user)):
        srv.action({"type": "block_actions", "user": {"id": who_clicks}, "team": {"id": srv.fake.team_id},
                    "channel": {"id": CHANNEL}, "response_url": f"{srv.fake.base}/response/share-x",
                    "trigger_id": "t", "actions": [{"action_id": SHARE_ACTION, "value": value, "type": "button"}]})
    srv.fake.wait_for(lambda calls: len([c for c in calls if c.method == "response_url"
                                                   and c.params["_path"] == "/response/share-x"]) == 2 or None)
    assert len([c for c in srv.fake.of("chat.postMessage") if c.params.get("channel") == CHANNEL]) == 1


def _other_user(srv, who):
    from data.models import Rep

    with srv.app.session() as session:
        return [r.slack_user_id for r in session.scalars(select(Rep).where(Rep.id != who.rep_id,
                                                                           Rep.slack_user_id.is_not(None)))][:1]


@pytest.mark.parametrize("command,text,tool", [
    ("/forecast", "", "forecast_sales"),
    ("/client", "우선순위", "client_visit_priorities"),
    ("/wiki", "목록", "wiki_list"),
    ("/news", "약가 인하", "news_digest"),
])
def test_commands_answer_or_say_not_available(start_server, demo_slack_user, command, text, tool):
    srv = start_server()
    user, who = demo_slack_user
    result = _response(srv, srv.command(command, text, user), command.strip("/"))
    if find_spec(tool) is None:
        assert "아직 제공되지 않습니다" in result["text"]
    else:
        from bot.slack.command_parsing import parse_command
        from tools.registry import call_tool

        call = parse_command(command, text, srv.app.today())
        expected = call_tool(srv.app, who, call.tool, **call.args)
        assert expected.summary.strip().splitlines()[0].replace("**", "*").lstrip("# ").strip("*") in result["text"]


def test_draft_opens_modal_and_submission_is_answered(start_server, demo_slack_user):
    srv = start_server()
    user, _ = demo_slack_user
    resp = srv.command("/draft", "한성대학교병원", user)
    assert resp.status_code == 200
    opened = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "views.open"])
    view = json.loads(opened[0].params["view"]) if isinstance(opened[0].params["view"], str) else opened[0].params["view"]
    assert view["callback_id"] == "medrep_draft" and opened[0].params["trigger_id"] == "1337.42.abcd"
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["account"]["element"]["initial_value"] == "한성대학교병원"
    assert [o["value"] for o in blocks["template"]["element"]["options"]] == [
        "visit_report", "monthly_report", "official_letter", "quotation"]
    view["state"] = {"values": {"template": {"value": {"selected_option": {"value": "visit_report"}}},
                                "account": {"value": {"value": "한성대학교병원"}},
                                "notes": {"value": {"value": "신제품 설명"}}, "date": {"value": {"value": ""}}}}
    resp = srv.action({"type": "view_submission", "user": {"id": user}, "team": {"id": srv.fake.team_id},
                       "view": view, "trigger_id": "t"})
    assert resp.status_code == 200
    posted = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                              and str(c.params.get("channel", "")).startswith("D")])
    if find_spec("draft_visit_report") is None:
        assert "아직 제공되지 않습니다" in posted[0].params["text"]


def test_draft_form_makes_a_quotation_and_refuses_a_missing_item(start_server, demo_slack_user):
    from sqlalchemy import select as sql_select

    from bot.slack.modals import draft_view
    from data.models import Account, Product

    srv = start_server()
    user, who = demo_slack_user
    with srv.app.session() as session:
        account = session.scalars(sql_select(Account).where(Account.owner_rep_id == who.rep_id)
                                  .order_by(Account.id)).first().name
        price = session.scalar(sql_select(Product.unit_price).where(Product.name == "로수빛정 10mg"))
    view = draft_view(account)

    def submit(values):
        view["state"] = {"values": {k: {"value": v} for k, v in values.items()}}
        return srv.action({"type": "view_submission", "user": {"id": user}, "team": {"id": srv.fake.team_id},
                           "view": view, "trigger_id": "t"})

    missing = submit({"template": {"selected_option": {"value": "quotation"}}, "account": {"value": account}})
    assert missing.json()["errors"]["products"].startswith("견적 품목과 수량")
    submit({"template": {"selected_option": {"value": "quotation"}}, "account": {"value": account},
            "products": {"value": "로수빛정 20박스"}})
    posted = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                              and "견적서" in str(c.params.get("text", ""))], timeout=90)
    assert f"{price * 20:,}원" in posted[0].params["text"]  # catalog price × 20 boxes


def test_app_home_dashboard_and_digest_settings(start_server, demo_slack_user):
    srv = start_server()
    user, who = demo_slack_user
    srv.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D0HOME"}, "Ev-home-1")
    published = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "views.publish"], timeout=60)
    view = published[0].params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    texts = json.dumps(view, ensure_ascii=False)
    assert f"{who.name}님의 대시보드" in texts and "이번 달 실적" in texts and "모닝 다이제스트" in texts
    toggle = next(e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]
                  if e["action_id"] == "medrep_digest_toggle")
    srv.action({"type": "block_actions", "user": {"id": user}, "team": {"id": srv.fake.team_id}, "trigger_id": "t",
                "actions": [{"action_id": "medrep_digest_toggle", "value": toggle["value"], "type": "button"}]})
    srv.fake.wait_for(lambda calls: len([c for c in calls if c.method == "views.publish"]) >= 2, timeout=60)
    with srv.app.session() as session:
        sub = session.scalars(select(DigestSubscription).where(DigestSubscription.rep_id == who.rep_id)).one()
        assert sub.enabled is (toggle["value"] == "on")


def test_due_digest_is_sent_once_per_day(slack_ctx, fake_slack, demo_slack_user):
    from bot.slack.app import make_client
    from scheduled.digest import send_due_digests

    user, who = demo_slack_user
    with slack_ctx.session() as session:
        session.query(DigestSubscription).delete()
        session.add(DigestSubscription(rep_id=who.rep_id, enabled=True, send_time="08:00", sections=["visits"]))
        session.commit()
    client = make_client("xoxb-test-token", fake_slack.api_url)
    assert send_due_digests(slack_ctx, client, datetime(2026, 11, 20, 7, 59)) == 0
    assert send_due_digests(slack_ctx, client, datetime(2026, 11, 20, 8, 0)) == 1
    assert send_due_digests(slack_ctx, client, datetime(2026, 11, 20, 9, 0)) == 0
    dm = fake_slack.of("chat.postMessage")
    assert len(dm) == 1 and dm[0].params["channel"] == user and who.name in dm[0].params["text"]
    with slack_ctx.session() as session:
        sub = session.scalars(select(DigestSubscription)).one()
        assert sub.last_digest == dm[0].params["text"] and sub.last_sent_at == datetime(2026, 11, 20, 8, 0)
