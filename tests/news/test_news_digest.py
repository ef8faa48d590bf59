"""News collection, de-duplication, per-rep relevance and reasons, feedback and the
not-configured answer, on the demo world against the loopback fake Naver API."""

from __future__ import annotations

from sqlalchemy import func, select

from data.access import Caller
from data.models import NewsRelevance, NewsStory, NewsStoryUrl, Rep
from tests.fakes.naver_api import article
from tools.news.collect import WORKERS, collect
from tools.news.profile import rep_profile
from tools.registry import call_tool


def two_reps(app):
    """Two demo reps with a product (brand) term the other does not have."""
    with app.session() as session:
        reps = session.scalars(select(Rep).where(Rep.role == "rep").order_by(Rep.id)).all()
        profiles = {r.id: rep_profile(session, r) for r in reps[:8]}
        callers = {r.id: Caller.from_rep(r) for r in reps[:8]}
    first = reps[0].id
    brands = {rid: [t for t in p.terms if t.category == "product" and t.reason == f"담당 제품 {t.text}"]
              for rid, p in profiles.items()}
    mine = brands[first][0]
    for rid, terms in brands.items():
        if rid == first:
            continue
        all_texts = {t.text for t in profiles[rid].terms}
        theirs = next((t for t in terms if t.text not in {x.text for x in profiles[first].terms}), None)
        if theirs and mine.text not in all_texts:
            return (callers[first], profiles[first], mine), (callers[rid], profiles[rid], theirs)
    raise AssertionError("no two demo reps with distinct products")


def plant(fake, a_term, b_term, account):
    fake.articles = [
        article(f"<b>{a_term}</b> 처방 확대…개원가 반응 좋아", link="https://n.news.naver.com/a1",
                originallink="https://news.a.kr/1"),
        article(f"{b_term} 신규 적응증 임상 3상 결과 발표", link="https://n.news.naver.com/b1",
                originallink="https://news.b.kr/1"),
        # the same story from three outlets (and found by two queries)
        article("[단독] 정부, 내년 약가 인하 대상 1만개 품목 &quot;확정&quot;", f"{a_term} 포함 약가 인하",
                link="https://n.news.naver.com/p1", originallink="https://yna.co.kr/p1"),
        article("정부, 내년 약가 인하 대상 1만개 품목 확정 - 뉴시스", f"{a_term} 포함 약가 인하",
                link="https://n.news.naver.com/p2", originallink="https://newsis.com/p2"),
        article("정부 내년 약가 인하 대상 1만개 품목 확정", "약가 인하", link="https://n.news.naver.com/p3",
                originallink="https://medi.kr/p3"),
        article(f"{account} 신관 개원, 병상 200개 늘려", link="https://n.news.naver.com/h1",
                originallink="https://news.h.kr/1"),
    ]


def test_collect_dedup_rank_and_reasons(news_app, fake_naver):
    (ca, pa, a_term), (cb, pb, b_term) = two_reps(news_app)
    account = next(t.text for t in pa.terms if t.category == "account")
    plant(fake_naver, a_term.text, b_term.text, account)
    result = collect(news_app)
    assert result.calls == result.queries > 20 and not result.errors
    with news_app.session() as session:
        assert session.scalar(select(func.count()).select_from(NewsStory)) == 4  # 6 articles, 3 syndicated
        price = session.scalars(select(NewsStory).where(NewsStory.title.contains("약가"))).one()
        assert price.outlets == 3 and price.title.startswith("[단독] 정부") and '"확정"' in price.title
        assert session.scalar(select(func.count()).select_from(NewsStoryUrl)) == 12
        assert session.scalar(select(func.count()).select_from(NewsRelevance)
                              .where(NewsRelevance.rep_id == ca.rep_id)) == 3
    out_a = call_tool(news_app, ca, "news_digest")
    items = out_a.data["items"]
    assert out_a.error is None and [i["category"] for i in items][:1] == ["product"]
    assert items[0]["title"].startswith(a_term.text) and items[0]["reason"] == f"담당 제품 {a_term.text}"
    assert {i["category"] for i in items} == {"product", "regulation", "account"}
    assert next(i for i in items if i["category"] == "account")["reason"] == f"담당 거래처 {account}"
    assert "https://news.a.kr/1" in out_a.summary and out_a.citations[0].link == "https://news.a.kr/1"
    assert not any(b_term.text in i["title"] for i in items)  # the other rep's product news is theirs
    out_b = call_tool(news_app, cb, "news_digest")
    assert out_b.data["items"][0]["title"].startswith(b_term.text)
    assert all(i["reason"] != f"담당 제품 {a_term.text}" for i in out_b.data["items"])

    # a second collection finds the same articles: nothing new, nothing duplicated
    again = collect(news_app)
    assert again.new_stories == 0
    with news_app.session() as session:
        assert session.scalar(select(func.count()).select_from(NewsStory)) == 4

    # feedback: 👎 hides a story for this rep only; "더 보기" lists the same category
    first = items[0]["id"]
    down = call_tool(news_app, ca, "news_feedback", story_id=first, value="down")
    assert "다시 보여드리지 않고" in down.summary
    assert first not in [i["id"] for i in call_tool(news_app, ca, "news_digest").data["items"]]
    more = call_tool(news_app, ca, "news_feedback", story_id=price.id, value="more")
    assert "규제·정책" in more.summary
    missing = call_tool(news_app, ca, "news_feedback", story_id=999999, value="up")
    assert missing.error == "not_found" and "피드백 번호" in missing.summary

    # topic search (live) and a filter by category
    topic = call_tool(news_app, ca, "news_digest", topic="약가 인하")
    assert topic.data["items"][0]["id"] == price.id
    regs = call_tool(news_app, cb, "news_digest", category="regulation")
    assert [i["category"] for i in regs.data["items"]] == ["regulation"]


