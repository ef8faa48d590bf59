"""Pure parts of the Teams channel: links, markdown tables, stream chunks and pacing."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.teams.cards import parse_table, prose, split_markdown, with_markers
from bot.teams.links import LinkError, make_token, resolve_token
from bot.teams.streaming import Streamer, text_chunks


def test_link_tokens(settings_factory, tmp_path):
    settings = settings_factory(tmp_path / "home")
    (tmp_path / "home" / "f").mkdir(parents=True)
    target = tmp_path / "home" / "f" / "a.xlsx"
    target.write_bytes(b"x")
    token = make_token(settings, target, ttl_s=60, now=1000)
    assert resolve_token(settings, token, now=1010) == target.resolve()
    with pytest.raises(LinkError) as expired:
        resolve_token(settings, token, now=2000)
    assert expired.value.status == 410
    payload, _, sig = token.partition(".")
    with pytest.raises(LinkError) as forged:
        resolve_token(settings, payload + "." + sig[::-1], now=1010)
    assert forged.value.status == 403
    outside = tmp_path / "secret.txt"
    outside.write_text("no")
    with pytest.raises(ValueError):
        make_token(settings, outside)


def test_markdown_tables_and_prose():
    text = "요약입니다.\n\n| 제품 | 매출 |\n|---|---|\n| A | 1 |\n\n끝."
    parts = split_markdown(text)
    assert [k for k, _ in parts] == ["text", "table", "text"]
    assert parse_table(parts[1][1]) == [["제품", "매출"], ["A", "1"]]
    assert prose(text) == "요약입니다.\n\n끝."
    assert split_markdown("| 파이프 | 만 있는 줄 |") == [("text", "| 파이프 | 만 있는 줄 |")]
    assert with_markers("본문 [1]", [object()]) == "본문 [1]"


def test_text_chunks_are_growing_prefixes():
    text = "\n".join(f"{i}번째 줄입니다. " * 5 for i in range(30))
    chunks = text_chunks(text, size=300)
    assert chunks and all(text.startswith(c) for c in chunks)
    assert all(len(b) > len(a) for a, b in itertools.pairwise(chunks))
    assert text_chunks("짧은 답") == []


def test_streamer_paces_updates_and_survives_a_failed_update():
    now = [0.0]
    sent = []

    async def sleep(seconds):
        now[0] += seconds

    async def send(activity):
        sent.append((now[0], activity))
        if activity["text"] == "실패":
            raise RuntimeError("403")
        return "s1"

    async def run():
        streamer = Streamer(send, interval=1.5, clock=lambda: now[0], sleep=sleep)
        await streamer.informative("하나")
        await streamer.informative("둘")
        await streamer.informative("실패")
        await streamer.informative("무시")
        await streamer.final({"type": "message", "text": "끝"})

    asyncio.run(run())
    times = [t for t, _ in sent]
    assert times == [0.0, 1.5, 3.0, 4.5]
    assert [a["text"] for _, a in sent] == ["하나", "둘", "실패", "끝"]
    assert sent[1][1]["entities"][0]["streamId"] == "s1"
    assert sent[-1][1]["entities"][0] == {"type": "streaminfo", "streamType": "final", "streamId": "s1"}


def test_manifest_commands_become_questions():
    from bot.teams.bot import command_text, strip_mentions

    assert command_text("report 이번 달 제품별") == "실적 리포트 이번 달 제품별"
    assert command_text("/forecast 6개월") == "매출 예측 6개월"
    assert command_text("medrep help") == "help"
    assert command_text("이번 달 실적") == "이번 달 실적"
    assert strip_mentions("<at>MedRep</at>  이번 달   실적") == "이번 달 실적"
