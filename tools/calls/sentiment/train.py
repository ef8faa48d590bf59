"""Train the sentiment model from an NSMC-layout TSV and write the artifact:

    python -m tools.calls.sentiment.train --tsv ../shared/bench/sentiment-ko/train.tsv \
        --out tools/calls/sentiment/model [--dev ../shared/bench/sentiment-ko/dev.tsv]

1 in 10 training rows (fixed by id hash, `corpus.py`) is held out; both models are fitted on
the rest, the mixing weight is chosen on the held-out rows, and the models fitted on the 90 %
are the ones saved (no refit, so the validation figure stays honest). `--dev` scores the frozen
model once on a separate file and records it in meta.json."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from tools.calls.sentiment import cnn, features
from tools.calls.sentiment.corpus import Corpus, read_tsv, split
from tools.calls.sentiment.model import CNN_FILE, LINEAR_FILE, META_FILE, load_ensemble

NAME = "nbsvm-char+morph+charcnn"
VERSION = 1
LINEAR = {"n_features": 2**22, "char_n": 5, "morph_n": 3, "alpha": 1.0, "C": 0.1}
CNN = {"dim": 96, "filters": 128, "length": 100, "min_count": 3, "epochs": 2, "batch": 128, "lr": 2e-3}


def fit_linear(train: Corpus, morphs: list[list[str]]) -> tuple[np.ndarray, float]:
    """NB-weighted logistic regression (Wang & Manning 2012): binary n-grams scaled by their
    log-count ratio, then L2 logistic regression; folded into one weight vector."""
    from sklearn.linear_model import LogisticRegression

    texts = [features.normalize(t) for t in train.texts]
    x = features.hashed(texts, morphs, LINEAR["n_features"], LINEAR["char_n"], LINEAR["morph_n"])
    y = np.asarray(train.labels)
    alpha = LINEAR["alpha"]
    pos = np.asarray(x[y == 1].sum(0)).ravel() + alpha
    neg = np.asarray(x[y == 0].sum(0)).ravel() + alpha
    ratio = np.log(pos / pos.sum()) - np.log(neg / neg.sum())
    lr = LogisticRegression(C=LINEAR["C"], solver="liblinear", max_iter=300)
    lr.fit(x.multiply(ratio).tocsr(), y)
    return (ratio * lr.coef_.ravel()).astype(np.float32), float(lr.intercept_[0])


def fit_cnn(train: Corpus, seed: int = 0):
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)  # on a shared 2-core machine one thread beats two contending ones
    generator = torch.Generator().manual_seed(seed)
    texts = [features.normalize(t) for t in train.texts]
    counts = Counter(ch for t in texts for ch in t)
    chars = [ch for ch, n in counts.most_common() if n >= CNN["min_count"]]
    index = {ch: i + 2 for i, ch in enumerate(chars)}
    ids = torch.from_numpy(cnn.encode(texts, index, CNN["length"]))
    y = torch.tensor(train.labels, dtype=torch.float32)
    model = cnn.build(len(chars) + 2, CNN["dim"], CNN["filters"])
    opt = torch.optim.Adam(model.parameters(), lr=CNN["lr"])
    per_epoch = len(ids) // CNN["batch"]  # an upper bound on the batches length_batches makes
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=CNN["lr"], total_steps=CNN["epochs"] * per_epoch + 1)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    lengths = (ids > cnn.PAD).sum(1)
    model.train()
    for epoch in range(CNN["epochs"]):
        started = time.time()
        for pick in length_batches(lengths, CNN["batch"], generator):
            batch = ids[pick]
            batch = batch[:, : max(1, int((batch > cnn.PAD).sum(1).max()))]
            loss = loss_fn(model(batch), y[pick])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"cnn epoch {epoch + 1}/{CNN['epochs']}: {time.time() - started:.0f}s", flush=True)
    model.eval()
    return model, chars


def length_batches(lengths, size: int, generator) -> list:
    """Shuffled batches of similar length (sorted within pools of 50 batches), so little of
    each batch is padding."""
    import torch

    order = torch.randperm(len(lengths), generator=generator)
    pool = size * 50
    batches = []
    for start in range(0, len(order), pool):
        chunk = order[start:start + pool]
        chunk = chunk[torch.argsort(lengths[chunk])]
        batches += [chunk[i:i + size] for i in range(0, len(chunk), size) if len(chunk[i:i + size]) == size]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


def best_mix(p_linear: np.ndarray, p_cnn: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    grid = [round(w, 2) for w in np.arange(0.0, 1.0001, 0.05)]
    scored = [(float(((w * p_linear + (1 - w) * p_cnn > 0.5) == labels).mean()), w) for w in grid]
    accuracy, weight = max(scored, key=lambda s: (s[0], s[1]))
    return weight, accuracy


def accuracy(probabilities, labels) -> float:
    return float(((np.asarray(probabilities) > 0.5) == np.asarray(labels)).mean())


def train(tsv: Path, out: Path, dev: Path | None = None) -> dict:
    started = time.time()
    corpus = read_tsv(tsv)
    fit_part, held = split(corpus)
    print(f"{len(fit_part)} training rows, {len(held)} validation rows", flush=True)
    morphs = features.morphemes([features.normalize(t) for t in fit_part.texts])
    weights, bias = fit_linear(fit_part, morphs)
    print(f"linear model: {time.time() - started:.0f}s", flush=True)
    model, chars = fit_cnn(fit_part)

    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / LINEAR_FILE, weights=weights.astype(np.float16), bias=np.float32(bias))
    arrays = {f"w:{k}": v for k, v in cnn.state_to_arrays(model).items()}
    np.savez_compressed(out / CNN_FILE, vocab=np.array(chars, dtype="<U1"), **arrays)
    meta = {"name": NAME, "version": VERSION, "linear": LINEAR, "cnn": CNN,
            "ensemble": {"linear_weight": 1.0}}
    (out / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")

    # Validation scores come from the saved (float16) artifact, as inference will see it.
    saved = load_ensemble(out)
    valid_texts = [features.normalize(t) for t in held.texts]
    labels = np.asarray(held.labels)
    p_linear = 1.0 / (1.0 + np.exp(-saved.linear_logits(valid_texts)))
    p_cnn = saved.cnn_probabilities(valid_texts)
    weight, mixed = best_mix(p_linear, p_cnn, labels)
    meta.update({
        "ensemble": {"linear_weight": weight},
        "training_data": f"{tsv.name} ({len(corpus)} rows; NSMC layout), fitted on {len(fit_part)}",
        "validation": {"rows": len(held), "rule": "crc32(id) % 10 == 0",
                       "accuracy_linear": accuracy(p_linear, labels), "accuracy_cnn": accuracy(p_cnn, labels),
                       "accuracy": mixed},
        "training_time_s": round(time.time() - started, 1),
        "date": dt.date.today().isoformat(),
        "dev_accuracy": None,
    })
    (out / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    if dev is not None:
        record_dev(out, dev)
    return json.loads((out / META_FILE).read_text(encoding="utf-8"))


def record_dev(out: Path, dev: Path) -> float:
    """Score the frozen artifact on a separate file, once, and write it into meta.json."""
    corpus = read_tsv(dev)
    probabilities = load_ensemble(out).predict(corpus.texts)
    score = accuracy(probabilities, corpus.labels)
    meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    meta["dev_accuracy"] = round(score, 4)
    meta["dev_data"] = f"{dev.name} ({len(corpus)} rows)"
    (out / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return score


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dev", type=Path, default=None, help="score the frozen model once on this file")
    args = parser.parse_args(argv)
    print(json.dumps(train(args.tsv, args.out, args.dev), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
