"""Masking of personal data (resident registration numbers, phone numbers, patient names)
with the same patterns the `personal_data` rule flags, for anything stored or shown
(call transcripts, analyses)."""

from __future__ import annotations

import re

from tools.documents.compliance.rules import _NAME_AFTER, _NAME_BEFORE, _NOT_NAMES, _PHONE, _RRN

RRN_MASK = "[주민번호]"
PHONE_MASK = "[전화번호]"
_SPOKEN_RRN = re.compile(r"(?<!\d)\d{6}\s+[1-8]\d{6}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _initials(name: str) -> str:
    return name[0] + "○" * (len(name) - 1)


def mask_personal_data(text: str) -> tuple[str, int]:
    """`text` with personal data masked, and how many items were masked."""
    count = 0

    def sub(regex: re.Pattern, repl, value: str) -> str:
        nonlocal count
        value, n = regex.subn(repl, value)
        count += n
        return value

    out = sub(_RRN, RRN_MASK, text)
    out = sub(_SPOKEN_RRN, RRN_MASK, out)
    out = sub(_PHONE, PHONE_MASK, out)
    out = sub(_EMAIL, "[이메일]", out)
    for regex in (_NAME_AFTER, _NAME_BEFORE):
        def name_repl(m: re.Match) -> str:
            nonlocal count
            name = m.group(1)
            if name in _NOT_NAMES or name[-1] in "증병염암층군과인들":
                return m.group(0)
            count += 1
            return m.group(0)[:m.start(1) - m.start()] + _initials(name) + m.group(0)[m.end(1) - m.start():]
        out = regex.sub(name_repl, out)
    return out, count
