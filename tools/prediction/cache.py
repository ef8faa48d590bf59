"""In-process memo of results that depend only on the sales data (a long-lived server asks
the same scan many times a day; the data changes by a nightly load).

The data version is what a load changes: sales rows are append-only (see data/rollup.py),
so the smallest and largest `sales_monthly.id` (two index lookups) name the rows, and the
reps' team assignments (a small table) name the team cuts. The database itself is part of
the key, so two worlds in one process never share entries.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.models import MonthlySale, Rep

T = TypeVar("T")


def data_version(session: Session) -> tuple:
    bind = session.get_bind()
    # two statements: SQLite answers a lone min() or max() from the index, both together by a scan
    low = session.scalar(select(func.min(MonthlySale.id)))
    high = session.scalar(select(func.max(MonthlySale.id)))
    teams = session.execute(select(Rep.id, Rep.team_id).order_by(Rep.id)).all()
    digest = hashlib.blake2b(repr(teams).encode(), digest_size=8).hexdigest()
    return str(bind.url), id(bind), low, high, digest


class Memo:
    """A small LRU dict behind a lock; `get_or_make` computes outside the lock, so two
    threads asking the same new key may both compute it (same result, last one kept)."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
