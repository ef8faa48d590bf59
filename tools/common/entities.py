"""Names as users say them → database entities (reps, teams, accounts, products, regions …).

Matching goes in tiers: exact (name, code, employee number, brand stem, ingredient, alias),
then unique substring, then fuzzy (rapidfuzz). Ambiguous or unknown names raise
`LookupError` with a Korean message listing the closest candidates. Reps and accounts
outside the caller's scope raise `AccessDenied` when named exactly, and are never offered
as fuzzy suggestions.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence, TypeVar

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller, can_see_rep
from data.models import ACCOUNT_TYPES, CHANNELS, Account, Product, Rep, Team
from tools.common.plumbing import josa

T = TypeVar("T")

FUZZY_ACCEPT = 80.0  # a fuzzy match is taken alone when it scores at least this …
FUZZY_MARGIN = 6.0  # … and beats the runner-up by this much
MAX_CANDIDATES = 5

PROVINCES: tuple[str, ...] = (
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원",
    "충북", "충남", "전북", "전남", "경북", "경남", "제주",
)
_PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "서울": ("서울특별시", "서울시", "seoul"),
    "부산": ("부산광역시", "부산시", "busan"),
    "대구": ("대구광역시", "대구시", "daegu"),
    "인천": ("인천광역시", "인천시", "incheon"),
    "광주": ("광주광역시", "광주시", "gwangju"),
    "대전": ("대전광역시", "대전시", "daejeon"),
    "울산": ("울산광역시", "울산시", "ulsan"),
    "세종": ("세종특별자치시", "세종시", "sejong"),
    "경기": ("경기도", "gyeonggi"),
    "강원": ("강원도", "강원특별자치도", "gangwon"),
    "충북": ("충청북도", "chungbuk"),
    "충남": ("충청남도", "chungnam"),
    "전북": ("전라북도", "전북특별자치도", "jeonbuk"),
    "전남": ("전라남도", "jeonnam"),
    "경북": ("경상북도", "gyeongbuk"),
    "경남": ("경상남도", "gyeongnam"),
    "제주": ("제주특별자치도", "제주도", "jeju"),
}

_ACCOUNT_TYPE_ALIASES: dict[str, tuple[str, ...]] = {
    "상급종합병원": ("상급병원", "상종", "대학병원", "3차병원", "tertiary", "tertiary hospital"),
    "종합병원": ("종병", "2차병원", "general hospital"),
    "병원": ("중소병원", "hospital"),
    "의원": ("클리닉", "로컬", "개원가", "의원급", "clinic"),
    "약국": ("문전약국", "pharmacy"),
    "도매상": ("도매", "도매업체", "wholesaler", "distributor"),
}

_AREA_ALIASES: dict[str, tuple[str, ...]] = {
    "고혈압": ("혈압", "항고혈압", "hypertension"),
    "이상지질혈증": ("고지혈증", "지질", "콜레스테롤", "dyslipidemia", "lipid"),
    "당뇨병": ("당뇨", "diabetes"),
    "우울증": ("항우울", "depression"),
    "항생제": ("항생", "antibiotics", "antibiotic"),
    "치매": ("dementia",),
    "골다공증": ("osteoporosis",),
    "알레르기": ("allergy", "항히스타민"),
    "진해거담": ("기침", "가래", "cough"),
}

# Korean names of the ingredients in the catalogue (for "로수바스타틴" style questions).
INGREDIENT_KO: dict[str, tuple[str, ...]] = {
    "amlodipine": ("암로디핀",), "valsartan": ("발사르탄",), "telmisartan": ("텔미사르탄",),
    "olmesartan": ("올메사르탄",), "rosuvastatin": ("로수바스타틴",), "atorvastatin": ("아토르바스타틴",),
    "ezetimibe": ("에제티미브",), "metformin": ("메트포르민",), "sitagliptin": ("시타글립틴",),
    "dapagliflozin": ("다파글리플로진",), "escitalopram": ("에스시탈로프람",),
    "sertraline": ("설트랄린", "세르트랄린"), "celecoxib": ("세레콕시브", "셀레콕시브"),
    "aceclofenac": ("아세클로페낙",), "acetaminophen": ("아세트아미노펜", "타이레놀성분"),
    "montelukast": ("몬테루카스트",), "fluticasone": ("플루티카손",), "salmeterol": ("살메테롤",),
    "tiotropium": ("티오트로피움",), "levocetirizine": ("레보세티리진",), "fexofenadine": ("펙소페나딘",),
    "ambroxol": ("암브록솔",), "dextromethorphan": ("덱스트로메토르판",), "amoxicillin": ("아목시실린",),
    "clavulanic acid": ("클라불란산",), "cefixime": ("세픽심",), "clarithromycin": ("클래리트로마이신",),
    "esomeprazole": ("에소메프라졸",), "rebamipide": ("레바미피드",), "clopidogrel": ("클로피도그렐",),
    "donepezil": ("도네페질",), "pregabalin": ("프레가발린",), "tamsulosin": ("탐스로신", "탐수로신"),
    "alendronate": ("알렌드로네이트",),
}

_FORM_SUFFIX = re.compile(r"(서방정|흡입캡슐|흡입제|캡슐|시럽|정)$")


def norm(text: str) -> str:
    """Comparison form: lower case, no spaces, dots or separators."""
    return re.sub(r"[\s·.\-_/,()]+", "", (text or "").strip().lower())


_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")


def jamo(text: str) -> str:
    """Hangul syllables split into letters, so that fuzzy matching forgives one wrong
    letter in a syllable ("로수빗" ≈ "로수빛")."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_CHO[code // 588] + _JUNG[(code % 588) // 28] + _JONG[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def _pick(
    query: str,
    items: Sequence[T],
    keys: Callable[[T], Iterable[str]],
    display: Callable[[T], str],
    what: str,
    secondary_keys: Callable[[T], Iterable[str]] | None = None,
) -> T:
    """Resolve `query` among `items`; raise LookupError (Korean) when ambiguous or unknown."""
    q = norm(query)
    if not q:
        raise LookupError(f"{what} 이름이 비어 있습니다. {what} 이름을 알려 주세요.")
    tiers = [keys] + ([secondary_keys] if secondary_keys else [])
    for key_fn in tiers:
        exact = _unique([it for it in items if q in {norm(k) for k in key_fn(it)}])
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise _ambiguous(query, exact, display, what)
    contains = _unique([it for it in items if any(q in norm(k) for k in keys(it) if len(q) >= 2)])
    if len(contains) == 1:
        return contains[0]
    if len(contains) > 1:
        raise _ambiguous(query, contains, display, what)
    choices: list[str] = []
    owners: list[T] = []
    for it in items:
        for k in keys(it):
            choices.append(jamo(norm(k)))
            owners.append(it)
    scored = process.extract(jamo(q), choices, scorer=fuzz.WRatio, limit=20)
    best: dict[int, tuple[float, T]] = {}
    for _choice, score, idx in scored:
        owner = owners[idx]
        if id(owner) not in best or best[id(owner)][0] < score:
            best[id(owner)] = (score, owner)
    ranked = sorted(best.values(), key=lambda pair: -pair[0])
    if ranked and ranked[0][0] >= FUZZY_ACCEPT and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= FUZZY_MARGIN):
        return ranked[0][1]
    close = [owner for score, owner in ranked if score >= 55][:MAX_CANDIDATES]
    if close:
        names = ", ".join(display(o) for o in close)
        raise LookupError(f"'{query}'에 해당하는 {what}{josa(what, '을', '를')} 찾지 못했습니다. 혹시 다음 중 하나인가요? {names}")
    raise LookupError(f"'{query}'에 해당하는 {what}{josa(what, '을', '를')} 찾지 못했습니다. 이름을 다시 확인해 주세요.")


