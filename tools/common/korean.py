"""The one Kiwi morpheme analyser of the process (search and the offline router share it, so
both see domain words such as 로수빛 the same way). Loaded lazily: about a second."""

from __future__ import annotations

import threading
from collections.abc import Iterable

_lock = threading.Lock()
_kiwi = None
_user_words: set[str] = set()


def kiwi():
    """The process-wide Kiwi analyser, created on first use."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def add_user_words(words: Iterable[str], tag: str = "NNP") -> list[str]:
    """Teach Kiwi domain words (product brands, account names) so they stay one morpheme;
    returns the words that were new."""
    new = sorted({w.strip() for w in words if w and len(w.strip()) >= 2} - _user_words)
    if not new:
        return []
    analyser = kiwi()
    with _lock:
        for word in new:
            analyser.add_user_word(word, tag, 0.0)
            _user_words.add(word)
    return new
