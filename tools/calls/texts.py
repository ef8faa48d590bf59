"""Korean texts of call analysis (what the rep reads)."""

ROLE_REP = "담당자"
ROLE_CUSTOMER = "상대방"
ROLE_UNKNOWN = "화자 미상"

MOOD_POSITIVE = "긍정"
MOOD_NEUTRAL = "중립"
MOOD_NEGATIVE = "부정"

STARTED_AUDIO = ("🎙️ '{filename}' 통화 분석을 시작했습니다 (통화 #{call_id}) — 약 {minutes}분 걸립니다. "
                 "끝나면 이 스레드에 결과를 올릴게요.")
STILL_RUNNING = "⏳ 통화 #{call_id} 분석이 진행 중입니다({status}). 끝나면 이 스레드에 결과를 올릴게요."
FAILED = ("⚠️ 통화 #{call_id} 분석에 실패했습니다: {error}\n원본 파일은 보관되어 있습니다. "
          "문제가 해결되면 `통화 #{call_id} 다시 분석해줘`라고 말씀해 주세요.")
NOT_FOUND = "통화 #{call_id}를 찾지 못했습니다. `최근 통화 목록 보여줘`로 번호를 확인해 주세요."
NOT_YOURS = "통화 #{call_id}는 볼 권한이 없습니다. 통화는 올린 사람, 그 팀장, 관리자만 볼 수 있어요."
ALREADY_POSTED = "통화 #{call_id} 분석 결과는 이 스레드에 올려 두었습니다. 핵심만 다시 정리하면:"
RISK_COUNT = "⚠️ 컴플라이언스 위험 발언 {n}건: {labels} — 위 분석 결과에서 시각과 바꿔 말하기를 확인하세요."
PASTED_TITLE = "붙여 넣은 녹취록"
NOTHING_TO_ANALYSE = ("분석할 통화가 없습니다. 통화 녹음(mp3, m4a, wav, ogg, webm)이나 녹취록(txt, vtt, srt)을 "
                      "이 스레드에 올리거나, 녹취록을 'MR: …', '의사: …' 형식으로 붙여 넣어 주세요.")
NO_CALL_WITH = ("{account}{wa} 통화 기록이 없습니다. 그 통화의 녹음이나 녹취록을 이 스레드에 올리면 분석해 드려요. "
                "번호로 보려면 '통화 목록'을 확인해 주세요.")
UNKNOWN_ACCOUNT_CALL = "거래처 '{name}'의 통화를 찾지 못했습니다 ({detail}). '통화 목록'에서 번호로 찾아 주세요."
NO_CALLS = "{scope}의 통화 기록이 없습니다. 통화 녹음이나 녹취록을 올리면 분석해 드려요."
NO_ACCOUNT = ("거래처를 알 수 없어 방문 기록에는 연결하지 않았습니다. "
              "`통화 #{call_id} 거래처는 한성대학교병원`처럼 알려 주시면 연결할게요.")
UNKNOWN_ACCOUNT = "거래처 '{name}'을(를) 찾지 못해 방문 기록에는 연결하지 않았습니다 ({detail})."
VISIT_LINKED = "방문 기록(통화 상담)을 {account}에 저장했습니다 — 방문 공백과 거래처 프로필에 바로 반영됩니다."
TOO_SHORT = "녹취 내용이 너무 짧아 분석할 수 없습니다(발화 {n}개). 통화 전체 녹취록을 올려 주세요."

HEADER = "📞 *통화 분석 — {title}* (통화 #{call_id}, {who})"
SECTION_SUMMARY = "*요약*"
SECTION_METRICS = "*대화 지표*"
SECTION_SENTIMENT = "*고객 반응*"
SECTION_RISKS = "*컴플라이언스 위험*"
SECTION_REQUESTS = "*고객 요청*"
SECTION_NEXT = "*다음 할 일*"
NO_RISKS = "발견된 위험 발언이 없습니다."
NO_REQUESTS = "특별한 요청이 없었습니다."
NO_NEXT = "약속한 후속 조치가 없습니다 — 다음 방문 일정을 정해 두세요."
TALK_RATIO = "담당자 발화 비중 {ratio} (좋은 디테일링은 45% 안팎, 65%를 넘으면 고객 말을 더 들어 보세요)"
TALK_RATIO_HIGH = " ⚠️ 말이 많았습니다"
LONGEST = "가장 긴 독백 {seconds} ({at})"
QUESTIONS = "질문 수: 담당자 {rep}개 · 상대방 {customer}개"
INTERRUPTIONS = "끼어들기: 담당자 {rep}회 · 상대방 {customer}회"
MENTIONS = "언급: 자사 제품 {products} · 경쟁 {competitors} · 가격 {prices}회"
MOOD = "전체 {label} ({score:.0%} 긍정)"
MOOD_TURN = "{at} {before}→{after}: \u201c{quote}\u201d"
RISK_LINE = "[{at}] {label}: \u201c{quote}\u201d — {rule}\n   → 이렇게: {rewrite}"
REQUEST_LINE = "[{at}] {text}"
NEXT_LINE = "{who}: {what}{due}"
DUE = " (기한 {date})"
MASKED_NOTE = "개인정보 {n}건을 가려서 저장했습니다."
ESTIMATED_TIMES = "시각은 녹취록에 시간 표시가 없어 발화 길이로 추정했습니다."
ROLES_GUESSED = "화자 표시가 없어 담당자/상대방을 문장 특징으로 추정했습니다."
ENGINE_NOTE = "전사: {engine} · 감성 모델: {sentiment}"

LIST_HEADER = "📞 *최근 통화 — {scope}*"
LIST_LINE = "#{id} {date} {title} · {account} · {status}{extra}"
STATUS = {"received": "접수", "queued": "대기", "transcribing": "전사 중", "analyzing": "분석 중",
          "analyzed": "분석 완료", "transcribed": "녹취록", "failed": "실패"}
