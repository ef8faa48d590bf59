"""Korean text analysis for retrieval: Kiwi morphemes (loaded lazily, once per process).

BM25 and the corpus-fitted encoder both read `morphemes(text)`: content morphemes (nouns,
verb/adjective stems, foreign words, numbers, roots) in lower case. Kiwi takes about a
second to load, so it is created on first use and cached for the life of the process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tools.common.korean import add_user_words, kiwi

# Kiwi tags kept for retrieval: nouns (NNG, NNP, NNB is dropped: 것/수/시), pronoun-free,
# verb and adjective stems, foreign words (SL), Hanja (SH), numbers (SN), roots (XR),
# and noun-making suffixes glued to their noun (성장+률 → 성장률 is handled by keeping both).
CONTENT_TAGS = frozenset({"NNG", "NNP", "VV", "VA", "SL", "SH", "SN", "XR", "XSN", "MAG", "W_HASHTAG"})
_STEM_TAGS = frozenset({"VV", "VA"})

def register_terms(words: Iterable[str]) -> int:
    """Teach the shared Kiwi domain words (product brands such as 로수빛, 로수빛정) so they
    stay one morpheme in documents and queries alike. Call before indexing and querying."""
    new = add_user_words(words)
    if new:
        _query_morphemes.cache_clear()
    return len(new)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_NOUN_TAGS = frozenset({"NNG", "NNP"})


def _tokens(analysed, compounds: bool = False) -> list[str]:
    out: list[str] = []
    extra: list[str] = []
    prev_noun_end, run = -1, ""
    for tok in analysed:
        tag = tok.tag.split("-")[0]
        if tag in _NOUN_TAGS:
            # in queries, nouns glued together in one word ("두루미"+"시럽") also count as their
            # compound, so a query analysed into parts still meets a document analysed as one noun
            if compounds and tok.start == prev_noun_end and run:
                run += tok.form.lower()
                extra.append(run)  # appended after the morphemes so bigrams stay intact
            else:
                run = tok.form.lower()
            prev_noun_end = tok.start + tok.len
        else:
            prev_noun_end, run = -1, ""
        if tag not in CONTENT_TAGS:
            continue
        form = tok.form.lower()
        if tag in _STEM_TAGS:
            form = form + "다"
        if tag == "XSN" and out:
            # 성장+률 → keep "성장" and add the compound "성장률"
            out.append(out[-1] + form)
            continue
        out.append(form)
    return out + extra


@lru_cache(maxsize=4096)
def _query_morphemes(text: str) -> tuple[str, ...]:
    return tuple(_tokens(kiwi().tokenize(_clean(text)), compounds=True))


def morphemes(text: str) -> list[str]:
    """Content morphemes of one query (cached), glued noun compounds included."""
    if len(text) < 300:
        return list(_query_morphemes(text))
    return _tokens(kiwi().tokenize(_clean(text)), compounds=True)


def plain_morphemes(text: str) -> list[str]:
    """Content morphemes as a document is analysed (no glued-noun compounds)."""
    return _tokens(kiwi().tokenize(_clean(text)))


def morphemes_many(texts: Iterable[str]) -> list[list[str]]:
    """Content morphemes of many texts (Kiwi's batch mode)."""
    cleaned = [_clean(t) for t in texts]
    return [_tokens(analysed) for analysed in kiwi().tokenize(cleaned)]


def with_bigrams(tokens: list[str]) -> list[str]:
    """Morphemes plus adjacent-morpheme bigrams ("고지 의무" → "고지_의무"): phrase evidence
    that lifts BM25 precision on Korean compounds and set phrases."""
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:])]


def analyzer_text(tokens: list[str]) -> str:
    """Morphemes and their bigrams joined by spaces, the input of the TF-IDF word analyser."""
    return " ".join(with_bigrams(tokens))
