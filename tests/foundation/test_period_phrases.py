"""Every way a rep names a period, resolved against a pinned business date. Expected months
are worked out by hand from the calendar (2026-12-01 is a Tuesday, 2026-02-15 a Sunday)."""

from datetime import date

import pytest

from tools.common.periods import Period, extract_period, parse_period, quarter
from tools.common.plumbing import ToolInputError

DEC = date(2026, 12, 1)  # Q4, second half
FEB = date(2026, 2, 15)  # Q1, first half: the year boundary


def months(period: Period) -> tuple[str, str]:
    return period.start.strftime("%Y-%m"), period.end.strftime("%Y-%m")


DEC_TABLE = [
    # relative months
    ("이번 달", "2026-12", "2026-12"), ("이달", "2026-12", "2026-12"), ("당월", "2026-12", "2026-12"),
    ("지난달", "2026-11", "2026-11"), ("지난 달", "2026-11", "2026-11"), ("저번 달", "2026-11", "2026-11"),
    ("저번달", "2026-11", "2026-11"), ("전월", "2026-11", "2026-11"), ("지지난달", "2026-10", "2026-10"),
    ("전전월", "2026-10", "2026-10"), ("저저번 달", "2026-10", "2026-10"), ("3개월 전", "2026-09", "2026-09"),
    ("두 달 전", "2026-10", "2026-10"),
    # relative quarters / halves
    ("이번 분기", "2026-10", "2026-12"), ("당분기", "2026-10", "2026-12"), ("현재 분기", "2026-10", "2026-12"),
    ("지난 분기", "2026-07", "2026-09"), ("저번 분기", "2026-07", "2026-09"), ("전분기", "2026-07", "2026-09"),
    ("직전 분기", "2026-07", "2026-09"), ("지지난 분기", "2026-04", "2026-06"), ("전전 분기", "2026-04", "2026-06"),
    ("이번 반기", "2026-07", "2026-12"), ("지난 반기", "2026-01", "2026-06"),
    ("올 상반기", "2026-01", "2026-06"), ("올해 하반기", "2026-07", "2026-12"), ("작년 하반기", "2025-07", "2025-12"),
    ("상반기", "2026-01", "2026-06"), ("하반기", "2026-07", "2026-12"), ("2025년 하반기", "2025-07", "2025-12"),
    # years and year to date
    ("올해", "2026-01", "2026-12"), ("금년", "2026-01", "2026-12"), ("작년", "2025-01", "2025-12"),
    ("지난해", "2025-01", "2025-12"), ("전년", "2025-01", "2025-12"), ("재작년", "2024-01", "2024-12"),
    ("2025년", "2025-01", "2025-12"), ("2025년도", "2025-01", "2025-12"), ("'25년", "2025-01", "2025-12"),
    ("연초부터", "2026-01", "2026-12"), ("올해 누적", "2026-01", "2026-12"), ("YTD", "2026-01", "2026-12"),
    ("누계", "2026-01", "2026-12"), ("연초부터 지금까지", "2026-01", "2026-12"), ("작년부터", "2025-01", "2026-12"),
    # last N months (the running month is left out)
    ("최근 6개월", "2026-06", "2026-11"), ("지난 3개월", "2026-09", "2026-11"), ("최근 12개월", "2025-12", "2026-11"),
    ("지난 12개월", "2025-12", "2026-11"), ("최근 1년", "2025-12", "2026-11"), ("최근 석 달", "2026-09", "2026-11"),
    # two-digit years
    ("25년 3월", "2025-03", "2025-03"), ("25년 상반기", "2025-01", "2025-06"), ("24년 4분기", "2024-10", "2024-12"),
    # explicit months and quarters
    ("2025년 3월", "2025-03", "2025-03"), ("2025-03", "2025-03", "2025-03"), ("2025.3", "2025-03", "2025-03"),
    ("2025/03", "2025-03", "2025-03"), ("3월", "2026-03", "2026-03"), ("12월", "2026-12", "2026-12"),
    ("10월", "2026-10", "2026-10"), ("작년 3월", "2025-03", "2025-03"), ("작년 12월", "2025-12", "2025-12"),
    ("3분기", "2026-07", "2026-09"), ("4분기", "2026-10", "2026-12"), ("작년 3분기", "2025-07", "2025-09"),
    ("2025년 1분기", "2025-01", "2025-03"), ("2025년 3분기", "2025-07", "2025-09"), ("1/4분기", "2026-01", "2026-03"),
    # ranges
    ("3월부터 5월까지", "2026-03", "2026-05"), ("3~5월", "2026-03", "2026-05"), ("3월~5월", "2026-03", "2026-05"),
    ("1분기부터 3분기까지", "2026-01", "2026-09"), ("올해 1분기부터 3분기까지", "2026-01", "2026-09"),
    ("1~3분기", "2026-01", "2026-09"), ("2025년 1월~6월", "2025-01", "2025-06"), ("2025년 1~6월", "2025-01", "2025-06"),
    ("2025-01~2025-06", "2025-01", "2025-06"), ("2025.01-2025.06", "2025-01", "2025-06"),
    ("2025-01 ~ 2025-12", "2025-01", "2025-12"), ("작년 10월부터 올해 2월까지", "2025-10", "2026-02"),
    ("2025년 3월부터 지금까지", "2025-03", "2026-12"), ("2025년 11월부터 2월까지", "2025-11", "2026-02"),
    ("2024년 7월부터 2025년 6월까지", "2024-07", "2025-06"), ("3월부터", "2026-03", "2026-12"),
    ("연초부터 3월까지", "2026-01", "2026-03"), ("5월까지 누적", "2026-01", "2026-05"), ("3분기 누적", "2026-01", "2026-09"),
    # English
    ("last month", "2026-11", "2026-11"), ("this month", "2026-12", "2026-12"), ("last quarter", "2026-07", "2026-09"),
    ("this quarter", "2026-10", "2026-12"), ("Q3 2025", "2025-07", "2025-09"), ("2025 Q3", "2025-07", "2025-09"),
    ("Q2", "2026-04", "2026-06"), ("Q4", "2026-10", "2026-12"), ("H1 2025", "2025-01", "2025-06"),
    ("first half of 2025", "2025-01", "2025-06"), ("second half of 2025", "2025-07", "2025-12"),
    ("March 2025", "2025-03", "2025-03"), ("Mar 2025", "2025-03", "2025-03"), ("2025", "2025-01", "2025-12"),
    ("this year", "2026-01", "2026-12"), ("last year", "2025-01", "2025-12"), ("year to date", "2026-01", "2026-12"),
    ("last 6 months", "2026-06", "2026-11"), ("past 3 months", "2026-09", "2026-11"),
    ("from March to May", "2026-03", "2026-05"), ("since March 2025", "2025-03", "2026-12"),
    # finer than a month: the month(s) holding the day(s)
    ("지난주", "2026-11", "2026-11"), ("이번 주", "2026-11", "2026-12"), ("어제", "2026-11", "2026-11"),
    ("오늘", "2026-12", "2026-12"), ("그제", "2026-11", "2026-11"), ("3일 전", "2026-11", "2026-11"),
    ("last week", "2026-11", "2026-11"), ("yesterday", "2026-11", "2026-11"),
    ("2025년 3월 15일", "2025-03", "2025-03"),
]

