"""The call-analysis sentiment model (tools/calls/sentiment): the committed artifact loads, clear
customer-call sentences are scored the right way, a fixed dev slice keeps its accuracy, and
`medrep eval sentiment` reports the DESIGN keys with counts computed here independently."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from tools.calls.sentiment import model_description, predict_positive
from tools.calls.sentiment.model import MODEL_DIR, load_ensemble
from tools.calls.sentiment_eval import evaluate_tsv, macro_f1
from tools.common.plumbing import ToolInputError

DEV_TSV = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "sentiment-ko" / "dev.tsv"
needs_dev = pytest.mark.skipif(not DEV_TSV.is_file(), reason=f"benchmark data absent: {DEV_TSV}")

POSITIVE = [
    "설명 잘 들었어요, 한번 써볼게요",
    "지난번 주신 자료 정말 도움이 많이 됐어요. 감사합니다",
    "환자분들 반응이 아주 좋아요, 계속 처방하려고요",
    "효과가 좋아서 만족하고 있습니다",
]
NEGATIVE = [
    "그 약 환자들이 불만이 많아서 안 쓰려고요",
    "솔직히 효과가 별로라서 실망했어요",
    "바쁜데 자꾸 찾아오시니까 짜증나네요",
    "부작용 얘기가 많아서 최악이에요, 다시는 안 씁니다",
]


def dev_rows(limit: int) -> list[tuple[str, int]]:
    """The first `limit` rows of dev.tsv, read with a plain split (not the package's reader)."""
    lines = DEV_TSV.read_text(encoding="utf-8").splitlines()[1:limit + 1]
    return [(line.split("\t")[1], int(line.split("\t")[2])) for line in lines]


def test_artifact_is_committed_small_and_loads():
    files = {p.name: p.stat().st_size for p in MODEL_DIR.iterdir()}
    assert {"meta.json", "linear.npz", "cnn.npz"} <= set(files)
    assert sum(files.values()) <= 20 * 2**20
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    for key in ("name", "version", "training_data", "training_time_s", "validation", "dev_accuracy", "date"):
        assert key in meta
    model = load_ensemble()
    assert model.weights.shape == (meta["linear"]["n_features"],)
    assert model.cnn_model is not None and len(model.vocab) > 1000
    assert 0.0 <= meta["ensemble"]["linear_weight"] <= 1.0
    description = model_description()
    assert description.startswith(meta["name"]) and description.isascii()


def test_clear_customer_sentences_are_scored_the_right_way():
    scores = predict_positive(POSITIVE + NEGATIVE)
    assert len(scores) == len(POSITIVE) + len(NEGATIVE)
    for text, score in zip(POSITIVE, scores[: len(POSITIVE)]):
        assert score > 0.5, (text, score)
    for text, score in zip(NEGATIVE, scores[len(POSITIVE):]):
        assert score < 0.5, (text, score)


def test_blank_text_is_neutral_and_order_is_kept():
    scores = predict_positive(["", "   ", NEGATIVE[0], "\n", POSITIVE[0]])
    assert scores[0] == scores[1] == scores[3] == 0.5
    assert scores[2] < 0.5 < scores[4]
    assert predict_positive([]) == []
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_one_text_alone_scores_as_in_a_batch_and_threads_agree():
    batch = predict_positive(POSITIVE + NEGATIVE)
    alone = [predict_positive([t])[0] for t in POSITIVE + NEGATIVE]
    assert alone == pytest.approx(batch, abs=1e-5)
    results: dict[int, list[float]] = {}

    def work(k: int) -> None:
        results[k] = predict_positive(POSITIVE + NEGATIVE)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(4):
        assert results[k] == pytest.approx(batch, abs=1e-5)


@needs_dev
def test_accuracy_on_a_fixed_dev_slice():
    rows = dev_rows(2000)
    scores = predict_positive([text for text, _ in rows])
    correct = sum(1 for (_, label), s in zip(rows, scores) if (s > 0.5) == (label == 1))
    assert correct / len(rows) >= 0.86


def test_macro_f1_by_hand():
    # class 1: tp 1, fp 1, fn 0 -> F1 2/3; class 0: tp 2, fp 0, fn 1 -> F1 4/5
    assert macro_f1([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx((2 / 3 + 4 / 5) / 2)
    assert macro_f1([1, 0], [1, 0]) == 1.0


@needs_dev
def test_eval_reports_design_keys_and_independent_counts(tmp_path):
    rows = dev_rows(120)
    tsv = tmp_path / "slice.tsv"
    body = ["id\tdocument\tlabel"] + [f"{i}\t{text}\t{label}" for i, (text, label) in enumerate(rows)]
    body.append("999999\t라벨이 없는 행\t")  # skipped: no label
    tsv.write_text("\n".join(body) + "\n", encoding="utf-8")

    report = evaluate_tsv(tsv)
    assert {"n", "accuracy", "macro_f1", "model", "sentences_per_s"} <= set(report)
    assert report["n"] == len(rows) == 120
    predicted = [1 if s > 0.5 else 0 for s in predict_positive([t for t, _ in rows])]
    labels = [label for _, label in rows]
    from sklearn.metrics import f1_score

    assert report["accuracy"] == pytest.approx(sum(p == y for p, y in zip(predicted, labels)) / 120, abs=1e-4)
    assert report["macro_f1"] == pytest.approx(f1_score(labels, predicted, average="macro"), abs=1e-4)
    assert report["sentences_per_s"] > 0


def test_eval_rejects_missing_file_and_bad_header(tmp_path):
    with pytest.raises(ToolInputError, match="찾을 수 없습니다"):
        evaluate_tsv(tmp_path / "nope.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("text\tscore\n좋아요\t1\n", encoding="utf-8")
    with pytest.raises(ToolInputError, match="id, document, label"):
        evaluate_tsv(bad)


def test_cli_eval_sentiment_prints_json(tmp_path):
    from typer.testing import CliRunner

    from medrep.cli.main import app

    tsv = tmp_path / "two.tsv"
    tsv.write_text(f"id\tdocument\tlabel\n1\t{POSITIVE[1]}\t1\n2\t{NEGATIVE[1]}\t0\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "sentiment", "--tsv", str(tsv)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output[result.output.index("{"):])
    assert payload["n"] == 2 and payload["accuracy"] == 1.0 and payload["macro_f1"] == 1.0
