"""Other companies' names for the classifier: "LG전자 분기 매출" and "셀트리온 실적" both read
"⟨회사⟩ … 매출/실적", a company whose figures MedRep does not hold. Listed names come from
`data/companies.txt`; a word ending in a corporate word (전자, 자동차, 제약, 바이오, 증권, 은행…)
is one too. Our own company (한빛제약) and our accounts (…약품, …병원) are never masked."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from data.demo.catalog import COMPANY_NAME

COMPANIES_FILE = Path(__file__).parent / "data" / "companies.txt"
PLACEHOLDER = "⟨회사⟩"
CORPORATE_ENDINGS = ("바이오로직스", "전자", "자동차", "중공업", "제약", "바이오", "화학", "건설", "증권", "은행", "생명",
                     "화재", "텔레콤", "물산", "항공", "제철", "홀딩스", "케미칼", "에너지", "엔터")
# after the name: the end, a space or punctuation, or a particle and then one of those
_AFTER = r"(?=(?:의|은|는|이|가|을|를|랑|이랑|하고|과|와|에서|도|만|꺼|거|쪽)?(?:$|[^가-힣A-Za-z0-9]))"


def _names() -> list[str]:
    lines = COMPANIES_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    listed = "|".join(re.escape(name) for name in sorted(_names(), key=len, reverse=True))
    endings = "|".join(CORPORATE_ENDINGS)
    return re.compile(rf"(?<![가-힣A-Za-z0-9])(?:{listed}|[가-힣A-Za-z]{{1,10}}?(?:{endings})){_AFTER}", re.I)


def fingerprint() -> str:
    """Keys the classifier cache: a changed list retrains the model."""
    return hashlib.sha256("\n".join([*_names(), *CORPORATE_ENDINGS, COMPANY_NAME]).encode()).hexdigest()[:12]


def mask_companies(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        return m.group(0) if m.group(0) == COMPANY_NAME else PLACEHOLDER

    return _pattern().sub(sub, text)


def company_named(text: str) -> str | None:
    """The first other company named in `text` (as said), or None."""
    for m in _pattern().finditer(text):
        if m.group(0) != COMPANY_NAME:
            return m.group(0)
    return None
