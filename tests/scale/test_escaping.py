"""Escaping of quoted text for Slack mrkdwn and Teams markdown (bot/escaping.py)."""

from __future__ import annotations

import pytest

from bot.escaping import defuse_markdown_links, escape_slack_mrkdwn, escape_teams_markdown


@pytest.mark.parametrize("quoted, shown", [
    ("<!channel> 긴급 공지", "&lt;!channel&gt; 긴급 공지"),
    ("<!here|here> <!everyone>", "&lt;!here|here&gt; &lt;!everyone&gt;"),
    ("담당자 <@U0ADMIN01> 확인", "담당자 &lt;@U0ADMIN01&gt; 확인"),
    ("<!subteam^S123|@sales>", "&lt;!subteam^S123|@sales&gt;"),
    ("<https://evil.example/login|docs.google.com>", "&lt;https://evil.example/login|docs.google.com&gt;"),
    ("A&B 제약 &lt; 이미 인코딩", "A&amp;B 제약 &amp;lt; 이미 인코딩"),
    ("*굵게* _기울임_ `코드` 5 > 3", "*굵게* _기울임_ `코드` 5 &gt; 3"),
])
def test_slack_markup_in_quoted_text_is_shown_not_executed(quoted, shown):
    assert escape_slack_mrkdwn(quoted) == shown


def test_slack_escaping_leaves_no_control_sequence():
    hostile = "<!channel><@U1><#C1|general><https://x.io|y><mailto:a@b.c|a>"
    escaped = escape_slack_mrkdwn(hostile)
    assert "<" not in escaped and ">" not in escaped
    assert escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == hostile  # nothing lost


@pytest.mark.parametrize("quoted, shown", [
    ("<at>이서연</at> 님 확인", "&lt;at&gt;이서연&lt;/at&gt; 님 확인"),
    ("[docs.google.com](https://evil.example/a)", "docs.google.com (https://evil.example/a)"),
    ("[https://www.mfds.go.kr/notice](https://mfds-go.kr.evil.io/x)", "https://www.mfds.go.kr/notice (https://mfds-go.kr.evil.io/x)"),
    ("[회사 포털](http://portal.hanbit.example)", "[회사 포털](http://portal.hanbit.example)"),  # honest label
    ("[www.naver.com](https://m.naver.com/news)", "[www.naver.com](https://m.naver.com/news)"),  # same site
    ("[docs.google.com](https://docs.google.com.evil.io/)", "docs.google.com (https://docs.google.com.evil.io/)"),
    ("[user@docs.google.com](https://evil.example)", "user@docs.google.com (https://evil.example)"),
])
def test_teams_mentions_and_disguised_links(quoted, shown):
    assert escape_teams_markdown(quoted) == shown


def test_card_text_keeps_angle_brackets_but_defuses_links():
    text = "5 < 7 이고 [kakao.com](https://phish.example) 참고"
    assert defuse_markdown_links(text) == "5 < 7 이고 kakao.com (https://phish.example) 참고"


def test_slack_answers_and_call_results_never_ping_or_disguise():
    from agent.types import Reply
    from bot.slack.answer import render_answer

    quoted = ("문서 발췌: <!channel> 확인 바랍니다 <@U0ADMIN> <!subteam^S1> "
              "[docs.google.com](https://evil.example/x) 참고 & 정리")
    answer = render_answer(Reply(text=quoted))
    shown = " ".join([answer.text, answer.markdown] + [b.get("text", "") for b in answer.body if isinstance(b.get("text"), str)])
    for token in ("<!channel>", "<@U0ADMIN>", "<!subteam^S1>"):
        assert token not in shown
    assert "https://evil.example/x" in shown and "](https://evil.example/x)" not in shown
    assert "& 정리" in answer.markdown  # ordinary text is left as written


def test_teams_reply_shows_mentions_as_text():
    from agent.types import Reply
    from bot.teams.cards import reply_message

    message = reply_message(Reply(text="위키 인용: <at>전체</at> 공지 [login.microsoft.com](https://evil.example)"),
                            lambda path: f"https://files/{path.name}", feedback=False)
    assert "<at>" not in message["text"] and "&lt;at&gt;" in message["text"]
    assert "https://evil.example" in message["text"] and "](https://evil.example)" not in message["text"]
