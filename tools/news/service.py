"""The news_* tools as plain functions over (session, caller): the caller's own ranked news
(relevance and reasons are per rep: nobody sees another rep's), feedback, digest settings."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from data.access import Caller
from data.models import DigestSubscription, NewsApiUsage, NewsFeedback, NewsRelevance, NewsStory, Rep, utcnow
from tools.common.plumbing import ToolInputError
from tools.common.results import Citation, ToolOutput
from tools.news.client import NOT_CONFIGURED, QUOTA_EXHAUSTED, NaverError
from tools.news.collect import RECENT_DAYS, configured, feedback_adjustments, make_client, rank_all, store_articles
from tools.news.profile import CATEGORY_KO, rep_profile

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

SECTION_KO = {"news": "관련 뉴스", "sales": "이번 달 실적", "forecast": "목표 달성 전망", "visits": "방문 우선순위",
              "anomalies": "이상 징후"}
DEFAULT_SECTIONS = ["news", "sales", "forecast", "visits", "anomalies"]


def _kst(dt) -> str:
    return (dt + timedelta(hours=9)).strftime("%m/%d %H:%M") if dt else ""


def ranked(session: Session, caller: Caller, topic: str | None = None, category: str | None = None,
           limit: int = 5, exclude: set[int] | None = None) -> list[dict]:
    """The caller's stories, best first: stored relevance + their own feedback."""
    since = utcnow() - timedelta(days=RECENT_DAYS)
    query = (select(NewsStory, NewsRelevance)
             .outerjoin(NewsRelevance, (NewsRelevance.story_id == NewsStory.id) & (NewsRelevance.rep_id == caller.rep_id))
             .where(NewsStory.fetched_at >= since))
    if topic:
        words = topic.split()[:5]
        for word in words:
            query = query.where(or_(NewsStory.title.contains(word), NewsStory.description.contains(word)))
    else:
        query = query.where(NewsRelevance.id.is_not(None))
    by_story, by_category = feedback_adjustments(session, caller.rep_id)
    items = []
    for story, rel in session.execute(query).all():
        if exclude and story.id in exclude:
            continue
        cat = rel.category if rel else story.category
        if category and cat != category:
            continue
        adjust = by_story.get(story.id, 0.0)
        if adjust <= -3:
            continue  # 👎: not shown again
        score = (rel.score if rel else 0.5) + adjust + by_category.get(cat, 0.0)
        reason = rel.reason if rel else f"검색어 '{topic}'"
        items.append({"id": story.id, "title": story.title, "link": story.original_url or story.link,
                      "naver_link": story.link, "description": story.description[:200], "category": cat,
                      "category_ko": CATEGORY_KO.get(cat, cat), "reason": reason, "score": round(score, 3),
                      "outlets": story.outlets, "published": _kst(story.published_at)})
    items.sort(key=lambda i: (-i["score"], i["id"]))
    return items[:limit]


def quota_exhausted_today(session: Session, app: "AppContext") -> bool:
    row = session.scalar(select(NewsApiUsage).where(NewsApiUsage.day == app.today()))
    return bool(row and row.exhausted)


def live_search(app: "AppContext", session: Session, caller: Caller, topic: str) -> str | None:
    """Search Naver for `topic` now (stored and ranked for the caller); a Korean note on failure."""
    try:
        with make_client(app, timeout_s=5.0, retries=1) as client:
            articles = client.search(topic, limit=30, display=30)
    except NaverError as exc:
        return exc.message
    store_articles(session, articles)
    rep = session.get(Rep, caller.rep_id)
    if rep is not None:
        profile = rep_profile(session, rep)
        rank_all(session, [profile])
    return None


def format_items(items: list[dict]) -> str:
    lines = []
    for n, item in enumerate(items, 1):
        more = f" · {item['outlets']}개 매체" if item["outlets"] > 1 else ""
        lines.append(f"{n}. <{item['link']}|{item['title']}> ({item['category_ko']}{more}, {item['published']})\n"
                     f"   └ {item['reason']} · 피드백 번호 {item['id']}")
    return "\n".join(lines)