def _unique(items: list[T]) -> list[T]:
    seen: set[int] = set()
    out = []
    for it in items:
        if id(it) not in seen:
            seen.add(id(it))
            out.append(it)
    return out


def _ambiguous(query: str, items: Sequence[T], display: Callable[[T], str], what: str) -> LookupError:
    names = ", ".join(display(it) for it in items[:MAX_CANDIDATES])
    more = f" 외 {len(items) - MAX_CANDIDATES}건" if len(items) > MAX_CANDIDATES else ""
    return LookupError(f"'{query}'에 해당하는 {what}{josa(what, '이', '가')} 여러 개입니다: {names}{more}. 더 구체적으로 말씀해 주세요.")


# --- reps and teams -------------------------------------------------------------------

def _rep_display(rep: Rep) -> str:
    team = rep.team.name if rep.team else "소속 없음"
    return f"{rep.name}({team}, {rep.employee_no})"


def _rep_keys(rep: Rep) -> list[str]:
    keys = [rep.name, rep.employee_no, rep.email.split("@")[0]]
    if rep.team:
        keys += [f"{rep.team.name}{rep.name}", f"{rep.name}({rep.team.name})"]
    return keys


def resolve_rep(session: Session, caller: Caller, name: str) -> Rep:
    """A rep (or manager) by name, employee number or "이름(팀)"; "나"/"본인" is the caller.
    A rep outside the caller's scope raises AccessDenied."""
    q = norm(name)
    if q in {"나", "내", "본인", "저", "me", "myself"}:
        return session.get(Rep, caller.rep_id)
    reps = list(session.scalars(select(Rep).where(Rep.active.is_(True))))
    exact = [r for r in reps if q in {norm(k) for k in _rep_keys(r)}]
    if exact:
        visible = [r for r in exact if can_see_rep(session, caller, r.id)]
        if not visible:
            raise AccessDenied("다른 팀(또는 다른 담당자)의 데이터는 볼 수 없습니다. 본인(팀장은 소속 팀) 범위만 조회할 수 있어요.")
        if len(visible) > 1:
            raise _ambiguous(name, visible, _rep_display, "담당자")
        return visible[0]
    visible_reps = [r for r in reps if can_see_rep(session, caller, r.id)]
    return _pick(name, visible_reps, _rep_keys, _rep_display, "담당자")