FEB_TABLE = [
    ("이번 달", "2026-02", "2026-02"), ("지난달", "2026-01", "2026-01"), ("지지난달", "2025-12", "2025-12"),
    ("전전월", "2025-12", "2025-12"), ("3개월 전", "2025-11", "2025-11"),
    ("이번 분기", "2026-01", "2026-03"), ("지난 분기", "2025-10", "2025-12"), ("저번 분기", "2025-10", "2025-12"),
    ("지지난 분기", "2025-07", "2025-09"), ("지난 반기", "2025-07", "2025-12"),
    ("올해", "2026-01", "2026-02"), ("작년", "2025-01", "2025-12"), ("재작년", "2024-01", "2024-12"),
    ("올해 누적", "2026-01", "2026-02"), ("YTD", "2026-01", "2026-02"), ("연초부터", "2026-01", "2026-02"),
    ("연초부터 지금까지", "2026-01", "2026-02"),
    ("최근 6개월", "2025-08", "2026-01"), ("최근 3개월", "2025-11", "2026-01"), ("최근 12개월", "2025-02", "2026-01"),
    ("최근 1년", "2025-02", "2026-01"),
    # an unqualified month, quarter or half that has not begun yet is last year's
    ("3월", "2025-03", "2025-03"), ("5월", "2025-05", "2025-05"), ("12월", "2025-12", "2025-12"),
    ("2월", "2026-02", "2026-02"), ("1월", "2026-01", "2026-01"), ("3분기", "2025-07", "2025-09"),
    ("4분기", "2025-10", "2025-12"), ("1분기", "2026-01", "2026-03"), ("하반기", "2025-07", "2025-12"),
    ("상반기", "2026-01", "2026-06"), ("작년 하반기", "2025-07", "2025-12"),
    # ranges across the new year
    ("3월부터 5월까지", "2025-03", "2025-05"), ("3~5월", "2025-03", "2025-05"), ("10월부터 2월까지", "2025-10", "2026-02"),
    ("11월~1월", "2025-11", "2026-01"), ("1분기부터 3분기까지", "2025-01", "2025-09"),
    ("작년 1분기부터 3분기까지", "2025-01", "2025-09"), ("작년 10월부터 올해 2월까지", "2025-10", "2026-02"),
    ("2025년 12월부터 지금까지", "2025-12", "2026-02"), ("3월부터", "2025-03", "2026-02"),
    ("2025-11~2026-01", "2025-11", "2026-01"),
    ("25년 4분기", "2025-10", "2025-12"), ("25년 12월", "2025-12", "2025-12"),
    # comparisons with nothing to compare against: this month a year ago
    ("작년 같은 기간", "2025-02", "2025-02"), ("전년 동기", "2025-02", "2025-02"), ("작년 이맘때", "2025-02", "2025-02"),
    # English
    ("last month", "2026-01", "2026-01"), ("last quarter", "2025-10", "2025-12"), ("this quarter", "2026-01", "2026-03"),
    ("this year", "2026-01", "2026-02"), ("last year", "2025-01", "2025-12"), ("year to date", "2026-01", "2026-02"),
    ("Q4 2025", "2025-10", "2025-12"), ("December 2025", "2025-12", "2025-12"),
    # days and weeks (Sunday the 15th: this week is 9~15, last week 2~8, the one before 1/26~2/1)
    ("지난주", "2026-02", "2026-02"), ("이번 주", "2026-02", "2026-02"), ("어제", "2026-02", "2026-02"),
    ("그제", "2026-02", "2026-02"), ("5일 전", "2026-02", "2026-02"), ("지지난주", "2026-01", "2026-02"),
]


