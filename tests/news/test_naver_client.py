"""The Naver News Search client against a loopback fake speaking the real protocol."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.fakes.naver_api import CLIENT_ID, CLIENT_SECRET, article
from tools.news.client import (
    DAILY_QUOTA, NaverError, NaverNewsClient, NotConfigured, Quota, QuotaExhausted, clean, parse_pub_date,
)
from tools.news.dedup import same_story, title_key


def client(fake, **kw) -> NaverNewsClient:
    kw.setdefault("sleep", lambda s: None)
    return NaverNewsClient(fake.base, CLIENT_ID, CLIENT_SECRET, **kw)


def test_clean_and_pubdate():
    assert clean("<b>로수바스타틴</b> 약가 &quot;인하&quot; &amp; 급여") == '로수바스타틴 약가 "인하" & 급여'
    assert clean("A&amp;quot;B&lt;b&gt;") == 'A"B'
    assert parse_pub_date("Mon, 26 Sep 2016 07:50:00 +0900") == datetime(2016, 9, 25, 22, 50)
    assert parse_pub_date("not a date") is None and parse_pub_date(None) is None


def test_headers_params_and_multiple_pages(fake_naver):
    fake_naver.articles = [article(f"<b>로수바스타틴</b> 소식 {i}", link=f"https://n.news.naver.com/{i}")
                           for i in range(250)]
    with client(fake_naver) as c:
        found = c.search("로수바스타틴", limit=230)
    assert len(found) == 230 and found[0].title == "로수바스타틴 소식 0"
    assert [r.params["start"] for r in fake_naver.requests] == ["1", "101", "201"]
    assert [r.params["display"] for r in fake_naver.requests] == ["100", "100", "30"]
    assert fake_naver.requests[0].headers["x-naver-client-id"] == CLIENT_ID
    assert found[0].published_at == datetime(2026, 11, 30, 22, 30)


def test_empty_results(fake_naver):
    with client(fake_naver) as c:
        assert c.search("없는주제") == []
    assert len(fake_naver.requests) == 1


@pytest.mark.parametrize("params,code", [
    ({"query": ""}, "SE01"), ({"query": "x", "display": 101}, "SE02"), ({"query": "x", "display": 0}, "SE02"),
    ({"query": "x", "start": 1001}, "SE03"), ({"query": "x", "sort": "new"}, "SE04"),
])
def test_fake_validates_ranges(fake_naver, params, code):
    import httpx

    r = httpx.get(fake_naver.base + "/v1/search/news.json", params=params,
                  headers={"X-Naver-Client-Id": CLIENT_ID, "X-Naver-Client-Secret": CLIENT_SECRET})
    assert r.status_code == 400 and r.json()["errorCode"] == code
    r = httpx.get(fake_naver.base + "/v1/search/news.json?query=%FF%FE",
                  headers={"X-Naver-Client-Id": CLIENT_ID, "X-Naver-Client-Secret": CLIENT_SECRET})
    assert r.status_code == 400 and r.json()["errorCode"] == "SE06"
    r = httpx.get(fake_naver.base + "/v1/search/blog.xml?query=x",
                  headers={"X-Naver-Client-Id": CLIENT_ID, "X-Naver-Client-Secret": CLIENT_SECRET})
    assert r.status_code == 404 and r.json()["errorCode"] == "SE05"


def test_client_keeps_params_in_range_and_reports_400(fake_naver):
    with client(fake_naver) as c:
        c.search_page("x", start=5000, display=500)
        assert fake_naver.requests[-1].params["start"] == "1000" and fake_naver.requests[-1].params["display"] == "100"
        with pytest.raises(NaverError) as err:
            c.search_page("x", sort="new")
        assert err.value.code == "SE04" and "정렬" in err.value.message
        calls = len(fake_naver.requests)
        with pytest.raises(NaverError) as err:
            c.search_page("   ")
        assert err.value.code == "SE01" and len(fake_naver.requests) == calls  # not even sent


def test_bad_credentials_401_no_retry(fake_naver):
    with NaverNewsClient(fake_naver.base, "wrong", "wrong", sleep=lambda s: None) as c:
        with pytest.raises(NaverError) as err:
            c.search("약가 인하")
    assert err.value.code == "024" and err.value.status == 401 and "인증" in err.value.message
    assert len(fake_naver.requests) == 1


def test_not_configured():
    with pytest.raises(NotConfigured) as err:
        NaverNewsClient("http://127.0.0.1:9", None, "")
    assert "설정되어 있지 않습니다" in err.value.message


def test_backoff_on_5xx_and_rate_429_then_success(fake_naver):
    fake_naver.articles = [article("약가 인하 발표", link="https://a/1")]
    fake_naver.failures = [(500, {"errorMessage": "System error", "errorCode": "SE99"}),
                           (429, {"errorMessage": "Too many", "errorCode": "012"}),
                           (200, "{not json")]
    delays = []
    with client(fake_naver, sleep=delays.append, retries=3, backoff_s=0.1) as c:
        found = c.search("약가 인하")
    assert [a.title for a in found] == ["약가 인하 발표"]
    assert delays == [0.1, 0.2, 0.4] and len(fake_naver.requests) == 4


def test_se99_gives_up_after_retries(fake_naver):
    fake_naver.failures = [(500, {"errorMessage": "System error", "errorCode": "SE99"})] * 5
    with client(fake_naver, retries=2) as c:
        with pytest.raises(NaverError) as err:
            c.search("x")
    assert err.value.code == "SE99" and len(fake_naver.requests) == 3


def test_malformed_json_is_a_korean_error(fake_naver):
    fake_naver.failures = [(200, "<html>oops")] * 3
    with client(fake_naver, retries=1) as c:
        with pytest.raises(NaverError) as err:
            c.search("x")
    assert err.value.code == "bad_json" and "읽을 수 없는" in err.value.message


def test_slow_response_times_out(fake_naver):
    fake_naver.delay_s = 0.6
    with client(fake_naver, timeout_s=0.2, retries=1) as c:
        with pytest.raises(NaverError) as err:
            c.search("x")
    assert err.value.code == "timeout" and "늦어" in err.value.message


def test_daily_quota_in_database(empty_app, fake_naver):
    quota = Quota(empty_app.session_factory, empty_app.today, limit=3)
    with client(fake_naver, quota=quota) as c:
        for _ in range(3):
            c.search("x")
        with pytest.raises(QuotaExhausted) as err:
            c.search("x")
    assert "25,000" in err.value.message and len(fake_naver.requests) == 3
    assert Quota(empty_app.session_factory, empty_app.today, limit=3).remaining() == 0
    assert Quota(empty_app.session_factory, empty_app.today).remaining() == DAILY_QUOTA - 3


def test_server_quota_429_010_marks_the_day_exhausted(empty_app, fake_naver):
    fake_naver.quota = 1
    quota = Quota(empty_app.session_factory, empty_app.today)
    with client(fake_naver, quota=quota) as c:
        c.search("x")
        with pytest.raises(QuotaExhausted):
            c.search("x")
        with pytest.raises(QuotaExhausted):
            c.search("x")  # not sent: the day is marked exhausted
    assert len(fake_naver.requests) == 2 and quota.remaining() == 0


def test_syndicated_titles_are_one_story():
    a = title_key("[단독] 로수바스타틴 약가 인하 추진…제약업계 '비상' - 연합뉴스")
    b = title_key("로수바스타틴 약가 인하 추진, 제약업계 비상")
    c = title_key("에소메프라졸 공급 중단 우려")
    assert same_story(a, b) and not same_story(a, c)
