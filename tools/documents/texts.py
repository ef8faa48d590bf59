"""Korean texts of the monthly report, official letter, quotation and PDF output (issue 14).
Messages that take values are format strings; callers fill them with str.format."""

from __future__ import annotations

# --- templates ---------------------------------------------------------------------------
TEMPLATE_GRID_MISSING = ("문서 템플릿 '{template}'의 표 '{grid}'에 채울 데이터가 없습니다. "
                         "사용할 수 있는 표: {available}")
TEMPLATE_COLUMN_MISSING = ("문서 템플릿 '{template}'의 표 '{grid}'에 없는 열 {keys}이(가) 있습니다. "
                           "템플릿에서 key를 고치거나 지워 주세요. 사용할 수 있는 열: {available}")
TEMPLATE_IMAGE_MISSING = ("문서 템플릿 '{template}'의 그림 '{image}'을(를) 만들 수 없습니다. "
                          "사용할 수 있는 그림: {available}")
TEMPLATE_BAD_COLUMNS = "문서 템플릿 '{template}'의 표 '{grid}'에 columns 목록(key, label)이 필요합니다."
CHART_UNAVAILABLE = "(차트를 그리지 못했습니다: {reason})"

# --- monthly report ----------------------------------------------------------------------
MONTHLY_ONE_MONTH = ("월간 실적 보고서는 한 달 단위로 만듭니다. '{label}'은(는) {months}개월입니다. "
                     "예: '지난달', '2026년 10월'")
MONTHLY_NO_DATA = ("{label}에는 {whose} 매출·목표 데이터가 없습니다. 실적이 있는 기간: {first}~{last}. "
                   "다른 달을 말씀해 주세요. 예: '지난달 월간 실적 보고서'")
MONTHLY_NO_DATA_AT_ALL = "{whose} 매출·목표 데이터가 아직 없습니다. 실적이 적재된 뒤 다시 요청해 주세요."
MONTHLY_PARTIAL = "{month}월은 진행 중이라 {day}일까지의 실적(MTD)입니다. 전월·전년 대비는 계산하지 않습니다."
MONTHLY_PLAN_SUGGESTED = "(자동 제안 — 다음 달 계획을 메모로 알려 주시면 그대로 넣습니다)"
MONTHLY_PLAN_UNDER = "- {product}: 달성률 {achievement}로 목표 미달 — 주요 거래처 디테일링 강화"
MONTHLY_PLAN_DECLINE = "- {account}: 전월 대비 {change} — 방문해 원인 확인"
MONTHLY_PLAN_KEEP = "- 목표 달성 제품의 처방 유지, 거래처 방문 주기 점검"
MONTHLY_NO_ACCOUNTS = "실적이 있는 거래처가 없습니다."
MONTHLY_SUMMARY = ("**{whose} {label} 월간 실적 보고서**(v{version})를 만들었습니다. 매출 {amount}, 목표 {target}, "
                   "달성률 {achievement}, 전월 대비 {mom}, 전년 동월 대비 {yoy}.")

# --- quotation -----------------------------------------------------------------------------
QUOTE_NO_ITEMS = ("견적할 제품과 수량을 알려 주세요. 예: '로수빛정 100박스, 한빛암로정 50박스'")
QUOTE_NO_QUANTITY = ("'{item}'의 수량을 알려 주세요. 예: '{item} 100박스'. 입력하신 품목: {items}")
QUOTE_BAD_QUANTITY = "'{item}'의 수량은 1~{max:,}박스로 적어 주세요. 입력하신 품목: {items}"
QUOTE_UNKNOWN_PRODUCT = ("견적 품목 '{item}': {reason} 제품명만 고쳐 다시 요청해 주세요. "
                         "입력하신 품목(그대로 다시 쓰실 수 있습니다): {items}")
QUOTE_TOO_MANY = "견적 품목은 한 번에 {max}개까지 넣을 수 있습니다. 입력하신 품목: {items}"
QUOTE_SUMMARY = ("**{account}** 견적서(v{version}, {number})를 만들었습니다. 공급가액 {supply}, 부가세 {vat}, "
                 "합계 {total}. 유효기간 {valid_until}까지.")

# --- official letter -----------------------------------------------------------------------
LETTER_EMPTY_BODY = ("공문 본문이 비어 있습니다. 전달할 내용을 적어 주세요. "
                     "예: '로수빛정 10mg 포장 단위 변경을 안내드립니다. 변경일: 2027-01-01'")
LETTER_SUMMARY = "**{account}** 앞 공문(v{version}, 문서번호 {number})을 만들었습니다. 제목: {subject}"
LETTER_KEEP_TEXT = " 작성하신 본문: «{body}»"

# --- common ----------------------------------------------------------------------------------
BAD_DATE = ("{what} '{value}'을(를) 읽지 못했습니다. 'YYYY-MM-DD', '12월 10일', '다음주 화요일', '오늘'·'어제'처럼 "
            "적어 주세요. 예: '2026-12-01'")
NO_SUCH_DATE = "'{value}'은(는) 없는 날짜입니다. 예: '2026-12-01'"
FILES_ATTACHED = "파일: {names}"
PDF_FONT_MISSING = ("PDF용 한글 글꼴(NanumGothic)을 찾지 못했습니다. koreanize-matplotlib 패키지가 설치되어 있는지 "
                    "확인해 주세요(.docx 파일은 정상입니다).")