def _team_keys(team: Team) -> list[str]:
    keys = [team.name, team.name.replace("팀", "")]
    parts = re.split(r"[·]", team.name.replace("팀", ""))
    if len(parts) > 1:
        keys.append(parts[0] + "팀")
    return keys


def resolve_team(session: Session, name: str) -> Team:
    """A team by name ("서울1팀", "서울 1팀", "부산경남팀", "부산팀")."""
    teams = list(session.scalars(select(Team).order_by(Team.id)))
    return _pick(name, teams, _team_keys, lambda t: t.name, "팀")


# --- accounts -------------------------------------------------------------------------

def _account_display(acc: Account) -> str:
    return f"{acc.name}({acc.province} {acc.district}, {acc.code})"


def resolve_account(session: Session, caller: Caller, name: str) -> Account:
    """An account by name or code, among those the caller may see. An exact name of an
    account outside the caller's scope raises AccessDenied."""
    q = norm(name)
    hits = list(session.scalars(select(Account).where(Account.code == name.strip().upper())))
    if not hits:
        hits = [a for a in session.scalars(select(Account).where(Account.name == name.strip()))]
    if not hits and q:
        rows = session.execute(select(Account.id, Account.name, Account.district)).all()
        ids = [r.id for r in rows if norm(r.name) == q or norm(f"{r.district}{r.name}") == q]
        hits = list(session.scalars(select(Account).where(Account.id.in_(ids)))) if ids else []
    if hits:
        visible = [a for a in hits if a.owner_rep_id is not None and can_see_rep(session, caller, a.owner_rep_id)]
        if not visible:
            # "영등포중앙약국" is another rep's; the caller's own is stored as "영등포중앙약국(영등포)"
            visible = _visible_by_base_name(session, caller, q)
        if not visible:
            raise AccessDenied("담당 범위 밖의 거래처입니다. 본인(팀장은 소속 팀) 거래처만 조회할 수 있어요.")
        if len(visible) > 1:
            raise _ambiguous(name, visible, _account_display, "거래처")
        return visible[0]
    from data.access import account_filter

    visible_accounts = list(session.scalars(select(Account).where(account_filter(caller))))
    return _pick(name, visible_accounts, lambda a: [a.name, a.code, f"{a.district}{a.name}"], _account_display, "거래처")


def _visible_by_base_name(session: Session, caller: Caller, q: str) -> list[Account]:
    """The caller's accounts whose name, without the "(지역)" added to tell namesakes apart, is `q`."""
    from data.access import account_filter

    named = session.scalars(select(Account).where(account_filter(caller), Account.name.like("%(%")))
    return [a for a in named if norm(re.sub(r"\([^)]*\)$", "", a.name)) == q]


# --- products, areas, regions, types ----------------------------------------------------

def product_stems(product: Product) -> list[str]:
    """Brand forms users say: "로수빛정 10mg" → "로수빛정", "로수빛"."""
    brand = product.name.split(" ")[0]
    stems = [brand]
    stem = _FORM_SUFFIX.sub("", brand)
    if stem and stem != brand:
        stems.append(stem)
    return stems


