"""Query cleanup for search: request words and filler out, a scope word ("위키에서") read as a
filter, and a pharma synonym table (Korean ↔ Korean, English → Korean) so a question in the
rep's words meets the documents' words.

`prepare_query(text)` → `Query(text, expanded, groups, kinds)`: `text` is what the user asked
without filler; `expanded` adds the synonyms (what BM25 and the dense encoder read); `groups`
are the query's terms for the relevance floor, each a set of alternatives (a synonym matches
as well as the word itself); `kinds` narrows the index kinds (wiki only, documents only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tools.search.index import KIND_CHUNK, KIND_WIKI

# (phrases that mean the same, first = the documents' word). Matched case-insensitively
# on the cleaned query; English phrases are matched on word boundaries.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("이상사례 보고", "부작용 보고", "이상반응 보고", "adverse event report", "adverse event reporting", "약물감시"),
    ("이상반응", "부작용", "이상사례", "adverse event", "adverse reaction", "side effect", "side effects"),
    ("표준작업지침", "sop", "업무 절차", "업무절차"),
    ("용법용량", "용법·용량", "용법 용량", "복용법", "투여량", "dosage", "dose"),
    ("견본품", "샘플", "sample", "samples"),
    ("식음료", "식사", "음식", "meal", "meals", "food", "식대"),
    ("제품설명회", "설명회", "product briefing", "product presentation", "briefing"),
    ("한도", "상한", "한계", "limit", "cap", "최대"),
    ("의원", "clinic", "개원가"),
    ("요양기관", "의료기관", "healthcare institution"),
    ("지출보고서", "지출 보고서", "지출보고", "expense report", "expenditure report"),
    ("방문 보고", "콜 리포트", "콜리포트", "call report", "visit report", "방문보고"),
    ("리베이트", "rebate", "kickback", "뒷돈"),
    ("금기", "contraindication", "contraindications"),
    ("상호작용", "drug interaction", "interaction", "병용"),
    ("판촉물", "promotional item", "promotional items", "기념품", "giveaway"),
    ("학회", "conference", "심포지엄"),
    ("법인카드", "corporate card", "회사 카드", "법카"),
    ("개인정보", "personal data", "privacy", "개인 정보"),
    ("허가외", "오프라벨", "off-label", "off label", "적응증 외"),
    ("약가 인하", "약가인하", "price cut", "가격 인하"),
    ("도매상", "wholesaler", "도매"),
    ("거래처 등급", "account grade", "등급 기준"),
    ("달성률", "achievement rate", "달성율"),
    ("신규 처방처", "신규 거래처", "new account", "new accounts"),
    ("임산부", "임부", "pregnancy", "pregnant"),
    ("보관", "storage", "보관 방법", "저장"),
    ("녹음", "recording", "통화 녹음"),
    ("기준", "규정", "규칙", "rule", "rules", "policy", "guideline"),
    # abbreviations reps say for what the documents spell out
    ("시판 후 조사", "pms", "시판후조사", "post-marketing surveillance", "post marketing surveillance"),
    ("약사위원회", "dc", "drug committee", "약심"),
    ("공정경쟁규약", "공정경쟁 규약", "fair competition code"),
)

SCOPES = (
    (re.compile(r"(?:팀\s*)?위키\s*(?:에서|에|의)?\s*(?:있는|찾아|검색)?|\bin the wiki\b|\bwiki\b", re.I), (KIND_WIKI,)),
    (re.compile(r"(?:사내\s*)?문서\s*(?:에서|중에)\s*", re.I), (KIND_CHUNK,)),
)
FILLER = re.compile(
    r"(?:좀|혹시|그|저기|자세히|간단히|정리해\s*줘|정리해\s*주세요|알려\s*줄래|알려\s*줘요?|알려\s*주세요|알려\s*주실래요|"
    r"찾아\s*줘요?|찾아\s*주세요|찾아\s*봐\s*줘|검색해\s*줘|검색해\s*주세요|보여\s*줘요?|보여\s*주세요|설명해\s*줘|"
    r"궁금해요?|궁금합니다|뭐야|뭐예요|뭔가요|무엇인가요|어떻게\s*돼\??|어떻게\s*되나요|어떻게\s*해요|어떻게\s*하나요|"
    r"있어\??|있나요|있어요|얼마야|얼마예요|얼마인가요|에\s*대해(?:서)?|관련(?:된)?\s*(?:자료|문서|내용)?|내용)"
    r"(?=\s|$|[?!.,])")
LATIN_PARTICLE = re.compile(r"(?<=[A-Za-z0-9])(?:이란|란|이|가|은|는|을|를|의|도|에서|에|로|으로)(?=\s|$|[?!.,])")
# question words that carry no topic: never part of the relevance floor
KO_STOP = frozenset({"얼마", "몇", "개", "번", "주다", "줄", "하다", "되다", "있다", "없다", "어떻다", "무엇", "뭐", "왜",
                     "언제", "어디", "누구", "알다", "늘다", "보다", "싶다", "가능", "경우"})
EN_STOP = frozenset("what is are the a an for at of in on to do does how much many can i we you me my our "
                    "tell show find please about any there which when where who should".split())


@dataclass
class Term:
    """One word or phrase of the question for the relevance floor: `typed` (its morphemes, as
    said) and `alts` (the same in other words; each alternative is space-joined morphemes)."""

    typed: str
    alts: set[str]
    name: bool = False  # a product the question names: a passage must hold one of these


@dataclass
class Query:
    text: str  # the question without filler and scope words
    expanded: str  # text + synonyms (what the retrievers read)
    groups: list[Term] = field(default_factory=list)  # relevance-floor terms
    kinds: tuple[int, ...] | None = None
    extra_tokens: list[str] = field(default_factory=list)  # database names, analysed as documents are


SYNONYM_CREDIT = 0.6  # a term held only through a synonym counts this much of its weight


def _en_clean(text: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z\-']*|[^A-Za-z\s]+", text)
    return " ".join(w for w in words if w.lower() not in EN_STOP)


def _phrase_re(phrase: str) -> re.Pattern:
    """The phrase with any spacing; a Korean one takes the particle glued to it ("샘플을"), and so
    does an English one ("PMS가": Hangul after it is a particle, not more of the word)."""
    body = re.escape(phrase).replace(r"\ ", r"\s*")
    if phrase.isascii():
        return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.I)
    return re.compile(body + r"[가-힣]{0,3}(?=\s|$|[?!.,])|" + body, re.I)


_GROUPS = [(group, [_phrase_re(p) for p in group]) for group in SYNONYMS]


def prepare_query(raw: str) -> Query:
    from tools.search.text import plain_morphemes

    text = raw or ""
    kinds = None
    for pattern, scope in SCOPES:
        if pattern.search(text):
            stripped = pattern.sub(" ", text)
            if stripped.strip():
                text, kinds = stripped, scope
            break
    text = FILLER.sub(" ", text)
    text = LATIN_PARTICLE.sub("", text)  # "PMS가", "DC란": the particle is no term of its own
    text = re.sub(r"[?!]+", " ", text)
    if re.search(r"[A-Za-z]{3,}", text):
        text = _en_clean(text)
    text = re.sub(r"\s+", " ", text).strip() or (raw or "").strip()
    added: list[str] = []
    terms: list[Term] = []
    remaining = text
    english = not re.search(r"[가-힣]", text)
    for group, patterns in _GROUPS:
        said = next((g for g, p in zip(group, patterns) if p.search(remaining)), None)
        if said is None:
            continue
        for p in patterns:
            remaining = p.sub(" ", remaining)
        korean = [g for g in group if re.search(r"[가-힣]", g)]
        canonical = korean[0] if korean else group[0]
        if english or plain_morphemes(canonical) != plain_morphemes(said):
            added.append(canonical)  # the documents' word
        typed = " ".join(t for t in plain_morphemes(said) if t.lower() not in EN_STOP and t not in KO_STOP)
        terms.append(Term(typed, {" ".join(plain_morphemes(g)) for g in group} - {""}))
    # the other words count one by one; a word of several morphemes also counts as their
    # compound, since Kiwi may keep "두루미시럽" whole in a document and split it in a query
    for word in remaining.split():
        parts = [t for t in plain_morphemes(word) if t.lower() not in EN_STOP and t not in KO_STOP]
        if parts:
            terms.append(Term(" ".join(parts), {" ".join(parts), "".join(parts)}))
    expanded = " ".join([text] + [a for a in dict.fromkeys(added) if a.lower() not in text.lower()])
    return Query(text, expanded, terms, kinds)


def coverage(engine, query: Query, position: int) -> float:
    """Share of the query's IDF mass a passage holds. A term weighs the IDF of its words as
    typed (unknown words weigh the most); it is held in full when the passage has the typed
    words (or their compound), and at SYNONYM_CREDIT when it has only a synonym."""
    if not query.groups:
        return 0.0
    idf = engine.term_idf({t for term in query.groups for alt in term.alts | {term.typed} for t in alt.split()})
    unknown = max(idf.values()) if idf else 1.0
    doc = engine.doc_terms(position)
    total = held = 0.0

    def has(alt: str) -> bool:
        return bool(alt) and all(t in doc for t in alt.split())

    names = [t for t in query.groups if t.name]
    if names and not any(has(t.typed) or any(has(a) for a in t.alts) for t in names):
        return 0.0  # "로수빛 부작용": another product's side effects are not an answer
    for term in query.groups:
        words = term.typed.split()
        weight = sum(idf[t] if engine.df(t) > 0 else unknown for t in words) / max(len(words), 1) if words else unknown
        total += weight
        compound = "".join(words)
        if has(term.typed) or (compound and compound in doc):
            held += weight
        elif any(has(alt) for alt in term.alts):
            held += SYNONYM_CREDIT * weight
    return held / total if total > 0 else 0.0


def add_name(query: Query, said: str, name: str, engine=None) -> None:
    """A database name the query refers to by a shorter form ("플루살빛" → "플루살빛흡입제 250"):
    the retrievers also read the index's own tokens of that name (Kiwi may keep the name whole
    in documents and split it in a query), and the floor accepts them for the short form."""
    from tools.search.text import plain_morphemes

    compact = name.replace(" ", "").lower()
    stem = said.replace(" ", "").lower()
    tokens = [t for t in (engine.terms_with_prefix(stem) if engine is not None else [])
              if compact.startswith(t) and t != stem]
    query.extra_tokens += [t for t in tokens if t not in query.extra_tokens]
    said_terms = set(plain_morphemes(said))
    for term in query.groups:
        if said_terms & set(term.typed.split()) or stem in term.typed.replace(" ", ""):
            # the brand stem alone also names it: documents analyse "다파빛정" as 다파빛 (+ a
            # dropped 정), while the query keeps "다파빛 정", which no document then holds
            term.alts.update(tokens + [" ".join(said_terms)] if said_terms else tokens)
            term.name = True
