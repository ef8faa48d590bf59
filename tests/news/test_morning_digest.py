"""The morning digest with a fixed clock: two reps at their own times, their own products'
news first, Block Kit with a button per section, recorded; nobody is due on a Saturday, on
Christmas (2026-12-25) or on 설날 (2027-02-06..08, and the substitute holiday 02-09)."""

from __future__ import annotations

from datetime import date, datetime

import holidays
import pytest
from sqlalchemy import select

from data.models import AuditLog, DigestSubscription
from scheduled.digest import SUGGEST_PREFIX, due_subscriptions, send_due_digests, skip_reason
from scheduled.workdays import is_workday
from tests.news.test_news_digest import plant, two_reps
from tools.news.collect import collect


class FakeSlack:
    def __init__(self):
        self.sent = []

    def chat_postMessage(self, **params):
        self.sent.append(params)


def subscribe(app, *subs):
    with app.session() as session:
        session.query(DigestSubscription).delete()
        for rep_id, at, sections in subs:
            session.add(DigestSubscription(rep_id=rep_id, enabled=True, send_time=at, sections=sections))
        session.commit()


def test_holidays_kr_is_what_we_think():
    kr = holidays.KR(years=[2026, 2027])
    assert date(2026, 12, 25) in kr
    assert all(date(2027, 2, d) in kr for d in (6, 7, 8, 9))  # 설날 + 대체공휴일 (02-07 is a Sunday)
    assert not is_workday(date(2026, 11, 21)) and not is_workday(date(2026, 12, 25))
    assert is_workday(date(2026, 11, 23)) and is_workday(date(2027, 2, 10))
    assert skip_reason(date(2027, 2, 9)) == "설날 대체 휴일" and skip_reason(date(2026, 11, 21)) == "주말"


def test_two_reps_digest_content_and_schedule(news_app, fake_naver):
    (ca, pa, a_term), (cb, pb, b_term) = two_reps(news_app)
    account = next(t.text for t in pa.terms if t.category == "account")
    plant(fake_naver, a_term.text, b_term.text, account)
    collect(news_app)
    sections = ["news", "sales", "forecast", "visits", "anomalies"]
    subscribe(news_app, (ca.rep_id, "08:00", sections), (cb.rep_id, "07:30", ["visits", "news"]))

    for closed in (datetime(2026, 11, 21, 9, 0), datetime(2026, 12, 25, 9, 0), datetime(2027, 2, 6, 9, 0),
                   datetime(2027, 2, 7, 9, 0), datetime(2027, 2, 8, 9, 0), datetime(2027, 2, 9, 9, 0)):
        assert due_subscriptions(news_app, closed) == [], closed
        assert send_due_digests(news_app, FakeSlack(), closed) == 0

    monday = datetime(2026, 11, 23, 7, 45)
    assert [d[1] for d in due_subscriptions(news_app, monday)] == [cb.rep_id]
    slack = FakeSlack()
    assert send_due_digests(news_app, slack, monday) == 1
    assert send_due_digests(news_app, slack, datetime(2026, 11, 23, 8, 0)) == 1
    assert send_due_digests(news_app, slack, datetime(2026, 11, 23, 9, 0)) == 0  # once a day
    b_msg, a_msg = slack.sent
    assert cb.name in b_msg["text"] and ca.name in a_msg["text"]
    # B: sections in the digest's order (news before visits), own product first
    assert b_msg["text"].index("관련 뉴스") < b_msg["text"].index("방문 우선순위")
    first_news = next(b for b in b_msg["blocks"] if b["type"] == "section" and "<http" in b["text"]["text"])
    assert b_term.text in first_news["text"]["text"] and f"담당 제품 {b_term.text}" in first_news["text"]["text"]
    first_news = next(b for b in a_msg["blocks"] if b["type"] == "section" and "<http" in b["text"]["text"])
    assert a_term.text in first_news["text"]["text"] and "https://news.a.kr/1" in first_news["text"]["text"]
    assert b_term.text not in a_msg["text"]
    for title in ("관련 뉴스", "이번 달 실적", "목표 달성 전망", "방문 우선순위", "이상 징후"):
        assert title in a_msg["text"], title
    more = [e for b in a_msg["blocks"] if b["type"] == "actions" and b["block_id"].startswith("digest_more_")
            for e in b["elements"]]
    assert len(more) == 5 and all(e["action_id"].startswith(SUGGEST_PREFIX) for e in more)
    ids = [e["action_id"] for b in a_msg["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(ids) == len(set(ids)) and len(a_msg["blocks"]) <= 50
    news_buttons = [e["value"] for b in a_msg["blocks"] if b.get("block_id", "").startswith("digest_news_")
                    for e in b["elements"]]
    assert any(v.endswith("번 뉴스 좋아요") for v in news_buttons)
    with news_app.session() as session:
        subs = {s.rep_id: s for s in session.scalars(select(DigestSubscription))}
        assert subs[ca.rep_id].last_digest == a_msg["text"]
        assert subs[ca.rep_id].last_sent_at == datetime(2026, 11, 23, 8, 0)
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "digest_sent")).all()
        assert sorted(a.actor_rep_id for a in audit) == sorted([ca.rep_id, cb.rep_id])


def test_digest_runs_without_news_source(demo_app, caller):
    who = caller(demo_app, "rep")
    subscribe(demo_app, (who.rep_id, "08:00", ["news", "visits"]))
    slack = FakeSlack()
    assert send_due_digests(demo_app, slack, datetime(2026, 11, 23, 8, 5)) == 1
    text = slack.sent[0]["text"]
    assert "뉴스 소스(네이버 뉴스 검색 API)가 설정되어 있지 않습니다" in text and "방문 우선순위" in text


def test_medrep_digest_cli(news_app, caller, capsys):
    from medrep.cli.digest import run_digest

    who = caller(news_app, "rep")
    subscribe(news_app, (who.rep_id, "07:30", ["visits"]))
    assert run_digest(None, "2026-11-23T07:40:00", False, app=news_app) == 0
    assert who.name in capsys.readouterr().out
    assert run_digest(None, "2026-12-25T08:00:00+09:00", False, app=news_app) == 0
    assert "보내지 않는 날" in capsys.readouterr().out
    assert run_digest(who.name, "2026-11-23T08:00:00", False, app=news_app) == 0
    out = capsys.readouterr().out
    assert "모닝 다이제스트" in out and "방문 우선순위" in out
    assert run_digest("없는사람", None, False, app=news_app) == 1
