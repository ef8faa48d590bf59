"""Compliance checker speed: a generated ~30-page visit-report document (about 1,500 characters
a page, a few planted violations), checked once cold (classifier trained) and then warm.

    .venv/bin/python bench/compliance_bench.py [--pages 30] [--repeat 3]

Prints JSON: pages, characters, sentences, findings, cold and warm seconds (target < 5 s)."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_CLEAN = [
    "{acc} {who}을 방문해 {prod} 허가 적응증과 용법·용량을 설명했습니다.",
    "{who}께서 최근 처방 현황과 환자 반응에 대해 말씀해 주셨습니다.",
    "다음 방문 때 {prod} 관련 임상 자료를 가져가기로 했습니다.",
    "약제부와 다음 분기 공급 일정을 확인했습니다.",
    "제품설명회 식음료는 1인당 {meal}원으로 준비하고 지출보고서에 기록했습니다.",
    "샘플은 견본품 표시가 된 최소 포장 단위로 전달했습니다.",
    "겨울철 호흡기 환자 증가에 대비해 재고를 점검했습니다.",
    "허가사항에 없는 질문은 메디컬팀에 전달하겠다고 말씀드렸습니다.",
    "{who}이 가이드라인 개정 내용에 관심을 보이셨습니다.",
    "도매상 출하 일정과 반품 처리를 조율했습니다.",
]
_PLANTED = [
    "처방 늘려주시면 챙겨드릴게요.",
    "설명회 식사를 1인당 15만원 코스로 예약했습니다.",
    "환자 연락처 010-2345-6789를 받아두었습니다.",
    "환자가 약 먹고 두드러기가 났다고 합니다.",
]


def make_document(pages: int = 30, chars_per_page: int = 1500, seed: int = 7) -> str:
    rng = random.Random(seed)
    accs, whos = ["한성대학교병원", "서울중앙의원", "미래내과의원", "푸른약국"], ["김 교수님", "이 원장님", "박 약제부장님"]
    prods = ["로수빛정", "한빛암로정", "몬테빛정", "다파빛정"]
    out, size = [], 0
    for page in range(pages):
        out.append(f"## {page + 1}쪽 방문 보고")
        page_size = 0
        while page_size < chars_per_page:
            s = rng.choice(_CLEAN).format(acc=rng.choice(accs), who=rng.choice(whos), prod=rng.choice(prods),
                                          meal=rng.choice(["30,000", "45,000", "25,000"]))
            out.append(s)
            page_size += len(s)
        if page % 8 == 3:
            out.append(_PLANTED[(page // 8) % len(_PLANTED)])
        size += page_size
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    ns = parser.parse_args()
    from tools.documents.compliance import check_text, config_from_settings
    from tools.documents.compliance.rules import sentences

    text = make_document(ns.pages)
    config = config_from_settings()
    started = time.perf_counter()
    findings = check_text(text, config)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(ns.repeat):
        started = time.perf_counter()
        check_text(text, config)
        warm.append(time.perf_counter() - started)
    print(json.dumps({"pages": ns.pages, "chars": len(text), "sentences": len(sentences(text)),
                      "findings": len(findings), "cold_s": round(cold, 3), "warm_s": round(min(warm), 3),
                      "target_s": 5}, ensure_ascii=False))


if __name__ == "__main__":
    main()
