"""Turn an intent and its slots into tool-call arguments (names from tools/CATALOG.md)."""

from __future__ import annotations

import re

from agent.router.slots import Slots

_GROUP_BY = [
    (r"담당자\s*별|사원\s*별|mr\s*별|영업사원\s*별|by\s*rep|per\s*rep", "rep"),
    (r"팀\s*별|by\s*team|per\s*team", "team"),
    (r"지역\s*별|시도\s*별|권역\s*별|by\s*region", "region"),
    (r"유형\s*별|종별|병원\s*종류|by\s*account\s*type", "account_type"),
    (r"거래처\s*별|병원\s*별|처방처\s*별|by\s*account|per\s*account", "account"),
    (r"질환\s*별|치료\s*영역\s*별|영역\s*별|계열\s*별|by\s*(?:therapeutic\s*)?area", "therapeutic_area"),
    (r"채널\s*별|원내\s*외|원내\s*/\s*원외|by\s*channel", "channel"),
    (r"월\s*별|월간\s*추이|monthly|by\s*month|추이", "month"),
    (r"제품\s*별|품목\s*별|by\s*product|per\s*product", "product"),
]
_CHART_KIND = [
    (r"달성|achievement", "achievement"),
    (r"믹스|비중|구성|점유|mix|share|파이", "product_mix"),
    (r"지역|region", "region"),
]
_ASC = re.compile(r"하위|낮은|worst|bottom|꼴찌|부진|저조|적은", re.I)
_LOST = re.compile(r"이탈|끊긴|끊긴|빠진|중단|잃은|lost|churn|떨어져\s*나간|안\s*하는|없어진", re.I)
_HORIZON = re.compile(r"(\d{1,2})\s*개월|(\d)\s*분기|내년|다음\s*분기|next\s*quarter|(\d{1,2})\s*months?", re.I)
_REVISION = re.compile(r"(?:r|rev|리비전|버전|판|v)\s*(\d{1,4})|(\d{1,4})\s*(?:번째?|버전|판|리비전)", re.I)


def _first(pattern_values, text: str, default=None):
    for pattern, value in pattern_values:
        if re.search(pattern, text, re.I):
            return value
    return default


def _filters(slots: Slots) -> dict:
    ent = slots.entities
    out = {}
    for slot in ("rep", "team", "region", "account", "account_type", "therapeutic_area", "channel"):
        if ent.get(slot):
            out[slot] = ent[slot]
    product = ent.get("product") or ent.get("ingredient")
    if product:
        out["product"] = product
    return out


def _scope_name(slots: Slots) -> dict:
    ent = slots.entities
    for scope, slot in (("account", "account"), ("product", "product"), ("product", "ingredient"),
                        ("rep", "rep"), ("team", "team")):
        if ent.get(slot):
            return {"scope": scope, "name": ent[slot]}
    return {}


def _horizon(text: str) -> int | None:
    m = _HORIZON.search(text)
    if not m:
        return None
    if m.group(1) or m.group(3):
        return max(1, min(24, int(m.group(1) or m.group(3))))
    if m.group(2):
        return 3 * int(m.group(2))
    return 12 if "내년" in m.group(0) else 3


def _query(text: str) -> str:
    cleaned = re.sub(r"(?:찾아\s*줘|찾아\s*주세요|검색해\s*줘|검색|알려\s*줘|알려\s*주세요|보여\s*줘|좀|요$|\?)", " ", text)
    return re.sub(r"\s+", " ", cleaned).strip() or text.strip()


def _page(slots: Slots) -> str | None:
    if slots.quoted:
        return slots.quoted[0]
    m = re.search(r"([가-힣A-Za-z0-9 ·_\-]{2,40}?)\s*(?:위키\s*)?(?:페이지|문서|위키)", slots.text.split(":")[0])
    if m:
        page = re.sub(r"^(?:위키|팀\s*위키)\s*", "", m.group(1)).strip()
        return page or None
    return None


def _revisions(text: str) -> list[int]:
    return [int(a or b) for a, b in _REVISION.findall(text)]


