"""`medrep eval compliance --jsonl FILE` (DESIGN.md): recall, precision, false-positive rate
and per-category figures of the compliance checker, as JSON."""

from __future__ import annotations

from pathlib import Path


def eval_compliance(jsonl: Path, show_errors: bool = False) -> dict:
    from tools.documents.compliance.evaluate import evaluate_jsonl

    result = evaluate_jsonl(jsonl)
    if not show_errors:
        result.pop("errors", None)
    return result
