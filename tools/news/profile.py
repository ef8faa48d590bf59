"""Who cares about what: a rep's news profile (their products, ingredients, therapeutic
areas, competitors' ingredients and brands in the same ATC class, accounts) and the search
queries built from it, plus company-wide topics. Competitors are derived from the demo
catalog: the other ingredients (and their well-known originator brands) of the same ATC
class (the first five characters of the ATC code)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.models import Account, Product, Rep, SalesRollupAccount, SalesRollupProduct

COMPANY_TOPICS = ("약가 인하", "급여 기준", "리베이트 제재", "식약처 허가", "공급 중단")
REGULATION_WORDS = ("약가", "급여", "리베이트", "식약처", "허가", "제재", "심평원", "건강보험", "고시", "행정처분",
                    "공급 중단", "품절")
CATEGORIES = ("regulation", "competitor", "market", "product", "account")
CATEGORY_KO = {"regulation": "규제·정책", "competitor": "경쟁사", "market": "시장", "product": "제품", "account": "거래처"}

INGREDIENT_KO = {
    "amlodipine": "암로디핀", "valsartan": "발사르탄", "telmisartan": "텔미사르탄", "olmesartan": "올메사르탄",
    "rosuvastatin": "로수바스타틴", "atorvastatin": "아토르바스타틴", "ezetimibe/rosuvastatin": "에제티미브",
    "metformin": "메트포르민", "sitagliptin": "시타글립틴", "dapagliflozin": "다파글리플로진",
    "escitalopram": "에스시탈로프람", "sertraline": "설트랄린", "celecoxib": "세레콕시브", "aceclofenac": "아세클로페낙",
    "acetaminophen": "아세트아미노펜", "montelukast": "몬테루카스트", "fluticasone/salmeterol": "플루티카손",
    "tiotropium": "티오트로피움", "levocetirizine": "레보세티리진", "fexofenadine": "펙소페나딘", "ambroxol": "암브록솔",
    "dextromethorphan": "덱스트로메토르판", "amoxicillin/clavulanic acid": "아목시실린", "cefixime": "세픽심",
    "clarithromycin": "클래리스로마이신", "esomeprazole": "에소메프라졸", "rebamipide": "레바미피드",
    "clopidogrel": "클로피도그렐", "donepezil": "도네페질", "pregabalin": "프레가발린", "tamsulosin": "탐스로신",
    "alendronate": "알렌드로네이트",
}
# ATC class → (ingredient, originator brand) of the class, Korean market names.
ATC_CLASS = {
    "C08CA": (("암로디핀", "노바스크"), ("니페디핀", "아달라트"), ("레르카니디핀", "자니딥")),
    "C09CA": (("발사르탄", "디오반"), ("텔미사르탄", "미카르디스"), ("올메사르탄", "올메텍"), ("로사르탄", "코자"),
              ("칸데사르탄", "아타칸"), ("피마사르탄", "카나브")),
    "C10AA": (("로수바스타틴", "크레스토"), ("아토르바스타틴", "리피토"), ("피타바스타틴", "리바로"),
              ("심바스타틴", "조코")),
    "C10BA": (("에제티미브", "로수젯"), ("에제티미브", "아토젯")),
    "A10BA": (("메트포르민", "다이아벳스"),),
    "A10BH": (("시타글립틴", "자누비아"), ("리나글립틴", "트라젠타"), ("제미글립틴", "제미글로"), ("테네리글립틴", "테넬리아")),
    "A10BK": (("다파글리플로진", "포시가"), ("엠파글리플로진", "자디앙"), ("이프라글리플로진", "슈글렛")),
    "N06AB": (("에스시탈로프람", "렉사프로"), ("설트랄린", "졸로프트"), ("파록세틴", "팍실")),
    "M01AH": (("세레콕시브", "쎄레브렉스"), ("폴마콕시브", "아셀렉스")),
    "M01AB": (("아세클로페낙", "에어탈"), ("디클로페낙", "볼타렌")),
    "R03DC": (("몬테루카스트", "싱귤레어"), ("프란루카스트", "오논")),
    "R03AK": (("플루티카손", "세레타이드"), ("부데소니드", "심비코트")),
    "R03BB": (("티오트로피움", "스피리바"), ("글리코피로니움", "씨브리")),
    "R06AE": (("레보세티리진", "씨잘"), ("세티리진", "지르텍")),
    "A02BC": (("에소메프라졸", "넥시움"), ("란소프라졸", "란스톤"), ("라베프라졸", "파리에트"), ("테고프라잔", "케이캡")),
    "B01AC": (("클로피도그렐", "플라빅스"), ("티카그렐러", "브릴린타"), ("프라수그렐", "에피언트")),
    "N06DA": (("도네페질", "아리셉트"), ("갈란타민", "레미닐"), ("리바스티그민", "엑셀론")),
    "N03AX": (("프레가발린", "리리카"), ("가바펜틴", "뉴론틴")),
    "G04CA": (("탐스로신", "하루날"), ("실로도신", "트루패스"), ("알푸조신", "자트랄")),
    "M05BA": (("알렌드로네이트", "포사맥스"), ("리세드로네이트", "악토넬"), ("이반드로네이트", "본비바")),
    "J01DD": (("세픽심", "슈프락스"), ("세프포독심", "바난")),
    "J01FA": (("클래리스로마이신", "클래리시드"), ("아지스로마이신", "지스로맥스")),
}
TOP_PRODUCTS = 5
TOP_ACCOUNTS = 5


@dataclass(frozen=True)
class Term:
    text: str  # what is searched and matched
    category: str  # product | competitor | market | account | regulation
    weight: float
    reason: str  # Korean: why a story with this term matters to the rep
    product_id: int | None = None
    account_id: int | None = None


@dataclass
class Profile:
    rep_id: int
    name: str
    terms: list[Term] = field(default_factory=list)

    def queries(self) -> list[str]:
        return list(dict.fromkeys(t.text for t in self.terms))


def brand(product_name: str) -> str:
    """'로수빛정 10mg' → '로수빛정'; '에제로수정 10/10mg' → '에제로수정'."""
    return re.split(r"\s+\d", product_name, maxsplit=1)[0].strip()


def company_terms() -> list[Term]:
    return [Term(topic, "regulation", 1.5, f"회사 공통 주제 '{topic}'") for topic in COMPANY_TOPICS]


def rep_profile(session: Session, rep: Rep) -> Profile:
    profile = Profile(rep.id, rep.name)
    if rep.role == "rep":
        rep_ids = [rep.id]
    else:  # a manager follows the team's products and accounts
        rep_ids = list(session.scalars(select(Rep.id).where(Rep.team_id == rep.team_id))) or [rep.id]
    products = session.execute(
        select(Product, func.sum(SalesRollupProduct.amount).label("amount"))
        .join(SalesRollupProduct, SalesRollupProduct.product_id == Product.id)
        .where(SalesRollupProduct.rep_id.in_(rep_ids))
        .group_by(Product.id).order_by(func.sum(SalesRollupProduct.amount).desc()).limit(TOP_PRODUCTS)).all()
    terms: list[Term] = []
    own_ingredients: set[str] = set()
    for product, _amount in products:
        name = brand(product.name)
        terms.append(Term(name, "product", 3.0, f"담당 제품 {name}", product_id=product.id))
        ko = INGREDIENT_KO.get(product.ingredient, product.ingredient)
        own_ingredients.add(ko)
        terms.append(Term(ko, "product", 2.0, f"담당 제품 {name}의 성분 {ko}", product_id=product.id))
    for product, _amount in products:
        name = brand(product.name)
        for ingredient, original in ATC_CLASS.get(product.atc_code[:5], ()):
            if ingredient not in own_ingredients:
                terms.append(Term(ingredient, "competitor", 2.0, f"담당 제품 {name}의 경쟁 성분 {ingredient}", product_id=product.id))
            terms.append(Term(original, "competitor", 2.2, f"담당 제품 {name}의 경쟁 제품 {original}",
                              product_id=product.id))
    for area in dict.fromkeys(p.therapeutic_area for p, _ in products):
        terms.append(Term(f"{area} 치료제", "market", 1.0, f"담당 치료 영역 {area}"))
    accounts = session.execute(
        select(Account, func.sum(SalesRollupAccount.amount))
        .join(SalesRollupAccount, SalesRollupAccount.account_id == Account.id)
        .where(SalesRollupAccount.rep_id.in_(rep_ids), Account.type.in_(("상급종합병원", "종합병원", "병원")))
        .group_by(Account.id).order_by(func.sum(SalesRollupAccount.amount).desc()).limit(TOP_ACCOUNTS)).all()
    for account, _amount in accounts:
        terms.append(Term(account.name, "account", 3.0, f"담당 거래처 {account.name}", account_id=account.id))
    seen: set[str] = set()
    for term in terms + company_terms():
        if term.text not in seen:
            seen.add(term.text)
            profile.terms.append(term)
    return profile


def all_profiles(session: Session) -> list[Profile]:
    reps = session.scalars(select(Rep).where(Rep.role.in_(("rep", "manager"))).order_by(Rep.id)).all()
    return [rep_profile(session, rep) for rep in reps]
