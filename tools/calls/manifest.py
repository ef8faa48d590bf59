"""Call analysis: recordings and transcripts → transcript, sentiment, legal-risk flags, talk
metrics, requests, next steps and a visit record (docs/calls.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from tools.common.contract import CapabilitySpec, ToolArgs, ToolSpec

TRANSCRIPT_MAX_CHARS = 60_000
CALL_LIST_MAX = 50


class CallAnalyzeArgs(ToolArgs):
    call_id: Annotated[int | None, Field(
        title="통화 번호", ge=1, le=2_000_000_000,
        description="분석하거나 다시 볼 통화 번호(통화 목록의 #번호). 비우면 이 스레드에 올린 통화, 없으면 내 최근 통화. 예: 12")] = None
    account: Annotated[str | None, Field(
        title="거래처", max_length=100,
        description="통화한 거래처 이름, 사용자가 말한 그대로(방문 기록을 이 거래처에 연결). 예: '한성대학교병원'")] = None
    transcript: Annotated[str | None, Field(
        title="녹취록", max_length=TRANSCRIPT_MAX_CHARS,
        description="통화 녹취록 원문('MR: …', '의사: …' 줄). 사용자가 메시지에 붙여 넣은 녹취록은 자동으로 읽으므로 "
                    "보통 비워 둡니다(파일로 올렸을 때도 비움). 예: 'MR: 원장님 안녕하세요\n의사: 네'")] = None


class CallListArgs(ToolArgs):
    top_n: Annotated[int, Field(title="개수", ge=1, le=CALL_LIST_MAX,
                                description=f"최근 통화 몇 건을 보여줄지. 1~{CALL_LIST_MAX}, 생략 시 10. 예: 10")] = 10


CAPABILITY = CapabilitySpec(
    package="calls",
    label="통화 분석",
    prefixes=("call_",),
    lifecycle="lifecycle",
    tools=(
        ToolSpec(
            name="call_analyze",
            description="통화 녹음·녹취록 분석: 요약, 고객 요청, 다음 할 일(누가·무엇을·언제까지), 고객 반응(감성)과 "
                        "분위기가 바뀐 순간, 컴플라이언스 위험 발언(시각·규정·바꿔 말하기), 이상사례 보고 안내, 대화 지표"
                        "(담당자 발화 비중, 가장 긴 독백, 질문 수, 끼어들기, 제품·경쟁사·가격 언급). 결과는 거래처 방문 기록으로 저장.",
            args=CallAnalyzeArgs, handler="handlers:call_analyze", status="통화를 분석하는 중…",
            hints="routing:call_args", not_inherited=("call_id", "transcript", "account"),
            claims="pasted:looks_like_transcript",
            examples=("이 통화 분석해줘", "방금 올린 녹음 분석해줘", "통화 녹취록 분석 부탁해", "통화 #3 결과 보여줘",
                      "지난 통화에서 내가 말을 너무 많이 했어?", "이 녹음에 컴플라이언스 위험 발언 있어?",
                      "통화에서 원장님이 뭘 요청했지?", "통화 감성 분석 해줘", "analyze this call recording",
                      "통화 내용 요약하고 다음 할 일 정리해줘", "이 녹취 위험한 말 있었는지 봐줘",
                      "통화 #3 거래처는 마포백세병원", "통화 5번 거래처 새봄내과의원으로 연결해줘",
                      "방금 통화 거래처는 영등포중앙병원이야", "통화 #2 다시 분석해줘"),
        ),
        ToolSpec(
            name="call_list",
            description="최근 통화 목록(번호, 날짜, 거래처, 분석 상태, 위험 발언 수, 고객 반응). 담당자는 본인, 팀장은 팀, 관리자는 전체.",
            args=CallListArgs, handler="handlers:call_list", status="통화 목록을 불러오는 중…",
            hints="routing:call_args", not_inherited=("top_n",),
            examples=("최근 통화 목록 보여줘", "내 통화 기록", "분석한 통화들 보여줘", "우리 팀 통화 목록", "list my calls"),
        ),
    ),
)
