"""Naver News Search API client (../shared/DOMAIN.md "Naver News Search API"): httpx, paging
(`start`/`display`), backoff on 429 (not the quota) and 5xx, a daily quota counted in the
database, Korean errors. Every response item is cleaned (`<b>`, HTML entities) and its RFC 822
`pubDate` parsed."""

from __future__ import annotations

import html
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable

import httpx
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data.models import NewsApiUsage

log = logging.getLogger(__name__)

DAILY_QUOTA = 25_000
MAX_DISPLAY = 100
MAX_START = 1000
PATH = "/v1/search/news.json"

NOT_CONFIGURED = ("뉴스 소스(네이버 뉴스 검색 API)가 설정되어 있지 않습니다. 관리자에게 NAVER_CLIENT_ID와 "
                  "NAVER_CLIENT_SECRET 설정을 요청해 주세요. 다른 다이제스트 항목은 그대로 받아보실 수 있습니다.")
QUOTA_EXHAUSTED = ("오늘의 네이버 검색 API 호출 한도(하루 25,000회)를 모두 사용했습니다. 새 뉴스는 내일 다시 "
                   "수집되며, 그때까지는 이미 모은 뉴스로 안내해 드립니다.")


class NaverError(Exception):
    """A failed search; `message` is Korean, `code` is Naver's errorCode (or ours)."""

    def __init__(self, code: str, message: str, status: int | None = None):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class NotConfigured(NaverError):
    def __init__(self):
        super().__init__("not_configured", NOT_CONFIGURED)


class QuotaExhausted(NaverError):
    def __init__(self):
        super().__init__("010", QUOTA_EXHAUSTED, 429)


KOREAN_ERRORS = {
    "SE01": "검색어가 잘못되었습니다", "SE02": "display 값이 잘못되었습니다(1~100)",
    "SE03": "start 값이 잘못되었습니다(1~1000)", "SE04": "정렬(sort) 값이 잘못되었습니다",
    "SE05": "존재하지 않는 검색 API입니다", "SE06": "검색어 인코딩이 잘못되었습니다",
    "SE99": "네이버 검색 서버 오류입니다", "024": "네이버 API 인증에 실패했습니다(Client ID/Secret 또는 검색 권한 확인)",
}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """`<b>` highlight tags and HTML entities removed, whitespace collapsed."""
    text = _TAG.sub("", text or "")
    text = html.unescape(html.unescape(text))  # Naver sometimes double-escapes (&amp;quot;)
    return _SPACE.sub(" ", _TAG.sub("", text)).strip()


