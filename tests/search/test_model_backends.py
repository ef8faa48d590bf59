"""The real sentence-transformers and FlagEmbedding loading code, on tiny models built here
(no downloads)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from medrep.kernel.settings import Settings

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list("가나다라마바사아자차카타파하") + \
    ["고", "혈", "압", "당", "뇨", "약", "천", "식", "위", "장"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]


def _tokenizer(path):
    from transformers import BertTokenizerFast

    (path / "vocab.txt").write_text("\n".join(VOCAB), encoding="utf-8")
    tok = BertTokenizerFast(vocab_file=str(path / "vocab.txt"), do_lower_case=True, tokenize_chinese_chars=True)
    tok.save_pretrained(str(path))
    return tok


@pytest.fixture(scope="module")
def tiny_st_model(tmp_path_factory):
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel

    root = tmp_path_factory.mktemp("tiny-bert")
    torch.manual_seed(0)
    _tokenizer(root)
    bert = BertModel(BertConfig(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                intermediate_size=64, max_position_embeddings=128))
    bert.save_pretrained(str(root))
    transformer = models.Transformer(str(root), max_seq_length=64)
    pooling = models.Pooling(transformer.get_word_embedding_dimension(), pooling_mode="mean")
    out = root / "st"
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(out))
    return out


@pytest.fixture(scope="module")
def tiny_reranker(tmp_path_factory):
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    root = tmp_path_factory.mktemp("tiny-reranker")
    torch.manual_seed(0)
    _tokenizer(root)
    model = BertForSequenceClassification(BertConfig(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2,
                                                     num_attention_heads=2, intermediate_size=64, num_labels=1,
                                                     max_position_embeddings=128))
    model.save_pretrained(str(root))
    return root


def test_sentence_transformers_encoder(tiny_st_model):
    from tools.search.encoders import make_encoder

    enc = make_encoder(str(tiny_st_model))
    assert enc.name == f"sentence-transformers:{tiny_st_model}" and enc.dim == 32
    vecs = enc.encode(["고혈압 약", "당뇨 약"], [[], []])
    assert vecs.shape == (2, 32)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_flag_reranker_scores_and_eval_mode(tiny_reranker, tiny_st_model, tmp_path):
    from tools.search.reranker import load_reranker

    reranker = load_reranker(str(tiny_reranker))
    scores = reranker.score("고혈압", ["고혈압 약", "천식 약", "위장 약"])
    assert len(scores) == 3 and all(0.0 <= s <= 1.0 for s in scores)

    from test_retrieval_evaluate import write_beir

    from tools.search.evaluate import evaluate_beir

    write_beir(tmp_path)
    result = evaluate_beir(tmp_path, settings=Settings(_env_file=None, medrep_home=tmp_path,
                                                       medrep_embedding_model=str(tiny_st_model),
                                                       medrep_reranker_model=str(tiny_reranker)))
    assert result["default"] == "hybrid+rerank"
    assert set(result["modes"]) == {"bm25", "dense", "hybrid", "hybrid+rerank"}
    assert result["encoder"].startswith("sentence-transformers:")
    json.dumps(result)
