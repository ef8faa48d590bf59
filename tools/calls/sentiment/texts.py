"""Korean messages of the sentiment model and its evaluation."""

TSV_NOT_FOUND = "TSV 파일을 찾을 수 없습니다: {path}. 경로를 확인해 주세요."
TSV_BAD_HEADER = "TSV 첫 줄은 id, document, label 이어야 합니다 (NSMC 형식)."
TSV_EMPTY = "TSV에 평가할 행이 없습니다 (label은 0 또는 1)."