@pytest.mark.parametrize("phrase,start,end", DEC_TABLE)
def test_phrases_in_december(phrase, start, end):
    assert months(parse_period(phrase, DEC)) == (start, end)


@pytest.mark.parametrize("phrase,start,end", FEB_TABLE)
def test_phrases_in_february(phrase, start, end):
    assert months(parse_period(phrase, FEB)) == (start, end)


def test_tables_are_large_and_distinct():
    assert len(DEC_TABLE) + len(FEB_TABLE) >= 100
    assert len({p for p, *_ in DEC_TABLE}) == len(DEC_TABLE) and len({p for p, *_ in FEB_TABLE}) == len(FEB_TABLE)


def test_labels_are_korean_and_explicit():
    assert parse_period("지지난달", DEC).label == "지지난달(2026년 10월)"
    assert parse_period("3~5월", FEB).label == "2025년 3월~5월"
    assert parse_period("25년 3월", DEC).label == "2025년 3월"
    assert parse_period("올해 1분기부터 3분기까지", DEC).label == "2026년 1분기~3분기"
    assert parse_period("작년 10월부터 올해 2월까지", DEC).label == "2025년 10월~2026년 2월"
    assert parse_period("저번 분기", DEC).label == "지난 분기(2026년 3분기)"
    assert parse_period("최근 6개월", DEC).label == "최근 6개월(2026년 6월~11월)"
    assert parse_period("작년 같은 기간", DEC, reference="이번 분기").label == "전년 동기(2025년 4분기)"


