"""A compliance finding and the rule families it cites."""

from __future__ import annotations

from dataclasses import asdict, dataclass

CATEGORIES = ("rebate", "hospitality", "off_label", "efficacy_claim", "safety_claim",
              "disparagement", "endorsement", "personal_data", "adverse_event")

CATEGORY_LABELS = {
    "rebate": "리베이트(처방 연계 경제적 이익)",
    "hospitality": "과도한 접대·향응",
    "off_label": "허가 외(오프라벨) 홍보",
    "efficacy_claim": "효능·효과 과장",
    "safety_claim": "안전성 과장(부작용 부인)",
    "disparagement": "경쟁사 비방",
    "endorsement": "의료인·기관 추천·보증",
    "personal_data": "개인정보(환자 식별 정보)",
    "adverse_event": "이상사례(약물감시 보고 대상)",
}

RULES = {
    "rebate": "약사법 제47조 제2항(경제적 이익 제공 금지), 의료법 제23조의5(쌍벌제), 공정경쟁규약",
    "hospitality": "약사법 제47조 제2항, 약사법 시행규칙 별표2(허용 경제적 이익 범위), 공정경쟁규약",
    "off_label": "약사법 제68조(의약품 광고: 허가사항 외 효능·효과 금지), 의약품 광고 규정",
    "efficacy_claim": "약사법 제68조·의약품 등의 안전에 관한 규칙 광고 기준(효능 보장·최상급 표현 금지)",
    "safety_claim": "약사법 제68조·의약품 광고 기준(부작용 부정·안전성 보장 표현 금지)",
    "disparagement": "약사법 제68조·의약품 광고 기준(타사 제품 비방 금지), 공정경쟁규약",
    "endorsement": "약사법 제68조·의약품 광고 기준(의료인·기관의 추천·보증 표현 금지)",
    "personal_data": "개인정보 보호법(고유식별정보·민감정보 처리 제한), 사내 개인정보 SOP",
    "adverse_event": "약사법 제68조의8·의약품 안전성 정보 관리 규정, 사내 이상사례 보고 SOP(1 영업일 이내)",
}

AE_STEP = ("환자의 이상사례로 보입니다. 인지 시점부터 1 영업일(24시간) 이내에 약물감시팀에 보고하세요: "
           "사내 약물감시 시스템 '이상사례 신고' 메뉴 또는 약물감시팀 메일(야간·휴일은 당직 휴대전화). "
           "보고자, 환자 식별 정보(이니셜·연령대·성별), 의심 제품(로트 번호), 증상·발생 시점을 적고, "
           "인과관계는 판단하지 마세요.")


@dataclass
class Finding:
    category: str
    quote: str  # the exact text that triggered it
    start: int  # character span in the checked text
    end: int
    sentence: int  # 0-based sentence index
    rule: str  # the rule family (and amount, for limits)
    message: str  # Korean: what is wrong
    rewrite: str  # a compliant rewrite of the sentence
    source: str = "rule"  # rule | classifier
    confidence: float = 1.0

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self.category]

    def to_json(self) -> dict:
        return asdict(self) | {"label": self.label}
