"""The grammar of period phrases: text → `Phrase`s (spans of the text and what they name).

Only syntax lives here; tools/common/periods.py resolves a phrase against the business date.
Each `@_pattern` recognises one kind of phrase. Matches are taken leftmost-longest ("지지난달"
beats "지난달", "작년 3월" beats "작년"), and two phrases joined by 부터/~/to become a range
("3월부터 5월까지", "2025-01~2025-06"). A bare number is never a period: a month needs 월
("상위 5개", "10mg", "top 3" name nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tools.common.plumbing import ToolInputError


@dataclass(frozen=True)
class Term:
    """What one phrase names. `kind`:
    cal – month/quarter/half number `value` (`unit`) of a year, given or to infer;
    year – a whole year;  rel – `value` units from the current one (지난달: -1 month);
    last / next – the `value` months before / after this one;  ytd – January until now;
    now – this month;  day / week – `value` days / weeks from today;  days – the last `value`
    days;  date – one day (`value` = month);  same_last_year – "작년 같은 기간"."""

    kind: str
    value: int = 0
    unit: str = "month"
    year: int | None = None  # absolute year
    year_offset: int | None = None  # relative year: 올해 0, 작년 -1
    day: int = 0

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.year_offset is not None


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str  # as written in the original text
    first: Term
    last: Term | None = None  # a range: first..last, inclusive

    @property
    def is_comparison(self) -> bool:
        return self.first.kind == "same_last_year"


Built = Term | tuple[Term, Term] | None  # a phrase, a range in one phrase ("3~5월"), or no match
_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match], Built]]] = []


def _pattern(regex: str):
    def register(builder: Callable[[re.Match], Built]):
        _PATTERNS.append((re.compile(regex, re.IGNORECASE), builder))
        return builder
    return register


# --- lexicon ------------------------------------------------------------------------------

def _words(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in sorted(words, key=len, reverse=True))


_YEAR_WORDS = {"올해": 0, "금년": 0, "금년도": 0, "this year": 0, "작년": -1, "작년도": -1, "지난해": -1,
               "지난 해": -1, "전년": -1, "전년도": -1, "last year": -1, "재작년": -2, "재작년도": -2,
               "지지난해": -2, "내년": 1, "내년도": 1, "다음 해": 1, "next year": 1}
_NATIVE = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7,
           "여덟": 8, "아홉": 9, "열": 10, "열한": 11, "열두": 12}
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "oct": 10, "nov": 11, "dec": 12}
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

_NOT_DURATION = r"(?!\s*(?:간|동안|이상|이하|이내|넘|차|째|전|후|된|만|치|짜리))"
_AGO = r"전(?!체|국|년|월|분기|략|반|후|망|사|자|산)"
_NOT_COUNTER = r"(?!\s*(?:개|원|명|건|곳|위|등|번|호|mg|ml|정|%|만|천|억|병|박스|개월|달|일|주))"


def _year_re(compound: bool) -> str:
    word = _words(_YEAR_WORDS) + (r"|(?<![가-힣])올(?!해|리|라|려)" if compound else "")
    bare_y4 = "" if compound else _NOT_COUNTER
    return (rf"(?:(?<![\d.])(?P<y4>(?:19|20)\d{{2}})(?!\d)(?:\s*년도?|{bare_y4})"
            rf"|'(?P<y2a>\d{{2}})(?!\d)(?:\s*년도?|(?!\s*(?:월|일|분기|개|주|[.:]\d)))"
            rf"|(?<![\d'.])(?P<y2>\d{{2}})\s*년도?{_NOT_DURATION}"
            rf"|(?<![a-z])(?P<yw>{word}))")


def _with_year(body: str) -> str:
    return rf"(?:{_year_re(True)}\s*(?:의\s*)?)?{body}"


_EYEAR = (r"(?:(?P<ey>(?:19|20)\d{2})(?!\d)|'(?P<ey2>\d{2})(?!\d)"
          r"|(?P<eyw>this\s+year|last\s+year|next\s+year))")
_COUNT = r"(?P<n>\d{1,3}|" + _words(_NATIVE) + ")"
_ACC = r"(?P<acc>\s*(?:누적|누계))?"
_SUFFIX = r"(?:\s*(?:누적|누계|간|동안))?"
_MONTH_NAME = (r"(?<![a-z])(?P<mn>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
               r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])")


def _year(m: re.Match) -> dict:
    """year= / year_offset= of whatever year the match named (Korean or English groups)."""
    groups = m.groupdict()
    if groups.get("y4") or groups.get("ey"):
        return {"year": int(groups.get("y4") or groups["ey"])}
    if groups.get("y2") or groups.get("y2a") or groups.get("ey2"):
        return {"year": 2000 + int(groups.get("y2") or groups.get("y2a") or groups["ey2"])}
    word = groups.get("yw") or groups.get("eyw")
    if word:
        key = re.sub(r"\s+", "", word)
        return {"year_offset": next((v for k, v in _YEAR_WORDS.items() if k.replace(" ", "") == key), 0)}
    return {}


def _count(m: re.Match) -> int:
    n = m["n"]
    return int(n) if n.isdigit() else _NATIVE[n]


def _cal(unit: str, value: str | int, **year) -> Term:
    value, top = int(value), {"month": 12, "quarter": 4, "half": 2}[unit]
    if not 1 <= value <= top:
        raise ToolInputError("월은 1~12월 중에서 말씀해 주세요." if unit == "month"
                             else "분기는 1~4분기 중에서 말씀해 주세요.")
    return Term("cal", value, unit, **year)


def _accumulated(m: re.Match, term: Term) -> Built:
    """"3분기 누적" in Korean reports runs from January to the end of Q3."""
    return (Term("ytd"), term) if m["acc"] else term


# --- patterns (earlier wins a tie) ------------------------------------------------------------

@_pattern(r"(?:작년|전년|지난\s*해|last\s+year)도?\s*(?:의\s*)?(?:같은|동일한?)\s*(?:기간|달|월|분기|반기|시기|때)"
          r"|(?:작년|전년|지난\s*해)\s*(?:동기간?|동월|동분기|이맘\s*때쯤?|이\s*맘때|이\s*시기)"
          r"|(?<![a-z])same\s+(?:period|month|quarter|time)\s+(?:of\s+)?(?:last|the\s+previous|previous|a)\s+year")
def _same_last_year(m):
    return Term("same_last_year")


@_pattern(_with_year(r"(?<![\d.])(?P<a>\d{1,2})\s*(?:~|-)\s*(?P<b>\d{1,2})\s*월"))
def _month_span(m):
    return _cal("month", m["a"], **_year(m)), _cal("month", m["b"])


@_pattern(_with_year(r"(?<![\d.])(?P<a>\d)\s*(?:~|-)\s*(?P<b>\d)\s*분기"))
def _quarter_span(m):
    return _cal("quarter", m["a"], **_year(m)), _cal("quarter", m["b"])


@_pattern(_with_year(r"(?<![\d.])(?P<q>\d)\s*(?:/\s*4\s*)?분기") + _ACC)
def _quarter(m):
    return _accumulated(m, _cal("quarter", m["q"], **_year(m)))


@_pattern(r"(?<![a-z0-9])q(?P<q>[1-4])(?![0-9])(?:\s*(?:of\s+|,\s*)?" + _EYEAR + ")?")
@_pattern(r"(?<![\d.])(?P<ey>(?:19|20)\d{2})\s*-?\s*q(?P<q>[1-4])(?![0-9])")
def _quarter_en(m):
    return _cal("quarter", m["q"], **_year(m))


@_pattern(r"(?<![a-z])(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
          r"(?:\s+(?:of\s+)?" + _EYEAR + ")?")
def _quarter_ordinal(m):
    return _cal("quarter", _ORDINAL[m["o"]], **_year(m))


@_pattern(_with_year(r"(?P<h>상반기|하반기|전반기|후반기)") + _SUFFIX)
def _half(m):
    return _cal("half", 1 if m["h"] in ("상반기", "전반기") else 2, **_year(m))


@_pattern(r"(?<![a-z0-9])h(?P<h>[12])(?![0-9])(?:\s*(?:of\s+|,\s*)?" + _EYEAR + ")?")
@_pattern(r"(?<![\d.])(?P<ey>(?:19|20)\d{2})\s*-?\s*h(?P<h>[12])(?![0-9])")
def _half_en(m):
    return _cal("half", m["h"], **_year(m))


@_pattern(r"(?<![a-z])(?P<o>first|second|1st|2nd)\s+half(?:\s+(?:of\s+)?(?:the\s+year\s*)?" + _EYEAR + ")?")
def _half_ordinal(m):
    return _cal("half", _ORDINAL[m["o"]], **_year(m))


@_pattern(_with_year(r"(?<![\d.])(?P<m>\d{1,2})\s*월(?!요일)") + _ACC)
def _month(m):
    return _accumulated(m, _cal("month", m["m"], **_year(m)))


@_pattern(_MONTH_NAME + r"(?:\s*,?\s*" + _EYEAR + ")?")
@_pattern(r"(?<![\d.])(?P<ey>(?:19|20)\d{2})\s+" + _MONTH_NAME)
def _month_en(m):
    year = _year(m)
    if m["mn"] == "may" and not year and not _may_is_a_month(m):
        return None  # "may I see ..." is not May
    return _cal("month", _MONTHS[m["mn"][:3]], **year)


def _may_is_a_month(m: re.Match) -> bool:
    before = m.string[: m.start()]
    return not m.string.strip(" ?.!") or m.string.strip(" ?.!") == "may" or bool(
        re.search(r"(?:in|from|to|since|until|till|through|during|of|for|and|~|-)\s*$", before))


@_pattern(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*[-./]\s*(?P<m>\d{1,2})(?!\d)(?:\s*월)?")
def _iso_month(m):
    return _cal("month", m["m"], year=int(m["y"]))


@_pattern(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})(?!\d)")
@_pattern(_with_year(r"(?<![\d.])(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"))
def _date(m):
    year = {"year": int(m["y"])} if m.groupdict().get("y") else _year(m)
    month, day = int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ToolInputError("날짜를 확인해 주세요. 예: 2025-03-15, 3월 15일")
    return Term("date", month, "day", day=day, **year)


@_pattern(_year_re(False) + r"(?:\s*(?:의\s*)?(?:누적|누계|전체|연간|한\s*해|통틀어))?")
def _whole_year(m):
    return Term("year", unit="year", **_year(m))


_RELATIVE = {
    ("month", 0): r"이번\s*달|현재\s*(?:월|달)|이달|당월|금월|(?<![a-z])(?:this|current)\s+month"
                  r"|(?<![a-z])mtd(?![a-z])|month[\s-]+to[\s-]+date",
    ("month", -1): r"지난\s*달|저번\s*달|전\s*월|직전\s*월"
                   r"|(?<![a-z])(?:last|previous|prior)\s+month(?![a-z])|(?<![a-z])a\s+month\s+ago",
    ("month", -2): r"지지난\s*달|저저번\s*달|전전\s*월|전전\s*달",
    ("month", 1): r"다음\s*달|내달|익월|(?<![a-z])next\s+month(?![a-z])",
    ("quarter", 0): r"이번\s*분기|현재\s*분기|당\s*분기|금\s*분기|현\s*분기"
                    r"|(?<![a-z])(?:this|current)\s+quarter|(?<![a-z])qtd(?![a-z])|quarter[\s-]+to[\s-]+date",
    ("quarter", -1): r"지난\s*분기|저번\s*분기|전\s*분기|직전\s*분기"
                     r"|(?<![a-z])(?:last|previous|prior)\s+quarter",
    ("quarter", -2): r"지지난\s*분기|저저번\s*분기|전전\s*분기",
    ("quarter", 1): r"다음\s*분기|(?<![a-z])next\s+quarter",
    ("half", 0): r"이번\s*반기|당\s*반기",
    ("half", -1): r"지난\s*반기|저번\s*반기|직전\s*반기",
    ("half", 1): r"다음\s*반기",
}
for (_unit, _offset), _regex in _RELATIVE.items():
    _pattern(f"(?:{_regex}){_SUFFIX}")(lambda m, u=_unit, o=_offset: Term("rel", o, u))


@_pattern(r"(?<![\d.])" + _COUNT + r"\s*(?P<u>개월|달|분기)\s*" + _AGO
          + r"|(?<![a-z])(?P<en>\d{1,2})\s+months?\s+ago")
def _units_ago(m):
    if m["en"]:
        return Term("rel", -int(m["en"]))
    return Term("rel", -_count(m), "quarter" if m["u"] == "분기" else "month")


@_pattern(r"(?:최근|지난|직전|(?<![a-z])(?:last|past|previous|trailing))\s*" + _COUNT
          + r"\s*(?P<u>개월|달|months?(?![a-z])|년|years?(?![a-z]))" + _SUFFIX)
def _last_months(m):
    return Term("last", _count(m) * (12 if m["u"][0] in "년y" else 1))


@_pattern(r"(?:최근|지난)\s*반\s*년|(?<![a-z])past\s+(?P<y>year)(?![a-z])")
def _last_half_year(m):
    return Term("last", 12 if m["y"] else 6)


@_pattern(r"(?:다음|향후|앞으로|(?<![a-z])(?:next|coming))\s*" + _COUNT + r"\s*(?:개월|달|months?)")
def _next_months(m):
    return Term("next", _count(m))


@_pattern(r"연초|누적|누계|(?<![a-z])ytd(?![a-z])|year[\s-]*to[\s-]*date")
def _year_to_date(m):
    return Term("ytd")


@_pattern(r"지금|현재|(?<![a-z])(?:now|present)(?![a-z])")
def _now(m):
    return Term("now")


_DAYS = {0: r"오늘|금일|(?<![a-z])today(?![a-z])", -1: r"어제|어저께|(?<![a-z])yesterday(?![a-z])",
         -2: r"그제|그저께|엊그제|엊그저께", -3: r"그끄저께|그끄제"}
_WEEKS = {0: r"이번\s*주|(?<![a-z])(?:this|current)\s+week",
          -1: r"지난\s*주|저번\s*주|(?<![a-z])(?:last|previous|past)\s+week",
          -2: r"지지난\s*주|저저번\s*주"}
for _offset, _regex in _DAYS.items():
    _pattern(_regex)(lambda m, o=_offset: Term("day", o, "day"))
for _offset, _regex in _WEEKS.items():  # not 이번 주문 / 지난 주소
    _pattern(rf"(?:{_regex})(?!문|소|식|요|제|력|사|치|차)")(lambda m, o=_offset: Term("week", o, "week"))


@_pattern(r"(?<![\d.])(?P<n>\d{1,3})\s*일\s*" + _AGO + r"|(?<![a-z\d])(?P<en>\d{1,3})\s+days?\s+ago")
def _days_ago(m):
    return Term("day", -int(m["n"] or m["en"]), "day")


@_pattern(r"(?<![\d.])" + _COUNT + r"\s*주\s*(?:일\s*)?" + _AGO
          + r"|(?<![a-z\d])(?P<en>\d{1,2})\s+weeks?\s+ago")
def _weeks_ago(m):
    return Term("week", -(int(m["en"]) if m["en"] else _count(m)), "week")


@_pattern(r"(?:최근|지난|(?<![a-z])(?:last|past))\s*(?P<n>\d{1,3})\s*(?P<u>일|주|days?(?![a-z])|weeks?(?![a-z]))(?:\s*(?:간|동안))?")
def _last_days(m):
    return Term("days", int(m["n"]) * (7 if m["u"][0] in "주w" else 1), "day")


# --- scanning and grouping ----------------------------------------------------------------------

_FOLD = str.maketrans({"～": "~", "〜": "~", "∼": "~", "–": "-", "—": "-", "−": "-", "’": "'",
                       "‘": "'", "`": "'", "´": "'", **{chr(0xFF10 + i): str(i) for i in range(10)}})
_JOIN = re.compile(r"\s*(?:(?:부터|에서)\s*(?:~|-)?|~|-"
                   r"|(?<![a-z])(?:to|through|thru|until|till)(?![a-z]))\s*")
_UNTIL_THEN = re.compile(r"\s*까지\s*")
_SINCE_AFTER = re.compile(r"\s*(?:부터|이후|이래)")
_SINCE_BEFORE = re.compile(r"(?<![a-z])(?:since|from|starting)\s*$")
_UNTIL = re.compile(r"\s*까지")
_YTD = Term("ytd")


def _normalize(text: str) -> str:
    """Lower case and fold look-alike characters, keeping every offset."""
    folded = text.translate(_FOLD)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    built: Term | tuple[Term, Term] | ToolInputError

    @property
    def simple(self) -> bool:
        """One period of its own (not a range, a comparison or a malformed phrase)."""
        return isinstance(self.built, Term) and self.built.kind != "same_last_year"


def _atoms(norm: str, strict: bool) -> list[_Atom]:
    found = []
    for order, (regex, build) in enumerate(_PATTERNS):
        for m in regex.finditer(norm):
            try:
                built = build(m)
            except ToolInputError as exc:
                built = exc  # claims its span all the same: "13월" is not "3월"
            if built is not None and m.end() > m.start():
                found.append((m.start(), m.start() - m.end(), order, _Atom(m.start(), m.end(), built)))
    chosen, taken_until = [], 0
    for start, _, _, atom in sorted(found, key=lambda f: f[:3]):  # leftmost, then longest
        if start >= taken_until:
            chosen.append(atom)
            taken_until = atom.end
    bad = [a.built for a in chosen if isinstance(a.built, ToolInputError)]
    if strict and bad:
        raise bad[0]
    return [a for a in chosen if not isinstance(a.built, ToolInputError)]


def _combine(norm: str, a: _Atom, b: _Atom | None) -> tuple[int, int, Term, Term | None, bool]:
    """(start, end, first, last, used b) for the phrase that begins with atom a."""
    if isinstance(a.built, tuple):
        return a.start, a.end, *a.built, False  # 3~5월
    if not a.simple:
        return a.start, a.end, a.built, None, False
    if b and b.simple and _JOIN.fullmatch(norm, a.end, b.start):
        return a.start, b.end, a.built, b.built, True  # 3월부터 5월까지
    if b and b.built == _YTD and _UNTIL_THEN.fullmatch(norm, a.end, b.start):
        return a.start, b.end, _YTD, a.built, True  # 5월까지 누적
    after, before = _SINCE_AFTER.match(norm, a.end), _SINCE_BEFORE.search(norm, 0, a.start)
    if after:
        return a.start, after.end(), a.built, Term("now"), False  # 3월부터
    if before:
        return before.start(), a.end, a.built, Term("now"), False  # since March
    return a.start, a.end, a.built, None, False


def find_phrases(text: str, strict: bool = True) -> list[Phrase]:
    """The period phrases in `text`, left to right. strict: a malformed one ("13월") raises
    ToolInputError instead of being skipped."""
    norm = _normalize(text)
    atoms = _atoms(norm, strict)
    phrases, i = [], 0
    while i < len(atoms):
        following = atoms[i + 1] if i + 1 < len(atoms) else None
        start, end, first, last, used_next = _combine(norm, atoms[i], following)
        until = _UNTIL.match(norm, end)
        end = until.end() if until else end
        phrases.append(Phrase(start, end, text[start:end], first, last))
        i += 2 if used_next else 1
    return phrases
