"""Collect and rank: run every rep's queries (one search per distinct query), fold articles
into stories (de-duplicated across queries and outlets), then score each recent story for
each rep with a Korean reason and a category."""

from __future__ import annotations

import logging
import math
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from data.models import NewsFeedback, NewsRelevance, NewsStory, NewsStoryUrl, utcnow
from tools.news.client import Article, NaverError, NaverNewsClient, NotConfigured, Quota
from tools.news.dedup import bigrams, normalise_url, same_story, title_key
from tools.news.profile import REGULATION_WORDS, Profile, all_profiles

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

RECENT_DAYS = 7
PER_QUERY = 30
WORKERS = 4  # concurrent searches


@dataclass
class CollectResult:
    queries: int = 0
    calls: int = 0
    articles: int = 0
    new_stories: int = 0
    errors: list[str] = field(default_factory=list)
    message: str = ""

    def summary(self) -> str:
        text = (f"뉴스 수집: 검색어 {self.queries}개, API 호출 {self.calls}회, 기사 {self.articles}건 → "
                f"새 기사 묶음 {self.new_stories}건")
        if self.message:
            text += f" — {self.message}"
        return text


def make_client(app: "AppContext", **kwargs) -> NaverNewsClient:
    s = app.settings
    quota = Quota(app.session_factory, app.today)
    return NaverNewsClient(s.naver_api_url, s.naver_client_id, s.naver_client_secret, quota=quota, **kwargs)


def configured(app: "AppContext") -> bool:
    return bool(app.settings.naver_client_id and app.settings.naver_client_secret)


class StoryIndex:
    """Recent stories in memory: URL → story id, and normalised titles for similarity. URLs of
    the incoming batch are looked up once (a link seen before the window still matches)."""

    def __init__(self, session: Session, since: datetime, batch_urls: set[str] = frozenset()):
        self.session = session
        self.urls: dict[str, int] = {}
        self.stories: dict[int, NewsStory] = {}
        self.titles: list[tuple[str, frozenset[str], int]] = []
        for story in session.scalars(select(NewsStory).where(NewsStory.fetched_at >= since)):
            self.stories[story.id] = story
            self.titles.append((story.title_key, bigrams(story.title_key), story.id))
        if self.stories:
            ids = list(self.stories)
            for chunk in range(0, len(ids), 500):
                for url, story_id in session.execute(select(NewsStoryUrl.url, NewsStoryUrl.story_id)
                                                     .where(NewsStoryUrl.story_id.in_(ids[chunk:chunk + 500]))):
                    self.urls[url] = story_id
        wanted = sorted(set(batch_urls) - set(self.urls))
        for chunk in range(0, len(wanted), 500):
            for url, story_id in session.execute(select(NewsStoryUrl.url, NewsStoryUrl.story_id)
                                                 .where(NewsStoryUrl.url.in_(wanted[chunk:chunk + 500]))):
                self.urls[url] = story_id

    def find(self, article: Article, key: str) -> int | None:
        for url in (article.original_link, article.link):
            found = self.urls.get(normalise_url(url)) if url else None
            if found:
                return found
        grams = bigrams(key)
        for other, other_grams, story_id in self.titles:
            if same_story(key, other, grams, other_grams):
                return story_id
        return None

    def story(self, story_id: int) -> NewsStory:
        if story_id not in self.stories:
            self.stories[story_id] = self.session.get(NewsStory, story_id)
        return self.stories[story_id]

    def add(self, article: Article, key: str) -> tuple[int, bool]:
        """Store `article` (a new story or one more outlet of a known one): (story id, new?)."""
        story_id = self.find(article, key)
        new = story_id is None
        if new:
            story = NewsStory(title=article.title[:500], title_key=key, description=article.description,
                              link=article.link[:1000], original_url=article.original_link[:1000] or None,
                              published_at=article.published_at, category=category_of(article.title, article.description),
                              outlets=0, queries=[], fetched_at=utcnow())
            self.session.add(story)
            self.session.flush()
            story_id = story.id
            self.stories[story_id] = story
            self.titles.append((key, bigrams(key), story_id))
        story = self.story(story_id)
        urls = {normalise_url(u) for u in (article.link, article.original_link) if u}
        fresh = [u for u in urls if u not in self.urls]
        for url in fresh:
            self.session.add(NewsStoryUrl(url=url, story_id=story_id))
            self.urls[url] = story_id
        if fresh and normalise_url(article.original_link or article.link) in fresh:
            story.outlets += 1
        if article.query not in (story.queries or []):
            story.queries = [*(story.queries or []), article.query][:20]
        return story_id, new


def category_of(title: str, description: str) -> str:
    text = f"{title} {description}"
    return "regulation" if any(w in text for w in REGULATION_WORDS) else "market"


def store_articles(session: Session, articles: list[Article]) -> int:
    batch = {normalise_url(u) for a in articles for u in (a.link, a.original_link) if u}
    index = StoryIndex(session, utcnow() - timedelta(days=RECENT_DAYS), batch)
    new = 0
    for article in articles:
        key = title_key(article.title)
        if not key:
            continue
        _story, is_new = index.add(article, key)
        new += is_new
    session.flush()
    return new


