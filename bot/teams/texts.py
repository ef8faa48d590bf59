"""Korean texts of the Teams adapter about uploaded files (what the user reads)."""

CHANNEL_FILES = ("채널이나 그룹 채팅에 올린 파일({names})은 MedRep이 열어 볼 수 없어요 — SharePoint에 저장되어 "
                 "봇에게는 내려받을 권한이 없습니다. MedRep과의 1:1 채팅에 파일을 직접 올려 주세요.")
SHARED_LINK = ("'{filename}'은(는) 공유 링크로만 전달되어 내려받을 수 없습니다. MedRep과의 1:1 채팅에서 "
               "📎(파일 첨부)로 파일을 직접 올려 주세요.")
NO_DOWNLOAD_URL = "'{filename}' 파일의 다운로드 주소가 없어 받지 못했습니다. 1:1 채팅에 파일을 다시 올려 주세요."
HOST_REFUSED = ("'{filename}' 파일의 주소({host})가 허용된 저장소(SharePoint/OneDrive)가 아니어서 내려받지 "
                "않았습니다. 1:1 채팅에 파일을 다시 올려 주세요.")
INSECURE = "'{filename}' 파일 주소가 암호화되지 않은(http) 주소라 내려받지 않았습니다. 파일을 다시 올려 주세요."
REDIRECTED = ("'{filename}' 파일 주소가 다른 곳({host})으로 넘겨져서 내려받지 않았습니다. "
              "1:1 채팅에 파일을 다시 올려 주세요.")
TOO_LARGE_STREAMED = ("'{filename}' 파일이 {max_mb}MB를 넘어 내려받기를 멈췄습니다. 최대 {max_mb}MB까지 "
                      "올릴 수 있어요. 파일을 나누거나 줄여서 다시 올려 주세요.")
HTTP_FAILED = ("'{filename}' 파일을 내려받지 못했습니다 (HTTP {status}). 다운로드 주소는 몇 분만 유효하니 "
               "파일을 다시 올려 주세요.")
DOWNLOAD_FAILED = "'{filename}' 파일을 내려받는 중 오류가 발생했습니다 ({error}). 파일을 다시 올려 주세요."
