"""Visits with Korean call notes for the last 13 months, and demo call transcripts."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from data.demo.catalog import PRODUCTS, SURNAMES
from data.demo.world import AccountRow

CONTENT_DIR = Path(__file__).parent / "content"
VISITS_PER_MONTH = {"상급종합병원": 5.0, "종합병원": 3.0, "병원": 1.6, "의원": 1.0, "약국": 0.6, "도매상": 0.5}
PURPOSES = ("디테일링", "디테일링", "디테일링", "샘플 전달", "제품설명회", "DC 준비", "학회 안내", "처방 현황 확인")
CONTACT_TITLE = {"상급종합병원": "교수", "종합병원": "과장", "병원": "원장", "의원": "원장", "약국": "약사", "도매상": "팀장"}
FALLBACK_NOTES = (
    "{doctor}님께 {product} 처방 현황 확인. 복약순응도 관련 자료 전달.",
    "{doctor}님 면담. {product} 신규 처방 제안, 다음 방문 때 임상자료 요청하심.",
    "{doctor}님 부재로 간호사실에 {product} 제품 자료 전달.",
    "{doctor}님께 {product} 경쟁품 대비 가격 문의 받음. 약가 자료 준비 예정.",
)


def load_content() -> dict:
    path = CONTENT_DIR / "call_notes.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"notes": list(FALLBACK_NOTES), "transcripts": []}


def visit_rows(rng: np.random.Generator, accounts: list[AccountRow], account_products: dict[int, list[int]],
               churned: set[int], today: date, product_ids: list[int]) -> list[dict]:
    notes = load_content()["notes"] or list(FALLBACK_NOTES)
    start = date(today.year - 1, today.month, 1)
    span_days = (today - start).days
    rows = []
    neglected = rng.random(len(accounts)) < 0.08  # not visited for the last ~100 days
    for account, skip_recent in zip(accounts, neglected):
        count = rng.poisson(VISITS_PER_MONTH[account.type] * 12.5)
        if account.id in churned:
            count = count // 3
        products = account_products.get(account.id) or [0]
        for _ in range(count):
            offset = int(rng.integers(0, span_days))
            if skip_recent and offset > span_days - 100:
                offset = int(rng.integers(0, max(span_days - 100, 1)))
            day = start + timedelta(days=offset)
            if day.weekday() >= 5:
                day -= timedelta(days=day.weekday() - 4)
            product_index = products[int(rng.integers(0, len(products)))]
            doctor = f"{SURNAMES[rng.integers(0, 20)]} {CONTACT_TITLE[account.type]}"
            template = notes[int(rng.integers(0, len(notes)))]
            text = template.replace("{product}", PRODUCTS[product_index].name).replace("{doctor}", doctor)
            rows.append({
                "rep_id": account.owner_rep_id, "account_id": account.id,
                "visited_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=int(rng.integers(9, 18))),
                "contact_name": doctor, "purpose": PURPOSES[int(rng.integers(0, len(PURPOSES)))],
                "product_id": product_ids[product_index], "notes": text,
            })
    rows.sort(key=lambda r: r["visited_at"])
    return rows
