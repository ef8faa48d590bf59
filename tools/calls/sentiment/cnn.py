"""The character CNN of the ensemble: syllable embeddings, convolutions of widths 1–5, max
over time. Its weights live in an npz (float16) and are loaded into torch at first use; torch is
imported only here, inside functions."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WIDTHS = (1, 2, 3, 4, 5)
PAD, UNKNOWN = 0, 1


def encode(texts: Sequence[str], index: dict[str, int], length: int) -> np.ndarray:
    """Syllable ids, padded with 0 to the longest text (at most `length`)."""
    longest = max([min(len(t), length) for t in texts] + [1])
    ids = np.zeros((len(texts), longest), dtype=np.int64)
    for row, text in enumerate(texts):
        codes = [index.get(ch, UNKNOWN) for ch in text[:length]]
        ids[row, :len(codes)] = codes
    return ids


def build(vocab_size: int, dim: int, filters: int):
    import torch
    from torch import nn

    class CharCNN(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding(vocab_size, dim, padding_idx=PAD)
            self.convs = nn.ModuleList(nn.Conv1d(dim, filters, w, padding=w // 2) for w in WIDTHS)
            self.drop = nn.Dropout(0.5)
            self.out = nn.Linear(filters * len(WIDTHS), 1)

        def forward(self, ids):
            mask = (ids > PAD).unsqueeze(1)
            hidden = self.emb(ids).transpose(1, 2)
            pooled = []
            for conv in self.convs:
                z = torch.relu(conv(hidden))[:, :, : ids.shape[1]]
                pooled.append(z.masked_fill(~mask, -1e4).max(2).values)
            return self.out(self.drop(torch.cat(pooled, 1))).squeeze(1)

    return CharCNN()


def state_to_arrays(model) -> dict[str, np.ndarray]:
    return {k: v.detach().cpu().numpy().astype(np.float16) for k, v in model.state_dict().items()}


def load(arrays: dict[str, np.ndarray], vocab_size: int, dim: int, filters: int):
    import torch

    model = build(vocab_size, dim, filters)
    model.load_state_dict({k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in arrays.items()})
    model.eval()
    return model


def probabilities(model, ids: np.ndarray, batch: int = 512) -> np.ndarray:
    import torch

    out = []
    with torch.inference_mode():
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            chunk = chunk[:, : max(1, int((chunk > PAD).sum(1).max()))]
            out.append(torch.sigmoid(model(torch.from_numpy(chunk))).numpy())
    return np.concatenate(out) if out else np.zeros(0)
