"""Fixed reference data of the demo company 한빛제약 (fictional): products, teams, regions.

Brand names are invented; ingredients and ATC codes are real. Prices are per box (30 units
unless noted) and are in the range of Korean reimbursement prices for such products.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY_NAME = "한빛제약"


@dataclass(frozen=True)
class ProductSpec:
    code: str
    name: str
    ingredient: str
    atc_code: str
    therapeutic_area: str
    unit_price: int  # KRW per box
    season: str  # "none", "winter" (respiratory/antibiotic), "spring_winter" (allergy)
    base_volume: float  # mean boxes per buying account per month
    trend: float  # yearly growth rate of demand


PRODUCTS: tuple[ProductSpec, ...] = (
    ProductSpec("HB-AML05", "한빛암로정 5mg", "amlodipine", "C08CA01", "고혈압", 9_600, "none", 14, 0.02),
    ProductSpec("HB-VAL80", "발사렉스정 80mg", "valsartan", "C09CA03", "고혈압", 14_700, "none", 12, 0.01),
    ProductSpec("HB-TEL40", "텔미한정 40mg", "telmisartan", "C09CA07", "고혈압", 15_900, "none", 11, 0.05),
    ProductSpec("HB-OLM20", "올메빛정 20mg", "olmesartan", "C09CA08", "고혈압", 16_500, "none", 9, 0.04),
    ProductSpec("HB-ROS10", "로수빛정 10mg", "rosuvastatin", "C10AA07", "이상지질혈증", 17_400, "none", 15, 0.07),
    ProductSpec("HB-ATO20", "아토르빛정 20mg", "atorvastatin", "C10AA05", "이상지질혈증", 16_200, "none", 13, 0.03),
    ProductSpec("HB-EZR10", "에제로수정 10/10mg", "ezetimibe/rosuvastatin", "C10BA06", "이상지질혈증", 24_600, "none", 8, 0.15),
    ProductSpec("HB-MET500", "메트빛서방정 500mg", "metformin", "A10BA02", "당뇨병", 4_500, "none", 20, 0.02),
    ProductSpec("HB-SIT100", "시타글빛정 100mg", "sitagliptin", "A10BH01", "당뇨병", 22_800, "none", 9, 0.04),
    ProductSpec("HB-DAP10", "다파빛정 10mg", "dapagliflozin", "A10BK01", "당뇨병", 19_500, "none", 8, 0.18),
    ProductSpec("HB-ESC10", "에스시탈빛정 10mg", "escitalopram", "N06AB10", "우울증", 21_000, "none", 6, 0.06),
    ProductSpec("HB-SER50", "세르트빛정 50mg", "sertraline", "N06AB06", "우울증", 13_800, "none", 5, 0.03),
    ProductSpec("HB-CEL200", "셀레빛캡슐 200mg", "celecoxib", "M01AH01", "소염진통", 12_600, "none", 10, 0.01),
    ProductSpec("HB-ACE100", "아세클로빛정 100mg", "aceclofenac", "M01AB16", "소염진통", 5_700, "none", 12, -0.02),
    ProductSpec("HB-APAP650", "아세트빛서방정 650mg", "acetaminophen", "N02BE01", "해열진통", 3_900, "winter", 18, 0.00),
    ProductSpec("HB-MON10", "몬테빛정 10mg", "montelukast", "R03DC03", "천식·알레르기비염", 11_400, "spring_winter", 10, 0.03),
    ProductSpec("HB-FSI250", "플루살빛흡입제 250", "fluticasone/salmeterol", "R03AK06", "천식·COPD", 38_500, "winter", 4, 0.02),
    ProductSpec("HB-TIO18", "티오빛흡입캡슐 18mcg", "tiotropium", "R03BB04", "COPD", 45_000, "winter", 3, 0.03),
    ProductSpec("HB-LEV5", "레보세티빛정 5mg", "levocetirizine", "R06AE09", "알레르기", 6_300, "spring_winter", 14, 0.01),
    ProductSpec("HB-FEX180", "펙소빛정 180mg", "fexofenadine", "R06AX26", "알레르기", 8_700, "spring_winter", 11, 0.02),
    ProductSpec("HB-AMB30", "암브로빛시럽", "ambroxol", "R05CB06", "진해거담", 4_200, "winter", 16, 0.00),
    ProductSpec("HB-DEX15", "덱스트로빛시럽", "dextromethorphan", "R05DA09", "진해거담", 3_600, "winter", 13, -0.01),
    ProductSpec("HB-AMC625", "아목시클라빛정 625mg", "amoxicillin/clavulanic acid", "J01CR02", "항생제", 9_300, "winter", 12, -0.03),
    ProductSpec("HB-CFX100", "세픽빛캡슐 100mg", "cefixime", "J01DD08", "항생제", 10_200, "winter", 9, -0.02),
    ProductSpec("HB-CLA500", "클래리빛정 500mg", "clarithromycin", "J01FA09", "항생제", 11_700, "winter", 7, -0.02),
    ProductSpec("HB-ESO40", "에소빛정 40mg", "esomeprazole", "A02BC05", "위식도역류질환", 15_300, "none", 13, 0.03),
    ProductSpec("HB-REB100", "레바미빛정 100mg", "rebamipide", "A02BX14", "위염", 3_300, "none", 22, 0.01),
    ProductSpec("HB-CLO75", "클로피빛정 75mg", "clopidogrel", "B01AC04", "항혈전", 14_100, "none", 10, 0.02),
    ProductSpec("HB-DON10", "도네빛정 10mg", "donepezil", "N06DA02", "치매", 28_500, "none", 6, 0.08),
    ProductSpec("HB-PRE75", "프레가빛캡슐 75mg", "pregabalin", "N03AX16", "신경병증성 통증", 16_800, "none", 8, 0.05),
    ProductSpec("HB-TAM02", "탐수로빛캡슐 0.2mg", "tamsulosin", "G04CA02", "전립선비대증", 10_800, "none", 7, 0.03),
    ProductSpec("HB-ALE70", "알렌빛정 70mg", "alendronate", "M05BA04", "골다공증", 9_900, "none", 5, 0.01),
)


@dataclass(frozen=True)
class TeamSpec:
    name: str
    region: str  # 시·도 names covered, first one is the home region
    provinces: tuple[str, ...]


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("서울1팀", "서울", ("서울",)),
    TeamSpec("서울2팀", "서울", ("서울",)),
    TeamSpec("경기남부팀", "경기", ("경기",)),
    TeamSpec("경기북부·인천팀", "경기", ("경기", "인천")),
    TeamSpec("부산·경남팀", "부산", ("부산", "경남", "울산")),
    TeamSpec("대구·경북팀", "대구", ("대구", "경북")),
    TeamSpec("광주·전라팀", "광주", ("광주", "전남", "전북")),
    TeamSpec("대전·충청·강원팀", "대전", ("대전", "충남", "충북", "세종", "강원")),
)

# 시·군·구 used for account addresses, per 시·도.
DISTRICTS: dict[str, tuple[str, ...]] = {
    "서울": ("강남구", "서초구", "송파구", "강동구", "마포구", "영등포구", "종로구", "중구", "성북구",
            "노원구", "관악구", "동작구", "양천구", "은평구", "광진구"),
    "경기": ("수원시", "성남시", "용인시", "고양시", "안양시", "부천시", "화성시", "평택시", "의정부시",
            "남양주시", "파주시", "김포시"),
    "인천": ("남동구", "부평구", "연수구", "서구", "미추홀구"),
    "부산": ("해운대구", "부산진구", "동래구", "남구", "사하구", "북구"),
    "경남": ("창원시", "김해시", "진주시", "양산시", "거제시"),
    "울산": ("남구", "중구", "동구"),
    "대구": ("수성구", "달서구", "중구", "북구", "동구"),
    "경북": ("포항시", "구미시", "경주시", "안동시"),
    "광주": ("서구", "북구", "광산구", "남구"),
    "전남": ("순천시", "여수시", "목포시"),
    "전북": ("전주시", "익산시", "군산시"),
    "대전": ("서구", "유성구", "중구", "대덕구"),
    "충남": ("천안시", "아산시", "서산시"),
    "충북": ("청주시", "충주시"),
    "세종": ("세종시",),
    "강원": ("춘천시", "원주시", "강릉시"),
}

# Account types (DOMAIN.md) with share of accounts, bed range, and demand multiplier.
ACCOUNT_TYPES: tuple[tuple[str, float, tuple[int, int], float], ...] = (
    ("상급종합병원", 0.02, (700, 2700), 9.0),
    ("종합병원", 0.07, (100, 690), 4.0),
    ("병원", 0.14, (30, 99), 1.8),
    ("의원", 0.50, (0, 0), 0.8),
    ("약국", 0.24, (0, 0), 0.6),
    ("도매상", 0.03, (0, 0), 6.0),
)

SPECIALTIES: tuple[str, ...] = (
    "내과", "가정의학과", "이비인후과", "소아청소년과", "정형외과", "신경과", "정신건강의학과",
    "비뇨의학과", "호흡기내과", "순환기내과", "내분비내과", "소화기내과",
)

# Which therapeutic areas each specialty prescribes most (others get a small share).
SPECIALTY_AREAS: dict[str, tuple[str, ...]] = {
    "내과": ("고혈압", "이상지질혈증", "당뇨병", "위식도역류질환", "위염", "항생제", "진해거담"),
    "가정의학과": ("고혈압", "이상지질혈증", "당뇨병", "해열진통", "진해거담", "알레르기", "위염"),
    "이비인후과": ("알레르기", "진해거담", "항생제", "천식·알레르기비염", "해열진통"),
    "소아청소년과": ("진해거담", "항생제", "알레르기", "천식·알레르기비염", "해열진통"),
    "정형외과": ("소염진통", "골다공증", "신경병증성 통증", "위염"),
    "신경과": ("치매", "신경병증성 통증", "항혈전", "우울증"),
    "정신건강의학과": ("우울증", "치매"),
    "비뇨의학과": ("전립선비대증", "항생제"),
    "호흡기내과": ("천식·COPD", "COPD", "천식·알레르기비염", "진해거담", "항생제"),
    "순환기내과": ("고혈압", "이상지질혈증", "항혈전"),
    "내분비내과": ("당뇨병", "이상지질혈증", "골다공증"),
    "소화기내과": ("위식도역류질환", "위염"),
}

SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
GIVEN_NAMES = (
    "민준", "서연", "도윤", "지우", "하준", "서윤", "시우", "지민", "주원", "하은", "예준", "수아",
    "지호", "지유", "준서", "채원", "현우", "다은", "건우", "예은", "우진", "소율", "선우", "윤서",
    "민재", "지아", "현준", "하린", "연우", "수빈", "정우", "민서", "승현", "예린", "지훈", "가은",
    "성민", "유진", "태윤", "은지", "동현", "혜진", "재원", "미영", "상훈", "지현", "영호", "수정",
)
