"""Compliance rule engine: `check_text(text, config) -> list[Finding]`.

Pattern rules per category (rebate, hospitality, off_label, efficacy_claim, safety_claim,
disparagement, endorsement, personal_data, adverse_event) with amount limits from settings
and approved indications from the product monographs, plus a trained classifier for
sentences the rules pass. Importable by any package (e.g. call analysis)."""

from __future__ import annotations

from tools.documents.compliance.config import ComplianceConfig, config_from_settings, load_labels
from tools.documents.compliance.findings import CATEGORIES, CATEGORY_LABELS, RULES, Finding
from tools.documents.compliance.rules import RULE_SET, sentences

__all__ = ["CATEGORIES", "CATEGORY_LABELS", "RULES", "ComplianceConfig", "Finding", "check_text",
           "config_from_settings", "load_labels", "summarize"]

_CLASSIFIER_REWRITE = {
    "rebate": "처방·구매와 연계한 경제적 이익은 제공할 수 없습니다. 허가사항과 근거 자료만 안내하겠습니다.",
    "hospitality": "향응 없이 별표2 한도 내 제품설명회(정보 제공 목적)로만 진행하겠습니다.",
    "off_label": "허가사항 범위 안에서만 안내하고, 허가 외 질문은 메디컬팀에 전달하겠습니다.",
    "efficacy_claim": "허가사항과 임상 결과 범위 안의 표현으로 바꾸겠습니다.",
    "safety_claim": "주요 이상반응과 주의사항을 함께 안내하겠습니다.",
    "disparagement": "경쟁 제품에 대한 언급은 빼고 허가·공개 근거만 안내하겠습니다.",
    "endorsement": "의료인·기관의 추천·보증 표현 없이 근거로만 소개하겠습니다.",
    "personal_data": "환자 식별 정보는 지우고 이니셜·연령대만 남기겠습니다.",
    "adverse_event": "약물감시팀에 1 영업일 이내 이상사례로 보고하겠습니다.",
}


def check_text(text: str, config: ComplianceConfig | None = None) -> list[Finding]:
    """Every finding in `text`, in text order. Raises ValueError (Korean) on empty text."""
    if text is None or not str(text).strip():
        raise ValueError("검사할 내용이 비어 있습니다. 점검할 문장이나 문서 내용을 입력해 주세요. 예: '처방 늘려주시면 챙겨드릴게요'")
    config = config or config_from_settings()
    findings: list[Finding] = []
    unflagged = []
    for s in sentences(text):
        found = [f for rule in RULE_SET for f in rule(s, config)]
        findings += found
        if not found:
            unflagged.append(s)
    if config.use_classifier and unflagged:
        findings += _classify(unflagged, config)
    findings.sort(key=lambda f: (f.start, f.category))
    return findings


def _classify(items, config: ComplianceConfig) -> list[Finding]:
    from tools.documents.compliance.classifier import default_classifier

    clf = default_classifier()
    out = []
    for s, probs in zip(items, clf.predict([s.text for s in items])):
        category, p = max(probs.items(), key=lambda kv: kv[1])
        if p >= config.classifier_threshold:
            out.append(Finding(category=category, quote=s.text, start=s.start, end=s.start + len(s.text),
                               sentence=s.index, rule=RULES[category],
                               message=f"규칙에는 걸리지 않았지만 학습된 분류기가 '{CATEGORY_LABELS[category]}' 위험으로 봤습니다"
                                       f"(확률 {p:.0%}). CP팀 확인을 권합니다.",
                               rewrite=_CLASSIFIER_REWRITE[category], source="classifier", confidence=round(p, 3)))
    return out


def summarize(findings: list[Finding]) -> str:
    """Korean text of the findings (for chat replies and report appendices)."""
    if not findings:
        return "컴플라이언스 점검: 위반 소지가 있는 표현이 없습니다. (최종 판단은 CP팀에 확인하세요)"
    lines = [f"컴플라이언스 점검: {len(findings)}건"]
    for i, f in enumerate(findings, 1):
        lines.append(f"{i}. [{f.label}] “{f.quote}” (문장 {f.sentence + 1}, {f.start}–{f.end}자)\n"
                     f"   - {f.message}\n   - 근거: {f.rule}\n   - 수정 제안: {f.rewrite}")
    lines.append("규정 수치는 공개 자료 기준의 설정값입니다. 최종 판단은 CP팀에 확인하세요.")
    return "\n".join(lines)
