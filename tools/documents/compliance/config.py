"""What the checker needs: amount limits (from settings, never in code) and products'
approved indications (parsed from the product monographs)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MONOGRAPH_DIR = Path(__file__).resolve().parents[3] / "data" / "demo" / "content" / "documents"
_FORM_SUFFIX = re.compile(r"(서방정|흡입캡슐|흡입제|캡슐|시럽|정)$")


@dataclass(frozen=True)
class Label:
    """One product's approved label (허가사항) as the monograph states it."""

    code: str
    name: str  # "로수빛정 10mg"
    stems: tuple[str, ...]  # "로수빛정", "로수빛"
    indications: str  # 효능·효과 text
    dosage: str  # 용법·용량 text
    max_dose_mg: float | None

    def approves(self, words: str) -> bool:
        return words in self.indications or words in self.dosage


@dataclass(frozen=True)
class ComplianceConfig:
    briefing_meal_limit: int = 100_000
    briefing_souvenir_limit: int = 50_000
    account_briefing_food_limit: int = 100_000
    promo_item_limit: int = 10_000
    conference_meal_limit: int = 50_000
    lecture_fee_hour_limit: int = 500_000
    lecture_fee_day_limit: int = 1_000_000
    advisory_fee_limit: int = 500_000
    pms_case_fee_limit: int = 50_000
    labels: tuple[Label, ...] = field(default=())
    use_classifier: bool = True
    classifier_threshold: float = 0.7

    @property
    def meal_limit(self) -> int:
        """The per-person meal limit a sentence is checked against (the stricter of the two
        briefing kinds when the text does not say which)."""
        return min(self.briefing_meal_limit, self.account_briefing_food_limit)


def _section(text: str, heading: str) -> str:
    m = re.search(rf"^##\s*{heading}[^\n]*\n(.*?)(?=^##\s|\Z)", text, re.DOTALL | re.MULTILINE)
    return m.group(1).strip() if m else ""


def load_labels(directory: Path = MONOGRAPH_DIR) -> tuple[Label, ...]:
    labels = []
    for path in sorted(directory.glob("product-*-monograph.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^title:\s*(.+?)\s*제품설명서\s*$", text, re.MULTILINE)
        code = re.search(r"^products:\s*(\S+)", text, re.MULTILINE)
        if not title or not code:
            continue
        name = title.group(1)
        brand = name.split(" ")[0]
        stems = tuple(dict.fromkeys([brand, _FORM_SUFFIX.sub("", brand)]))
        dosage = _section(text, "용법")
        doses = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)\s*mg", dosage)]
        labels.append(Label(code.group(1), name, stems, _section(text, "효능"), dosage,
                            max(doses) if doses else None))
    return tuple(labels)


@lru_cache(maxsize=1)
def _cached_labels() -> tuple[Label, ...]:
    return load_labels()


def config_from_settings(settings=None) -> ComplianceConfig:
    from medrep.kernel.settings import get_settings

    s = settings or get_settings()
    return ComplianceConfig(
        briefing_meal_limit=s.medrep_briefing_meal_limit_krw,
        briefing_souvenir_limit=s.medrep_briefing_souvenir_limit_krw,
        account_briefing_food_limit=s.medrep_account_briefing_food_limit_krw,
        promo_item_limit=s.medrep_promo_item_limit_krw,
        conference_meal_limit=s.medrep_conference_meal_limit_krw,
        lecture_fee_hour_limit=s.medrep_lecture_fee_hour_limit_krw,
        lecture_fee_day_limit=s.medrep_lecture_fee_day_limit_krw,
        advisory_fee_limit=s.medrep_advisory_fee_limit_krw,
        pms_case_fee_limit=s.medrep_pms_case_fee_limit_krw,
        labels=_cached_labels(),
        use_classifier=s.medrep_compliance_classifier,
        classifier_threshold=s.medrep_compliance_classifier_threshold,
    )
