"""Generate `train_generated.jsonl`: labelled utterances for the offline router's intent
classifier, from templates × slot values × styles (see LABELLING.md for the labelling rules).

Deterministic (seeded): `python agent/router/data/generate.py` rewrites the file byte for byte
the same. Names come from the demo vocabulary (products, accounts, teams, reps, regions, …);
periods in many phrasings; styles: casual/polite endings, typos (adjacent character swaps,
vowel/final-consonant jamo slips, dropped spaces), English and mixed Korean/English.

The held-out files are never read for content; only duplicates of their lines (exact, or the
same line styled: a style prefix or suffix, other spacing or case) are dropped, so a held-out
question can never be a training line.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from agent.router.data.templates import FILL, T

HERE = Path(__file__).parent
OUT = HERE / "train_generated.jsonl"
SEED = 20261201
PER_INTENT = 90          # utterances per intent (fewer when the templates cannot make that many)
TYPO_RATE = 0.15
NOSPACE_RATE = 0.07
TEMPLATE_EXTRA = 10     # an intent with more templates than PER_INTENT: each once, plus this many styled lines


_SLOT = re.compile(r"\{(\w+)\}")
STYLE_SUFFIXES = (" ㅎㅎ", " ㅋㅋ", "!", "~", " 빨리", " 급해요")
STYLE_PREFIXES = ("혹시 ", "저기 ", "음 ", "팀장님이 ", "hey ")
# jamo slips: vowels that sit next to each other on the 2-set keyboard or sound alike
_VOWEL_SLIP = {0: 2, 2: 0, 4: 6, 6: 4, 8: 12, 12: 8, 13: 17, 17: 13, 1: 5, 5: 1, 18: 20, 20: 18}


def _jamo_slip(ch: str, rng: random.Random) -> str:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return ch
    cho, jung, jong = code // 588, (code % 588) // 28, code % 28
    if jong and rng.random() < 0.5:
        jong = 0  # dropped final consonant ("실적" → "시적")
    elif jung in _VOWEL_SLIP:
        jung = _VOWEL_SLIP[jung]  # "줘" → "조"-like vowel slips
    else:
        return ch
    return chr(0xAC00 + cho * 588 + jung * 28 + jong)


def typo(text: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(text) if not c.isspace()]
    if len(idx) < 4:
        return text
    kind = rng.random()
    i = rng.choice(idx[1:-1])
    chars = list(text)
    if kind < 0.45:
        chars[i] = _jamo_slip(chars[i], rng)
    elif kind < 0.8 and i + 1 < len(chars) and not chars[i + 1].isspace():
        chars[i], chars[i + 1] = chars[i + 1], chars[i]  # adjacent swap
    else:
        del chars[i]  # dropped character
    return "".join(chars)


def render(template: str, rng: random.Random) -> str:
    def sub(m: re.Match) -> str:
        return rng.choice(FILL[m.group(1)])
    text = _SLOT.sub(sub, template)
    return re.sub(r"\s+", " ", text).strip()


def style(text: str, rng: random.Random) -> str:
    r = rng.random()
    if r < TYPO_RATE:
        text = typo(text, rng)
    elif r < TYPO_RATE + NOSPACE_RATE:
        text = text.replace(" ", "", rng.randint(1, 2))
    if rng.random() < 0.05:
        text += rng.choice(STYLE_SUFFIXES)
    if rng.random() < 0.05:
        text = rng.choice(STYLE_PREFIXES) + text
    return text


def core(text: str) -> str:
    """`text` without the style's prefix, suffix and spaces: a styled copy of a held-out line
    ("hey " + the line) is as much that line as an exact copy."""
    for prefix in STYLE_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    for suffix in STYLE_SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return re.sub(r"\s+", "", text).lower()


def generate() -> list[dict]:
    rng = random.Random(SEED)
    excluded = set()
    for path in [*sorted(HERE.glob("heldout*.jsonl")), HERE / "train.jsonl"]:  # every evaluation file, also later ones
        if path.exists():
            excluded |= {json.loads(l)["text"] for l in path.read_text(encoding="utf-8").splitlines() if l.strip()}
    excluded_core = {core(t) for t in excluded}
    rows: list[dict] = []
    for intent, templates in T.items():
        seen: set[str] = set()
        # every template is used: a long list gets more lines than PER_INTENT
        budget = max(PER_INTENT, len(templates) + TEMPLATE_EXTRA) if len(templates) > 12 else max(30, 5 * len(templates))
        attempts = 0
        while len(seen) < budget and attempts < budget * 30:
            attempts += 1
            template = templates[attempts % len(templates)] if attempts <= len(templates) else rng.choice(templates)
            text = render(template, rng)
            if attempts > len(templates):
                text = style(text, rng)
            if text in seen or text in excluded or core(text) in excluded_core or len(text) < 2:
                continue
            seen.add(text)
            rows.append({"text": text, "intent": intent})
    return rows


def main() -> None:
    rows = generate()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} utterances → {OUT}")


if __name__ == "__main__":
    main()
