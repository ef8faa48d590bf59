"""Korean texts the user sees about an uploaded file."""

ALLOWED_TEXT = ("문서(pdf, docx, txt, md, html), 통화 녹취(mp3, m4a, wav, ogg, webm), 자막(vtt, srt), "
                "표(xlsx, csv), 이미지(png, jpg)")

REFUSED_TYPE = ("'{filename}' 파일은 받을 수 없는 형식입니다. 받을 수 있는 형식: {allowed}. "
                "형식을 바꿔서 다시 올려 주세요.")
REFUSED_SIZE = ("'{filename}' 파일이 너무 큽니다 ({size_mb:.1f}MB). 최대 {max_mb}MB까지 "
                "올릴 수 있어요. 파일을 나누거나 줄여서 다시 올려 주세요.")

DOCUMENT_INGESTED = "📄 '{filename}' 문서를 저장하고 검색에 추가했습니다. 이 문서에 대해 바로 질문하실 수 있어요."
DOCUMENT_INDEXING = ("📄 '{filename}' 문서를 저장했습니다. 지금 검색 색인 중이에요. 끝나면 이 스레드에서 "
                     "알려 드릴게요.")
DOCUMENT_SEARCHABLE = "✅ '{filename}' 문서의 색인이 끝났습니다. 이제 이 문서에 대해 질문하실 수 있어요."
DOCUMENT_NO_SEARCH = ("📄 '{filename}' 문서를 저장했습니다. 문서 검색 기능이 아직 설치되지 않아 "
                      "검색에는 추가하지 못했어요.")
DOCUMENT_UNREADABLE = ("📄 '{filename}' 파일은 저장했지만 내용을 읽지 못했습니다 ({error}). "
                       "파일이 손상되지 않았는지 확인하고 다시 올려 주세요.")
CALL_RECEIVED = ("🎙️ '{filename}' 통화 파일을 받아 저장했습니다 (통화 #{call_id}). "
                 "통화 분석 기능이 설치되지 않아 분석은 하지 못했어요.")
FILE_STORED = "📎 '{filename}' 파일을 저장했습니다."

# tools/intake/limits.py: content, containers and extracted text
KIND_NAMES = {".pdf": "PDF", ".docx": "Word(docx)", ".xlsx": "Excel(xlsx)", ".wav": "WAV 오디오",
              ".mp3": "MP3 오디오", ".m4a": "M4A 오디오", ".aac": "AAC 오디오", ".ogg": "OGG 오디오",
              ".oga": "OGG 오디오", ".webm": "WebM 오디오", ".flac": "FLAC 오디오", ".amr": "AMR 오디오",
              ".png": "PNG 이미지", ".jpg": "JPEG 이미지", ".jpeg": "JPEG 이미지"}
TEXT_KIND = "텍스트"
REFUSED_CONTENT = ("'{filename}' 파일의 내용이 {kind} 형식이 아니어서 처리하지 않았습니다. 파일은 보관해 두었어요. "
                   "확장자와 실제 파일 형식이 같은지 확인하고 다시 올려 주세요.")
REFUSED_UNPACKED = ("'{filename}' 파일은 압축을 풀면 {unpacked_mb:,.0f}MB로, 최대 {max_mb}MB를 넘어 처리하지 않았습니다. "
                    "파일은 보관해 두었어요. 문서를 나누거나 그림을 줄여서 다시 올려 주세요.")
REFUSED_ZIP_BOMB = ("'{filename}' 파일은 압축률이 비정상적으로 높아({ratio:,.0f}배) 압축 폭탄일 수 있어 처리하지 않았습니다. "
                    "파일은 보관해 두었어요. 정상 문서라면 다시 저장해서 올려 주세요.")
REFUSED_TEXT_LONG = ("'{filename}' 문서는 글자가 너무 많아({chars:,}자, 최대 {max_chars:,}자) 검색에 추가하지 않았습니다. "
                     "파일은 보관해 두었어요. 문서를 나눠서 올려 주세요.")
REFUSED_TOO_MANY_CHUNKS = ("'{filename}' 문서는 검색 조각이 너무 많아({chunks:,}개, 최대 {max_chunks:,}개) 검색에 "
                           "추가하지 않았습니다. 파일은 보관해 두었어요. 문서를 나눠서 올려 주세요.")
