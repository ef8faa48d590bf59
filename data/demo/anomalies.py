"""Anomalies planted in the demo world's actuals, so detectors can be tested against them.

Each one is chosen deterministically from the generated pairs (largest matching pair) and
recorded in the manifest with the month, the factor applied and a Korean description.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import numpy as np

from data.demo.catalog import PRODUCTS
from data.demo.sales import SalesArrays
from data.demo.world import AccountRow


@dataclass
class PlantedAnomaly:
    kind: str  # spike | drop
    scope: str  # account_product | rep_product | product | account
    month: str  # YYYY-MM-01
    factor: float
    description: str
    account_id: int | None = None
    product_code: str | None = None
    rep_id: int | None = None

    def to_json(self) -> dict:
        return asdict(self)


def _product_index(code: str) -> int:
    return next(i for i, p in enumerate(PRODUCTS) if p.code == code)


def _largest_pair(sales: SalesArrays, accounts: dict[int, AccountRow], code: str, account_type: str,
                  month_index: int) -> int:
    product = _product_index(code)
    candidates = [
        i for i in np.flatnonzero(sales.pair_product == product)
        if accounts[int(sales.pair_account[i])].type == account_type and sales.actual[i, month_index] > 0
    ]
    return max(candidates, key=lambda i: sales.expected[i, month_index])


def plant_anomalies(sales: SalesArrays, accounts: list[AccountRow], team_reps: list[list[int]]) -> list[PlantedAnomaly]:
    by_id = {a.id: a for a in accounts}
    n = len(sales.months) - 1  # index of the current (partial) month; anomalies go in full months
    planted: list[PlantedAnomaly] = []

    def month(index: int) -> date:
        return sales.months[index]

    i = _largest_pair(sales, by_id, "HB-ROS10", "도매상", n - 9)
    sales.actual[i, n - 9] = np.rint(sales.actual[i, n - 9] * 5)
    planted.append(PlantedAnomaly("spike", "account_product", month(n - 9).isoformat(), 5.0,
                                  "도매상 대량 사입(재고 비축)으로 로수빛정 출하가 평소의 5배",
                                  int(sales.pair_account[i]), "HB-ROS10", int(sales.pair_rep[i])))

    i = _largest_pair(sales, by_id, "HB-FSI250", "상급종합병원", n - 6)
    sales.actual[i, n - 6] = 0
    planted.append(PlantedAnomaly("drop", "account_product", month(n - 6).isoformat(), 0.0,
                                  "상급종합병원 원내 코드 일시 중단으로 플루살빛흡입제 출하 0",
                                  int(sales.pair_account[i]), "HB-FSI250", int(sales.pair_rep[i])))

    i = _largest_pair(sales, by_id, "HB-DAP10", "의원", n - 4)
    sales.actual[i, n - 4] = np.rint(sales.actual[i, n - 4] * 4)
    planted.append(PlantedAnomaly("spike", "account_product", month(n - 4).isoformat(), 4.0,
                                  "의원 다파빛정 주문이 평소의 4배(중복 주문 의심)",
                                  int(sales.pair_account[i]), "HB-DAP10", int(sales.pair_rep[i])))

    rep = team_reps[4][1]  # 부산·경남팀's second rep
    july_last_year = sales.months.index(date(sales.months[n].year - 1, 7, 1))
    members = (sales.pair_rep == rep) & (sales.pair_product == _product_index("HB-AMC625"))
    sales.actual[members, july_last_year] = np.rint(sales.actual[members, july_last_year] * 3)
    planted.append(PlantedAnomaly("spike", "rep_product", month(july_last_year).isoformat(), 3.0,
                                  "비수기(7월)에 담당 지역 전체 아목시클라빛정 출하가 3배로 급증",
                                  None, "HB-AMC625", rep))

    members = sales.pair_product == _product_index("HB-TEL40")
    sales.actual[members, n - 11] = np.rint(sales.actual[members, n - 11] * 0.55)
    planted.append(PlantedAnomaly("drop", "product", month(n - 11).isoformat(), 0.55,
                                  "원료 수급 차질(일시 품절)로 텔미한정 전사 출하 45% 감소", None, "HB-TEL40"))

    general = [a for a in accounts if a.type == "종합병원" and a.team_index == 0]
    account = max(general, key=lambda a: sales.expected[sales.pair_account == a.id, n - 3].sum())
    members = sales.pair_account == account.id
    sales.actual[members, n - 3] = np.rint(sales.actual[members, n - 3] * 0.3)
    planted.append(PlantedAnomaly("drop", "account", month(n - 3).isoformat(), 0.3,
                                  "종합병원 전 제품 출하 70% 감소(도매 전산 누락)", account.id, None, account.owner_rep_id))
    return planted
