"""Document templates kept in the repo (tools/documents/templates/*.yml), editable without
code: a title, a subtitle and sections of text or two-column tables with {field} slots."""

from __future__ import annotations

import string
from pathlib import Path

import yaml

from tools.common.plumbing import ToolInputError

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def load_template(name: str, directory: Path | None = None) -> dict:
    path = (directory or TEMPLATE_DIR) / f"{name}.yml"
    if not path.is_file():
        raise ToolInputError(f"문서 템플릿 '{path.name}'을(를) 찾을 수 없습니다. tools/documents/templates/ 폴더를 확인해 주세요.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ToolInputError(f"문서 템플릿 '{path.name}'의 YAML 형식이 잘못되었습니다({exc.__class__.__name__}). 들여쓰기와 따옴표를 확인해 주세요.") from exc
    if not isinstance(data, dict) or not data.get("sections"):
        raise ToolInputError(f"문서 템플릿 '{path.name}'에 sections 항목이 없습니다. title과 sections(heading, text 또는 table)를 적어 주세요.")
    data["_name"] = path.name
    return data


def _strings(template: dict):
    yield template.get("title", "")
    yield template.get("subtitle", "")
    for section in template["sections"]:
        yield section.get("heading", "")
        yield section.get("text", "")
        for row in section.get("table") or []:
            yield from row


def fields_used(template: dict) -> set[str]:
    names = set()
    for s in _strings(template):
        for _, field, _, _ in string.Formatter().parse(str(s or "")):
            if field:
                names.add(field)
    return names


def fill(template: dict, values: dict[str, str]) -> dict:
    """The template with every {field} filled: {"title", "subtitle", "sections": [{heading, text|table}]}.
    A field the template names but `values` lacks is a Korean ToolInputError naming it."""
    missing = sorted(fields_used(template) - set(values))
    if missing:
        raise ToolInputError(
            f"문서 템플릿 '{template.get('_name', '')}'의 항목 {', '.join('{' + m + '}' for m in missing)}에 채울 값이 없습니다. "
            f"템플릿에서 이름을 고치거나 지워 주세요. 사용할 수 있는 이름: {', '.join(sorted(values))}")
    safe = {k: ("" if v is None else str(v)) for k, v in values.items()}
    sections = []
    for section in template["sections"]:
        out = {"heading": str(section.get("heading", "")).format(**safe)}
        if section.get("table"):
            out["table"] = [[str(c).format(**safe) for c in row] for row in section["table"]]
        else:
            out["text"] = str(section.get("text", "")).format(**safe)
        sections.append(out)
    return {"title": str(template.get("title", "")).format(**safe),
            "subtitle": str(template.get("subtitle", "")).format(**safe), "sections": sections}
