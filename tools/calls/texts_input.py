"""Korean messages for problems with a call's input (a recording or a transcript).

Each says what happened and what the user can do; the uploaded file is always kept, and the
messages that follow a refusal say so.
"""

from __future__ import annotations

KEPT = "올린 파일은 삭제하지 않고 보관해 두었습니다."
TRANSCRIPT_HINT = "녹취록 파일(.txt, .vtt, .srt)을 올리시거나 대화 내용을 메시지로 붙여 넣으셔도 분석할 수 있습니다."

INPUT_MESSAGES: dict[str, str] = {
    "empty": "파일에 내용이 없습니다. 녹음이나 녹취록이 제대로 저장되었는지 확인하고 다시 올려 주세요.",
    "unreadable": ("녹취록의 글자 인코딩을 읽을 수 없습니다. UTF-8(또는 UTF-16, CP949)로 저장한 .txt/.vtt/.srt "
                   "파일로 다시 올려 주세요."),
    "not_korean": ("한국어 통화가 아닌 것으로 보입니다(한글 비율 {share:.0%}). 통화 분석은 한국어 통화만 "
                   "지원합니다. 한국어 녹음이나 녹취록을 올려 주세요."),
    "corrupt": ("오디오 파일을 열 수 없습니다. 파일이 손상되었거나 오디오 파일이 아닙니다. 녹음 앱에서 "
                "wav, mp3, m4a, ogg, webm 형식으로 다시 내보내 올려 주세요. " + KEPT),
    "unsupported_codec": ("이 파일의 오디오 형식({codec})은 지원하지 않습니다. wav, mp3, m4a(AAC), ogg(Opus), "
                          "webm 형식으로 변환해 다시 올려 주세요. " + KEPT),
    "too_long": ("녹음이 {minutes}분으로 너무 깁니다. 한 번에 최대 {limit}분까지 분석합니다. 통화 부분만 잘라서 "
                 "다시 올려 주세요. " + KEPT),
    "no_speech": ("녹음에서 말소리를 찾지 못했습니다(무음이거나 소리가 너무 작습니다). 녹음이 제대로 되었는지 "
                  "확인해 주세요. " + KEPT),
    "no_engine": ("음성 인식 모델이 설정되어 있지 않아 녹음을 글로 옮길 수 없습니다. " + KEPT + " "
                  + TRANSCRIPT_HINT + " (관리자: MEDREP_WHISPER_MODEL 또는 MEDREP_TRANSCRIBE_MODEL 설정)"),
    "too_large": ("음성 인식 서비스가 파일이 너무 크다며 거절했습니다(최대 약 25MB). 녹음을 나누거나 더 낮은 "
                  "음질(mp3, m4a)로 내보내 다시 올려 주세요. " + KEPT),
    "engine_auth": ("음성 인식 서비스 인증에 실패했습니다. 관리자에게 API 키(OPENAI_API_KEY) 확인을 요청해 "
                    "주세요. " + KEPT + " " + TRANSCRIPT_HINT),
    "engine_timeout": ("음성 인식 서비스가 제시간에 응답하지 않았습니다. 잠시 후 다시 시도해 주세요. " + KEPT),
    "engine_failed": ("음성 인식 서비스에서 오류가 났습니다({detail}). 잠시 후 다시 시도해 주세요. " + KEPT + " "
                      + TRANSCRIPT_HINT),
}


def input_message(code: str, **values: object) -> str:
    return INPUT_MESSAGES[code].format(**values)