def build_args(intent: str, slots: Slots) -> dict:
    """Arguments for `intent`'s tool from the slots (before filtering by the tool's schema)."""
    text = slots.text
    low = text.lower()
    args: dict = {}
    if intent.startswith("sales_"):
        args.update(_filters(slots))
        if slots.period:
            args["period"] = slots.period
        if intent in ("sales_report", "sales_export"):
            group = _first(_GROUP_BY, low)
            if group:
                args["group_by"] = group
            if slots.top_n:
                args["top_n"] = slots.top_n
            if _ASC.search(low):
                args["order"] = "asc"
        if intent == "sales_chart":
            args["kind"] = _first(_CHART_KIND, low, "trend")
        if intent == "sales_account_changes":
            args["kind"] = "lost" if _LOST.search(low) else "new"
    elif intent.startswith("client_"):
        ent = slots.entities
        for slot in ("rep", "team", "account"):
            if ent.get(slot):
                args[slot] = ent[slot]
        grade = re.search(r"(?<![A-Za-z])([A-Da-d])\s*(?:등급|grade)", text)
        if intent == "client_grades" and grade:
            args["grade"] = grade.group(1).upper()
        if slots.top_n and intent in ("client_churn_risk", "client_visit_priorities"):
            args["top_n"] = slots.top_n
    elif intent == "forecast_sales":
        args.update(_scope_name(slots))
        horizon = _horizon(text)
        if horizon:
            args["horizon"] = horizon
    elif intent == "forecast_target_gap":
        for slot in ("rep", "team"):
            if slots.get(slot):
                args[slot] = slots.get(slot)
        if slots.period:
            args["period"] = slots.period
    elif intent == "forecast_recommendations":
        if slots.get("rep"):
            args["rep"] = slots.get("rep")
    elif intent == "anomaly_detect":
        args.update(_scope_name(slots))
        if slots.period:
            args["period"] = slots.period
    elif intent in ("search_documents", "wiki_search"):
        args["query"] = slots.quoted[0] if slots.quoted else _query(text)
    elif intent.startswith("wiki_"):
        _wiki_args(intent, slots, args)
    elif intent == "draft_visit_report":
        if slots.get("account"):
            args["account"] = slots.get("account")
        if slots.after_colon:
            args["notes"] = slots.after_colon
        m = re.search(r"\d{4}-\d{2}-\d{2}|오늘|어제", text)
        if m:
            args["date"] = m.group(0)
    elif intent == "compliance_check":
        args["text"] = slots.after_colon or (slots.quoted[0] if slots.quoted else text)
    elif intent == "call_analyze":
        m = re.search(r"(\d{1,6})\s*번", text)
        args["call"] = m.group(1) if m else "latest"
    elif intent == "news_digest":
        topic = slots.get("product") or slots.get("ingredient") or slots.get("therapeutic_area")
        if topic:
            args["topic"] = topic
    return args


def _wiki_args(intent: str, slots: Slots, args: dict) -> None:
    page = _page(slots)
    revisions = _revisions(slots.text.split(":")[0])
    if intent == "wiki_create":
        if page:
            args["title"] = page
        if slots.after_colon:
            args["body"] = slots.after_colon
        if re.search(r"팀\s*(?:만|공개|전용)|우리\s*팀", slots.text):
            args["visibility"] = "team"
    elif intent == "wiki_edit":
        if page:
            args["page"] = page
        if slots.after_colon:
            args["body"] = slots.after_colon
    elif intent in ("wiki_view", "wiki_history"):
        if page:
            args["page"] = page
        if intent == "wiki_view" and revisions:
            args["revision"] = revisions[0]
    elif intent == "wiki_diff":
        if page:
            args["page"] = page
        if len(revisions) >= 2:
            args["from_revision"], args["to_revision"] = revisions[0], revisions[1]
        elif revisions:
            args["from_revision"] = revisions[0]
    elif intent == "wiki_revert":
        if page:
            args["page"] = page
        if revisions:
            args["revision"] = revisions[0]


REQUIRED_QUESTIONS = {
    "client_profile": ("account", "어느 거래처의 정보를 볼까요? 거래처 이름을 함께 말씀해 주세요. 예: '한성대학교병원 거래처 카드 보여줘'"),
    "draft_visit_report": ("account", "어느 거래처 방문 보고서를 쓸까요? 예: '한성대학교병원 방문 보고서 써줘: 로수빛 디테일링, 재방문 약속'"),
    "wiki_view": ("page", "어느 위키 페이지를 볼까요? 페이지 제목을 따옴표로 알려 주세요. 예: '\"신입 온보딩\" 페이지 보여줘'"),
    "wiki_history": ("page", "어느 위키 페이지의 변경 이력을 볼까요? 페이지 제목을 따옴표로 알려 주세요."),
    "wiki_diff": ("page", "어느 위키 페이지를 비교할까요? 예: '\"신입 온보딩\" 페이지 2판과 3판 비교'"),
    "wiki_revert": ("page", "어느 위키 페이지를 몇 번째 판으로 되돌릴까요? 예: '\"신입 온보딩\" 페이지 2판으로 되돌려줘'"),
    "wiki_edit": ("body", "무엇으로 고칠까요? 예: '\"신입 온보딩\" 페이지 수정: 새 본문…' 처럼 콜론(:) 뒤에 내용을 적어 주세요."),
    "wiki_create": ("body", "새 위키 페이지 내용을 알려 주세요. 예: '\"부산 학회 일정\" 위키 만들어줘: 본문…'"),
}


def missing_question(intent: str, args: dict) -> str | None:
    """A Korean question when a required argument is missing (the tool is not called)."""
    need = REQUIRED_QUESTIONS.get(intent)
    if need and not args.get(need[0]):
        return need[1]
    if intent == "wiki_revert" and "revision" not in args:
        return "몇 번째 판으로 되돌릴까요? 예: '\"신입 온보딩\" 페이지 2판으로 되돌려줘'"
    if intent == "wiki_create" and "title" not in args:
        return "새 위키 페이지의 제목을 따옴표로 알려 주세요. 예: '\"부산 학회 일정\" 위키 만들어줘: 본문…'"
    return None