# --- comparisons ------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["작년 같은 기간", "전년 동기", "작년 이맘때", "작년 동월", "same period last year"])
def test_comparison_shifts_the_reference_back_a_year(phrase):
    assert months(parse_period(phrase, DEC, reference="이번 분기")) == ("2025-10", "2025-12")
    assert months(parse_period(phrase, DEC, reference="지난달")) == ("2025-11", "2025-11")
    assert months(parse_period(phrase, DEC, reference=quarter(2026, 3))) == ("2025-07", "2025-09")
    assert months(parse_period(phrase, DEC, reference="3월부터 5월까지")) == ("2025-03", "2025-05")


def test_comparison_without_reference_uses_the_default():
    assert months(parse_period("작년 같은 기간", DEC)) == ("2025-12", "2025-12")
    assert months(parse_period("작년 같은 기간", DEC, default="이번 분기")) == ("2025-10", "2025-12")
    assert months(parse_period("전년 동기", DEC, default="최근 6개월")) == ("2025-06", "2025-11")


@pytest.mark.parametrize("phrase", ["이번 분기 작년 같은 기간", "작년 같은 기간 이번 분기", "이번 분기 전년 동기"])
def test_comparison_carrying_its_own_period(phrase):
    period = parse_period(phrase, DEC, reference="지난달")  # the named period wins over the reference
    assert months(period) == ("2025-10", "2025-12") and period.label == "전년 동기(2025년 4분기)"


# --- finer than a month ---------------------------------------------------------------------------

def test_sub_month_phrases_explain_the_monthly_grain():
    week = parse_period("지난주", DEC)
    assert week.note == "매출은 월 단위로 집계됩니다. '지난주'가 속한 2026년 11월 실적을 보여드립니다."
    assert week.label == "지난주(2026년 11월)"
    spanning = parse_period("이번 주", DEC)  # Mon 11/30 ~ Tue 12/1
    assert "2026년 11월~12월" in spanning.note and "'이번 주'가 걸친" in spanning.note
    assert parse_period("오늘", DEC).note.startswith("매출은 월 단위로 집계됩니다. '오늘'이 속한 2026년 12월")
    assert parse_period("yesterday", DEC).note and parse_period("3일 전", DEC).note
    assert parse_period("지난달", DEC).note == "" and parse_period("3분기", DEC).note == ""
    assert parse_period("지난주", DEC).to_json()["note"] == week.note and "note" not in parse_period("지난달", DEC).to_json()


# --- refusals -------------------------------------------------------------------------------------

@pytest.mark.parametrize("today,phrase", [
    (DEC, "내년"), (DEC, "2027년 3월"), (DEC, "다음 달"), (DEC, "다음 분기"), (DEC, "내년 1분기"),
    (DEC, "다음 3개월"), (DEC, "next month"), (DEC, "2027"),
    (FEB, "올해 하반기"), (FEB, "2026년 3월"), (FEB, "올해 4분기"), (FEB, "next quarter"),
])
def test_future_periods_are_refused_with_a_forecast_hint(today, phrase):
    with pytest.raises(ToolInputError) as info:
        parse_period(phrase, today)
    message = str(info.value)
    assert "아직 오지 않은" in message and "까지만" in message and "다음 3개월 매출 예측" in message


def test_periods_reaching_into_the_running_quarter_are_fine():
    assert months(parse_period("이번 분기", FEB)) == ("2026-01", "2026-03")
    assert months(parse_period("올해 1분기부터 3분기까지", FEB)) == ("2026-01", "2026-09")


@pytest.mark.parametrize("phrase,hint", [
    ("언젠가", "이해하지 못했습니다"), ("상위 5개", "이해하지 못했습니다"), ("10mg", "이해하지 못했습니다"),
    ("top 3", "이해하지 못했습니다"), ("13월", "1~12월"), ("5분기", "1~4분기"), ("최근 100개월", "1~60개월"),
    ("2025-06~2025-01", "끝이 시작보다"), ("어제의 그저께", "여러 개"), ("지난달 3분기", "여러 개"),
])
def test_bad_phrases_raise_korean_errors(phrase, hint):
    with pytest.raises(ToolInputError, match=hint) as info:
        parse_period(phrase, DEC)
    assert any("가" <= ch <= "힣" for ch in str(info.value))