def test_upvotes_move_a_category_up(news_app, fake_naver):
    (ca, pa, a_term), _ = two_reps(news_app)
    account = next(t.text for t in pa.terms if t.category == "account")
    plant(fake_naver, a_term.text, "없는제품", account)
    collect(news_app)
    items = call_tool(news_app, ca, "news_digest").data["items"]
    last = items[-1]
    for _ in range(3):
        call_tool(news_app, ca, "news_feedback", story_id=last["id"], value="up")
    assert call_tool(news_app, ca, "news_digest").data["items"][0]["id"] == last["id"]


def test_without_credentials_a_korean_answer(demo_app, caller):
    who = caller(demo_app, "rep")
    out = call_tool(demo_app, who, "news_digest")
    assert "설정되어 있지 않습니다" in out.summary and out.error == "unavailable"
    assert collect(demo_app).message.startswith("뉴스 소스")
    from tools.news.lifecycle import doctor

    assert "미설정" in doctor(demo_app)[0][2]


def test_quota_exhausted_is_said(news_app, fake_naver):
    (ca, pa, a_term), _ = two_reps(news_app)
    plant(fake_naver, a_term.text, "없는제품", "없는병원")
    fake_naver.quota = 5
    result = collect(news_app)
    # 5 answered, then 010; the searches already in flight (WORKERS) end there too
    assert "25,000" in result.message and 6 <= result.calls <= 5 + WORKERS
    assert len(fake_naver.requests) == result.calls and result.calls < result.queries
    out = call_tool(news_app, ca, "news_digest")
    assert "호출 한도" in out.summary
    from tools.news.lifecycle import doctor

    assert doctor(news_app)[0][2].startswith("OK") and "남은 호출 0/25,000" in doctor(news_app)[0][2]


def test_slash_and_settings(news_app, caller):
    from tools.news.commands import parse_news

    assert parse_news("약가 인하", None).args == {"topic": "약가 인하"}
    assert parse_news("좋아요 12", None).args == {"story_id": 12, "value": "up"}
    assert parse_news("설정 7시 반 뉴스,방문", None).args == {"send_time": "07:30", "sections": "news,visits"}
    who = caller(news_app, "rep")
    out = call_tool(news_app, who, "news_settings", send_time="07:30", sections="news,visits")
    assert out.data == {"send_time": "07:30", "sections": ["news", "visits"], "enabled": True}
    dropped = call_tool(news_app, who, "news_settings", drop_sections="news")
    assert dropped.data["sections"] == ["visits"] and "설정을 바꿨습니다" in dropped.summary
    emptied = call_tool(news_app, who, "news_settings", drop_sections="visits")
    assert emptied.error == "bad_request" and "하나는 있어야" in emptied.summary
    bad = call_tool(news_app, who, "news_settings", send_time="25:00")
    assert bad.error == "bad_request"
