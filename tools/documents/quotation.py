"""견적서 to an account: products with their catalog unit prices (products.unit_price, per
box), quantities, 공급가액, 부가세 10% (원 미만 절사), 합계 and a validity date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from data.access import Caller
from data.models import Product, Rep, Team
from tools.common import entities
from tools.common.formatting import format_won
from tools.common.plumbing import ToolInputError
from tools.common.results import ToolOutput
from tools.documents import texts
from tools.documents.compliance import ComplianceConfig, check_text, config_from_settings, summarize
from tools.documents.dates import doc_date
from tools.documents.storage import finding_lines, latest_version, save_draft, write_files
from tools.documents.templates import Grid, fill, load_template

VAT_RATE_PERCENT = 10
MAX_ITEMS = 30
MAX_QUANTITY = 1_000_000
ITEM_KEYS = ("line", "product", "code", "unit", "unit_price", "quantity", "supply")
_SPLIT = re.compile(r"[,/、;\n]|\s+및\s+|\s+그리고\s+")
_QUANTITY = re.compile(r"^(?P<name>.*?)\s*[x×*]?\s*(?P<qty>\d[\d,]*)\s*(?:박스|box|bx|개|갑|통|ea|BOX)?\s*$", re.IGNORECASE)


@dataclass
class Line:
    product: Product
    quantity: int

    @property
    def supply(self) -> int:
        return self.product.unit_price * self.quantity


def vat_of(supply: int) -> int:
    return supply * VAT_RATE_PERCENT // 100


def parse_items(session: Session, items: str) -> list[Line]:
    """"로수빛정 100박스, 한빛암로정 50" → lines; an unknown product or a missing quantity is
    a Korean error that repeats what was typed."""
    parts = [p.strip() for p in _SPLIT.split(items or "") if p.strip()]
    if not parts:
        raise ToolInputError(texts.QUOTE_NO_ITEMS)
    if len(parts) > MAX_ITEMS:
        raise ToolInputError(texts.QUOTE_TOO_MANY.format(max=MAX_ITEMS, items=items))
    lines: dict[int, Line] = {}
    for part in parts:
        m = _QUANTITY.match(part)
        if not m or not m.group("name").strip():
            raise ToolInputError(texts.QUOTE_NO_QUANTITY.format(item=part, items=items))
        name, qty = m.group("name").strip(), int(m.group("qty").replace(",", ""))
        if not 1 <= qty <= MAX_QUANTITY:
            raise ToolInputError(texts.QUOTE_BAD_QUANTITY.format(item=part, max=MAX_QUANTITY, items=items))
        try:
            product = entities.resolve_product(session, name)
        except LookupError as exc:
            raise ToolInputError(texts.QUOTE_UNKNOWN_PRODUCT.format(
                item=name, reason=exc.args[0] if exc.args else "", items=items)) from exc
        if product.id in lines:  # the same product twice: one line with both quantities
            lines[product.id].quantity += qty
        else:
            lines[product.id] = Line(product, qty)
    return list(lines.values())


def draft_quotation(session: Session, caller: Caller, today: date, files_dir: Path, *, account: str, items: str,
                    quote_date: str | None = None, valid_days: int = 30, notes: str | None = None,
                    file_format: str = "both", config: ComplianceConfig | None = None,
                    template: str = "quotation") -> ToolOutput:
    try:
        acc = entities.resolve_account(session, caller, account)
    except LookupError as exc:  # the items typed come back with the message: nothing is lost
        raise LookupError(f"{exc.args[0] if exc.args else ''} 입력하신 품목: {items}") from exc
    lines = parse_items(session, items)
    d = doc_date(quote_date, today)
    valid_until = d + timedelta(days=valid_days)
    supply = sum(line.supply for line in lines)
    vat = vat_of(supply)
    config = config or config_from_settings()
    findings = check_text(notes, config) if notes and notes.strip() else []

    key = f"quote:{acc.code}:{d.isoformat()}"
    previous = latest_version(session, key)
    version = previous.version + 1 if previous else 1
    number = f"Q{d:%Y%m%d}-{acc.code}-{version:02d}"
    rep = session.get(Rep, caller.rep_id)
    team = session.get(Team, rep.team_id) if rep and rep.team_id else None
    rows = [{"line": str(i), "product": ln.product.name, "code": ln.product.code, "unit": "박스",
             "unit_price": f"{ln.product.unit_price:,}", "quantity": f"{ln.quantity:,}", "supply": f"{ln.supply:,}"}
            for i, ln in enumerate(lines, 1)]
    values = {
        "account_name": acc.name, "account_code": acc.code, "account_type": acc.type,
        "region": f"{acc.province} {acc.district}", "rep_name": rep.name if rep else caller.name,
        "team_name": team.name if team else "-", "date": d.isoformat(), "valid_until": valid_until.isoformat(),
        "valid_days": str(valid_days), "quote_number": number, "version": str(version),
        "supply": f"{supply:,}원", "vat": f"{vat:,}원", "total": f"{supply + vat:,}원",
        "total_short": format_won(supply + vat), "item_count": str(len(lines)),
        "notes": (notes or "").strip() or "없음", "compliance": finding_lines(findings),
    }
    doc = fill(load_template(template), values, {"items": Grid(ITEM_KEYS, rows)})
    files = write_files(doc, files_dir, f"견적서_{acc.code}_{d:%Y%m%d}_v{version}", file_format)
    draft = save_draft(session, caller, key=key, version=version, kind="quotation", doc_date=d, doc=doc,
                       notes=(notes or "").strip(), findings=findings, files=files, account_id=acc.id,
                       inputs={"account": acc.code, "items": items, "date": d.isoformat(), "valid_days": valid_days,
                               "notes": notes, "file_format": file_format})
    summary = texts.QUOTE_SUMMARY.format(account=acc.name, version=version, number=number, supply=f"{supply:,}원",
                                         vat=f"{vat:,}원", total=f"{supply + vat:,}원",
                                         valid_until=valid_until.isoformat())
    out = [summary] + [f"- {ln.product.name} {ln.product.unit_price:,}원 × {ln.quantity:,}박스 = {ln.supply:,}원"
                       for ln in lines]
    out.append(texts.FILES_ATTACHED.format(names=", ".join(f.title for f in files)))
    if findings:
        out += ["", summarize(findings)]
    return ToolOutput(summary="\n".join(out), files=files,
                      data={"draft_id": draft.id, "version": version, "quote_number": number, "account_id": acc.id,
                            "lines": [{"product": ln.product.name, "unit_price": ln.product.unit_price,
                                       "quantity": ln.quantity, "supply": ln.supply} for ln in lines],
                            "supply": supply, "vat": vat, "total": supply + vat,
                            "valid_until": valid_until.isoformat(), "findings": [f.to_json() for f in findings],
                            "paths": [str(f.path) for f in files]},
                      suggestions=[f"{acc.name} 거래처 카드 보여줘"])
