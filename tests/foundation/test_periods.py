from datetime import date

import pytest

from tools.common.periods import parse_period
from tools.common.plumbing import ToolInputError

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("phrase,start,end", [
    ("이번 달", "2026-11", "2026-11"), ("지난달", "2026-10", "2026-10"), ("last month", "2026-10", "2026-10"),
    ("3분기", "2026-07", "2026-09"), ("지난 분기", "2026-07", "2026-09"), ("이번 분기", "2026-10", "2026-12"),
    ("작년 3분기", "2025-07", "2025-09"), ("2025년 3월", "2025-03", "2025-03"), ("2025-03", "2025-03", "2025-03"),
    ("상반기", "2026-01", "2026-06"), ("작년 하반기", "2025-07", "2025-12"), ("올해", "2026-01", "2026-11"),
    ("ytd", "2026-01", "2026-11"), ("작년", "2025-01", "2025-12"), ("최근 6개월", "2026-05", "2026-10"),
    ("2025-01~2025-06", "2025-01", "2025-06"), ("Q3 2025", "2025-07", "2025-09"), ("12월", "2025-12", "2025-12"),
])
def test_phrases(phrase, start, end):
    period = parse_period(phrase, TODAY)
    assert (period.start.strftime("%Y-%m"), period.end.strftime("%Y-%m")) == (start, end)


def test_comparisons():
    q3 = parse_period("3분기", TODAY)
    assert q3.previous().to_json()["start"] == "2026-04" and q3.last_year().to_json()["end"] == "2025-09"
    assert q3.months == 3 and len(q3.month_list()) == 3


def test_unknown_phrase_has_korean_hint():
    with pytest.raises(ToolInputError, match="이해하지 못했습니다"):
        parse_period("언젠가", TODAY)


@pytest.mark.parametrize("phrase, label", [
    ("2026년 10월~12월", "2026년 4분기"), ("2026-10~2026-12", "2026년 4분기"), ("2025년 1월~6월", "2025년 상반기"),
    ("2025년 7월부터 12월까지", "2025년 하반기"), ("2025-01~2025-12", "2025년"), ("2025년 1월~2025년 3월", "2025년 1분기"),
    ("2026년 3월~5월", "2026년 3월~5월"), ("2025년 10월~2026년 3월", "2025년 10월~2026년 3월"),
])
def test_rewritten_month_ranges_read_as_a_rep_says_them(phrase, label):
    """The LLM or the router may pass "2026년 10월~12월" for "4분기": the label stays "4분기"."""
    assert parse_period(phrase, date(2026, 11, 20)).label == label


def test_rewritten_quarter_compares_with_last_years_quarter():
    from tools.analytics.service import compare_period

    today = date(2026, 11, 20)
    period = parse_period("2026년 10월~12월", today)
    assert compare_period("작년 같은 기간", period, today).label == "전년 동기(2025년 4분기)"
