"""`medrep eval compliance --jsonl FILE`: lines {"text","expect":[CATEGORY…]} ([] = clean)."""

from __future__ import annotations

import time
from pathlib import Path

from tools.documents.compliance import CATEGORIES, ComplianceConfig, check_text
from tools.documents.compliance.classifier import load_jsonl


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def evaluate_rows(rows: list[dict], config: ComplianceConfig | None = None, *, errors: bool = True) -> dict:
    tp = fp = fn = 0
    clean = clean_flagged = 0
    per = {c: {"n": 0, "tp": 0, "fp": 0, "fn": 0} for c in CATEGORIES}
    misses = []
    started = time.perf_counter()
    for row in rows:
        expect = set(row.get("expect") or [])
        unknown = expect - set(CATEGORIES)
        if unknown:
            raise ValueError(f"알 수 없는 범주: {sorted(unknown)}. 사용할 수 있는 범주: {', '.join(CATEGORIES)}")
        got = {f.category for f in check_text(row["text"], config)}
        if not expect:
            clean += 1
            clean_flagged += bool(got)
        for c in expect:
            per[c]["n"] += 1
        for c in got & expect:
            per[c]["tp"] += 1
        for c in got - expect:
            per[c]["fp"] += 1
        for c in expect - got:
            per[c]["fn"] += 1
        tp += len(got & expect)
        fp += len(got - expect)
        fn += len(expect - got)
        if got != expect:
            misses.append({"text": row["text"], "expected": sorted(expect), "got": sorted(got)})
    result = {
        "n": len(rows),
        "recall": _ratio(tp, tp + fn),
        "precision": _ratio(tp, tp + fp),
        "false_positive_rate": _ratio(clean_flagged, clean) if clean else 0.0,
        "n_clean": clean,
        "by_category": {c: {"n": v["n"], "recall": _ratio(v["tp"], v["tp"] + v["fn"]),
                            "precision": _ratio(v["tp"], v["tp"] + v["fp"])} for c, v in per.items()},
        "seconds": round(time.perf_counter() - started, 3),
    }
    if errors:
        result["errors"] = misses
    return result


def evaluate_jsonl(path: Path, config: ComplianceConfig | None = None) -> dict:
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"평가 파일을 찾을 수 없습니다: {path}")
    return evaluate_rows(load_jsonl(path), config)