# --- the same grammar inside a sentence -----------------------------------------------------------

SENTENCES = [
    ("지난달 서울 지역 제품별 실적 보여줘", "지난달"),
    ("올해 1분기부터 3분기까지 달성률", "올해 1분기부터 3분기까지"),
    ("3월부터 5월까지 부산 매출 추이", "3월부터 5월까지"),
    ("25년 상반기 로수빛 실적", "25년 상반기"),
    ("지지난달 대비 얼마나 늘었어?", "지지난달"),
    ("최근 6개월 추이 차트 그려줘", "최근 6개월"),
    ("2025-01~2025-06 매출 엑셀로 줘", "2025-01~2025-06"),
    ("Show me sales for Q3 2025", "Q3 2025"),
    ("what were sales last month?", "last month"),
    ("저번 분기 이탈 거래처 알려줘", "저번 분기"),
    ("작년 10월부터 올해 2월까지 서울1팀 실적", "작년 10월부터 올해 2월까지"),
    ("지난주 매출 어땠어?", "지난주"),
    ("전년 동기 대비 성장률 알려줘", "전년 동기"),
    ("이번 달 상위 10개 병원", "이번 달"),
    ("상위 5개 제품 3분기 실적", "3분기"),
    ("2025년 3월부터 지금까지 팀별 매출", "2025년 3월부터 지금까지"),
    ("3~5월 로수빛 처방 추이", "3~5월"),
    ("재작년 하반기랑 비교해줘", "재작년 하반기"),
    ("연초부터 지금까지 팀별 달성률", "연초부터 지금까지"),
    ("24년 4분기 매출 top 5", "24년 4분기"),
    ("매출 예측 다음 3개월", "다음 3개월"),
    ("올 상반기 신규 거래처", "올 상반기"),
    ("YTD 달성률 알려줘", "YTD"),
    ("5월 10mg 처방량", "5월"),
    ("H1 2025 sales by region", "H1 2025"),
    ("그럼 작년 같은 기간은?", "작년 같은 기간"),
    ("지난 분기 작년 같은 기간이랑 비교", "지난 분기 작년 같은 기간"),
    ("from March to May please", "March to May"),
    ("'25년 로수빛 매출", "'25년"),
]


@pytest.mark.parametrize("sentence,phrase", SENTENCES)
def test_extract_period_from_sentences(sentence, phrase):
    assert extract_period(sentence) == phrase


@pytest.mark.parametrize("sentence", ["상위 5개 거래처 보여줘", "로수빛 10mg 매출", "top 3 products",
                                      "10년 이상 거래한 병원 목록", "이번 주문 현황", "안녕하세요", ""])
def test_extract_period_finds_nothing_where_there_is_none(sentence):
    assert extract_period(sentence) is None


def test_extracted_phrases_resolve_like_the_sentence_meant():
    found = extract_period("작년 같은 기간이랑 비교하면 이번 분기 어때?")
    assert months(parse_period(found, DEC)) == ("2025-10", "2025-12")
    assert months(parse_period(extract_period("올해 1분기부터 3분기까지 달성률"), DEC)) == ("2026-01", "2026-09")
    assert months(parse_period(extract_period("지난달 서울 지역 제품별 실적 보여줘"), DEC)) == ("2026-11", "2026-11")
    assert len(SENTENCES) >= 25


def test_a_forecast_may_ask_for_a_period_to_come():
    assert months(parse_period("다음 분기", DEC, allow_future=True)) == ("2027-01", "2027-03")
    assert months(parse_period("내년 상반기", DEC, allow_future=True)) == ("2027-01", "2027-06")


def test_a_quoted_month_is_not_a_two_digit_year():
    assert extract_period("'11월 학회' 위키 페이지 만들어") == "11월"
