"""Korean names for demo people and accounts (fictional, deterministic given the RNG)."""

from __future__ import annotations

import numpy as np

from data.demo.catalog import GIVEN_NAMES, SURNAMES

TERTIARY_PREFIXES = ("한성", "동해", "백제", "가람", "새빛", "누리", "한울", "태평", "청운", "은하",
                     "명륜", "금강", "한라", "무궁", "대한", "중앙", "계림", "서라벌")
GENERAL_SUFFIXES = ("중앙병원", "성모병원", "제일병원", "기독병원", "시민병원", "세란병원", "우리병원",
                    "온누리병원", "백세병원", "현대병원")
HOSPITAL_STEMS = ("바른", "튼튼", "참", "연세", "서울", "힘찬", "밝은", "새", "하나", "든든")
HOSPITAL_KINDS = ("정형외과병원", "내과병원", "재활병원", "척추병원", "요양병원", "이비인후과병원")
CLINIC_ADJECTIVES = ("밝은", "맑은", "튼튼", "편한", "연세", "서울", "우리", "새봄", "365", "가족", "행복한", "참")
PHARMACY_WORDS = ("온누리", "새봄", "건강한", "중앙", "참좋은", "햇살", "우리", "메디", "365", "늘푸른", "보람")
WHOLESALER_WORDS = ("한결", "대한", "동원", "신성", "지오", "세화", "보령", "태림", "우진")


def district_stem(district: str) -> str:
    return district[:-1] if district.endswith(("구", "시", "군")) and len(district) > 2 else district


def person_names(rng: np.random.Generator, count: int, reserved: set[str]) -> list[str]:
    names: list[str] = []
    seen = set(reserved)
    while len(names) < count:
        name = SURNAMES[rng.integers(0, 12 if rng.random() < 0.7 else len(SURNAMES))] + GIVEN_NAMES[
            rng.integers(0, len(GIVEN_NAMES))
        ]
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def account_name(rng: np.random.Generator, account_type: str, district: str, specialty: str | None) -> str:
    stem = district_stem(district)
    pick = lambda items: items[rng.integers(0, len(items))]  # noqa: E731
    if account_type == "상급종합병원":
        return f"{pick(TERTIARY_PREFIXES)}대학교병원"
    if account_type == "종합병원":
        return f"{stem}{pick(GENERAL_SUFFIXES)}"
    if account_type == "병원":
        return f"{stem}{pick(HOSPITAL_STEMS)}{pick(HOSPITAL_KINDS)}"
    if account_type == "의원":
        head = SURNAMES[rng.integers(0, 20)] if rng.random() < 0.5 else pick(CLINIC_ADJECTIVES)
        return f"{head}{specialty or '내과'}의원"
    if account_type == "약국":
        return f"{stem}{pick(PHARMACY_WORDS)}약국"
    return f"{pick(WHOLESALER_WORDS)}약품"


def unique_name(name: str, district: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    candidate = f"{name}({district_stem(district)})"
    number = 2
    while candidate in taken:
        candidate = f"{name}({district_stem(district)}{number})"
        number += 1
    return candidate