def news_digest(app: "AppContext", session: Session, caller: Caller, topic: str | None, top_n: int = 5,
                category: str | None = None) -> ToolOutput:
    notes: list[str] = []
    if topic and configured(app):
        note = live_search(app, session, caller, topic)
        if note:
            notes.append(note)
    items = ranked(session, caller, topic=topic, category=category, limit=top_n)
    if not configured(app):
        notes.append(NOT_CONFIGURED)
    elif quota_exhausted_today(session, app) and QUOTA_EXHAUSTED not in notes:
        notes.append(QUOTA_EXHAUSTED)
    about = f"'{topic}' 관련" if topic else "나와 관련된"
    if not items:
        text = f"{about} 최근 {RECENT_DAYS}일 뉴스가 없습니다."
        if notes:
            text = "\n".join(notes) if not topic or not configured(app) else text + "\n" + "\n".join(notes)
        return ToolOutput(summary=text, data={"items": [], "configured": configured(app)},
                          error=None if configured(app) else "unavailable")
    text = f"📰 *{about} 뉴스* ({len(items)}건)\n" + format_items(items)
    if notes:
        text += "\n\n" + "\n".join(f"⚠️ {n}" for n in notes)
    text += "\n\n👍/👎는 `/news 좋아요 번호`, `/news 싫어요 번호`로 남길 수 있어요. 다음 순위에 반영됩니다."
    return ToolOutput(summary=text, data={"items": items, "configured": configured(app)},
                      citations=[Citation(title=i["title"], source="news", link=i["link"], snippet=i["reason"])
                                 for i in items],
                      suggestions=["뉴스 더 보기", "규제 관련 뉴스만 보여줘"])


def news_feedback(session: Session, caller: Caller, story_id: int, value: str) -> ToolOutput:
    story = session.get(NewsStory, story_id)
    if story is None:
        raise LookupError(f"{story_id}번 뉴스를 찾을 수 없습니다. 뉴스 목록의 '피드백 번호'를 확인해 주세요.")
    rel = session.scalar(select(NewsRelevance).where(NewsRelevance.story_id == story_id,
                                                     NewsRelevance.rep_id == caller.rep_id))
    category = rel.category if rel else story.category
    session.add(NewsFeedback(rep_id=caller.rep_id, story_id=story_id, value=value, category=category))
    session.flush()
    if value == "more":
        items = ranked(session, caller, category=category, limit=5, exclude={story_id})
        body = format_items(items) if items else "같은 분야의 다른 뉴스가 아직 없습니다."
        return ToolOutput(summary=f"'{CATEGORY_KO.get(category, category)}' 분야 뉴스를 더 보여드릴게요.\n{body}",
                          data={"items": items})
    text = ("👍 감사합니다. 비슷한 뉴스를 더 위에 보여드릴게요." if value == "up"
            else "👎 알겠습니다. 이 뉴스는 다시 보여드리지 않고, 비슷한 뉴스는 아래로 내릴게요.")
    return ToolOutput(summary=text, data={"story_id": story_id, "value": value})


def news_settings(session: Session, caller: Caller, send_time: str | None, sections: list[str] | None,
                  enabled: bool | None, drop: list[str] | None = None) -> ToolOutput:
    sub = session.scalar(select(DigestSubscription).where(DigestSubscription.rep_id == caller.rep_id))
    if sub is None:
        sub = DigestSubscription(rep_id=caller.rep_id, enabled=True, send_time="08:00", sections=list(DEFAULT_SECTIONS))
        session.add(sub)
    if send_time:
        sub.send_time = send_time
    if sections:
        sub.sections = list(dict.fromkeys(sections))
    if drop:
        kept = [s for s in (sub.sections or []) if s not in drop]
        if not kept:
            raise ToolInputError("다이제스트에 항목이 하나는 있어야 합니다. 그만 받으려면 '다이제스트 그만 받을래'라고 말씀해 주세요.")
        sub.sections = kept
    if enabled is not None:
        sub.enabled = enabled
    session.flush()
    names = ", ".join(SECTION_KO.get(s, s) for s in (sub.sections or []))
    state = "받기" if sub.enabled else "받지 않음"
    changed = send_time or sections or drop or enabled is not None
    head = "모닝 다이제스트 설정을 바꿨습니다." if changed else "현재 모닝 다이제스트 설정입니다."
    return ToolOutput(summary=(f"{head}\n• 상태: {state}\n• 시간: 평일 {sub.send_time} (공휴일·대체공휴일 제외)\n"
                               f"• 항목: {names}\n바꾸려면 예: '다이제스트 7시 반으로 바꿔줘', "
                               f"`/news 설정 07:30 뉴스,실적`"),
                      data={"send_time": sub.send_time, "sections": list(sub.sections or []), "enabled": sub.enabled})
