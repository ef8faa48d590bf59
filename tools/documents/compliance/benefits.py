"""A benefit given (type, total amount, people) checked against the 별표2 limits in settings."""

from __future__ import annotations

from tools.documents.compliance.amounts import won
from tools.documents.compliance.config import ComplianceConfig
from tools.documents.compliance.findings import RULES, Finding

BENEFIT_TYPES = ("제품설명회 식음료", "기념품", "판촉물", "견본품", "강의료", "자문료", "학회 지원", "기타")


def benefit_limit(benefit_type: str, config: ComplianceConfig) -> tuple[int | None, str]:
    """(per-person limit, rule text) of a benefit type; None where no amount limit applies."""
    table = {
        "제품설명회 식음료": (config.meal_limit, "약사법 시행규칙 별표2: 제품설명회 식음료 1인당 {limit} 이하"),
        "기념품": (config.briefing_souvenir_limit, "약사법 시행규칙 별표2: 제품설명회 기념품 1인당 {limit} 이하"),
        "판촉물": (config.promo_item_limit, "약사법 시행규칙 별표2: 회사명 표기 판촉물 {limit} 이하"),
        "강의료": (config.lecture_fee_hour_limit, "공정경쟁규약: 강의료 시간당 {limit} 이하"),
        "자문료": (config.advisory_fee_limit, "공정경쟁규약: 자문료 1회 {limit} 이하"),
        "학회 지원": (config.conference_meal_limit, "공정경쟁규약: 학회 지원 식사 1회 {limit} 이하"),
    }
    limit, rule = table.get(benefit_type, (None, RULES["hospitality"]))
    return limit, rule.format(limit=won(limit)) if limit is not None else rule


def check_benefit(benefit_type: str, amount: int, people: int, config: ComplianceConfig,
                  quote: str = "") -> Finding | None:
    limit, rule = benefit_limit(benefit_type, config)
    if limit is None or amount <= 0:
        return None
    per_person = amount // max(1, people)
    if per_person <= limit:
        return None
    text = quote or f"{benefit_type} {won(amount)} ({people}명)"
    return Finding(category="hospitality", quote=text, start=0, end=len(text), sentence=-1, rule=rule,
                   message=f"{benefit_type} 1인당 {won(per_person)}: 한도 {won(limit)}를 넘습니다.",
                   rewrite=f"{benefit_type}은(는) 1인당 {won(limit)} 이하(총 {won(limit * max(1, people))} 이하)로 조정하겠습니다.",
                   source="benefit")
