"""Argument types shared by the tool schemas: each one typed, described in Korean with an
example and bounded, so every tool an LLM is sent reads the same way."""

from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field

from tools.common.vocab import NAME_MAX_CHARS, PHRASE_MAX_CHARS, TOP_N_MAX, Channel

PERIOD_HELP = ("사용자가 말한 기간 문구를 그대로 넘깁니다(도구가 해석). 예: '이번 달', '지난달', '지지난달', '지난 분기', "
               "'3분기', '25년 상반기', '3월부터 5월까지', '최근 6개월', '올해', '작년 같은 기간', 'Q3 2025'")


def period_field(default: str | None) -> object:
    note = f" 생략 시 '{default}'." if default else " 생략 시 도구의 기본 기간."
    return Field(default=default, title="기간", description=PERIOD_HELP + note, max_length=PHRASE_MAX_CHARS)


Period = Annotated[str, Field(title="기간", description=PERIOD_HELP, max_length=PHRASE_MAX_CHARS)]

RepName = Annotated[Optional[str], Field(
    default=None, title="담당자", max_length=NAME_MAX_CHARS,
    description="담당자(영업사원) 이름, 사용자가 말한 그대로. 예: '김민준'. 비우면 질문한 사람의 범위(영업사원 본인, 팀장은 팀, 관리자는 전체)")]
TeamName = Annotated[Optional[str], Field(
    default=None, title="팀", max_length=NAME_MAX_CHARS, description="팀 이름. 예: '서울1팀'. 비우면 질문한 사람의 범위")]
RegionName = Annotated[Optional[str], Field(
    default=None, title="지역", max_length=NAME_MAX_CHARS, description="시·도 이름. 예: '서울', '부산', '경기'")]
AccountName = Annotated[Optional[str], Field(
    default=None, title="거래처", max_length=NAME_MAX_CHARS,
    description="거래처(병원·의원·약국·도매상) 이름, 사용자가 말한 그대로. 예: '한성대학교병원'")]
AccountType = Annotated[Optional[str], Field(
    default=None, title="거래처 유형", max_length=NAME_MAX_CHARS,
    description="거래처 유형. 예: '상급종합병원', '종합병원', '병원', '의원', '약국', '도매상'")]
ProductName = Annotated[Optional[str], Field(
    default=None, title="제품", max_length=NAME_MAX_CHARS,
    description="제품 이름·코드·성분. 예: '로수빛', '로수빛정 10mg', 'HB-ROS10', '로수바스타틴'")]
TherapeuticArea = Annotated[Optional[str], Field(
    default=None, title="치료 영역", max_length=NAME_MAX_CHARS,
    description="치료 영역 또는 ATC 코드. 예: '이상지질혈증', '고혈압', 'C10'")]
ChannelName = Annotated[Optional[Channel], Field(
    default=None, title="채널", description="원내(병원 내 사용) 또는 원외(처방). 예: '원외'")]
TopN = Annotated[Optional[int], Field(
    default=None, title="상위 N", ge=1, le=TOP_N_MAX, description=f"상위(또는 하위) N개만. 1~{TOP_N_MAX}. 예: 5")]
