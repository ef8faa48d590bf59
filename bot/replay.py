"""Seen-once keys for replay protection: Redis SET NX with a TTL when REDIS_URL is set (shared
by every replica), else an in-process bounded LRU (one replica; replicas need Redis)."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict

log = logging.getLogger(__name__)

MEMORY_KEYS = 50_000
REDIS_TIMEOUT_S = 0.5


class ReplayGuard:
    def __init__(self, redis_url: str | None = None, prefix: str = "medrep:replay:") -> None:
        self.prefix = prefix
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        self._redis = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=REDIS_TIMEOUT_S,
                                               socket_connect_timeout=REDIS_TIMEOUT_S)
            self._redis_errors = (redis.RedisError, OSError)

    def first_time(self, key: str, ttl_s: int) -> bool:
        """True the first time `key` is seen within `ttl_s`; False for a repeat."""
        if self._redis is not None:
            try:
                return bool(self._redis.set(self.prefix + key, b"1", nx=True, ex=ttl_s))
            except self._redis_errors as exc:  # Redis down: this replica's memory still protects
                log.warning("replay guard: Redis unavailable (%s); using process memory", type(exc).__name__)
        return self._first_in_memory(key, ttl_s)

    def _first_in_memory(self, key: str, ttl_s: int) -> bool:
        now = time.monotonic()
        with self._lock:
            expires = self._seen.get(key)
            if expires is not None and expires > now:
                return False
            self._seen[key] = now + ttl_s
            self._seen.move_to_end(key)
            while len(self._seen) > MEMORY_KEYS:
                self._seen.popitem(last=False)
            return True
