"""Generate `train_generated.jsonl`: labelled utterances for the offline router's intent
classifier, from templates × slot values × styles (see LABELLING.md for the labelling rules).

Deterministic (seeded): `python agent/router/data/generate.py` rewrites the file byte for byte
the same. Names come from the demo vocabulary (products, accounts, teams, reps, regions, …);
periods in many phrasings; styles: casual/polite endings, typos (adjacent character swaps,
vowel/final-consonant jamo slips, dropped spaces), English and mixed Korean/English.

The held-out files are never read for content; only duplicates of their lines (exact, or the
same line styled: a style prefix or suffix, other spacing or case) are dropped, so a held-out
question can never be a training line.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "train_generated.jsonl"
SEED = 20261201
PER_INTENT = 90          # utterances per intent (fewer when the templates cannot make that many)
TYPO_RATE = 0.15
NOSPACE_RATE = 0.07
TEMPLATE_EXTRA = 10     # an intent with more templates than PER_INTENT: each once, plus this many styled lines

PRODUCTS = ["로수빛", "로수빛정", "발사렉스", "텔미한", "텔미한정", "올메빛", "한빛암로", "아토르빛",
            "에제로수", "메트빛", "시타글빛", "다파빛", "다파빛정"]
ACCOUNTS = ["중앙대학교병원", "한울대학교병원", "청운대학교병원", "금강대학교병원", "누리대학교병원",
            "대한대학교병원", "365내과의원", "가족내과의원", "강남우리약국", "강남온누리약국", "계림대학교병원"]
TEAMS = ["서울1팀", "서울2팀", "경기남부팀", "경기북부·인천팀", "부산·경남팀", "대구·경북팀", "광주·전라팀",
         "대전·충청·강원팀"]
REPS = ["강채원", "고지유", "권민서", "김건우", "박서윤", "이현준", "최동현", "윤하준", "정지우", "조수빈"]
REGIONS = ["서울", "부산", "대구", "인천", "광주", "대전", "경기", "경남", "충북", "제주"]
ATYPES = ["상급종합병원", "종합병원", "의원", "약국", "도매상", "대학병원", "로컬", "개원가", "종병"]
AREAS = ["고혈압", "당뇨병", "이상지질혈증", "천식·COPD", "골다공증", "위염", "치매", "항생제"]
PERIODS = ["이번 달", "이번달", "지난달", "저번달", "저번 달", "전월", "이번 분기", "지난 분기", "3분기",
           "2분기", "올해", "작년", "상반기", "하반기", "최근 3개월", "최근 6개월", "최근 12개월", "10월",
           "9월", "2026년 8월", "올해 누적", "연초부터 지금까지", "금년", "전년도", "지난 3개월"]
PERIODS_EN = ["last month", "this month", "this quarter", "last quarter", "this year", "ytd", "q3",
              "the last 6 months", "2025"]
DIMS = ["제품별", "거래처별", "담당자별", "팀별", "지역별", "월별", "채널별", "유형별", "치료영역별", "품목별",
        "병원별", "사원별", "팀원별"]
DIMS_EN = ["by product", "by account", "by rep", "by team", "by region", "by month", "by channel"]
NS = ["3", "5", "10", "20", "세", "다섯", "열"]
PAGES = ["신입 온보딩", "방문 일정 잡기", "팀 규칙", "학회 준비", "경비 정산 방법", "분기 목표", "보안 수칙",
         "회의록 양식", "제품 교육 자료", "주차 안내"]
TOPICS = ["약가 인하", "급여 기준", "리베이트 제재", "식약처 허가", "공급 중단", "경쟁사 신제품", "당뇨 시장",
          "고지혈증 치료제", "제네릭 출시", "건강보험 재정"]
CITIES = ["서울", "부산", "제주", "강릉", "대전", "뉴욕", "도쿄"]
FOODS = ["짜장면", "김치찌개", "초밥", "삼겹살", "파스타", "라멘", "떡볶이", "햄버거", "쌀국수"]
STOCKS = ["삼성전자", "SK하이닉스", "카카오", "네이버", "애플", "엔비디아", "테슬라", "현대차", "구글", "마이크로소프트",
          "LG전자", "아마존"]
CODE = ["파이썬", "자바", "자바스크립트", "SQL", "엑셀 매크로", "C++", "리액트", "정규식"]

KO_END = ["", " 보여줘", " 알려줘", " 좀 보여줘", " 알려주세요", " 보여주세요", " 부탁해", " 부탁드려요",
          " 줘", " 좀", "?", " 알려줄래?", " 볼 수 있어?", " 보여줘요", " 뽑아줘", " 확인해줘", " 알려줘요",
          " 좀 알려줘", " 보여줄래", " 정리해줘", " 주세요", " 어때?", " 궁금해", " ㄱㄱ", "요"]

# intent → templates. Placeholders: {p} period, {pe} English period, {prod} {acc} {team} {rep}
# {reg} {atype} {area} {dim} {dime} {n} {page} {topic} {e} ending, {num} a small number.
T: dict[str, list[str]] = {
    "sales_report": [
        "{p} {dim} 실적{e}", "{p} {dim} 매출{e}", "{p} 매출 얼마야", "{p} 실적 어떻게 돼", "{prod} {p} 매출{e}",
        "{team} {p} 실적{e}", "{rep} {p} 실적{e}", "{reg} 지역 {p} 매출{e}", "{atype} {p} 실적{e}",
        "{area} {p} 매출{e}", "{p} 달성률{e}", "{p} 목표 대비 실적{e}", "{p} 달성률 몇 프로야",
        "{p} 상위 {n}개 거래처{e}", "{p} 매출 상위 {n}개 제품{e}", "{p} 하위 {n}개 제품{e}",
        "{p} 매출 제일 낮은 거래처 {n}곳{e}", "{p} {dim} 매출 순위{e}", "{p} 전년 대비 성장률{e}",
        "{p} 전월 대비 매출 증감{e}", "{prod} 작년 같은 기간 대비 매출", "{p} 원내 원외 채널별 매출{e}",
        "원내 원외 나눠서 {p} 실적{e}", "{p} 원외 처방 실적{e}", "{p} 누적 실적 요약{e}",
        "{p} 실적 리포트{e}", "{p} 수량이랑 금액{e}", "{acc} {p} 매출{e}", "{p} 팀원별 달성률{e}",
        "{p} 달성률 낮은 담당자 {n}명{e}", "{p} 거래처 순위 좀", "{p} 거래처 순위{e}", "{p} 상위 {n}개 병원{e}",
        "{p} 품목별로 쫙 뽑아줘", "{p} 제품별로 쫙{e}", "{p} 숫자 좀 뽑아줘", "그 병원 {p} 매출은?", "거기 {p} 실적은?", "그 거래처 매출{e}", "그 병원 매출 얼마야",
        "my numbers for {pe}", "team performance {pe}", "team performance {pe} pls", "{p} 매출 늘었어 줄었어?",
        "{p} 전월보다 늘었어 줄었어", "{area} 쪽 실적{e}", "{area} 쪽 매출{e}", "{p} 가장 안 팔린 제품{e}",
        "가장 적게 팔린 품목 {n}개{e}", "{p} 제일 안 나간 제품{e}",
        "my numbers {pe} please", "{pe} numbers please", "give me my {pe} figures", "{acc} 최근 매출{e}",
        "{p} 목표 달성 못 한 팀원{e}", "{p} 실적 숫자로{e}", "{p} 매출 표로{e}", "{p} {dim} 실적 표로 정리해줘",
        "차트 말고 표로 {p} {dim} 매출{e}", "그래프 말고 숫자로 {p} 실적{e}", "예측 말고 {p} 실제 실적{e}",
        "예측하지 말고 {p} 실제 숫자만{e}", "엑셀 말고 그냥 {p} 실적{e}", "파일 말고 여기에 {p} 매출{e}",
        "차트는 필요 없고 {p} {dim} 매출만", "그래프 없이 {p} 실적 숫자만", "{p}이랑 {p} 매출 비교{e}",
        "{p} 월별 매출 숫자{e}", "{team} 팀원별 {p} 매출 순위", "{p} 내 실적", "{p} 우리팀 실적{e}",
        "{p} 전사 {dim} 매출{e}", "매출 실적{e}", "실적 조회", "{prod} 몇 개 팔렸어 {p}",
        "sales {dime} {pe}", "show my sales {pe}", "{pe} revenue {dime}", "what were my sales {pe}",
        "top {n} accounts {pe}", "achievement rate {pe}", "{pe} {prod} sales", "how much did we sell {pe}",
        "{pe} 실적 보여줘", "{p} sales {dime}", "yoy growth {dime}", "{team} sales {pe}",
        "{p} 수량으로 보여줘", "수량으로 다시 보여줘", "금액 말고 수량으로{e}", "수량 기준으로 {p} 실적{e}",
        "{prod} 판매 수량{e}", "{p} 몇 박스 팔았어", "박스 수로 보여줘", "{p} {dim} 판매 수량{e}",
        "units sold {pe}", "show quantities instead of amounts", "{p} {dim} 목표 달성 현황{e}",
        "{dim} 목표 달성 현황 표로{e}", "{p} 누적 매출 요약{e}",
    ],
    "sales_standing": [
        "{p} 목표 못 채운 제품{e}", "{p} 목표 못 채운 제품 {n}개", "목표 미달인 제품 {n}개{e}", "{p} 목표 미달 품목{e}",
        "{p} 목표 안 된 제품{e}", "{p} 목표 밑도는 제품 뭐야", "목표 대비 부족한 제품{e}", "{p} 목표 달성 못 한 제품{e}",
        "우리 팀에서 나 몇 등이야", "팀에서 내 순위{e}", "{p} 팀 내 내 순위{e}", "{p} 나 팀에서 몇 위야",
        "{p} 내 등수{e}", "내 매출 순위 팀에서 어느 정도야", "{p} 팀 평균 대비 내 달성률{e}", "팀 평균이랑 내 실적 비교{e}",
        "{p} 팀 평균보다 내가 높아?", "{p} 내가 팀 평균 이상이야?", "팀원들 평균 대비 나{e}", "{p} 나 팀에서 잘하고 있는 편이야?",
        "{team}에서 우리 팀 순위", "{p} 우리 팀 전사 순위{e}", "{p} 팀 순위{e}", "{p} 팀원 순위{e}", "{p} 팀원들 등수{e}",
        "{p} 전사에서 우리 팀 몇 등", "순위 말해줘 팀 안에서", "팀 평균 달성률이랑 비교{e}",
        "{p} 기준으로 팀 순위 매겨줘", "{p} 기준 팀 순위{e}", "{p} 기준으로 팀원 순위{e}", "팀 순위 매겨줘 {p} 기준으로",
        "{p} 기준 내 순위 어떻게 돼",
        "my rank in the team {pe}", "how do i rank in my team {pe}", "am i above the team average", "products below target {pe}",
        "which products missed target {pe}", "where do i stand in my team", "team average vs me {pe}",
    ],
    "sales_chart": [
        "{p} 매출 추이 차트{e}", "{p} 실적 그래프{e}", "{p} 월별 매출 그래프로{e}", "{p} 달성률 차트{e}",
        "{p} 월별 달성률 추이{e}", "월별 달성률 추이 그래프{e}", "{p} 팀원별 달성률 차트{e}", "팀원별 달성률 막대그래프{e}",
        "{p} 제품 믹스 차트{e}", "제품 비중 그래프{e}", "{p} 지역별 비교 차트{e}", "{p} 지역 비교 그래프{e}",
        "{team} {p} 매출 추이 그래프{e}", "{prod} {p} 추이 차트{e}", "{p} 실적 시각화{e}", "{p} 매출 시각화해줘",
        "{p} 실적 차트로 그려줘", "목표선 넣어서 {p} 매출 그래프", "{p} 막대그래프로 달성률", "{p} 추세선 그려줘",
        "표 말고 차트로 {p} 실적{e}", "숫자 말고 그래프로 {p} 매출{e}", "엑셀 말고 그래프로 {p} 추이",
        "{p}이랑 {p} 나란히 막대 차트로 비교", "{p} 팀별 달성률 그래프{e}", "{p} 원외 매출 추이 차트",
        "{p} 그래프 그려줘", "{p} 차트 그려줘", "매출 추이 보여줘 그래프로", "{p} 흐름 그래프로 보고 싶어",
        "{p} 매출 추이 챠트{e}", "{prod} {p} 매출 추이 챠트", "{p} 실적 챠트로{e}", "{prod} 추이 챠트{e}",
        "{p} sales chart", "plot sales {pe}", "sales trend chart {pe}", "{pe} achievement chart",
        "상위 {n}개 거래처 차트{e}",
        "{p} 거래처 순위 그래프{e}", "{p} 하위 {n}개 제품 막대그래프", "top {n} accounts chart {pe}",
        "graph of revenue {dime}", "{pe} product mix chart", "{p} chart {dime}", "{p} 매출 plot",
    ],
    "sales_export": [
        "{p} 실적 엑셀로{e}", "{p} {dim} 매출 엑셀 파일{e}", "{p} 실적 xlsx로 뽑아줘", "{p} 매출 엑셀 다운로드",
        "엑셀로 {p} {dim} 실적 내보내줘", "{team} {p} 실적 엑셀{e}", "{p} 매출 스프레드시트로{e}",
        "{p} 실적 파일로 받고 싶어", "{p} 매출 엑셀 export", "엑셀 파일로 {p} 실적 줘", "{p} 실적 다운받게 해줘",
        "표 말고 엑셀로 {p} 매출{e}", "차트 말고 엑셀 파일로 {p} 실적", "{p} 거래처별 매출 엑셀로 정리",
        "{p} 실적 엑셀 시트로 만들어줘", "{p} 매출 excel{e}", "export {pe} sales to excel",
        "download {pe} sales {dime} as xlsx", "{pe} sales excel file", "excel export of my sales {pe}",
    ],
    "sales_account_changes": [
        "{p} 신규 처방처{e}", "{p} 새로 처방 시작한 곳{e}", "{p} 신규 거래처 몇 곳이야", "{p} 이탈 거래처{e}",
        "{p} 처방 끊긴 곳{e}", "{p} 거래 끊긴 병원{e}", "{p} 빠진 거래처 목록{e}", "{p} 새로 뚫은 병원{e}",
        "{team} {p} 신규 처방처{e}", "{reg} {p} 새로 들어온 거래처{e}", "{prod} {p} 신규 처방 병원{e}",
        "{p} 처방 중단한 거래처 리스트", "{p} 신규 처방 시작 거래처 금액", "{p} 잃어버린 거래처{e}",
        "{p} 거래 재개 말고 신규만{e}", "{p} 새 거래처 생겼어?", "{p} 이탈한 곳 있어?",
        "new accounts {pe}", "lost accounts {pe}", "which accounts stopped prescribing {pe}",
        "new prescribers {pe}", "{pe} 신규 처방처",
    ],
    "client_grades": [
        "내 거래처 등급{e}", "{acc} 등급{e}", "{acc} 몇 등급이야", "A등급 거래처{e}", "B등급 병원 목록{e}",
        "C등급 거래처 어디야", "D등급 거래처 있어?", "{team} 거래처 등급 분포{e}", "{rep} 거래처 등급{e}",
        "거래처 등급표{e}", "{acc} 등급 근거{e}", "등급 왜 그렇게 나왔는지 {acc}", "거래처 등급 매겨줘",
        "우리 팀 A등급 몇 곳이야", "등급 높은 거래처{e}", "이탈 위험 말고 등급만{e}", "거래처 등급 분류{e}",
        "client grades", "what grade is {acc}", "list my A grade accounts", "{acc} grade", "account tiers for my team",
    ],
    "client_churn_risk": [
        "이탈 위험 높은 거래처{e}", "이탈 위험 top {n}{e}", "거래 끊길 것 같은 병원{e}", "{acc} 이탈 위험{e}",
        "{acc} 이탈 가능성 얼마야", "{team} 이탈 위험 거래처{e}", "{rep} 담당 이탈 위험{e}", "떠날 것 같은 거래처 있어?",
        "처방 줄어서 이탈할 것 같은 곳{e}", "이탈 위험 요인{e}", "이탈 확률 높은 병원 {n}곳", "놓칠 것 같은 거래처{e}",
        "이탈 예상 거래처 목록{e}", "등급 말고 이탈 위험{e}", "위험한 거래처 알려줘", "이탈위험 분석{e}",
        "churn risk accounts", "accounts likely to churn", "which accounts might leave", "{acc} churn risk",
        "top {n} churn risk", "at-risk accounts for my team",
        "which {acce} of mine are likely to leave", "{acce} likely to drop off", "which {acce} might drop off",
        "{acce} at risk of dropping off", "any {acce} about to stop prescribing", "who might stop ordering from me",
        "떨어져 나갈 것 같은 거래처{e}", "{team}에서 떨어져 나갈 위험 큰 곳", "발길 끊을 것 같은 병원{e}",
        "거래 끊길 위험 큰 곳{e}", "우리 팀 이탈 조짐 있는 곳{e}",
    ],
    "client_visit_priorities": [
        "방문 우선순위{e}", "이번 주 어디부터 방문할까", "오늘 어디 먼저 가야 해", "내일 방문할 곳 추천{e}",
        "{rep} 방문 우선순위{e}", "방문 순서 정해줘", "방문 계획 우선순위대로 짜줘", "먼저 가야 할 거래처 {n}곳",
        "오래 못 간 거래처 중에 어디 먼저", "이번 주 방문 리스트 추천{e}", "방문할 병원 순서{e}", "우선 방문 거래처{e}",
        "다음 주 방문 일정 추천{e}", "어디 돌아야 할지 알려줘", "방문 우선순위 top {n}", "{rep} 이번 주 방문할 곳",
        "where should i go tomorrow", "which accounts should i go to today", "내일 어느 거래처 가야 돼",
        "내일 어디 방문하지", "오늘 어느 병원 가면 좋을까", "visit priorities", "where should i visit first", "which accounts to visit this week", "visit plan for {rep}",
        "prioritize my visits", "top {n} accounts to visit",
        "오래 못 간 거래처{e}", "한동안 못 간 중요한 거래처{e}", "방문 뜸한 주요 거래처{e}", "오래 방문 안 한 큰 병원{e}",
        "못 간 지 오래된 곳 중 중요한 데", "방문 공백 긴 거래처{e}", "최근에 안 간 거래처 중 중요한 곳{e}",
        "오래 못 챙긴 거래처{e}", "accounts i haven't visited in a while", "important accounts i haven't seen lately",
    ],
    "client_profile": [
        "{acc} 정보{e}", "{acc} 거래처 카드{e}", "{acc} 프로필{e}", "{acc} 어떤 곳이야", "{acc} 요약{e}",
        "{acc} 상세 정보{e}", "{acc}에 대해 알려줘", "{acc} 주요 제품이랑 최근 방문", "{acc} 카드 보여줘",
        "{acc} 거래처 정보 조회", "{acc} 기본 정보{e}", "{acc} 개요{e}",
        "{acc} 최근 방문{e}", "{acc} 최근 방문 기록{e}", "{acc} 언제 마지막으로 방문했지", "{acc} 최근 방문 언제야",
        "tell me about {acc}", "{acc} profile", "info on {acc}", "account card for {acc}",
        "what do you know about {acc}", "give me an overview of {acc}", "what is {acc} like", "summary of {acc}",
    ],
    "forecast_sales": [
        "다음 달 매출 예측{e}", "향후 {num}개월 매출 전망{e}", "{prod} 앞으로 {num}개월 예측{e}", "{team} 매출 예측{e}",
        "{rep} 향후 매출 예상{e}", "다음 분기 매출 예상{e}", "앞으로 매출 어떻게 될까", "{acc} 매출 전망{e}",
        "내년 초까지 매출 예측{e}", "{prod} 다음 달 얼마나 팔릴까", "전사 매출 {num}개월 예측", "매출 예측해줘",
        "담달 예상 매출{e}", "향후 매출 추정{e}", "실적 말고 앞으로 예상 매출{e}", "예상 매출 전망치{e}",
        "우리 팀 매출 전망{e}", "{prod} 수요 예측{e}", "다음 {num}개월 예상 실적",
        "forecast my sales", "sales forecast next {num} months", "predict {prod} sales", "forecast for {team}",
        "next quarter revenue forecast",
    ],
    "forecast_target_gap": [
        "{p} 목표 달성 가능할까", "이대로면 {p} 목표 채울 수 있어?", "{p} 예상 달성률{e}", "{p} 목표까지 얼마나 남았어",
        "연말까지 목표 달성 가능성{e}", "{team} {p} 목표 달성 전망{e}", "{rep} {p} 예상 달성률{e}",
        "{p} 목표 미달 예상액{e}", "{p} 목표 달성 각이야?", "이번 분기 목표 채울 수 있을지", "{p} 목표 부족분 전망",
        "남은 기간 예측해서 {p} 달성률{e}", "{p} 목표 달성 전망{e}", "올해 목표 가능해?",
        "am i on track for my target", "will i hit my target {pe}", "projected achievement {pe}",
        "target gap forecast", "will {team} hit its target",
        "이 추세면 {p} 달성률 몇 나와", "이 페이스면 목표 채워?", "지금 추세로 가면 달성률{e}", "이대로 가면 몇 프로 나와",
    ],
    "forecast_recommendations": [
        "목표 채우려면 뭐 해야 해", "실적 올리려면 어디에 집중할까", "실적 개선 방안{e}", "실적 개선 제안{e}",
        "부족분 메우려면 뭘 해야 해", "{rep} 실적 개선 제안{e}", "목표 달성 전략 추천{e}", "갭 줄이는 방법{e}",
        "어떤 제품 밀어야 목표 채울까", "실적 끌어올릴 방법{e}", "목표 못 채울 것 같은데 뭐부터 해야 돼",
        "부진 제품이랑 방문할 곳 연결해서 추천{e}", "목표 달성하려면 어떻게 해", "개선 포인트 알려줘",
        "실적 회복 방안{e}", "{rep} 실적 올릴 전략{e}",
        "how can i close my gap", "recommendations to hit my target", "how to improve my sales",
        "what should i focus on to reach target",
        "모자란 매출 어떻게 채우지", "갭 어떻게 메우지", "부족한 실적 어떻게 메꿔", "what should i push {pe}",
        "which products should i push", "what to focus on next month",
    ],
    "anomaly_detect": [
        "{p} 이상치 찾아줘", "{p} 매출 급감한 곳{e}", "{p} 갑자기 튄 거래처{e}", "{p} 급증 급감 점검{e}",
        "{p} 이상 패턴{e}", "매출 갑자기 떨어진 곳 있어?", "{team} {p} 매출 급변 거래처{e}", "{prod} 이상 징후{e}",
        "{p} 이상 탐지{e}", "이상하게 떨어진 제품 있나", "{p} 실적 이상한 담당자{e}", "{p} 비정상 매출{e}",
        "{p} 튀는 데이터{e}", "{acc} 매출 이상 있어?", "{p} 급락한 병원{e}",
        "any anomalies {pe}", "unusual drops {pe}", "sales spikes {pe}", "anomaly detection for {team}",
        "{p}에 왜 매출이 빠졌지", "{p} 매출 왜 떨어졌어", "{p}에 왜 이렇게 줄었어", "{p} 매출 하락 원인{e}",
        "{p}에 왜 갑자기 늘었지", "{prod} 매출 왜 줄었어", "{acc} 매출 왜 빠졌어", "{p} 실적 떨어진 이유{e}",
        "{p} 급락 원인 분석{e}", "왜 {p}에 매출이 튀었지", "why did sales drop {pe}", "why did my sales fall {pe}",
        "what caused the drop {pe}", "why is {prod} down",
    ],
    "search_documents": [
        "{prod} 부작용{e}", "{prod} 용법용량{e}", "{prod} 금기{e}", "{prod} 복용법{e}", "{prod} 상호작용 자료{e}",
        "{prod} 임부 투여 가능해?", "견본품은 몇 개까지 돼?", "what are the contraindications of {prod}", "side effects of {prod}",
        "dosage of {prod}", "is {prod} safe in pregnancy", "홍보물에 최고라고 써도 돼?", "광고에 유일한이라는 표현 써도 되나",
        "브로셔에 완치라고 적어도 돼?", "광고 문구에 써도 되는 표현 규정{e}", "제품 홍보에 1등이라고 해도 돼?", "기념품은 얼마까지 줄 수 있어?", "판촉물 한도 얼마까지야",
        "{prod} 하루 최대 몇 정까지 먹어?", "학회 지원은 어디까지 가능해?", "강의료 얼마까지 줄 수 있어?", "{prod} 보관 방법{e}", "{prod} 제품설명서 요약{e}", "견본품 제공 규정{e}",
        "제품설명회 식음료 한도{e}", "학회 지원 SOP{e}", "강의료 기준 찾아줘", "기념품 금액 기준{e}",
        "판촉물 제공 규정 어디 있어", "경제적 이익 보고 대상{e}", "FAQ에 {topic2} 있어?", "컴플라이언스 가이드 {topic2}",
        "{acc} 방문 메모 찾아줘", "내 업로드 문서에서 {topic2} 찾아줘", "{prod} 적응증{e}", "{prod}랑 {prod} 병용 가능?",
        "공정경쟁규약 {topic2}", "사내 문서에서 {topic2} 검색", "{ing} 관련 자료{e}",
        "{prod} side effects", "dosage of {prod}", "meal limit for product briefings", "sample policy document",
        "{ing} interaction info",
        "what's the SOP for {sop_en}", "what is the policy on {sop_en}", "where is the SOP for {sop_en}",
        "rules for {sop_en}", "guideline on {sop_en}", "is there a procedure for {sop_en}",
        "{sop_ko} 절차{e}", "{sop_ko} SOP 있어?", "{sop_ko} 어떻게 해야 돼", "{doc} 쓰는 법{e}", "{doc} 작성 방법{e}",
        "{doc} 작성 요령{e}", "what's the maximum dose of {prod}", "{prod} {usage_q}", "what is the max daily dose of {prod}",
        "how often should {prod} be taken", "how many tablets of {prod} a day",
        "{act}해도 되는지 사내 규정 확인해줘", "{act}해도 되는지 규정{e}", "{act}해도 돼? 회사 규정상", "{act} 가능한지 SOP 찾아줘",
        "{act} 관련 사내 규정{e}", "{act}해도 되는지 가이드 있어?", "규정상 {act}해도 되나요", "{act} 허용되는지 문서 찾아줘",
        "{act}해도 되는지 알려줘", "{act}해도 되나? 규정 알려줘", "{act}은 규정상 어때", "{act} 규정 알려줘",
        "{rule}은 어떤 기준으로 하게 돼 있어?", "{rule}은 어떤 기준으로 하게 돼 있나요?", "{rule} 기준이 뭐야", "{rule} 기준 문서{e}",
        "{rule} 규정{e}", "{rule}은 어떻게 하라고 돼 있어?", "{rule} 지침 있어?", "{rule} 원칙이 어떻게 돼?",
        "is it allowed to {act_en}", "what does the policy say about {act_en}", "how is {rule_en} decided",
        "what are the rules for {rule_en}",
    ],
    "wiki_search": [
        "위키에서 {topic2} 찾아줘", "위키에 {topic2} 있어?", "팀 위키 {topic2} 검색", "위키 검색: {topic2}",
        "위키에 {topic2} 얘기 있나", "search the wiki for {topic2}", "wiki search {topic2}",
    ],
    "wiki_view": [
        "'{page}' 위키 페이지 보여줘", "\"{page}\" 페이지 열어줘", "위키 '{page}' 내용 보여줘",
        "\"{page}\" {num}판 보여줘", "'{page}' 페이지 읽어줘", "open wiki page \"{page}\"", "show \"{page}\" page",
    ],
    "wiki_list": [
        "위키 목록{e}", "위키 페이지 뭐 있어?", "위키 전체 목록{e}", "위키 목차{e}", "위키에 어떤 페이지 있어",
        "위키 페이지 리스트{e}", "위키에 뭐뭐 있어", "list wiki pages", "what pages are in the wiki",
        "위키엔 뭐가 있어", "위키에 무슨 페이지들 있어?", "위키 페이지 뭐뭐야",
    ],
    "wiki_create": [
        "\"{page}\" 위키 만들어줘: {body}", "새 위키 페이지 \"{page}\" 작성: {body}", "위키 새 글 \"{page}\": {body}",
        "위키 페이지 하나 새로 만들어줘", "새 위키 페이지 작성{e}", "위키에 새 페이지 추가: \"{page}\" {body}",
        "create a wiki page \"{page}\": {body}", "new wiki page",
        "'{wtitle}' 위키 페이지 {mk}: {wbody}", "'{wtitle}' 위키 {mk}: {wbody}", "\"{wtitle}\" 페이지 {mk}: {wbody}",
        "위키에 '{wtitle}' 페이지 {mk} 내용은 {wbody}", "새 위키 '{wtitle}' {mk}: {wbody}", "'{wtitle}' 라는 위키 {mk}",
        "위키 '{wtitle}' 새 페이지로 {mk}: {wbody}", "위키에 새 페이지 '{wtitle}' 추가해줘: {wbody}",
        "create wiki page '{wtitle}': {wbody}",
    ],
    "wiki_edit": [
        "\"{page}\" 페이지 수정: {body}", "위키 '{page}' 내용 바꿔줘: {body}", "'{page}' 위키 업데이트: {body}",
        "위키 페이지 고쳐줘", "위키 내용 수정하고 싶어", "edit wiki page \"{page}\": {body}", "update \"{page}\" wiki",
        "'{wtitle}' 위키에 {addw} {ed}: {wbody}", "'{wtitle}' 위키 페이지에 {addw} {ed}: {wbody}", "\"{wtitle}\" 페이지에 {ed}: {wbody}",
        "'{wtitle}' 위키 {ed2}: {wbody}", "'{wtitle}' 페이지 내용 {ed2}: {wbody}", "위키 '{wtitle}'에 {wbody} {ed}",
        "'{wtitle}' 위키 끝에 {ed}: {wbody}", "'{wtitle}' 페이지에 {wbody} 추가해줘",
        "add a line to wiki page '{wtitle}': {wbody}", "append to '{wtitle}' wiki: {wbody}",
    ],
    "wiki_history": [
        "\"{page}\" 페이지 변경 이력", "'{page}' 위키 수정 기록{e}", "\"{page}\" 누가 언제 고쳤어", "위키 변경 이력{e}",
        "'{page}' 편집 내역{e}", "이력도{e}", "변경 이력도{e}", "수정 기록도{e}", "그 페이지 이력{e}",
        "위키 수정 내역{e}", "history of \"{page}\"", "wiki revision history",
    ],
    "wiki_diff": [
        "\"{page}\" {num}판이랑 {num2}판 비교", "'{page}' 이전 판과 뭐가 달라졌어", "위키 뭐가 바뀌었어",
        "\"{page}\" 바뀐 부분{e}", "변경 내용도{e}", "직전 판이랑 차이{e}", "'{page}' 최근 수정 차이{e}", "diff \"{page}\" {num} and {num2}",
        "'{page}' 페이지 diff{e}", "\"{page}\" 변경 차이 보여줘", "'{page}' 판끼리 비교{e}",
        "what changed in \"{page}\"",
    ],
    "wiki_revert": [
        "\"{page}\" {num}판으로 되돌려줘", "'{page}' 위키 {num}판으로 복구", "위키 예전 버전으로 복구해줘",
        "\"{page}\" 이전 버전으로 롤백", "'{page}' 원래대로 돌려놔", "revert \"{page}\" to revision {num}",
        "roll back wiki page \"{page}\"",
    ],
    "compliance_check": [
        "이 문장 컴플라이언스 점검해줘: {risky}", "이거 괜찮은지 봐줘: {risky}", "규정 위반인지 확인: {risky}",
        "이 멘트 문제 없어? {risky}", "리베이트로 보일 소지 있는지 확인해줘", "이 표현 과장 광고야? {risky}",
        "교수님께 식사 {won}만원 사도 돼?", "설명회 식사 1인당 {won}만원 괜찮아?", "이 보고서 컴플라이언스 검토해줘",
        "문구 검토 부탁: {risky}", "check this for compliance: {risky}", "is this ok to say: {risky}",
        "광고 문구에 '{claim}' 넣어도 돼?", "브로셔에 \"{claim}\" 넣어도 돼?", "'{claim}'라고 말해도 돼?",
        "\"{claim}\"라고 써도 되나요", "'{claim}' 이 표현 괜찮아?", "디테일링할 때 '{claim}'라고 해도 돼?",
        "카톡으로 \"{claim}\" 보내도 돼?", "홍보물에 '{claim}' 적어도 되나", "can i say \"{claim}\" to a doctor",
        "is '{claim}' ok in an ad", "제품설명회 1인당 식사 {won}만원 써도 되나", "교수님 식사 {won}만원 써도 돼?",
        "{event}에서 1인당 {won2}만원짜리 {meal} 대접하려는데 {okq}", "{event} 1인당 {won2}만원 {meal} {okq}",
        "{event} 끝나고 {meal} 1인당 {won2}만원이면 {okq}", "1인당 {won2}만원 {meal} 대접해도 {okq}",
        "{guest} {won2}만원짜리 {meal} 사드려도 {okq}", "{guest} 1인당 {won2}만원 {meal} 모시려는데 {okq}",
        "{event}에서 {meal} {won2}만원씩 쓰면 {okq}", "{meal} 1인당 {won2}만원 한도 넘어?",
        "{won2}만원짜리 {meal} 접대 {okq}", "{event} {meal}비 인당 {won2}만원 {okq}",
        "is a {won2}0,000 won {meal_en} per person ok at a {event_en}", "can i spend {won2}0,000 won per head on {meal_en}",
    ],
    "draft_visit_report": [
        "{acc} 방문 보고서 써줘: {note}", "{acc} 방문 보고서 초안: {note}", "오늘 {acc} 다녀왔어 보고서 써줘, {note}",
        "방문 보고서 작성해줘", "방문 일지 초안 만들어줘", "{acc} 방문 기록 보고서로 정리: {note}",
        "{acc} 방문 리포트 만들어줘 {note}", "방문보고서 써줄래", "write a visit report for {acc}: {note}",
        "draft visit report",
    ],
    "draft_briefing_plan": [
        "{acc} 제품설명회 계획서 만들어줘", "{acc} 설명회 계획서 작성: {prod} 신규 적응증, {people}명",
        "다음 주 설명회 계획 세워줘 {people}명 1인당 {won}만원", "제품설명회 계획서 초안{e}", "설명회 계획서 써줘",
        "{acc}에서 {prod} 설명회 할 건데 계획서 부탁해", "{acc} 제품설명회 {people}명 식사 1인당 {won}만원 계획",
        "제품설명회 계획 잡아줘", "설명회 계획서 {acc} {people}명", "{prod} 제품설명회 계획서{e}",
        "plan a product briefing at {acc}", "briefing plan for {acc} with {people} people",
        "{bdoc} 작성 부탁드려요 {prod} {btopic}", "{bdoc} 작성해줘: {prod} {btopic}", "{bdoc} 써 주세요 주제는 {prod} {btopic}",
        "{bdoc} 부탁해 {prod} {btopic} {people}명",
    ],
    "draft_expenditure_export": [
        "지출보고서 엑셀로{e}", "{p} 지출보고서 내보내줘", "{p} 경제적 이익 제공 내역{e}", "경제적 이익 지출 내역 엑셀",
        "{p} 지출 보고서 다운로드", "지출내역 파일로 뽑아줘", "export the expenditure report", "expenditure report {pe}",
    ],
    "news_digest": [
        "오늘 뉴스{e}", "제약 뉴스{e}", "{topic} 뉴스{e}", "{topic} 기사{e}", "{prod} 관련 뉴스{e}", "{prod} 경쟁 제품 기사",
        "내 제품 관련 기사 있어?", "모닝 브리핑{e}", "뉴스 브리핑 해줘", "{area} 시장 뉴스{e}", "{acc} 관련 뉴스",
        "최근 {topic} 소식{e}", "업계 소식{e}", "pharma news today", "news about {prod}", "{topic} news",
        "{topic} 기사 찾아줘", "{topic} 관련 기사 찾아줘", "{topic} 뉴스 검색해줘", "{topic} 바뀐 기사 있어?",
        "any news for me today", "what's new in pharma today", "today's pharma headlines", "latest news on {prod}",
        "{ing} 기사{e}", "{ing} 관련 뉴스{e}", "{ing} 뉴스 있어?",
    ],
    "news_feedback": [
        "{num}번 뉴스 좋아요", "{num}번 기사 도움 됐어", "{num}번 뉴스 관심 없어", "{num}번 기사 별로야",
        "{num}번 뉴스 비슷한 거 더 보여줘", "{num}번 기사 이런 거 더", "{num}번 뉴스 싫어요", "{num}번 👍",
        "like story {num}", "story {num} not interested", "more like story {num}",
    ],
    "news_settings": [
        "다이제스트 {time}로 바꿔줘", "모닝 브리핑 설정{e}", "다이제스트 그만 받을래", "다이제스트 꺼줘",
        "다이제스트 다시 켜줘", "뉴스 알림 {time}에 받을래", "브리핑 받는 시간 바꾸고 싶어", "다이제스트 설정 확인",
        "아침 뉴스 알림 끄기", "digest at {time}", "turn off the morning digest", "digest settings",
    ],
    "call_analyze": [
        "통화 분석해줘", "최근 통화 녹음 분석{e}", "방금 통화 내용 점검{e}", "{num}번 통화 분석", "{rep} 통화 분석 결과",
        "통화에서 위험 발언 있었어?", "통화 전사본 요약{e}", "어제 통화 피드백{e}", "analyze my call",
        "call transcript analysis",
        "{num}번 통화 {cana}", "통화 #{num} {cana}", "통화 #{num} {cshow}", "{num}번 통화 {cshow}", "통화 {num}번 {cshow}", "{cjust} 통화 녹음 {cana}", "{cjust} 올린 녹취 {cana}",
        "{cwhen} {acc} {guest2} 통화한 거 {cana}", "{acc} 통화 {cana}", "이 통화 {cana}", "마지막 통화 {cana}",
        "통화에서 {cwhat} 있었는지 봐줘", "{cwhen} 통화에서 {cwhat} 있었어?", "통화 녹취에서 {cwhat} 찾아줘",
        "analyze call {num}", "summarize my last call", "analyze the recording i just uploaded",
    ],
    "call_list": [
        "{cwho} 통화 {clist}{e}", "{cwho} 최근 통화 {cnum}건{e}", "{cwho} 최근 통화 {cnum}개{e}", "최근 통화 {cnum}건{e}",
        "{cwhen} 통화 {clist}{e}", "{cwho} {cwhen} 통화 {clist}{e}", "{cwho} 한 통화들 {clist}{e}", "{cwho} 올린 통화 {clist}{e}",
        "분석 {cdone} 통화 {clist}{e}", "분석 {cdone} 통화 몇 개야?", "분석 {cdone} 통화 몇 건이야", "{cwho} 통화 몇 건이야?",
        "{cwhen} 통화 몇 개 했지", "{cwho} 통화 몇 개 올렸어?", "위험 발언 나온 통화 {clist}{e}", "통화들 {clist}{e}",
        "{cwho} 통화 내역 쭉 보여줘", "{cwhen} 통화한 거 {clist}{e}", "콜 {clist}{e}", "{cwho} 콜 기록{e}",
        "show {cwho_en} recent calls", "list {cwho_en} calls", "{cwho_en} call history", "show the last {cnum} calls",
        "which calls have been analyzed", "how many calls have i uploaded", "recent calls for my team",
        "how many of my calls are analyzed",
    ],
    "smalltalk": [
        "안녕", "안녕하세요", "하이", "ㅎㅇ", "반가워", "고마워", "감사합니다", "수고했어", "잘했어", "굿",
        "넌 누구야", "뭐 할 수 있어?", "도움말", "사용법 알려줘", "어떤 질문 할 수 있어", "ㅋㅋㅋ", "오케이", "응",
        "hi", "hello", "thanks", "help", "what can you do", "좋은 아침", "수고하세요", "테스트", "잘 부탁해",
    ],
    "followup": [
        "그럼 {p}는?", "그럼 {p}은?", "그 중 {prod}만", "그중 {reg}만 보여줘", "{reg}은?", "{reg}는?", "{team}은?",
        "작년 같은 기간은?", "그럼 작년 같은 기간은", "거기서 {acc}만", "{prod}는?", "{rep}는?", "그 중 상위 {n}개만",
        "그럼 {atype}만", "이번엔 {dim}로", "{dim}로 바꿔줘", "대신 {p}로", "what about {pe}?", "and {reg}?",
        "then {pe}", "그건 {p} 기준으로", "{p} 것도", "{p} 거도", "{p}도 줘", "{p}도 보여줘", "{p} 것도 뽑아줘",
        "top {n} only", "only the top {n}", "just top {n}", "{dime}", "{dime} please", "now {dime}",
        "상위 {n}개만", "{n}개만", "{n}곳만 보여줘", "하위 {n}개는?",
        "{dim}로", "{dim}로 보여줘", "{dim}로 나눠줘", "{dim}로도 줘",
    ],
    "out_of_scope": [
        "오늘 날씨 어때", "{city} 날씨{e}", "내일 비 와?", "내일 {city} 비 와?", "내일 몇 도야", "내일 눈 와?",
        "내일 날씨 어때", "how do i sort a list in {code}", "how do i write a loop in {code}", "how to fix a {code} error",
        "아이 학원 추천{e}", "애들 어느 학원 보내지", "과외 어디서 구해", "이사 어디로 가지", "주말에 어디 놀러 가지", "우산 챙겨야 해?", "이번 주말 날씨{e}", "미세먼지 어때",
        "점심 뭐 먹지", "점심 메뉴 추천{e}", "{food} 맛집{e}", "저녁 뭐 먹을까", "{food} 먹을까 {food} 먹을까",
        "근처 카페 추천{e}", "{stock} 주가{e}", "{stock} 주식 살까", "{stock} 주가 전망", "코스피 지수{e}",
        "비트코인 시세{e}", "환율{e}", "주식 추천{e}", "{code} 코드 짜줘", "{code} 에러 고쳐줘", "{code} 문법{e}",
        "{code}로 정렬하는 법", "코딩 도와줘", "여자친구 선물 추천{e}", "남자친구랑 싸웠어", "연애 상담{e}",
        "소개팅 팁{e}", "헤어졌어 위로해줘", "짝사랑 고민", "야구 결과{e}", "축구 경기 일정{e}", "영화 추천{e}",
        "드라마 뭐 봐", "노래 추천{e}", "여행지 추천{e}", "{city} 가볼 만한 곳", "호텔 예약해줘", "다이어트 방법{e}",
        "운동 루틴{e}", "이거 영어로 번역해줘", "수학 문제 풀어줘", "{food} 레시피{e}", "게임 추천{e}",
        "오늘 운세{e}", "로또 번호{e}", "부동산 전망{e}", "재미있는 얘기 해줘", "농담 해줘", "시 써줘",
        "대통령이 누구야", "지금 몇 시야", "반려견 사료 추천{e}", "택배 조회{e}", "자동차 추천{e}",
        "what's the weather today", "weather in {city}", "best {food} near me", "{stock} stock price",
        "should i buy bitcoin", "help me debug my {code} code", "write a {code} function", "dating advice",
        "recommend a movie", "tell me a joke", "who won the game last night", "book a flight to {city}",
        "translate this to english", "what time is it",
        "{hr} 어떻게 하는 거야", "{hr} 어떻게 해?", "{hr_n}은 어떻게 해?", "{hr_n}은 어디서 해?", "{hr} 방법{e}", "{hr} 어디서 해", "{hr} 절차 알려줘", "연차 며칠 남았어",
        "월급날 언제야", "급여 명세서 어디서 봐", "회의실 예약해줘", "인사팀 연락처{e}", "how do i apply for leave",
        "how many vacation days do i have left", "when is payday", "what's the capital of {country}", "{country} 수도가 어디야",
        "what is the capital of {country}?", "capital city of {country}?", "{country} 수도{e}",
        "세계에서 제일 높은 산{e}",
        "{codeby} {codetask} 코드 짜줘", "{codeby} {codetask} 스크립트 만들어줘", "{codetask} 코드 {codeby} 알려줘",
        "{codetask} 프로그램 짜줘", "{code} {concept} 설명해줘", "{code}에서 {concept} 뭐야", "write {code} code to {codetask_en}",
        "explain {concept} in {code}",
        "{stock} 실적 발표 언제야", "{stock} 실적 발표{e}", "{stock} 실적{e}", "{stock} 실적 어때", "{stock} 매출 얼마야", "{stock} 영업이익{e}", "{stock} 이번 분기 실적 어때", "{stock} 어닝 서프라이즈야?",
        "{stock} 매출 얼마나 나왔대", "{stock} 배당금{e}", "{stock} 목표 주가{e}", "{stock} 주식 지금 사도 돼?",
        "when does {stock} report earnings", "{stock} earnings date",
        "{body_part} 아픈데 {remedy} 알려줘", "{body_part} 아플 때 {remedy}{e}", "{body_part} 통증 {remedy}{e}",
        "{exercise} 루틴 짜줘", "{exercise} 초보 팁{e}", "살 빼려면 운동 뭐 해야 돼", "잠 잘 자는 법{e}",
        "스트레칭 방법{e}", "홈트 추천{e}", "best exercises for {body_part_en} pain",
        "{exercise} 하루에 얼마나 해야 돼",
    ],
    # documents drafted from the catalog and sales data (English and Korean requests)
    "draft_quotation": [
        "make a quotation for {acc}", "quotation for {acc}: {prod} {people} boxes", "draft a quote for {acc}",
        "{acc} 견적서 만들어줘", "{acc}에 {prod} {people}박스 견적 내줘", "{prod} {people}박스 견적서{e}",
        "{acc} 견적 좀 뽑아줘", "견적서 초안{e}",
    ],
    "draft_revise": [
        "{draft} {part} {op}", "{draft}에서 {part} {op}", "방금 쓴 {draft} {part} {op}", "{part} {op}",
        "{draft} {part}은 {op}", "아까 {draft} {part} {op}", "{draft} 다시: {part} {op}", "{draft} {part} 좀 {op}",
        "{op_en} the {part_en} of the {draft_en}", "in the {draft_en}, {op_en} the {part_en}",
    ],
    "draft_official_letter": [
        "write an official letter to {acc}", "draft a letter to {acc}: {topic}", "{acc}에 보낼 공문{e}",
        "{acc} 앞으로 공문 작성: {topic} 안내", "{topic} 안내 공문 써줘", "공문 초안 잡아줘",
    ],
}

FILL: dict[str, list[str]] = {
    "p": PERIODS, "pe": PERIODS_EN, "prod": PRODUCTS, "acc": ACCOUNTS, "team": TEAMS, "rep": REPS,
    "reg": REGIONS, "atype": ATYPES, "area": AREAS, "dim": DIMS, "dime": DIMS_EN, "n": NS,
    "page": PAGES, "topic": TOPICS, "city": CITIES, "food": FOODS, "stock": STOCKS, "code": CODE,
    "num": ["1", "2", "3", "4", "5", "6", "7", "8", "12"], "num2": ["2", "3", "4", "5"],
    "people": ["8", "10", "12", "15", "20", "30"],
    "time": ["7시", "7시 반", "8시", "6:30", "07:00", "8:30"], "won": ["5", "10", "15", "20", "30"],
    "ing": ["rosuvastatin", "metformin", "로수바스타틴", "암로디핀", "dapagliflozin", "텔미사르탄"],
    "topic2": ["학회 일정", "경비 처리", "출장 규정", "주차", "신규 입사자 교육", "반품 절차", "재고 관리",
               "휴가 신청", "샘플 관리", "법인카드 사용"],
    "body": ["12월 10일 BEXCO", "주간회의는 월요일 9시", "명함, 브로셔 챙기기", "첫 주는 동행 방문",
             "경비는 월말까지 제출", "비밀번호 분기마다 변경"],
    "risky": ["처방 늘려주시면 골프 모실게요", "경쟁사 약은 부작용이 심해요", "100% 완치됩니다",
              "원장님 개인 번호 공유드려요", "이번에 바꿔주시면 따로 챙겨드릴게요", "허가 안 된 소아에게도 좋아요",
              "부작용 전혀 없는 약입니다"],
    "note": ["김 교수님 면담, 로수빛 처방 확대 논의", "약제부 미팅, 재고 확인", "신제품 설명, 점심 4명 12만원",
             "과장님 면담 다파빛 적응증 설명", "met dr. lee, discussed 발사렉스"],
    "e": KO_END,
}
FILL |= {
    "claim": ["부작용 없음", "부작용이 전혀 없는 약", "100% 안전", "완치 보장", "국내 최고", "업계 1위 효과",
              "효과 최고", "내성 없음", "경쟁사보다 2배 효과", "no side effects", "the safest drug"],
    "acce": ["clinics", "hospitals", "accounts", "pharmacies", "customers", "doctors"],
    "sop_en": ["adverse event reporting", "sample distribution", "product briefings", "gifts to doctors",
               "conference support", "meal limits", "speaker fees", "off-label questions", "pharmacovigilance"],
    "sop_ko": ["이상사례 보고", "견본품 제공", "학회 지원", "강의료 지급", "판촉물 제공", "경제적 이익 보고"],
    "doc": ["지출보고서", "방문 보고서", "제품설명회 계획서", "경제적 이익 보고서"],
    "hr": ["휴가 신청", "연차 신청", "반차 쓰기", "병가 내기", "육아휴직 신청", "재택근무 신청", "연말정산",
           "사원증 재발급", "복지포인트 사용"],
    "country": ["France", "Japan", "Canada", "Australia", "프랑스", "호주", "캐나다", "Germany", "Italy", "Spain", "Brazil",
                "Egypt", "독일", "이탈리아", "스페인", "브라질"],
    "hr_n": ["휴가 신청", "연차 신청", "병가 신청", "육아휴직 신청", "재택근무 신청", "연말정산", "사원증 재발급", "경조사 휴가"],
    "bdoc": ["설명회 계획서", "제품설명회 계획서", "설명회 계획"],
    "btopic": ["신제품 소개", "신규 적응증 소개", "임상 결과 발표", "제품 교육", "허가 변경 안내"],
    "usage_q": ["용량 어떻게 돼?", "어떻게 먹어?", "용법 어떻게 써?", "하루에 몇 번 먹어?", "식전이야 식후야?",
                "용량 얼마나 써?", "어떻게 복용해?", "몇 mg부터 시작해?"],
    # rule questions (search_documents)
    "act": ["통화 녹음", "거래처 통화 녹취", "통화 녹취", "녹취", "고객 통화 녹음", "녹음 파일 공유", "통화 내용 녹음", "원장님과 통화 녹음", "개인 휴대폰으로 업무 통화", "문자로 제품 안내",
            "카톡으로 제품 자료 전송", "의사 개인 번호 저장", "방문 사진 촬영", "학회장에서 제품 홍보", "약국에 견본품 전달"],
    "act_en": ["record calls with doctors", "record a customer call", "text product info to doctors",
               "take photos during visits"],
    "rule": ["팀 목표 배분", "지점 목표 배분", "분기 목표 설정", "목표 조정", "영업 목표 할당", "인센티브 산정",
             "담당 거래처 배정", "통화 기록 보관", "통화 녹취 보관", "실적 인정", "성과급 지급", "방문 횟수 목표"],
    "rule_en": ["target allocation", "quota setting", "incentive calculation", "call recording retention",
                "territory assignment"],
    # hospitality amounts (compliance_check)
    "won2": ["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "18", "20", "25"],
    "event": ["제품설명회", "설명회", "심포지엄", "학술대회", "병원 내 설명회", "좌담회", "자문회의"],
    "event_en": ["product briefing", "symposium", "advisory meeting"],
    "meal": ["저녁", "점심", "식사", "저녁 식사", "도시락", "한정식", "회식", "와인 디너", "오마카세"],
    "meal_en": ["dinner", "lunch", "meal"],
    "okq": ["걸리나?", "걸려?", "걸릴까?", "괜찮아?", "괜찮을까?", "문제 없어?", "돼?", "되나요?", "규정 위반이야?",
            "한도 넘어?", "괜찮은지 봐줘", "문제 될까?", "리베이트야?", "위반 소지 있어?"],
    "guest": ["교수님께", "원장님께", "과장님께", "약제부장님께", "의사 선생님들께", "전공의들한테"],
    # revising the latest draft (draft_revise)
    "draft": ["공문", "보고서", "방문 보고서", "월간 보고서", "초안", "방금 쓴 초안", "월간 실적 보고서", "방문보고서"],
    "part": ["마지막 문장", "첫 문장", "두 번째 문장", "첫 문단", "두 번째 문단", "마지막 문단", "세 번째 줄", "인사말",
             "맺음말", "본문", "다음 달 계획", "방문 내용", "끝 문단", "두 번째 줄"],
    "op": ["삭제해줘", "지워줘", "빼줘", "수정해줘", "고쳐줘", "더 짧게 해줘", "더 간결하게 고쳐줘", "정중하게 바꿔줘",
           "다시 써줘", "줄여줘", "부드럽게 다듬어줘", "없애줘"],
    "draft_en": ["letter", "report", "visit report", "monthly report", "draft"],
    "part_en": ["last sentence", "first paragraph", "second paragraph", "closing", "greeting"],
    "op_en": ["delete", "shorten", "rewrite", "remove", "soften"],
    # wiki titles and bodies of every kind: the verb decides create vs edit
    "wtitle": ["송파 거래처 주차 정보", "약국 방문 팁", "부산 학회 일정", "신입 MR 체크리스트", "경쟁품 동향 메모",
               "거래처 방문 요령", "종합병원 주차 안내", "팀 회식 장소", "학회 참석자 명단", "디테일링 스크립트",
               "약제부 미팅 팁", "호흡기 시즌 준비", "반품 처리 방법", "원장님 선호 시간대", "분당 병원 주차"],
    "wbody": ["지하 3층은 방문객 무료", "오후 4시 이후 방문 피하기", "명함 꼭 챙기기", "약제부는 화요일 오후",
              "주차권은 원무과에서", "12월 10일 BEXCO", "참석자 8명 확정", "점심시간 피해서 방문", "샘플은 월말에 정리",
              "신제품 브로셔 지참", "주차는 후문 쪽이 편함", "강서 지역 담당 변경"],
    "mk": ["생성해줘", "만들어줘", "새로 만들어줘", "생성", "만들기", "새로 작성해줘", "하나 만들어줘", "개설해줘", "생성해 주세요"],
    "addw": ["한 줄", "내용", "항목", "문장 하나", "팁 하나", "메모"],
    "ed": ["추가해줘", "덧붙여줘", "넣어줘", "추가", "추가해 주세요", "붙여줘"],
    "ed2": ["수정해줘", "고쳐줘", "업데이트해줘", "내용 바꿔줘", "수정", "편집해줘", "갱신해줘", "반영해줘"],
    # listing calls (call_list) vs analysing one (call_analyze)
    "cwho": ["내", "내가", "우리 팀", "팀", "팀원들", "전체", "나의", "제"],
    "cwho_en": ["my", "my team's", "our", "all"],
    "clist": ["목록", "리스트", "기록", "내역", "목록 보여줘", "리스트 줘", "기록 보여줘", "모아서 보여줘", "전부 보여줘"],
    "cnum": ["3", "5", "10", "15", "20", "30"],
    "cwhen": ["지난주", "이번 주", "오늘", "어제", "이번 달", "최근", "요즘", "지난달"],
    "cdone": ["끝난", "완료된", "된", "안 된", "마친", "다 된"],
    "cana": ["분석해줘", "분석 돌려줘", "요약해줘", "점검해줘", "다시 분석해줘", "결과 보여줘", "피드백 줘", "분석 결과 알려줘"],
    "cshow": ["다시 보여줘", "보여줘", "열어줘", "내용 보여줘", "결과 다시 줘", "다시 볼래"],
    "cjust": ["방금", "아까", "오늘", "어제", "방금 업로드한"],
    "guest2": ["과장님이랑", "원장님이랑", "교수님이랑", "약제부장님과"],
    "cwhat": ["위험 발언", "규정 위반 발언", "규정 위반", "리베이트 소지", "과장 표현", "이상사례 언급", "경쟁사 얘기", "가격 얘기"],
    # out of scope
    "codeby": ["파이썬으로", "자바로", "자바스크립트로", "SQL로", "엑셀 VBA로", "R로", "판다스로", "C++로"],
    "codetask": ["엑셀 파일 합치는", "엑셀 시트 합치는", "CSV 읽는", "매출 데이터 집계하는", "웹 크롤링하는", "파일 이름 바꾸는",
                 "그래프 그리는", "PDF 합치는", "메일 자동 발송하는", "중복 제거하는", "날짜 계산하는"],
    "codetask_en": ["merge excel files", "read a csv", "plot a chart", "rename files", "send emails"],
    "concept": ["useEffect", "클래스", "재귀 함수", "포인터", "비동기", "람다", "조인", "정규식 그룹", "리스트 컴프리헨션"],
    "body_part": ["허리", "목", "어깨", "무릎", "손목", "발목", "등"],
    "body_part_en": ["back", "neck", "shoulder", "knee"],
    "remedy": ["스트레칭 방법", "좋은 운동", "운동법", "푸는 법", "찜질 방법", "자세 교정법"],
    "exercise": ["헬스", "러닝", "필라테스", "요가", "수영", "홈트", "스쿼트", "등산"],
}

_SLOT = re.compile(r"\{(\w+)\}")
STYLE_SUFFIXES = (" ㅎㅎ", " ㅋㅋ", "!", "~", " 빨리", " 급해요")
STYLE_PREFIXES = ("혹시 ", "저기 ", "음 ", "팀장님이 ", "hey ")
# jamo slips: vowels that sit next to each other on the 2-set keyboard or sound alike
_VOWEL_SLIP = {0: 2, 2: 0, 4: 6, 6: 4, 8: 12, 12: 8, 13: 17, 17: 13, 1: 5, 5: 1, 18: 20, 20: 18}


def _jamo_slip(ch: str, rng: random.Random) -> str:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return ch
    cho, jung, jong = code // 588, (code % 588) // 28, code % 28
    if jong and rng.random() < 0.5:
        jong = 0  # dropped final consonant ("실적" → "시적")
    elif jung in _VOWEL_SLIP:
        jung = _VOWEL_SLIP[jung]  # "줘" → "조"-like vowel slips
    else:
        return ch
    return chr(0xAC00 + cho * 588 + jung * 28 + jong)


def typo(text: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(text) if not c.isspace()]
    if len(idx) < 4:
        return text
    kind = rng.random()
    i = rng.choice(idx[1:-1])
    chars = list(text)
    if kind < 0.45:
        chars[i] = _jamo_slip(chars[i], rng)
    elif kind < 0.8 and i + 1 < len(chars) and not chars[i + 1].isspace():
        chars[i], chars[i + 1] = chars[i + 1], chars[i]  # adjacent swap
    else:
        del chars[i]  # dropped character
    return "".join(chars)


def render(template: str, rng: random.Random) -> str:
    def sub(m: re.Match) -> str:
        return rng.choice(FILL[m.group(1)])
    text = _SLOT.sub(sub, template)
    return re.sub(r"\s+", " ", text).strip()


def style(text: str, rng: random.Random) -> str:
    r = rng.random()
    if r < TYPO_RATE:
        text = typo(text, rng)
    elif r < TYPO_RATE + NOSPACE_RATE:
        text = text.replace(" ", "", rng.randint(1, 2))
    if rng.random() < 0.05:
        text += rng.choice(STYLE_SUFFIXES)
    if rng.random() < 0.05:
        text = rng.choice(STYLE_PREFIXES) + text
    return text


def core(text: str) -> str:
    """`text` without the style's prefix, suffix and spaces: a styled copy of a held-out line
    ("hey " + the line) is as much that line as an exact copy."""
    for prefix in STYLE_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    for suffix in STYLE_SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return re.sub(r"\s+", "", text).lower()


def generate() -> list[dict]:
    rng = random.Random(SEED)
    excluded = set()
    for path in [*sorted(HERE.glob("heldout*.jsonl")), HERE / "train.jsonl"]:  # every evaluation file, also later ones
        if path.exists():
            excluded |= {json.loads(l)["text"] for l in path.read_text(encoding="utf-8").splitlines() if l.strip()}
    excluded_core = {core(t) for t in excluded}
    rows: list[dict] = []
    for intent, templates in T.items():
        seen: set[str] = set()
        # every template is used: a long list gets more lines than PER_INTENT
        budget = max(PER_INTENT, len(templates) + TEMPLATE_EXTRA) if len(templates) > 12 else max(30, 5 * len(templates))
        attempts = 0
        while len(seen) < budget and attempts < budget * 30:
            attempts += 1
            template = templates[attempts % len(templates)] if attempts <= len(templates) else rng.choice(templates)
            text = render(template, rng)
            if attempts > len(templates):
                text = style(text, rng)
            if text in seen or text in excluded or core(text) in excluded_core or len(text) < 2:
                continue
            seen.add(text)
            rows.append({"text": text, "intent": intent})
    return rows


def main() -> None:
    rows = generate()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} utterances → {OUT}")


if __name__ == "__main__":
    main()