def parse_pub_date(value: str | None) -> datetime | None:
    """RFC 822 (`Mon, 26 Sep 2016 07:50:00 +0900`) → naive UTC, None when unreadable."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).replace(tzinfo=None)


@dataclass
class Article:
    title: str
    description: str
    link: str
    original_link: str
    published_at: datetime | None
    query: str


class Quota:
    """The daily call count in `news_api_usage` (one row per Seoul day)."""

    def __init__(self, session_factory: Callable[[], Session], today: Callable[[], date], limit: int = DAILY_QUOTA):
        self.session_factory, self.today, self.limit = session_factory, today, limit

    def _row(self, session: Session) -> NewsApiUsage:
        day = self.today()
        row = session.scalar(select(NewsApiUsage).where(NewsApiUsage.day == day).with_for_update())
        if row is None:
            try:  # the day's first call; another replica may create the row at the same moment
                with session.begin_nested():
                    session.add(NewsApiUsage(day=day, calls=0, exhausted=False))
            except IntegrityError:
                pass
            row = session.scalar(select(NewsApiUsage).where(NewsApiUsage.day == day).with_for_update())
        return row

    def remaining(self) -> int:
        with self.session_factory() as session:
            row = session.scalar(select(NewsApiUsage).where(NewsApiUsage.day == self.today()))
            if row is None:
                return self.limit
            return 0 if row.exhausted else max(0, self.limit - row.calls)

    def take(self, n: int = 1) -> int:
        """Reserve up to `n` calls of today's budget; how many were granted (≥ 1), else
        QuotaExhausted."""
        with self.session_factory() as session:
            row = self._row(session)
            left = self.limit - row.calls
            if row.exhausted or left <= 0:
                session.commit()
                raise QuotaExhausted()
            granted = min(n, left)
            row.calls += granted
            session.commit()
            return granted

    def give_back(self, n: int) -> None:
        """Return reserved calls that were not made."""
        if n <= 0:
            return
        with self.session_factory() as session:
            row = self._row(session)
            row.calls = max(0, row.calls - n)
            session.commit()

    def mark_exhausted(self) -> None:
        with self.session_factory() as session:
            self._row(session).exhausted = True
            session.commit()


class NaverNewsClient:
    def __init__(self, base_url: str, client_id: str | None, client_secret: str | None, *,
                 quota: Quota | None = None, timeout_s: float = 5.0, retries: int = 3,
                 backoff_s: float = 0.5, sleep: Callable[[float], None] = time.sleep):
        if not client_id or not client_secret:
            raise NotConfigured()
        self.quota, self.retries, self.backoff_s, self.sleep = quota, retries, backoff_s, sleep
        self.http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout_s, headers={
            "X-Naver-Client-Id": client_id, "X-Naver-Client-Secret": client_secret})
        self.calls = 0
        self.reserve = 1  # quota calls reserved per database round trip (collect raises it)
        self._allowance = 0
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            if self.quota is not None and self._allowance:
                try:
                    self.quota.give_back(self._allowance)
                except Exception:  # the count may only be a little high
                    log.warning("could not return %s unused quota calls", self._allowance)
                self._allowance = 0
        self.http.close()

    def _take_quota(self) -> None:
        with self._lock:
            if self.quota is None:
                self.calls += 1
                return
            if self._allowance <= 0:
                self._allowance = self.quota.take(self.reserve)
            self._allowance -= 1
            self.calls += 1

    def __enter__(self) -> "NaverNewsClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def search_page(self, query: str, *, start: int = 1, display: int = MAX_DISPLAY, sort: str = "date") -> dict:
        """One page, raw JSON; retries 429 (rate) and 5xx with exponential backoff."""
        if not query.strip():
            raise NaverError("SE01", KOREAN_ERRORS["SE01"], 400)
        params = {"query": query, "start": max(1, min(start, MAX_START)),
                  "display": max(1, min(display, MAX_DISPLAY)), "sort": sort}
        attempt = 0
        while True:
            self._take_quota()
            try:
                response = self.http.get(PATH, params=params)
            except httpx.TimeoutException:
                error = NaverError("timeout", "네이버 뉴스 검색 응답이 늦어 이번에는 가져오지 못했습니다.")
            except httpx.HTTPError as exc:
                error = NaverError("network", f"네이버 뉴스 검색에 연결하지 못했습니다({type(exc).__name__}).")
            else:
                error = self._error(response)
                if error is None:
                    try:
                        payload = response.json()
                    except ValueError:
                        error = NaverError("bad_json", "네이버 뉴스 검색이 읽을 수 없는 응답을 보냈습니다.", response.status_code)
                    else:
                        if isinstance(payload, dict) and isinstance(payload.get("items", []), list):
                            return payload
                        error = NaverError("bad_json", "네이버 뉴스 검색이 예상과 다른 응답을 보냈습니다.", response.status_code)
                elif error.code == "010" or error.status == 401 or (error.status and 400 <= error.status < 500
                                                                     and error.status != 429):
                    if error.code == "010" and self.quota is not None:
                        self.quota.mark_exhausted()
                        with self._lock:
                            self._allowance = 0
                    raise error
            attempt += 1
            if attempt > self.retries:
                raise error
            delay = self.backoff_s * (2 ** (attempt - 1))
            log.info("naver search retry %s in %.2fs: %s", attempt, delay, error.code)
            self.sleep(delay)

    @staticmethod
    def _error(response: httpx.Response) -> NaverError | None:
        if response.status_code < 400:
            return None
        try:
            body = response.json()
            code, message = str(body.get("errorCode", "")), str(body.get("errorMessage", ""))
        except (ValueError, AttributeError):
            code, message = "", response.text[:200]
        if response.status_code == 429:
            if code == "010":
                return QuotaExhausted()
            return NaverError(code or "429", "네이버 뉴스 검색 요청이 많아 잠시 후 다시 시도합니다.", 429)
        if response.status_code == 401 or code == "024":
            return NaverError("024", KOREAN_ERRORS["024"], response.status_code)
        text = KOREAN_ERRORS.get(code, f"네이버 뉴스 검색 오류(HTTP {response.status_code})")
        return NaverError(code or str(response.status_code), f"{text}: {message}" if message else text,
                          response.status_code)

    def search(self, query: str, *, limit: int = 100, display: int = MAX_DISPLAY, sort: str = "date") -> list[Article]:
        """Up to `limit` articles for `query`, page after page (start ≤ 1000)."""
        articles: list[Article] = []
        start = 1
        while len(articles) < limit and start <= MAX_START:
            page_size = min(display, limit - len(articles), MAX_DISPLAY)
            payload = self.search_page(query, start=start, display=page_size, sort=sort)
            items = payload.get("items") or []
            for item in items:
                if not isinstance(item, dict):
                    continue
                link = str(item.get("link") or "").strip()
                original = str(item.get("originallink") or "").strip()
                if not (link or original):
                    continue
                articles.append(Article(title=clean(item.get("title")), description=clean(item.get("description")),
                                        link=link or original, original_link=original or link,
                                        published_at=parse_pub_date(item.get("pubDate")), query=query))
            total = int(payload.get("total") or 0)
            start += len(items)
            if len(items) < page_size or start > total:
                break
        return articles[:limit]
