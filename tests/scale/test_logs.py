"""Structured logs (medrep/kernel/logs.py): JSON lines with MEDREP_LOG_FORMAT=json, today's
text line by default, context fields on records from any module and thread, secrets masked."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re

import pytest

from medrep.kernel.logs import configure_logging, current_context, log_context
from medrep.kernel.settings import Settings

BOT_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp"
SIGNING_SECRET = "8f14e45fceea167a5a36dedd4bea2543"


@pytest.fixture
def configured(tmp_path):
    """`configured(fmt)` → the stream the root logger now writes to; restored afterwards."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))

    def configure(fmt: str) -> io.StringIO:
        stream = io.StringIO()
        settings = Settings(_env_file=None, medrep_home=tmp_path, medrep_log_format=fmt,
                            slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET)
        configure_logging(settings, stream=stream)
        return stream

    yield configure
    for handler in [h for h in root.handlers if h.get_name() == "medrep"]:
        root.removeHandler(handler)
    root.setLevel(saved[0])


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_json_lines_carry_the_context_from_any_module(configured):
    stream = configured("json")
    with log_context(event_id="Ev123", thread_key="slack:T1:C1:1.2", caller=42, platform="slack"):
        logging.getLogger("bot.slack.app").info("answered %s", "질문")
        with log_context(platform="teams", thread_key=None):  # inner value wins, None is skipped
            logging.getLogger("tools.search").warning("slow", extra={"tool": "search_docs"})
        assert current_context()["platform"] == "slack"
    logging.getLogger("scheduled.jobs").info("outside")
    first, second, third = _lines(stream)
    assert first["message"] == "answered 질문" and first["logger"] == "bot.slack.app" and first["level"] == "INFO"
    assert (first["event_id"], first["thread_key"], first["caller"], first["platform"]) == (
        "Ev123", "slack:T1:C1:1.2", 42, "slack")
    assert second["platform"] == "teams" and second["thread_key"] == "slack:T1:C1:1.2"
    assert second["tool"] == "search_docs" and second["level"] == "WARNING"
    assert "event_id" not in third and third["message"] == "outside"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", first["ts"])


def test_context_follows_tasks_and_copied_threads(configured):
    stream = configured("json")

    async def turn(n: int) -> None:
        with log_context(event_id=f"Ev{n}", caller=n):
            await asyncio.sleep(0.01 * (3 - n))  # interleaved
            await asyncio.to_thread(logging.getLogger("agent.runtime").info, "turn %d", n)

    async def main() -> None:
        await asyncio.gather(*(turn(n) for n in range(3)))

    asyncio.run(main())
    by_message = {line["message"]: line for line in _lines(stream)}
    assert {m: (l["event_id"], l["caller"]) for m, l in by_message.items()} == {
        "turn 0": ("Ev0", 0), "turn 1": ("Ev1", 1), "turn 2": ("Ev2", 2)}


def test_secrets_are_masked_in_messages_tracebacks_and_extra(configured):
    stream = configured("json")
    log = logging.getLogger("bot.slack.files")
    log.info("token %s and header Authorization: Bearer %s", BOT_TOKEN, "eyJhbGciOi.J9-x_y")
    log.info("socket xapp-1-A0123-456-abcdef, user xoxp-11-22-33 secret=%s", SIGNING_SECRET)
    try:
        raise RuntimeError(f"call failed with {BOT_TOKEN}")
    except RuntimeError:
        log.exception("boom", extra={"headers": f"Bearer {BOT_TOKEN}"})
    text = stream.getvalue()
    for secret in (BOT_TOKEN, "1234567890-0987654321", "eyJhbGciOi", "xapp-1-A0123", "xoxp-11", SIGNING_SECRET):
        assert secret not in text
    first, second, third = _lines(stream)
    assert first["message"] == "token xoxb-*** and header Authorization: Bearer ***"
    assert second["message"] == "socket xapp-***, user xoxp-*** secret=***"
    assert "RuntimeError: call failed with xoxb-***" in third["exc"] and third["headers"] == "Bearer ***"


def test_text_format_is_todays_line(configured):
    stream = configured("text")
    logging.getLogger("medrep.cli.serve").info("plain %s", BOT_TOKEN)
    with log_context(event_id="Ev9", caller=7):
        logging.getLogger("bot.server").warning("with context")
    plain, with_context = stream.getvalue().splitlines()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO medrep.cli.serve: plain xoxb-\*\*\*", plain)
    assert with_context.endswith("WARNING bot.server: with context [event_id=Ev9 caller=7]")


def test_configure_twice_keeps_one_handler_and_rejects_reserved_fields(configured):
    configured("text")
    stream = configured("json")
    assert [h.get_name() for h in logging.getLogger().handlers].count("medrep") == 1
    logging.getLogger("x").info("once")
    assert len(_lines(stream)) == 1
    with pytest.raises(ValueError, match="msg"), log_context(msg="no"):
        pass
    with pytest.raises(ValueError):
        Settings(_env_file=None, medrep_log_format="xml")
