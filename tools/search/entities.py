"""SQL lookups for database entities named in a query: products (everyone) and accounts
(only those the caller may see, `account_filter`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.access import Caller, account_filter
from data.models import Account, Product, Rep
from tools.common.results import Citation


@dataclass
class EntityHit:
    key: str
    title: str
    text: str
    citation: Citation


def _product_stem(name: str) -> str:
    """'로수빛정 10mg' → '로수빛' (brand stem users say)."""
    stem = re.sub(r"\s*\d.*$", "", name)
    return re.sub(r"(흡입캡슐|흡입제|연질캡슐|서방정|캡슐|시럽|정|주|액|산|과립)$", "", stem) or stem


def find_entities(session: Session, caller: Caller, query: str, limit: int = 3) -> list[EntityHit]:
    q = query.lower().replace(" ", "")
    if len(q) < 2:
        return []
    hits: list[EntityHit] = []
    for product in session.scalars(select(Product).order_by(Product.id)):
        names = {product.code.lower(), product.name.lower().replace(" ", ""), _product_stem(product.name).lower(),
                 product.ingredient.lower().replace(" ", "")}
        if any(len(n) >= 2 and n in q for n in names):
            text = (f"{product.name} ({product.code}) · 성분 {product.ingredient} · ATC {product.atc_code} · "
                    f"{product.therapeutic_area} · 보험 약가 {product.unit_price:,}원")
            hits.append(EntityHit(f"product:{product.id}", product.name, text,
                                  Citation(product.name, "products", product.code, None, text)))
    accounts = session.execute(
        select(Account, Rep.name).outerjoin(Rep, Rep.id == Account.owner_rep_id)
        .where(account_filter(caller)).where(Account.status == "active"))
    for account, owner in accounts:
        name = account.name.replace(" ", "")
        if len(name) >= 3 and name.lower() in q:
            text = (f"{account.name} · {account.type} · {account.province} {account.district}"
                    + (f" · {account.specialty}" if account.specialty else "")
                    + (f" · {account.beds}병상" if account.beds else "") + (f" · 담당 {owner}" if owner else ""))
            hits.append(EntityHit(f"account:{account.id}", account.name, text,
                                  Citation(account.name, "accounts", account.code, None, text)))
    return hits[:limit]
