"""Teams streaming (1:1 chats): informative `typing` updates while tools run, the answer text
in chunks (`streaming`), then one `final` message with the same streamId. Updates are spaced
at least `interval` seconds apart (Teams throttles faster streams); at most one stream per
chat at a time (`StreamRegistry`). Works on plain Activity dicts through an async `send`."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)
Send = Callable[[dict], Awaitable[str | None]]  # posts an activity, returns its id
MIN_INTERVAL_S = 1.5
CHUNK_CHARS = 400


def stream_entity(stream_type: str, sequence: int | None, stream_id: str | None) -> dict:
    entity: dict = {"type": "streaminfo", "streamType": stream_type}
    if sequence is not None:
        entity["streamSequence"] = sequence
    if stream_id:
        entity["streamId"] = stream_id
    return entity


def text_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Growing prefixes of `text` cut at paragraph or line ends (each a streamed update)."""
    prefixes, cut = [], 0
    while len(text) - cut > size:
        end = text.rfind("\n", cut + 1, cut + size)
        end = cut + size if end <= cut else end
        prefixes.append(text[:end])
        cut = end
    return prefixes


class StreamRegistry:
    """Chats with a stream in progress (one per chat)."""

    def __init__(self) -> None:
        self._active: set[str] = set()

    def claim(self, conversation_id: str) -> bool:
        if conversation_id in self._active:
            return False
        self._active.add(conversation_id)
        return True

    def release(self, conversation_id: str) -> None:
        self._active.discard(conversation_id)


class Streamer:
    def __init__(self, send: Send, *, interval: float = MIN_INTERVAL_S, clock=time.monotonic,
                 sleep=asyncio.sleep):
        self.send, self.interval, self.clock, self.sleep = send, interval, clock, sleep
        self.stream_id: str | None = None
        self.sequence = 0
        self.last_sent: float | None = None
        self.last_text = ""
        self.broken = False  # a failed update ends streaming; the final message is still sent
        self.lock = asyncio.Lock()

    async def _pace(self) -> None:
        if self.last_sent is not None:
            wait = self.interval - (self.clock() - self.last_sent)
            if wait > 0:
                await self.sleep(wait)

    async def _update(self, stream_type: str, text: str) -> None:
        async with self.lock:
            if text == self.last_text or self.broken:
                return
            await self._pace()
            self.sequence += 1
            activity = {"type": "typing", "text": text,
                        "entities": [stream_entity(stream_type, self.sequence, self.stream_id)]}
            try:
                sent_id = await self.send(activity)
            except Exception as exc:  # noqa: BLE001 - a failed update only ends streaming
                log.warning("stream update failed, finishing without a stream: %s", exc)
                self.broken = True
                return
            finally:
                self.last_sent = self.clock()
            self.last_text = text
            if self.stream_id is None:
                self.stream_id = sent_id

    async def informative(self, status: str) -> None:
        await self._update("informative", status)

    async def stream_text(self, text: str) -> None:
        for prefix in text_chunks(text):
            await self._update("streaming", prefix)

    async def final(self, message: dict) -> str | None:
        """Send the final message (an Activity dict); it closes the stream."""
        async with self.lock:
            if self.stream_id is not None:
                await self._pace()
                message = dict(message)
                message["entities"] = [stream_entity("final", None, self.stream_id),
                                       *message.get("entities", [])]
            return await self.send(message)
