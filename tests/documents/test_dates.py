"""Document dates as reps say them: the router finds the phrase, the tool reads the day."""

from __future__ import annotations

from datetime import date

import pytest

from tools.common.plumbing import ToolInputError
from tools.common.slots import Slots
from tools.documents.dates import doc_date, find_day_phrase
from tools.documents.routing import draft_args
from tools.documents.service import parse_date

THURSDAY = date(2026, 12, 3)


@pytest.mark.parametrize("said,ahead,day", [
    ("다음주 화요일", True, date(2026, 12, 8)), ("담주 월요일", True, date(2026, 12, 7)),
    ("이번주 금요일", True, date(2026, 12, 4)), ("지난주 목요일", False, date(2026, 11, 26)),
    ("화요일", True, date(2026, 12, 8)), ("화요일", False, date(2026, 12, 1)),  # the next one, or the last one
    ("목요일", True, THURSDAY), ("목요일", False, THURSDAY),
    ("12월 10일", True, date(2026, 12, 10)), ("12/9", True, date(2026, 12, 9)),
    ("1월 5일", True, date(2027, 1, 5)), ("1월 5일", False, date(2026, 1, 5)),  # said in December
    ("2026-12-24", True, date(2026, 12, 24)), ("2026.12.24", True, date(2026, 12, 24)),
    ("2026년 12월 24일", True, date(2026, 12, 24)),
    ("내일", True, date(2026, 12, 4)), ("모레", True, date(2026, 12, 5)), ("어제", False, date(2026, 12, 2)),
    ("tomorrow", True, date(2026, 12, 4)), ("", True, THURSDAY),
])
def test_days_as_said(said, ahead, day):
    assert doc_date(said, THURSDAY, ahead=ahead) == day


def test_unreadable_and_impossible_days_are_korean_errors():
    with pytest.raises(ToolInputError, match="설명회 날짜 '다음 언젠가'을\\(를\\) 읽지 못했습니다"):
        doc_date("다음 언젠가", THURSDAY, what="설명회 날짜")
    with pytest.raises(ToolInputError, match="없는 날짜"):
        doc_date("2월 30일", THURSDAY)
    with pytest.raises(ToolInputError, match="이후입니다"):  # a visit is never ahead of today
        parse_date("내일", THURSDAY)


def test_the_router_takes_the_day_from_the_request_not_from_the_notes():
    plan = "다음주 화요일 제품설명회 계획서 써줘: 마포백세병원, 10명, 1인당 5만원"
    assert draft_args("draft_briefing_plan", Slots(text=plan, after_colon="마포백세병원, 10명, 1인당 5만원"))["date"] == "다음주 화요일"
    visit = "어제 방문 보고서 써줘: 박 원장님 면담, 12월 10일 재방문"
    assert draft_args("draft_visit_report", Slots(text=visit, after_colon="박 원장님 면담, 12월 10일 재방문"))["date"] == "어제"
    later = "방문 보고서 써줘: 박 원장님 면담, 12월 10일 재방문"
    assert "date" not in draft_args("draft_visit_report", Slots(text=later, after_colon="박 원장님 면담, 12월 10일 재방문"))
    assert find_day_phrase("1인당 5만원, 10명") is None
