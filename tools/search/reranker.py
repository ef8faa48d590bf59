"""Cross-encoder reranker via FlagEmbedding's `FlagReranker` (`MEDREP_RERANKER_MODEL`).

Off by default: without a configured model the fusion order is kept. FlagEmbedding 1.4's
package `__init__` imports decoder-only rerankers that need attention helpers newer
transformers releases removed; when that import fails we load the encoder-only
`FlagReranker` module on its own (same class, same code) instead.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from functools import lru_cache


def _flag_reranker_class():
    try:
        from FlagEmbedding import FlagReranker

        return FlagReranker
    except ImportError:
        pass
    for name in ("FlagEmbedding", "FlagEmbedding.inference", "FlagEmbedding.inference.reranker"):
        mod = sys.modules.get(name)
        if mod is not None and getattr(mod, "__medrep_light__", False):
            continue
        spec = importlib.util.find_spec(name.split(".")[0]) if name == "FlagEmbedding" else None
        parent = sys.modules.get(name.rsplit(".", 1)[0]) if "." in name else None
        if name == "FlagEmbedding":
            if spec is None or not spec.submodule_search_locations:
                raise ImportError("FlagEmbedding is not installed")
            locations = list(spec.submodule_search_locations)
        else:
            locations = [os.path.join(parent.__path__[0], name.rsplit(".", 1)[1])]
        light = types.ModuleType(name)
        light.__path__ = locations
        light.__medrep_light__ = True
        sys.modules[name] = light
    module = importlib.import_module("FlagEmbedding.inference.reranker.encoder_only.base")
    return module.BaseReranker


class Reranker:
    def __init__(self, model_name: str):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        cls = _flag_reranker_class()
        self.name = f"FlagReranker:{model_name}"
        self.model = cls(model_name, use_fp16=False, devices=["cpu"], batch_size=32, max_length=512,
                         normalize=True)

    def score(self, query: str, passages: list[str]) -> list[float]:
        if not passages:
            return []
        scores = self.model.compute_score([(query, p) for p in passages])
        if isinstance(scores, (int, float)):
            scores = [scores]
        return [float(s) for s in scores]


@lru_cache(maxsize=4)
def load_reranker(model_name: str | None) -> Reranker | None:
    """The configured reranker (cached per process), or None when not configured."""
    if not model_name:
        return None
    return Reranker(model_name)
