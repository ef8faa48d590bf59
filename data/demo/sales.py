"""Monthly sales and targets of the demo world, generated as arrays (pairs × months).

A *pair* is (account, product) with one channel. Quantity per month =
base level × product trend × seasonality × lunar-holiday dip × account life cycle × noise,
then planted anomalies (data.demo.anomalies) are applied to actuals only. Targets come from
the noise-free expectation with a rep-specific uplift, so achievement varies around 100%.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from data.demo.calendar import holiday_factor, season_factor
from data.demo.catalog import ACCOUNT_TYPES, PRODUCTS, SPECIALTY_AREAS
from data.demo.world import AccountRow
from data.months import add_months

TYPE_MULTIPLIER = {t[0]: t[3] for t in ACCOUNT_TYPES}
PRODUCTS_PER_TYPE = {"상급종합병원": (12, 22), "종합병원": (8, 16), "병원": (4, 8), "의원": (3, 6),
                     "약국": (4, 8), "도매상": (12, 22)}
PRIMARY_CARE_AREAS = ("고혈압", "이상지질혈증", "당뇨병", "위염", "해열진통", "진해거담", "알레르기", "소염진통")
PRICE_CUT_PRODUCT = "HB-AML05"  # 약가 인하 8.5% applied last July
PRICE_CUT_RATE = 0.085


@dataclass
class SalesArrays:
    months: list[date]  # history months (last one is the current, partial month)
    pair_account: np.ndarray
    pair_product: np.ndarray  # index into PRODUCTS
    pair_rep: np.ndarray
    pair_channel: np.ndarray  # 0 원내, 1 원외
    expected: np.ndarray  # pairs × target months, noise-free (includes future months of the year)
    actual: np.ndarray  # pairs × history months, integer boxes
    prices: np.ndarray  # products × target months, KRW per box
    target_months: list[date] = field(default_factory=list)
    price_cut_month: date | None = None
    new_accounts: list[int] = field(default_factory=list)
    churned_accounts: list[dict] = field(default_factory=list)
    fading_accounts: list[int] = field(default_factory=list)


def _choose_products(rng: np.random.Generator, account: AccountRow) -> list[int]:
    low, high = PRODUCTS_PER_TYPE[account.type]
    n = int(rng.integers(low, high + 1))
    if account.type in ("병원", "의원") and account.specialty:
        areas = set(SPECIALTY_AREAS[account.specialty])
    elif account.type == "약국":
        areas = set(PRIMARY_CARE_AREAS)
    else:
        areas = set()
    weights = np.array([4.0 if p.therapeutic_area in areas else (0.15 if areas else 1.0) for p in PRODUCTS])
    n = min(n, int((weights > 0).sum()))
    return list(rng.choice(len(PRODUCTS), size=n, replace=False, p=weights / weights.sum()))


def generate_sales(rng: np.random.Generator, accounts: list[AccountRow], today: date) -> SalesArrays:
    current = today.replace(day=1)
    start = date(today.year - 3, 1, 1)
    months = [add_months(start, i) for i in range((current.year - start.year) * 12 + current.month - start.month + 1)]
    target_months = months + [add_months(current, i) for i in range(1, 13 - current.month + 1)]
    n_hist, n_all = len(months), len(target_months)

    pair_account, pair_product, pair_rep, pair_channel, base = [], [], [], [], []
    for account in accounts:
        size = rng.lognormal(0.0, 0.45) * (np.sqrt(max(account.beds, 50) / 300) if account.beds else 1.0)
        for product_index in _choose_products(rng, account):
            pair_account.append(account.id)
            pair_product.append(product_index)
            pair_rep.append(account.owner_rep_id)
            in_hospital = account.type in ("상급종합병원", "종합병원", "병원") and rng.random() < 0.55
            pair_channel.append(0 if in_hospital else 1)
            base.append(PRODUCTS[product_index].base_volume * TYPE_MULTIPLIER[account.type] * size)
    pair_account_arr = np.array(pair_account)
    pair_product_arr = np.array(pair_product)
    base_arr = np.array(base)

    # product × month shape: trend, season, lunar holidays
    t_years = np.arange(n_all) / 12.0
    shape = np.empty((len(PRODUCTS), n_all))
    for p_index, product in enumerate(PRODUCTS):
        seasonal = np.array([season_factor(product.season, m.month) * holiday_factor(m) for m in target_months])
        shape[p_index] = (1 + product.trend) ** t_years * seasonal
    expected = base_arr[:, None] * shape[pair_product_arr]

    # account life cycle: new prescribing accounts and churned ones
    account_ids = np.array([a.id for a in accounts])
    life = np.ones((len(accounts), n_all))
    new_mask = rng.random(len(accounts)) < 0.06
    churn_mask = (rng.random(len(accounts)) < 0.045) & ~new_mask
    new_accounts, churned = [], []
    for row in np.flatnonzero(new_mask):
        first = int(rng.integers(n_hist - 12, n_hist - 1))
        life[row, :first] = 0
        life[row, first:first + 3] = [0.4, 0.7, 0.9][: n_all - first]
        new_accounts.append(int(account_ids[row]))
    for row in np.flatnonzero(churn_mask):
        last = int(rng.integers(n_hist - 18, n_hist - 3))
        life[row, last:] = 0
        life[row, last - 3:last] *= [0.8, 0.6, 0.4]  # fading before the stop
        churned.append({"account_id": int(account_ids[row]), "last_month": target_months[last - 1].isoformat()})
    row_of_account = {int(a): i for i, a in enumerate(account_ids)}
    pair_rows = np.array([row_of_account[a] for a in pair_account])
    expected *= life[pair_rows]

    # a few pairs switch to a competitor in the last two years
    switch = np.flatnonzero(rng.random(len(base_arr)) < 0.03)
    for pair in switch:
        expected[pair, int(rng.integers(n_hist - 24, n_hist - 2)):] = 0

    small = np.isin(pair_account_arr, [a.id for a in accounts if a.type in ("의원", "약국")])
    sigma = np.where(small, 0.22, 0.12)[:, None]
    noise = rng.lognormal(-sigma**2 / 2, sigma, size=(len(base_arr), n_hist))
    actual = expected[:, :n_hist] * noise
    fading = _fade_recent_months(rng.spawn(1)[0], accounts, actual, pair_account_arr,
                                 excluded={*new_accounts, *(c["account_id"] for c in churned)})
    # the current month is month-to-date
    days = monthrange(current.year, current.month)[1]
    actual[:, -1] *= today.day / days
    actual = np.rint(actual)

    prices = np.array([[p.unit_price] * n_all for p in PRODUCTS], dtype=float)
    cut_month = date(current.year - 1, 7, 1)
    cut_index = target_months.index(cut_month)
    cut_product = next(i for i, p in enumerate(PRODUCTS) if p.code == PRICE_CUT_PRODUCT)
    prices[cut_product, cut_index:] = np.round(prices[cut_product, cut_index:] * (1 - PRICE_CUT_RATE), -1)

    return SalesArrays(months, pair_account_arr, pair_product_arr, np.array(pair_rep), np.array(pair_channel),
                       expected, actual, prices, target_months=target_months, new_accounts=new_accounts,
                       churned_accounts=churned, fading_accounts=fading, price_cut_month=cut_month)


FADE = (0.8, 0.6, 0.4, 0.3)  # the last four history months (the current one partial), as planted churners fade


def _fade_recent_months(rng: np.random.Generator, accounts: list[AccountRow], actual: np.ndarray,
                        pair_account: np.ndarray, excluded: set[int]) -> list[int]:
    """One account per rep that is fading *now*: orders falling over the last months and some
    products dropped, the way the planted churners went before they stopped. Without them every
    account of the present looks safe and the churn list is always empty. Actuals only: the
    targets were set before anybody knew. Drawn from a child generator so the rest of the world
    is the same with or without them."""
    fading = []
    by_rep: dict[int, list[AccountRow]] = {}
    for account in accounts:
        if account.owner_rep_id is not None and account.id not in excluded and account.type != "도매상":
            by_rep.setdefault(account.owner_rep_id, []).append(account)
    for rep_id in sorted(by_rep):
        account = by_rep[rep_id][int(rng.integers(len(by_rep[rep_id])))]
        rows = np.flatnonzero(pair_account == account.id)
        actual[rows, -len(FADE):] *= np.array(FADE)
        for row in rows[rng.random(len(rows)) < 0.5]:  # half its products stop in one of the last three months
            actual[row, actual.shape[1] - int(rng.integers(1, 4)):] = 0
        fading.append(account.id)
    return sorted(fading)


def target_rows(rng: np.random.Generator, sales: SalesArrays, rep_ids: list[int]) -> list[tuple]:
    """(month, rep_id, product_index, amount) from expectation × rep uplift (6% ± 5%)."""
    uplift = {rep: 1.06 + rng.normal(0, 0.05) for rep in rep_ids}
    value = sales.expected * sales.prices[sales.pair_product]
    rows = []
    keys = sales.pair_rep * 1000 + sales.pair_product
    for key in np.unique(keys):
        members = keys == key
        rep, product_index = int(key // 1000), int(key % 1000)
        totals = value[members].sum(axis=0) * uplift[rep]
        for month, amount in zip(sales.target_months, totals):
            if amount >= 10_000:
                rows.append((month, rep, product_index, int(round(amount, -4))))
    return rows
