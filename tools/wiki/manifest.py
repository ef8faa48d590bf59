"""Team wiki: pages with revisions and visibility (one place)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field

from tools.common.contract import CapabilitySpec, SlashCommand, ToolArgs, ToolSpec
from tools.common.vocab import QUERY_MAX_CHARS, TEXT_MAX_CHARS, WikiVisibility

Page = Annotated[str, Field(title="페이지", min_length=1, max_length=200,
                            description="위키 페이지 제목 또는 slug. 예: '신입 온보딩', 'wiki-new-mr-onboarding'")]
Revision = Annotated[int, Field(title="판 번호", ge=1, le=100_000, description="위키 페이지의 판(리비전) 번호. 예: 2")]
Body = Annotated[str, Field(title="본문", min_length=1, max_length=TEXT_MAX_CHARS,
                            description="페이지 본문(마크다운), 사용자가 쓴 그대로. 예: '## 준비물\n- 제품설명서'")]


class WikiSearchArgs(ToolArgs):
    query: Annotated[str, Field(title="검색어", min_length=1, max_length=QUERY_MAX_CHARS,
                                description="위키에서 찾을 내용. 예: '지출보고서 작성 실수'")]


class WikiViewArgs(ToolArgs):
    page: Page
    revision: Annotated[Optional[int], Field(title="판 번호", ge=1, le=100_000,
                                             description="과거 판 번호. 생략 시 현재 판. 예: 2")] = None


class WikiListArgs(ToolArgs):
    pass


class WikiCreateArgs(ToolArgs):
    title: Annotated[str, Field(title="제목", min_length=1, max_length=200, description="새 페이지 제목. 예: '부산 학회 일정'")]
    body: Body
    visibility: Annotated[WikiVisibility, Field(
        title="공개 범위", description="all(전체), team(우리 팀만), role(팀장 이상)")] = "all"


class WikiEditArgs(ToolArgs):
    page: Page
    body: Body
    comment: Annotated[Optional[str], Field(title="수정 요약", max_length=200, description="무엇을 바꿨는지 한 줄. 예: '연락처 갱신'")] = None
    mode: Annotated[Literal["replace", "append", "replace_section"], Field(
        title="수정 방식", description="replace(본문 전체 바꾸기), append(끝이나 section 절 끝에 덧붙이기), "
                                   "replace_section(section 절의 내용만 바꾸기)")] = "replace"
    section: Annotated[Optional[str], Field(
        title="절", max_length=200,
        description="덧붙이거나 바꿀 절(## 제목), append/replace_section일 때. 예: '준비물'")] = None


class WikiHistoryArgs(ToolArgs):
    page: Page


class WikiDiffArgs(ToolArgs):
    page: Page
    from_revision: Annotated[Optional[int], Field(title="비교 시작 판", ge=1, le=100_000,
                                                  description="비교할 이전 판. 생략 시 직전 판. 예: 2")] = None
    to_revision: Annotated[Optional[int], Field(title="비교 끝 판", ge=1, le=100_000,
                                                description="비교할 이후 판. 생략 시 현재 판. 예: 3")] = None


class WikiRevertArgs(ToolArgs):
    page: Page
    revision: Revision


_FREE_TEXT = ("query", "title", "body", "comment", "visibility", "revision", "from_revision", "to_revision")
_WIKI_PAGE_QUESTION = "어느 위키 페이지를 볼까요? 페이지 제목을 따옴표로 알려 주세요. 예: '\"신입 온보딩\" 페이지 보여줘'"

CAPABILITY = CapabilitySpec(
    package="wiki",
    label="팀 위키",
    prefixes=("wiki_",),
    tools=(
        ToolSpec(name="wiki_search", description="팀 위키에서 내용을 검색합니다.", args=WikiSearchArgs,
                 handler="handlers:wiki_search", status="위키를 검색하는 중…", hints="routing:wiki_args", not_inherited=_FREE_TEXT,
                 ask_when_missing=(("query", "위키에서 무엇을 찾을까요? 예: '위키에서 지출보고서 찾아줘'"),),
                 examples=("위키에서 지출보고서 찾아줘", "위키에 학회 일정 있어?")),
        ToolSpec(name="wiki_view", description="위키 페이지 본문을 보여줍니다(revision: 과거 판).", args=WikiViewArgs,
                 handler="handlers:wiki_view", status="위키 페이지를 여는 중…", hints="routing:wiki_args", not_inherited=_FREE_TEXT,
                 ask_when_missing=(("page", _WIKI_PAGE_QUESTION),),
                 examples=("'신입 온보딩' 페이지 보여줘", "\"방문 일정 잡기\" 위키 2판 보여줘")),
        ToolSpec(name="wiki_list", description="내가 볼 수 있는 위키 페이지 목록.", args=WikiListArgs,
                 handler="handlers:wiki_list", status="위키 목록을 불러오는 중…",
                 examples=("위키 목록 보여줘", "위키 페이지 뭐 있어?")),
        ToolSpec(name="wiki_create", description="새 위키 페이지를 만듭니다.", args=WikiCreateArgs,
                 handler="handlers:wiki_create", status="위키 페이지를 만드는 중…", hints="routing:wiki_args", not_inherited=_FREE_TEXT,
                 claims="routing:is_page_form",
                 ask_when_missing=(
                     ("body", "새 위키 페이지 내용을 알려 주세요. 예: '\"부산 학회 일정\" 위키 만들어줘: 본문…'"),
                     ("title", "새 위키 페이지의 제목을 따옴표로 알려 주세요. 예: '\"부산 학회 일정\" 위키 만들어줘: 본문…'"),
                 ),
                 examples=("\"부산 학회 일정\" 위키 만들어줘: 12월 10일 BEXCO", "새 위키 페이지 작성해줘")),
        ToolSpec(name="wiki_edit", description="위키 페이지를 고칩니다: 본문 전체 바꾸기, 덧붙이기, 한 절만 바꾸기(새 판이 생깁니다). "
                                               "작성자·작성자 팀의 팀장·관리자만 고칠 수 있고, 컴플라이언스 페이지는 잠겨 있습니다.",
                 args=WikiEditArgs, handler="handlers:wiki_edit", status="위키 페이지를 고치는 중…",
                 hints="routing:wiki_args", claims="routing:is_section_edit", not_inherited=_FREE_TEXT,
                 ask_when_missing=(
                     ("page", "어느 위키 페이지를 고칠까요? 페이지 제목을 따옴표로 알려 주세요."),
                     ("body", "무엇으로 고칠까요? 예: '\"신입 온보딩\" 페이지 수정: 새 본문…' 처럼 콜론(:) 뒤에 내용을 적어 주세요."),
                 ),
                 examples=("\"신입 온보딩\" 페이지 수정: 새 본문", "위키 페이지 고쳐줘",
                           "\"제품설명회 준비물\" 페이지 준비물 절에 추가: 명함")),
        ToolSpec(name="wiki_history", description="위키 페이지의 변경 이력(판 번호, 작성자, 시각, 요약).",
                 args=WikiHistoryArgs, handler="handlers:wiki_history", status="위키 이력을 불러오는 중…",
                 hints="routing:wiki_args", not_inherited=_FREE_TEXT,
                 ask_when_missing=(("page", "어느 위키 페이지의 변경 이력을 볼까요? 페이지 제목을 따옴표로 알려 주세요."),),
                 examples=("\"신입 온보딩\" 페이지 변경 이력", "위키 수정 기록 보여줘")),
        ToolSpec(name="wiki_diff", description="두 판 사이의 변경 내용(unified diff). 생략 시 직전 판과 현재 판.",
                 args=WikiDiffArgs, handler="handlers:wiki_diff", status="위키 변경 내용을 비교하는 중…",
                 hints="routing:wiki_args", not_inherited=_FREE_TEXT,
                 ask_when_missing=(("page", "어느 위키 페이지를 비교할까요? 예: '\"신입 온보딩\" 페이지 2판과 3판 비교'"),),
                 examples=("\"신입 온보딩\" 페이지 2판과 3판 비교", "위키 뭐가 바뀌었어?")),
        ToolSpec(name="wiki_revert", description="위키 페이지를 과거 판 내용으로 되돌립니다(새 판으로 기록).",
                 args=WikiRevertArgs, handler="handlers:wiki_revert", status="위키 페이지를 되돌리는 중…",
                 hints="routing:wiki_args", not_inherited=_FREE_TEXT,
                 ask_when_missing=(
                     ("page", "어느 위키 페이지를 몇 번째 판으로 되돌릴까요? 예: '\"신입 온보딩\" 페이지 2판으로 되돌려줘'"),
                     ("revision", "몇 번째 판으로 되돌릴까요? 예: '\"신입 온보딩\" 페이지 2판으로 되돌려줘'"),
                 ),
                 examples=("\"신입 온보딩\" 페이지 2판으로 되돌려줘", "위키 예전 버전으로 복구해줘")),
    ),
    slash_commands=(
        SlashCommand(
            command="/wiki", parser="commands:parse_wiki",
            usage=("*/wiki [검색어|목록|보기 페이지|편집 페이지]* — 팀 위키\n"
                   "• `/wiki 샘플 규정` 검색\n• `/wiki 목록`\n• `/wiki 보기 방문 보고 작성법`\n"
                   "• `/wiki 편집 방문 보고 작성법` (편집 창이 열립니다)"),
        ),
    ),
)
