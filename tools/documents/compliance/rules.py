"""Pattern rules, one family per category. Each rule sees one sentence and returns findings
with spans relative to the whole text. Amount limits come from `ComplianceConfig`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tools.documents.compliance.amounts import headcount, parse_amounts, won
from tools.documents.compliance.config import ComplianceConfig
from tools.documents.compliance.findings import AE_STEP, RULES, Finding

# A sentence that refuses, forbids or redirects is not a violation ("골프 접대는 금지입니다").
_NEGATED = re.compile(r"(금지|불가|안\s*됩니다|안\s*된다고|할\s*수\s*없|드릴\s*수\s*없|거절|사양|하지\s*않(?:기로|습니다|았)|"
                      r"않도록|말아야|위반|메디컬\s*팀|의학부|MSL|CP\s*팀에\s*문의)")
_COMPETITOR = re.compile(r"(경쟁\s*사|타사|[A-Z]\s*사(?![가-힣])|[A-Z]사\b|다른\s*회사|경쟁\s*(?:제품|품|약)|타\s*제품|"
                         r"제네릭|OO사|○○사)")


class Sentence:
    def __init__(self, text: str, start: int, index: int):
        self.text, self.start, self.index = text, start, index

    def finding(self, category: str, m_start: int, m_end: int, message: str, rewrite: str,
                rule: str | None = None) -> Finding:
        return Finding(category=category, quote=self.text[m_start:m_end], start=self.start + m_start,
                       end=self.start + m_end, sentence=self.index, rule=rule or RULES[category],
                       message=message, rewrite=rewrite)




def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for m in re.finditer(r"[^\n]+", text):
        line, base = m.group(0), m.start()
        for s in re.finditer(r".+?(?:[.!?。]+(?=\s|$)|$)", line):
            raw = s.group(0)
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if body:
                out.append(Sentence(body, base + s.start() + lead, len(out)))
    return out


Rule = Callable[[Sentence, ComplianceConfig], Iterable[Finding]]


def _pattern_rule(category: str, pattern: str, message: str, rewrite: str, *, negatable: bool = True,
                  guard: Callable[[Sentence], bool] | None = None) -> Rule:
    regex = re.compile(pattern)

    def rule(s: Sentence, config: ComplianceConfig) -> Iterable[Finding]:
        m = regex.search(s.text)
        if not m or (negatable and _NEGATED.search(s.text)) or (guard and not guard(s)):
            return []
        return [s.finding(category, m.start(), m.end(), message, rewrite)]

    rule.__name__ = f"{category}_pattern"
    return rule


# --- rebate -----------------------------------------------------------------------------
_RX_TRIGGER = r"(처방|랜딩|코드\s*(?:를\s*)?(?:넣|인|잡)|전환|바꿔|채택|납품|사용량|실적|매출)"
_RX_COND = r"(주시면|해\s*주시면|하시면|늘면|늘리면|주시는\s*조건|조건으로|조건|대가|대신|에\s*따라|에\s*맞춰|비례|만큼|감사의|유지\s*감사|명목)"
_RX_BENEFIT = (r"(챙겨|사례|보답|성의|돌려|정산|현금|상품권|봉투|페이백|지원하|지원해|부담하|부담해|처리해|대신\s*내|섭섭지\s*않|"
               r"따로|선물|드리겠|드릴게|드릴께|해\s*드리|명목|비용은\s*저희|저희가\s*(?:다\s*)?(?:내|부담|준비)|전달했|드렸)")
_REBATE_LINK = re.compile(rf"{_RX_TRIGGER}[^.!?]{{0,30}}?{_RX_COND}|{_RX_COND}[^.!?]{{0,20}}?{_RX_TRIGGER}")
_REBATE_BENEFIT = re.compile(_RX_BENEFIT)
_REBATE_PERCENT = re.compile(r"(처방|매출|구매|납품)\s*(?:액|금액|량)?\s*의?\s*\d+(?:\.\d+)?\s*%|(?:처방|매출)[^.!?]{0,12}\d+(?:\.\d+)?\s*%[^.!?]{0,15}(돌려|지급|드리|정산|페이백|환급)")
_REBATE_CASH = re.compile(r"(상품권|기프트\s*카드|기프티콘|현금|봉투|금품|용돈|명품|골드바|순금)")
_REBATE_PERSONAL = re.compile(r"((?:자녀|개인|원장님|교수님|약사님)\s*(?:의\s*)?[가-힣\s]{0,8}(?:학원비|등록금|차량|수리비|월세|임대료|경비|카드값|대출)"
                              r"|(?:인테리어|장비\s*구입|리모델링)\s*(?:비용|비)?)[^.!?]{0,25}(부담|대신|내드|처리해|지원|결제)")
_REBATE_REWRITE = ("처방·구매와 연계한 금전·물품·편의 제공은 할 수 없습니다. 제품의 허가사항과 임상 근거 자료를 "
                   "안내해 드리겠습니다.")


def rebate(s: Sentence, config: ComplianceConfig) -> list[Finding]:
    t = s.text
    if _NEGATED.search(t):
        return []
    m = _REBATE_PERCENT.search(t)
    if m:
        return [s.finding("rebate", m.start(), m.end(), "처방·매출액에 비례한 금전 제공(페이백)은 리베이트입니다.", _REBATE_REWRITE)]
    m = _REBATE_LINK.search(t)
    if m and _REBATE_BENEFIT.search(t):
        b = _REBATE_BENEFIT.search(t)
        start, end = min(m.start(), b.start()), max(m.end(), b.end())
        return [s.finding("rebate", start, end, "처방·채택을 조건으로 경제적 이익을 약속하거나 제공했습니다.", _REBATE_REWRITE)]
    m = _REBATE_CASH.search(t)
    if m and not re.search(r"(식권|견본품|샘플)", t):
        return [s.finding("rebate", m.start(), m.end(), "의료인에게 현금·상품권 등 금품 제공은 허용되는 경제적 이익이 아닙니다.",
                          _REBATE_REWRITE)]
    m = _REBATE_PERSONAL.search(t)
    if m:
        return [s.finding("rebate", m.start(), m.end(), "의료인·기관의 개인 비용·시설 비용 대납은 리베이트입니다.",
                          _REBATE_REWRITE)]
    return []


# --- hospitality ------------------------------------------------------------------------
_HOSP = re.compile(r"(골프|라운딩|그린피|룸살롱|단란주점|노래방|술자리|유흥|2차(?:로|까지)|해외\s*여행|(?:가족|부부|개인)\s*[가-힣]{0,4}\s*(?:여행|휴가|숙박|항공권)"
                   r"|여행\s*(?:경비|비용|숙박)|항공권|리조트|크루즈|콘서트\s*티켓|공연\s*티켓)")
_HOSP_PAYMENT = re.compile(r"(회식비|회식\s*비용|술값|밥값|식사비|식대)[^.!?]{0,20}(대신|저희가|회사가|회사\s*카드|법인\s*카드)[^.!?]{0,12}(계산|결제|내|부담|지불)")
_MEAL = re.compile(r"(식사|식음료|식대|저녁|점심|만찬|도시락|코스|다과|음료|회식|식비|식당|커피|한우|일식|오마카세|뷔페|와인바|주점)")
_SOUVENIR = re.compile(r"(기념품|선물\s*세트|답례품)")
_PROMO = re.compile(r"(판촉물|판촉\s*용품|홍보물|기념\s*볼펜)")
_LECTURE = re.compile(r"(강의료|강연료|좌장료)")
_ADVISORY = re.compile(r"(자문료)")
_HOSP_REWRITE = ("의료인에게 골프·여행·유흥 등 향응은 제공할 수 없습니다. 필요한 경우 허가된 범위의 제품설명회"
                 "(정보 제공 목적, 별표2 한도 내 식음료)로 진행하겠습니다.")


def hospitality(s: Sentence, config: ComplianceConfig) -> list[Finding]:
    t = s.text
    out: list[Finding] = []
    negated = bool(_NEGATED.search(t))
    m = _HOSP.search(t)
    if m and not negated:
        out.append(s.finding("hospitality", m.start(), m.end(), "골프·여행·유흥 등 향응 제공은 허용되는 경제적 이익이 아닙니다.",
                             _HOSP_REWRITE))
    m = _HOSP_PAYMENT.search(t)
    if m and not negated and not out:
        out.append(s.finding("hospitality", m.start(), m.end(), "제품설명회가 아닌 식사·회식 비용 대납은 향응입니다.", _HOSP_REWRITE))
    if not out:
        out += _over_limit(s, config)
    return out


def _topic(word: str) -> str:
    last = ord(word[-1]) - 0xAC00
    return "은" if 0 <= last < 11172 and last % 28 else "는"


def _over_limit(s: Sentence, config: ComplianceConfig) -> list[Finding]:
    t = s.text
    amounts = parse_amounts(t)
    if not amounts:
        return []
    people = headcount(t)
    for a in amounts:
        window = t[max(0, a.start - 25):a.end + 25]
        kinds = (
            (_SOUVENIR, "기념품", config.briefing_souvenir_limit, "약사법 시행규칙 별표2: 제품설명회 기념품 1인당 {limit} 이하"),
            (_PROMO, "판촉물", config.promo_item_limit, "약사법 시행규칙 별표2: 회사명 표기 판촉물 {limit} 이하"),
            (_LECTURE, "강의료", config.lecture_fee_hour_limit, "공정경쟁규약: 강의료 시간당 {limit} 이하(1일 " + won(config.lecture_fee_day_limit) + ")"),
            (_ADVISORY, "자문료", config.advisory_fee_limit, "공정경쟁규약: 자문료 1회 {limit} 이하"),
            (_MEAL, "식음료", config.meal_limit, "약사법 시행규칙 별표2: 제품설명회 식음료 1인당 {limit} 이하"),
        )
        for regex, what, limit, rule in kinds:
            if not regex.search(window):
                continue
            per_person = a.value
            basis = "1인당"
            if not a.per_person and people and what in ("식음료", "기념품"):
                per_person = a.value // people
                basis = f"총 {won(a.value)} ÷ {people}명 = 1인당"
            elif not a.per_person and what in ("식음료", "기념품"):
                basis = "금액(인원 미기재, 1인당으로 간주)"
            if per_person > limit:
                rule_text = rule.format(limit=won(limit))
                rewrite = (f"{what}{_topic(what)} 1인당 {won(limit)} 이하로 조정하고 지출보고서에 수령자·일자·금액을 기록하겠습니다."
                           if what in ("식음료", "기념품", "판촉물") else f"{what}{_topic(what)} {won(limit)} 한도 내에서 계약서 기준으로 지급하겠습니다.")
                return [s.finding("hospitality", a.start, a.end,
                                  f"{what} {basis} {won(per_person)}: 한도 {won(limit)}를 넘습니다.", rewrite, rule=rule_text)]
            break
    return []


# --- off-label --------------------------------------------------------------------------
_OFF_CUE = re.compile(r"(허가\s*(?:는|가|도)?\s*(?:안\s*(?:났|나|된)|없|받지\s*않|나지\s*않)|허가\s*외|허가\s*범위(?:를)?\s*벗어|적응증(?:은|이|에)?\s*(?:아니|없|외|안\s*되)"
                      r"|오프\s*라벨|off[- ]?label|적응증\s*외)")
_REDIRECT = re.compile(r"(메디컬\s*팀|의학부|MSL|질문(?:은|에는|은\s*모두)|문의(?:는|에는)|답변(?:하지|드리지)\s*않|연결해|전달했|전달하겠)")
# conditions a rep might promote a product for; compared against each product's 효능·효과
CONDITIONS = {
    "치매": ("치매", "인지"), "알츠하이머": ("알츠하이머",), "ADHD": ("ADHD", "주의력결핍"), "불면증": ("불면", "수면제", "수면 유도"),
    "편두통": ("편두통",), "비만": ("비만", "다이어트", "체중 감량", "체중이 잘 빠", "살이 빠"), "탈모": ("탈모",),
    "암": ("암 통증", "항암", "암 환자", "종양"), "요로결석": ("요로결석", "결석"), "발기부전": ("발기부전",),
    "우울": ("우울",), "불안": ("불안",), "공황": ("공황",), "천식": ("천식",), "비염": ("비염",), "두드러기": ("두드러기",),
    "아토피": ("아토피",), "골다공증": ("골다공증",), "관절염": ("관절염",), "통풍": ("통풍",), "고혈압": ("고혈압", "혈압"),
    "당뇨": ("당뇨", "혈당"), "콜레스테롤": ("콜레스테롤", "LDL", "고지혈"), "위궤양": ("위궤양",), "역류성 식도염": ("역류성",),
    "기침": ("기침",), "COPD": ("COPD", "폐쇄성"), "코로나": ("코로나",), "독감": ("독감", "인플루엔자"), "대상포진": ("대상포진",),
    "섬유근육통": ("섬유근육통",), "파킨슨": ("파킨슨",), "뇌전증": ("뇌전증", "간질"), "숙취": ("숙취",), "피부 미용": ("미백", "피부 미용"),
    "심부전": ("심부전",), "신장 보호": ("신장 보호", "콩팥 보호"), "전립선": ("전립선",),
}
_POPULATIONS = {"소아": ("소아", "어린이", "아이들", "영유아", "신생아"), "임부": ("임산부", "임부", "임신부", "수유부"),
                "청소년": ("청소년",)}
_USE_VERB = re.compile(r"(쓰시|써\s*보|써도|쓰셔도|쓰는|처방하|처방해|처방 가능|권해|권하|권했|사용하셔|드셔도|효과가\s*있|도움이|잘\s*들|좋습니다|괜찮)")
_DOSE = re.compile(r"(?:하루|1일|1회|최대|증량)?\s*(\d+(?:\.\d+)?)\s*mg\s*(까지|으로\s*올|로\s*올|이상)?")
_POPULATION_OK = re.compile(r"(소아|어린이|아이들|영유아|임산부|임부|임신부|수유부|청소년)\s*(?:환자)?(?:에게|한테)?(?:도|까지)\s*[가-힣\s]{0,8}?"
                            r"(써도|쓰셔도|처방하셔도|처방해도|드셔도|복용해도|먹여도)\s*(?:됩니다|돼요|된다|괜찮|무방)")
_OFF_REWRITE = ("허가사항(효능·효과, 용법·용량, 대상 환자) 범위 안에서만 안내드리며, 허가 외 사용에 관한 질문은 "
                "메디컬팀에 전달하겠습니다.")


def off_label(s: Sentence, config: ComplianceConfig) -> list[Finding]:
    t = s.text
    if _REDIRECT.search(t):
        return []
    m = _OFF_CUE.search(t)
    if m:
        return [s.finding("off_label", m.start(), m.end(), "허가되지 않은 효능·대상에 대한 사용 권유입니다.", _OFF_REWRITE)]
    m = _POPULATION_OK.search(t)
    if m:
        return [s.finding("off_label", m.start(), m.end(), "허가 여부를 확인하지 않은 대상(소아·임부 등)에 대한 사용 권유입니다.",
                          _OFF_REWRITE)]
    if _ADVERSE_INTAKE.search(t) and _ADVERSE_SYMPTOM.search(t):
        return []  # a reported side effect, not a promotion
    for label in config.labels:
        stem = next((st for st in label.stems if st in t), None)
        if not stem:
            continue
        for name, surfaces in CONDITIONS.items():
            for surface in surfaces:
                i = t.find(surface)
                if i >= 0 and not any(x in label.indications for x in (name, *surfaces)) and _USE_VERB.search(t):
                    return [s.finding("off_label", i, i + len(surface),
                                      f"{label.name}의 허가 효능·효과에 '{name}'이(가) 없습니다: 허가 외 홍보입니다.", _OFF_REWRITE,
                                      rule=RULES["off_label"] + " — 허가 효능·효과: "
                                      + re.sub(r"\s*\n[-\s]*", " / ", label.indications.lstrip("- "))[:100])]
        for name, surfaces in _POPULATIONS.items():
            for surface in surfaces:
                i = t.find(surface)
                if i >= 0 and not any(x in label.indications + label.dosage for x in surfaces) and _USE_VERB.search(t):
                    return [s.finding("off_label", i, i + len(surface),
                                      f"{label.name}은(는) {name} 대상 용법이 허가되어 있지 않습니다.", _OFF_REWRITE)]
        if label.max_dose_mg:
            for d in _DOSE.finditer(t):
                mg = float(d.group(1))
                raised = d.group(2) or re.search(r"(하루|1일|최대|증량|올려)", t[max(0, d.start() - 8):d.end() + 6])
                if raised and mg > label.max_dose_mg:
                    return [s.finding("off_label", d.start(), d.end(),
                                      f"{label.name}의 허가 용량(최대 {label.max_dose_mg:g}mg)을 넘는 용량 안내입니다.", _OFF_REWRITE)]
    return []


# --- claims -----------------------------------------------------------------------------
efficacy_claim = _pattern_rule(
    "efficacy_claim",
    r"(100\s*%\s*(?:완치|효과|치료|확실|개선)|완치(?:됩|돼|시켜|가\s*됩|를\s*보장|율)|확실한\s*효과|효과(?:가|는)?\s*(?:100\s*%\s*)?확실|확실(?:하게|히)\s*[가-힣\s]{0,8}(?:잡|낫|떨어|개선|치료|효과)"
    r"|반드시\s*[가-힣A-Za-z\s]{0,10}(?:낫|효과|떨어|좋아|개선|치료)|무조건\s*[가-힣\s]{0,6}(?:효과|낫|보장|좋아)|(?:효과|효능|결과|완치)[가-힣\s]{0,10}보장|보장(?:합니다|드립니다|드릴|해\s*드)"
    r"|기적의|즉시\s*(?:멎|낫|사라)|(?:국내|업계|세계)?\s*최고(?:의|입니다|예요|라고)|최상의|(?:국내|업계|세계)\s*최초|최초(?:이자|의\s*(?:제품|약|치료제))|유일한\s*(?:치료제|약|제품|1일)"
    r"|가장\s*(?:효과적|효과가\s*좋|좋은\s*약|강력|뛰어난)|만병통치|특효약|부작용\s*없이\s*완치)",
    "효능을 보장하거나 근거 없는 최상급 표현입니다.",
    "허가사항과 임상시험 결과 범위 안에서 표현하겠습니다(예: '임상시험에서 LDL-C 감소 효과가 확인되었습니다').",
    negatable=False)

safety_claim = _pattern_rule(
    "safety_claim",
    r"(부작용(?:이|은|도)?\s*(?:전혀|하나도|거의)?\s*(?:없(?:는|음|습|어|다|고)|제로|0\s*%)|부작용\s*걱정\s*(?:없|마)|(?:완전히|100\s*%|무조건|절대(?:로)?)\s*안전|안전성(?:이|은)?\s*보장"
    r"|누구나\s*(?:복용|드셔|드실|사용)|(?:임산부|노인|어린이)도\s*안심|안심하고\s*(?:복용|드셔)|(?:간|위|신장|콩팥)에\s*(?:무리|부담)(?:가|는)?\s*(?:전혀\s*)?없|절대\s*생기지\s*않|금기\s*확인(?:은)?\s*(?:따로\s*)?안\s*하셔도)",
    "부작용·위험을 부정하거나 안전성을 보장하는 표현입니다.",
    "허가사항의 주요 이상반응과 주의사항을 함께 안내하겠습니다(예: '주요 이상반응은 제품설명서를 참고해 주세요').",
    negatable=False)

_DISPARAGE = re.compile(r"(효과(?:가|는)?\s*(?:거의\s*)?(?:없|떨어)|효과(?:가|는)?\s*(?:약|별로)|퇴출|회수될|불순물|간독성|간\s*수치|부작용(?:이|은|도)?\s*(?:많|심하|심해|심한|심각|크|잦|자주)|불량|싸구려|엉터리|쓰레기|형편없|믿을\s*수\s*없|쓰지\s*마|문제(?:가)?\s*많|불평|못\s*씁|위험한\s*약)")


def disparagement(s: Sentence, config: ComplianceConfig) -> list[Finding]:
    c = _COMPETITOR.search(s.text)
    m = _DISPARAGE.search(s.text)
    if not c or not m:
        return []
    return [s.finding("disparagement", min(c.start(), m.start()), max(c.end(), m.end()),
                      "근거 없이 경쟁사 제품을 비방하거나 불리한 소문을 전달했습니다.",
                      "경쟁 제품은 언급하지 않고, 비교가 필요하면 허가사항과 공개된 비교 임상 결과만 출처와 함께 안내하겠습니다.")]


endorsement = _pattern_rule(
    "endorsement",
    r"((?:교수|의사|전문의|명의|병원|의원|약사회|의사회|학회|약사)(?:님|들)?(?:이|가|도|께서|에서|의)?\s*[가-힣\s]{0,6}(?:추천(?:한|하는|했|받은)|인정(?:한|하는|받은)|보증(?:하는|한)|공식\s*추천|공인(?:한|하는)|직접\s*(?:드시|복용하|쓰시))"
    r"|추천\s*(?:제품|약|의약품)(?:입니다|이라)|(?:교수|의사|전문의)\s*추천\s*(?:제품|약))",
    "의료인·병원·단체가 추천하거나 보증한다는 표현입니다.",
    "특정 의료인·기관의 추천·보증 없이 허가사항과 임상 근거로만 제품을 소개하겠습니다.",
    negatable=False)

# --- personal data ----------------------------------------------------------------------
_RRN = re.compile(r"\d{6}\s?-\s?[1-8](?:\d{6}|[\d*●•xX…]{1,6})|\d{6}-[1-8]…?")
_PHONE = re.compile(r"(?<!\d)(01[016789][-.\s]?\d{3,4}[-.\s]?\d{4}|0(?:2|[3-6]\d)-\d{3,4}-\d{4})(?!\d)")
_SURNAMES = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상시갈"
_NAME_AFTER = re.compile(rf"환자\s*(?:분)?\s*([{_SURNAMES}][가-힣]{{1,2}})\s*(?:님|씨|\()")
_NAME_BEFORE = re.compile(rf"(?<![가-힣])([{_SURNAMES}][가-힣]{{2}})\s*(?:님|씨)?\s*환자")
_NOT_NAMES = {"고혈압", "고령자", "임산부", "임신부", "전립선", "심부전", "신부전", "신환자", "소아과", "노년층", "장기간", "이번달", "정신과",
              "조현병", "우울증", "공황장", "기존의", "신규의", "여성의", "남성의", "고지혈", "심혈관", "고위험", "중증의", "경증의", "입원한",
              "외래의", "노인성", "어려운", "젊은이", "나이든", "이러한", "그러한", "해당된", "심한데", "류마티", "호흡기", "순환기", "소화기", "비뇨기", "급성기", "만성기", "회복기", "고령층", "내분비", "당뇨병", "방문한", "담당한", "주요한", "일반인", "성인의", "소아의", "이상지", "이들의", "모든"}
_PD_REWRITE = "환자는 이니셜·연령대·성별만 적고 주민등록번호·연락처·성명은 기록하지 않겠습니다."


def personal_data(s: Sentence, config: ComplianceConfig) -> list[Finding]:
    t = s.text
    out = []
    for regex, what in ((_RRN, "주민등록번호"), (_PHONE, "전화번호")):
        for m in regex.finditer(t):
            masked = t[:m.start()] + "[마스킹됨]" + t[m.end():]
            out.append(s.finding("personal_data", m.start(), m.end(), f"{what}가 기록되어 있습니다: 지우거나 마스킹하세요.",
                                 masked, rule="개인정보 보호법 제24조·제24조의2(고유식별정보·주민등록번호 처리 제한), 사내 개인정보 SOP"
                                 if what == "주민등록번호" else None))
    for regex in (_NAME_AFTER, _NAME_BEFORE):
        for m in regex.finditer(t):
            name = m.group(1)
            if name in _NOT_NAMES or name[-1] in "증병염암층군과인들":
                continue
            initial = name[0] + "○" * (len(name) - 1)
            out.append(s.finding("personal_data", m.start(1), m.end(1), "환자 성명이 기록되어 있습니다: 이니셜로 바꾸세요.",
                                 t[:m.start(1)] + initial + t[m.end(1):]))
    return out[:3]


# --- adverse events ---------------------------------------------------------------------
_ADVERSE_INTAKE = re.compile(r"(복용\s*(?:후|중|하고|한|하신|하던|뒤)|먹고|먹은|먹인|드시고|드신|드시는|드시던|투여\s*(?:후|중|받)|맞고|맞은|쓰고\s*나서|쓰고|사용\s*(?:후|중)|시작\s*(?:후|하고|한\s*뒤)|바꾸고|바꾼\s*뒤|흡입\s*후)")
_ADVERSE_SYMPTOM = re.compile(r"(부었|붓|부종|발진|두드러기|가려|어지러|어지럽|어지럼|구역|구토|메스꺼|설사|변비|속쓰림|흑변|출혈|근육통|통증이\s*심|두통|악몽|잠을\s*못|불면|기침이\s*(?:심|생|계속)"
                              r"|목이\s*쉬|쉰\s*목소리|간\s*수치|황달|호흡곤란|숨이\s*차|실신|쓰러|입원|응급실|사망|부작용|이상반응|이상사례|효과가\s*(?:전혀\s*)?없|효과를\s*(?:못|전혀)"
                              r"|알레르기\s*반응|저혈당|감염이\s*생|요로감염|떨림|졸림|졸려|탈모가|체중이\s*(?:늘|줄)|붉어|열이\s*나|가슴\s*두근|심계항진|부정맥|경련)")
# "환자 몇 분이 어지럽다고 하던데요": a patient's complaint reported, no intake verb needed
_REPORTED = re.compile(r"(?:다고|라고|대요|래요)\s*(?:하던|하더|했|하셨|하시|그러|들었|호소)|호소")
_PATIENT = re.compile(r"(환자|아이|보호자|어머님|아버님|할머니|할아버지|어르신|분이|분들|본인)")


def adverse_event(s: Sentence, config: ComplianceConfig) -> list[Finding]:
    t = s.text
    i, m = _ADVERSE_INTAKE.search(t) or _REPORTED.search(t), _ADVERSE_SYMPTOM.search(t)
    if not i or not m or not _PATIENT.search(t) or _COMPETITOR.search(t):
        return []
    if re.search(r"(생기면|있으면|발생하면|경우에는|보고\s*(?:방법|절차))", t):
        return []  # procedure, not a case
    return [s.finding("adverse_event", m.start(), m.end(), AE_STEP,
                      "방문 보고에는 '이상사례 1건을 약물감시팀에 보고함(보고일·접수번호)'으로만 적고, 증상 세부는 이상사례 신고서에 기록하겠습니다.")]


RULE_SET: tuple[Rule, ...] = (rebate, hospitality, off_label, efficacy_claim, safety_claim, disparagement, endorsement,
                              personal_data, adverse_event)
