"""The offline router's wiki hints: a section change named inline is an edit of that section."""

from __future__ import annotations

from tools.common.slots import Slots
from tools.wiki.routing import is_section_edit, wiki_args


def test_a_quoted_page_and_a_section_to_change_is_claimed_as_an_edit():
    text = '"4분기 팀 목표" 페이지 목표 절을 신규 처방처 25곳으로 바꿔줘'
    assert is_section_edit(text)
    assert wiki_args("wiki_edit", Slots(text=text, quoted=["4분기 팀 목표"])) == {
        "page": "4분기 팀 목표", "mode": "replace_section", "section": "목표", "body": "신규 처방처 25곳"}
    assert not is_section_edit('"4분기 팀 목표" 페이지 보여줘')
    assert not is_section_edit("지난 분기 신규 처방처 목록")  # no quoted page


def test_the_wiki_is_where_a_search_looks_not_what_it_looks_for():
    def query(text: str):
        return wiki_args("wiki_search", Slots(text=text)).get("query")

    assert query("위키에서 지출보고서 찾아줘") == "지출보고서"
    assert query("팀 위키에 학회 일정 있어?") == "학회 일정"
    assert query("search the wiki for 온보딩") == "온보딩"
    assert query("위키 검색") is None  # nothing to look for: the router asks what
    assert wiki_args("wiki_search", Slots(text="'위키 작성 요령' 찾아줘", quoted=["위키 작성 요령"])) == {
        "query": "위키 작성 요령"}


def test_this_page_is_the_one_already_open():
    from tools.wiki.routing import page_of

    assert page_of(Slots(text="이 페이지 히스토리")) is None  # the follow-up keeps the page of the turn before
    assert page_of(Slots(text="그 페이지 이전 판이랑 비교")) is None
    assert page_of(Slots(text="온보딩 페이지 히스토리")) == "온보딩"