def collect(app: "AppContext", client: NaverNewsClient | None = None, profiles: list[Profile] | None = None,
            per_query: int = PER_QUERY) -> CollectResult:
    """Search every distinct query once, store the stories, then rank them for every rep."""
    result = CollectResult()
    with app.session() as session:
        profiles = profiles if profiles is not None else all_profiles(session)
    queries = list(dict.fromkeys(q for p in profiles for q in p.queries()))
    result.queries = len(queries)
    own = client is None
    try:
        client = client or make_client(app)
    except NotConfigured as exc:
        result.message = exc.message
        return result
    articles: list[Article] = []
    stop = threading.Event()

    def fetch(query: str) -> list[Article]:
        if stop.is_set():
            return []
        try:
            return client.search(query, limit=per_query, display=min(per_query, 100))
        except NaverError as exc:
            result.errors.append(f"{query}: {exc.code}")
            if exc.code in ("010", "024", "not_configured"):
                result.message = exc.message
                stop.set()
            return []

    client.reserve = max(client.reserve, 20)
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for found in pool.map(fetch, queries):
                articles.extend(found)
    finally:
        result.calls = client.calls
        if own:
            client.close()
    result.articles = len(articles)
    with app.session() as session:
        result.new_stories = store_articles(session, articles)
        rank_all(session, profiles)
        session.commit()
    if result.errors and not result.message:
        result.message = f"검색 {len(result.errors)}건 실패(다음 수집 때 다시 시도)"
    return result


def match(profile: Profile, text: str) -> list:
    return sorted((t for t in profile.terms if t.text in text), key=lambda t: -t.weight)


def rank_all(session: Session, profiles: list[Profile], since: datetime | None = None) -> int:
    """(Re)compute `news_relevance` for recent stories and the given reps."""
    since = since or utcnow() - timedelta(days=RECENT_DAYS)
    stories = session.execute(select(NewsStory.id, NewsStory.title, NewsStory.description, NewsStory.outlets,
                                     NewsStory.published_at).where(NewsStory.fetched_at >= since)).all()
    if not stories or not profiles:
        return 0
    story_ids = [s.id for s in stories]
    rep_ids = [p.rep_id for p in profiles]
    for chunk in range(0, len(story_ids), 500):
        session.execute(delete(NewsRelevance).where(NewsRelevance.rep_id.in_(rep_ids),
                                                    NewsRelevance.story_id.in_(story_ids[chunk:chunk + 500])))
    by_text: dict[str, list[tuple[int, object]]] = {}  # term text → (profile index, term)
    for n, profile in enumerate(profiles):
        for term in profile.terms:
            by_text.setdefault(term.text, []).append((n, term))
    rows = []
    now = utcnow()
    computed = utcnow()
    for story in stories:
        text = f"{story.title} {story.description}"
        found: dict[int, list] = {}
        for term_text, owners in by_text.items():
            if term_text in text:
                for n, term in owners:
                    found.setdefault(n, []).append(term)
        if not found:
            continue
        regulation_title = any(w in story.title for w in REGULATION_WORDS)
        regulation_text = regulation_title or any(w in text for w in REGULATION_WORDS)
        base = 0.3 * math.log1p(max((story.outlets or 1) - 1, 0))
        if story.published_at:
            age_days = max((now - story.published_at).total_seconds() / 86400, 0)
            base += 1.0 * math.exp(-age_days / 2)
        for n, terms in found.items():
            terms.sort(key=lambda t: -t.weight)
            top = terms[0]
            category = top.category
            if regulation_title or (category == "market" and regulation_text):
                category = "regulation"  # a price cut naming my product is regulation news
            score = top.weight + 0.5 * sum(t.weight for t in terms[1:3]) + base
            if top.text in story.title:
                score += 1.5
            reason = top.reason if len(terms) == 1 else f"{top.reason} 외 {len(terms) - 1}건"
            rows.append({"story_id": story.id, "rep_id": profiles[n].rep_id, "score": round(score, 3),
                         "category": category, "reason": reason[:300], "computed_at": computed})
    for chunk in range(0, len(rows), 1000):
        session.execute(insert(NewsRelevance), rows[chunk:chunk + 1000])
    session.flush()
    return len(rows)


def feedback_adjustments(session: Session, rep_id: int) -> tuple[dict[int, float], dict[str, float]]:
    """Per story and per category: 👍 +, 👎 −, "더 보기" + (a rep's own clicks only)."""
    by_story: dict[int, float] = {}
    by_category: dict[str, float] = {}
    weights = {"up": 1.0, "more": 0.5, "down": -1.5}
    for story_id, value, category in session.execute(
            select(NewsFeedback.story_id, NewsFeedback.value, NewsFeedback.category)
            .where(NewsFeedback.rep_id == rep_id)):
        w = weights.get(value, 0.0)
        by_story[story_id] = by_story.get(story_id, 0.0) + w * 3
        if category:
            by_category[category] = max(-2.0, min(2.0, by_category.get(category, 0.0) + w * 0.4))
    return by_story, by_category
