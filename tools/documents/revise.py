"""Revision instructions on the latest visit-report draft ("두 번째 문단 더 짧게", "마지막 문단 빼줘"):
the notes' paragraphs are edited and the report is drafted again as a new version."""

from __future__ import annotations

import re

from tools.common.plumbing import ToolInputError

_ORDINALS = {"첫": 1, "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_TARGET = re.compile(r"(?:(\d{1,2})|(첫|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열))\s*(?:번째|째)?\s*(?:문단|단락|단란|paragraph)|(마지막)\s*(?:문단|단락)")
_SHORTEN = re.compile(r"(짧게|줄여|줄이|요약|간단히|간결)")
_DELETE = re.compile(r"(삭제|빼|지워|없애)")

HELP = ("수정 요청을 이해하지 못했습니다. 예: '두 번째 문단 더 짧게', '마지막 문단 빼줘', '전체를 짧게'. "
        "내용을 새로 쓰려면 방문 메모와 함께 보고서를 다시 요청해 주세요.")


def paragraphs(notes: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n", notes) if p.strip()]
    if len(parts) == 1:  # one block of text: its sentences are the paragraphs the rep sees
        parts = [s.strip() for s in re.split(r"(?<=[.!?])\s+", parts[0]) if s.strip()]
    return parts


def _shorten(text: str) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    if len(sentences) > 1:
        return " ".join(sentences[: max(1, len(sentences) // 2)])
    clauses = re.split(r"(?<=[,，])\s*", text)
    if len(clauses) > 1:
        return " ".join(clauses[: max(1, len(clauses) // 2)]).rstrip(",， ") + "."
    return text if len(text) <= 40 else text[:40].rstrip() + "…"


def revise_notes(notes: str, instruction: str) -> tuple[str, str]:
    """(new notes, Korean description of the change)."""
    paras = paragraphs(notes)
    m = _TARGET.search(instruction)
    if m:
        n = len(paras) if m.group(3) else int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2)]
        if not 1 <= n <= len(paras):
            raise ToolInputError(f"{n}번째 문단이 없습니다. 지금 방문 내용은 {len(paras)}개 문단입니다.")
        if _DELETE.search(instruction):
            done = f"{n}번째 문단을 뺐습니다."
            paras = paras[: n - 1] + paras[n:]
            if not paras:
                raise ToolInputError("문단을 모두 지울 수는 없습니다. 남길 내용을 알려 주세요.")
        elif _SHORTEN.search(instruction):
            paras[n - 1] = _shorten(paras[n - 1])
            done = f"{n}번째 문단을 줄였습니다."
        else:
            raise ToolInputError(HELP)
    elif _SHORTEN.search(instruction) and re.search(r"(전체|전부|모두|보고서|다)", instruction):
        paras = [_shorten(p) for p in paras]
        done = "문단마다 줄였습니다."
    else:
        raise ToolInputError(HELP)
    return "\n".join(paras), done
