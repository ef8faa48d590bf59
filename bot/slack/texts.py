"""Korean texts of the Slack surface: streaming, tables, feedback, sharing, the agent DM layout."""

WORKING = "분석 중…"
LOADING_MESSAGES = ["질문을 이해하고 있어요…", "데이터를 살펴보는 중…", "답변을 정리하는 중…"]
THINKING_TASK = "질문 분석 중…"
PLACEHOLDER = "⏳ {status}"
TURN_FAILED = ("답변을 만드는 중 오류가 발생했습니다. 잠시 후 다시 질문해 주시고, 계속되면 관리자에게 "
               "알려 주세요.")

TABLE_SUMMARY = ("_표가 {rows:,}행 × {cols}열로 길어 앞의 {shown}행{col_note}만 보여 드립니다. "
                 "전체 표는 첨부한 엑셀 파일 `{filename}`에 있어요._")
TABLE_COLUMNS_CUT = "·{cols}열"
TABLE_SHEET = "표"
TABLE_FILE_TITLE = "전체 표 ({rows:,}행)"
TRUNCATED = "_(답변이 길어 일부를 생략했습니다. 더 좁혀서 물어봐 주세요.)_"
ATTACHED = "📎 첨부 파일: {names}"

FEEDBACK_UP_LABEL = "👍"
FEEDBACK_DOWN_LABEL = "👎"
FEEDBACK_UP_A11Y = "도움이 됐어요"
FEEDBACK_DOWN_A11Y = "아쉬워요"
FEEDBACK_THANKS = "의견 감사합니다! 답변 개선에 반영할게요."
FEEDBACK_ASK = "무엇이 부족했나요?"
FEEDBACK_ASK_HINT = "예: 수치가 틀렸어요 / 원하는 기간이 아니에요 / 표가 더 필요해요"
FEEDBACK_MODAL_TITLE = "답변 의견"
FEEDBACK_MODAL_SUBMIT = "보내기"
FEEDBACK_MODAL_CLOSE = "닫기"
FEEDBACK_ASK_FALLBACK = "의견 감사합니다. 무엇이 부족했나요? 이 스레드에 적어 주시면 개선에 반영할게요."
FEEDBACK_COMMENT_THANKS = "자세한 의견 감사합니다. 답변 개선에 반영할게요."
FEEDBACK_COMMENT_EMPTY = "부족했던 점을 한 줄이라도 적어 주세요."

SHARE_LABEL = "채널에 공유"
SHARED_BY = "<@{user}>님이 공유한 MedRep 답변"
SHARED_OK = "✅ 채널에 공유했습니다."
SHARE_EXPIRED = "이 공유 버튼은 만료되었습니다. 명령을 다시 실행한 뒤 새 결과를 공유해 주세요."
SHARE_NOT_YOURS = "본인이 받은 결과만 공유할 수 있습니다."
SHARE_FAILED = "채널에 공유하지 못했습니다. MedRep 봇을 채널에 초대한 뒤(`/invite @MedRep`) 다시 눌러 주세요."

GREETING = ("안녕하세요, MedRep입니다. 실적·목표 달성 전망·거래처·제품 문서에 대해 편하게 물어보세요. "
            "아래 추천 질문으로 시작해도 좋아요.")
PROMPTS_TITLE = "무엇을 도와드릴까요?"
SUGGESTED_PROMPTS = [
    {"title": "이번 달 실적", "message": "이번 달 내 실적 제품별로 보여줘"},
    {"title": "방문 우선순위", "message": "이번 주 방문 우선순위 알려줘"},
    {"title": "목표 달성 전망", "message": "이번 분기 목표 달성 가능할까?"},
    {"title": "제품 정보", "message": "로수빛 용법 용량 알려줘"},
]

# durable delivery and per-user limits (bot/slack/delivery.py)
QUEUED = ("⏳ 앞서 보내신 질문 {ahead}개를 처리하고 있어요. 순서대로 답변드릴게요 (대기 {position}번째). "
          "새 질문은 이 메시지 없이 그대로 보내 주시면 됩니다.")
RATE_LIMITED = ("질문이 1분에 {limit}개를 넘어 이번 질문은 처리하지 않았습니다. 잠시 후 다시 보내 주세요. "
                "(앞서 보낸 질문에는 순서대로 답변합니다.)")
UNDELIVERED = ("답변을 만들었지만 Slack에 전달하지 못했습니다 ({error}). 같은 질문을 다시 보내 주시고, 계속되면 "
               "관리자에게 알려 주세요.")