def _ingredient_keys(product: Product) -> list[str]:
    ingredient = product.ingredient.lower()
    keys = [ingredient]
    parts = [p.strip() for p in ingredient.split("/")]
    if len(parts) == 1:
        keys += list(INGREDIENT_KO.get(ingredient, ()))
    else:
        keys.append("".join("".join(INGREDIENT_KO.get(p, (p,))[:1]) for p in parts))
    return keys


def _product_component_keys(product: Product) -> list[str]:
    keys = []
    for part in (p.strip() for p in product.ingredient.lower().split("/")):
        keys.append(part)
        keys += list(INGREDIENT_KO.get(part, ()))
    return keys


def resolve_product(session: Session, name: str) -> Product:
    """A product by name, code (HB-ROS10, ros10), brand stem (로수빛) or ingredient
    (rosuvastatin / 로수바스타틴; a single-ingredient product wins over combinations)."""
    products = list(session.scalars(select(Product).order_by(Product.id)))

    def keys(p: Product) -> list[str]:
        return [p.name, p.code, p.code.removeprefix("HB-"), *product_stems(p), *_ingredient_keys(p)]

    return _pick(name, products, keys, lambda p: f"{p.name}({p.code})", "제품", secondary_keys=_product_component_keys)


def resolve_region(name: str) -> str:
    """A 시·도 short name: "서울특별시" → "서울", "경상남도" → "경남", "busan" → "부산"."""
    return _pick(name, list(PROVINCES), lambda p: [p, *_PROVINCE_ALIASES.get(p, ())], str, "지역")


def therapeutic_areas(session: Session) -> list[str]:
    return list(session.scalars(select(Product.therapeutic_area).distinct().order_by(Product.therapeutic_area)))


def resolve_therapeutic_area(session: Session, name: str) -> str:
    """A therapeutic area as stored on products ("고지혈증" → "이상지질혈증"); an ATC prefix
    such as "C10" resolves to its area when unique."""
    q = name.strip().upper()
    if re.fullmatch(r"[A-Z]\d{2}[A-Z]{0,2}", q):
        areas = list(session.scalars(select(Product.therapeutic_area).where(Product.atc_code.like(f"{q}%")).distinct()))
        if len(areas) == 1:
            return areas[0]
    areas = therapeutic_areas(session)
    return _pick(name, areas, lambda a: [a, *_AREA_ALIASES.get(a, ())], str, "치료 영역")


def resolve_account_type(name: str) -> str:
    """An account type of ACCOUNT_TYPES ("대학병원" → "상급종합병원", "클리닉" → "의원")."""
    return _pick(name, list(ACCOUNT_TYPES), lambda t: [t, *_ACCOUNT_TYPE_ALIASES.get(t, ())], str, "거래처 유형")


def resolve_channel(name: str) -> str:
    """원내 / 원외 (also "inpatient"/"outpatient", "병원 내", "처방")."""
    aliases = {"원내": ("원내", "병원내", "inpatient", "in-hospital"), "원외": ("원외", "원외처방", "outpatient", "외래처방")}
    return _pick(name, list(CHANNELS), lambda c: aliases.get(c, (c,)), str, "채널")


def vocabulary(session: Session) -> dict[str, list[str]]:
    """Every surface name the resolvers accept, per slot (for the offline router)."""
    products = list(session.scalars(select(Product).order_by(Product.id)))
    product_words: list[str] = []
    for p in products:
        product_words += [p.name, p.code, *product_stems(p)]
    areas = therapeutic_areas(session)
    return {
        "rep": sorted(set(session.scalars(select(Rep.name).where(Rep.active.is_(True))))),
        "team": list(session.scalars(select(Team.name).order_by(Team.id))),
        "account": sorted(set(session.scalars(select(Account.name)))),
        "product": list(dict.fromkeys(product_words)),
        "ingredient": sorted({k for p in products for k in _product_component_keys(p)}),
        "region": list(PROVINCES) + [a for p in PROVINCES for a in _PROVINCE_ALIASES[p] if not a.isascii()],
        "therapeutic_area": areas + [a for area in areas for a in _AREA_ALIASES.get(area, ())],
        "account_type": list(ACCOUNT_TYPES) + [a for t in ACCOUNT_TYPES for a in _ACCOUNT_TYPE_ALIASES[t] if not a.isascii()],
        "channel": list(CHANNELS),
    }
