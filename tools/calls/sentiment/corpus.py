"""NSMC-layout TSV files (`id<TAB>document<TAB>label`, header row; 1 positive, 0 negative) and
the fixed validation split carved from the training file."""

from __future__ import annotations

import csv
import zlib
from dataclasses import dataclass
from pathlib import Path

VALIDATION_BUCKETS = 10  # 1 in 10 ids (by CRC-32) is validation, the same on every run


@dataclass
class Corpus:
    ids: list[str]
    texts: list[str]
    labels: list[int]

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, keep: list[bool]) -> Corpus:
        pick = [i for i, k in enumerate(keep) if k]
        return Corpus([self.ids[i] for i in pick], [self.texts[i] for i in pick], [self.labels[i] for i in pick])


def read_tsv(path: Path, limit: int | None = None) -> Corpus:
    ids, texts, labels = [], [], []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:3]] != ["id", "document", "label"]:
            raise ValueError(f"{path}: header must be id, document, label")
        for row in reader:
            if len(row) < 3 or row[2].strip() not in ("0", "1"):
                continue  # a row without a label cannot be scored
            ids.append(row[0])
            texts.append(row[1])
            labels.append(int(row[2]))
            if limit is not None and len(ids) >= limit:
                break
    return Corpus(ids, texts, labels)


def is_validation(row_id: str) -> bool:
    return zlib.crc32(row_id.encode("utf-8")) % VALIDATION_BUCKETS == 0


def split(corpus: Corpus) -> tuple[Corpus, Corpus]:
    held = [is_validation(i) for i in corpus.ids]
    return corpus.subset([not h for h in held]), corpus.subset(held)
