"""BEIR evaluation: JSON shape, metric arithmetic on a hand-made set, bad folders."""

from __future__ import annotations

import json
import math

import pytest

from medrep.kernel.settings import Settings
from tools.common.plumbing import ToolInputError
from tools.search.evaluate import evaluate_beir
from tools.search.metrics import mrr_at, ndcg_at, percentile, recall_at


def test_metric_arithmetic():
    ranked = ["d3", "d1", "d9", "d2"]
    rel = {"d1": 1.0, "d2": 1.0}
    assert recall_at(ranked, rel, 1) == 0.0
    assert recall_at(ranked, rel, 2) == 0.5
    assert recall_at(ranked, rel, 10) == 1.0
    assert mrr_at(ranked, rel, 10) == 0.5
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3)
    assert ndcg_at(ranked, rel, 10) == pytest.approx(dcg / idcg)
    assert percentile([1, 2, 3, 4], 50) == 2.5 and percentile([5], 95) == 5


def write_beir(root):
    docs = {
        "a": ("고혈압 약", "암로디핀은 칼슘채널차단제로 고혈압 치료에 쓰인다."),
        "b": ("당뇨 약", "메트포르민은 제2형 당뇨병의 1차 치료제이다."),
        "c": ("위장약", "에소메프라졸은 위식도역류질환에 쓰는 양성자펌프억제제이다."),
        "d": ("천식 약", "몬테루카스트는 천식과 알레르기비염에 쓰는 류코트리엔 길항제이다."),
    }
    with open(root / "corpus.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"_id": _id, "title": title, "text": text}, ensure_ascii=False) + "\n" for _id, (title, text) in docs.items())
    queries = {"q1": "메트포르민 당뇨병", "q2": "위식도역류질환 치료제", "q3": "양자역학"}
    with open(root / "queries.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"_id": _id, "text": text}, ensure_ascii=False) + "\n" for _id, text in queries.items())
    (root / "qrels").mkdir()
    (root / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\tb\t1\nq2\tc\t1\nq3\td\t1\n")


def test_eval_json_shape_and_values(tmp_path):
    write_beir(tmp_path)
    result = evaluate_beir(tmp_path, settings=Settings(_env_file=None, medrep_home=tmp_path))
    assert result["n"] == 3 and result["default"] == "hybrid"
    assert set(result["modes"]) == {"bm25", "dense", "hybrid"}
    for figures in result["modes"].values():
        assert set(figures) >= {"recall@1", "recall@5", "recall@10", "ndcg@10", "mrr@10", "p50_ms", "p95_ms"}
    bm25 = result["modes"]["bm25"]
    # q1 and q2 found at rank 1; q3 ("양자역학") matches no document in BM25 → 2/3
    assert bm25["recall@1"] == pytest.approx(round(2 / 3, 4))
    assert bm25["mrr@10"] == pytest.approx(round(2 / 3, 4))
    json.dumps(result)


def test_eval_bad_folder_and_mode(tmp_path):
    with pytest.raises(ToolInputError, match="corpus.jsonl"):
        evaluate_beir(tmp_path, settings=Settings(_env_file=None, medrep_home=tmp_path))
    write_beir(tmp_path)
    with pytest.raises(ToolInputError, match="hybrid\\+rerank"):
        evaluate_beir(tmp_path, modes=["hybrid+rerank"], settings=Settings(_env_file=None, medrep_home=tmp_path))


SHARED_RETRIEVAL = __import__("pathlib").Path(__file__).resolve().parents[3] / "shared" / "bench" / "retrieval-ko"


@pytest.mark.skipif(not SHARED_RETRIEVAL.exists(), reason="../shared/bench/retrieval-ko not beside the checkout")
def test_public_retrieval_set_does_not_regress(tmp_path):
    """The default hybrid mode on ../shared/bench/retrieval-ko keeps the figures in the README
    (Recall@1 0.929, nDCG@10 0.966): search changes for the demo corpus must not cost them."""
    settings = Settings(_env_file=None, medrep_home=tmp_path, database_url=f"sqlite:///{tmp_path / 'x.db'}")
    hybrid = evaluate_beir(SHARED_RETRIEVAL, modes=["hybrid"], settings=settings)["modes"]["hybrid"]
    assert hybrid["recall@1"] >= 0.92 and hybrid["ndcg@10"] >= 0.96, hybrid
