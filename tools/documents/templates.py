"""Document templates kept in the repo (tools/documents/templates/*.yml), editable without
code: a title, a subtitle and sections with {field} slots. A section is one of
- `text` (lines; "- " starts a bullet; optional `align: center|right`),
- `table`: two-column rows [label, value],
- `grid` + `columns`: a table the tool computes (one row per product, account, item …); the
  template picks which columns (`key`) appear, their labels and alignment,
- `image` (+ optional `caption`): a chart the tool draws.
`defaults` gives values for slots the tool does not fill (company name, sender), so a CP team
can change them here too."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tools.common.plumbing import ToolInputError
from tools.documents import texts

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@dataclass
class Grid:
    """A computed table: the column keys a template may pick, and one dict per row."""

    keys: tuple[str, ...]
    rows: list[dict] = field(default_factory=list)


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
        yield section.get("caption", "")
        for row in section.get("table") or []:
            yield from row
        for column in section.get("columns") or []:
            if isinstance(column, dict):
                yield column.get("label", "")


def fields_used(template: dict) -> set[str]:
    names = set()
    for s in _strings(template):
        for _, slot, _, _ in string.Formatter().parse(str(s or "")):
            if slot:
                names.add(slot)
    return names


def _grid(template: dict, section: dict, grids: dict[str, Grid], safe: dict) -> dict:
    name, tname = str(section["grid"]), template.get("_name", "")
    if name not in grids:
        raise ToolInputError(texts.TEMPLATE_GRID_MISSING.format(template=tname, grid=name,
                                                                available=", ".join(sorted(grids)) or "없음"))
    columns = section.get("columns") or []
    if not columns or not all(isinstance(c, dict) and c.get("key") for c in columns):
        raise ToolInputError(texts.TEMPLATE_BAD_COLUMNS.format(template=tname, grid=name))
    grid = grids[name]
    known = set(grid.keys)
    missing = [str(c["key"]) for c in columns if str(c["key"]) not in known]
    if missing:
        raise ToolInputError(texts.TEMPLATE_COLUMN_MISSING.format(template=tname, grid=name, keys=", ".join(missing),
                                                                  available=", ".join(sorted(known))))
    return {"columns": [str(c.get("label", c["key"])).format(**safe) for c in columns],
            "align": [str(c.get("align", "left")) for c in columns],
            "rows": [[str(row.get(str(c["key"]), "")) for c in columns] for row in grid.rows],
            "empty": str(section.get("empty", "")).format(**safe)}


def fill(template: dict, values: dict[str, str], grids: dict[str, Grid] | None = None,
         images: dict[str, str] | None = None) -> dict:
    """The template with every {field} filled: {"title", "subtitle", "sections": [{heading,
    text|table|grid|image}]}. A field, grid, column or image the template names but the tool
    does not provide is a Korean ToolInputError naming it. `images` maps a name to a PNG path,
    or to a Korean reason when the chart could not be drawn."""
    grids, images = grids or {}, images or {}
    merged = {**{k: v for k, v in (template.get("defaults") or {}).items()},
              **{k: v for k, v in values.items() if v is not None}}
    missing = sorted(fields_used(template) - set(merged))
    if missing:
        raise ToolInputError(
            f"문서 템플릿 '{template.get('_name', '')}'의 항목 {', '.join('{' + m + '}' for m in missing)}에 채울 값이 없습니다. "
            f"템플릿에서 이름을 고치거나 지워 주세요. 사용할 수 있는 이름: {', '.join(sorted(merged))}")
    safe = {k: ("" if v is None else str(v)) for k, v in merged.items()}
    sections = []
    for section in template["sections"]:
        out = {"heading": str(section.get("heading", "") or "").format(**safe)}
        if section.get("grid"):
            out["grid"] = _grid(template, section, grids, safe)
        elif section.get("image"):
            name = str(section["image"])
            if name not in images:
                raise ToolInputError(texts.TEMPLATE_IMAGE_MISSING.format(
                    template=template.get("_name", ""), image=name, available=", ".join(sorted(images)) or "없음"))
            value = str(images[name])
            if value.lower().endswith(".png") and Path(value).is_file():
                out["image"] = value
                out["caption"] = str(section.get("caption", "") or "").format(**safe)
            else:
                out["text"] = texts.CHART_UNAVAILABLE.format(reason=value)
        elif section.get("table"):
            out["table"] = [[str(c).format(**safe) for c in row] for row in section["table"]]
        else:
            out["text"] = str(section.get("text", "") or "").format(**safe)
        if section.get("align") in ("center", "right"):
            out["align"] = section["align"]
        sections.append(out)
    return {"title": str(template.get("title", "")).format(**safe),
            "subtitle": str(template.get("subtitle", "") or "").format(**safe), "sections": sections}


def document_text(doc: dict) -> str:
    """All the words of a filled document, in order (what the compliance checker reads)."""
    parts = [doc.get("title", ""), doc.get("subtitle", "")]
    for section in doc["sections"]:
        parts.append(section.get("heading", ""))
        parts += [" ".join(row) for row in section.get("table") or []]
        grid = section.get("grid")
        if grid:
            parts += [" ".join(row) for row in grid["rows"]]
        parts.append(section.get("text", ""))
    return "\n".join(p for p in parts if p)
