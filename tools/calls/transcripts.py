"""Call transcripts in: WebVTT, SRT, plain text (with or without timestamps and speaker labels) and
text pasted into a Slack/Teams message, decoded and split into timed `Segment`s.

Speaker labels are kept as written ("MR", "의사", "김민수 원장", "SPEAKER_1"; the name of a VTT
`<v 약사>` voice tag); deciding who is the rep is `tools.calls.roles`' job. Text without
timestamps gets estimated ones (`estimate_seconds`).
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass

from tools.calls.texts_input import input_message

# Korean conversational speech runs at roughly 5–7 syllables per second (reading aloud sits at the
# low end, relaxed talk at the high end); 6 is the middle, so an estimated timeline is off by
# about ±15% per turn, and the talk *ratio* (a quotient of durations) by much less.
SYLLABLES_PER_SECOND = 6.0
# Pause between two untimed turns: turn-taking gaps in conversation are a few hundred ms.
TURN_GAP_S = 0.4
MIN_SEGMENT_S = 0.5
# A transcript is analysed when at least this share of its letters is Hangul. Korean detailing
# talk is full of Latin drug names, units and abbreviations (LDL, mg, CME), so the bar is well
# below one half; an English or Japanese transcript with a few Korean names stays far under it.
KOREAN_MIN_SHARE = 0.3
MAX_LABEL_CHARS = 20


@dataclass(frozen=True)
class Segment:
    start: float  # seconds from the start of the call
    end: float
    text: str
    speaker: str | None  # the raw label as written, None when unknown


class InputError(Exception):
    """A call input that cannot be analysed: `.code` for programs, `.message` (Korean) for the user."""

    def __init__(self, code: str, message: str | None = None, **values: object) -> None:
        self.code = code
        self.message = message or input_message(code, **values)
        super().__init__(self.message)


# ---------------------------------------------------------------- decoding

def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM, or the NUL pattern of ASCII in it), CP949/EUC-KR."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_try(data, "utf-16"))
    candidates = ["utf-8", "cp949"]
    if data.count(0) > len(data) // 8:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        candidates.insert(0, "utf-16-le" if odd > even else "utf-16-be")
    for encoding in candidates:
        text = _try(data, encoding)
        if text is not None:
            return _checked(text)
    raise InputError("unreadable")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _checked(text: str | None) -> str:
    if text is None:
        raise InputError("unreadable")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(2, len(text) // 100):  # binary data that happened to decode
        raise InputError("unreadable")
    return text


# ---------------------------------------------------------------- shared pieces

_TS = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}")
_TAG = re.compile(r"<[^>]*>")
_SRT_STYLE = re.compile(r"\{\\[^}]*\}")
_LABEL = re.compile(rf"^(?P<label>[^:：]{{1,{MAX_LABEL_CHARS}}}?)\s*[:：](?!//)\s*(?P<text>.*)$", re.DOTALL)
_LABEL_PUNCT = re.compile(r"[.?!,…\"“”‘’'。~;]")
_TITLE = re.compile(r"^(dr|mr|ms|mrs|prof)\.\s*", re.IGNORECASE)
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_VOWELS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, fraction = groups
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return value + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def split_label(line: str) -> tuple[str | None, str]:
    """`NAME: text` / `NAME : text` → (NAME, text); a label is short and has no sentence punctuation."""
    match = _LABEL.match(line.strip())
    if not match:
        return None, line.strip()
    label = match["label"].strip().strip("*_`[]()").strip()
    if (not label or label.isdigit() or _LABEL_PUNCT.search(_TITLE.sub("", label))
            or len(label.split()) > 4 or label.lower().startswith(("http", "www"))):
        return None, line.strip()
    return label, match["text"].strip().strip("*_").strip()


def spoken_syllables(text: str) -> int:
    """Hangul syllables, vowel groups of Latin words, one per digit: what a speaker pronounces."""
    latin = sum(max(1, len(_VOWELS.findall(word))) for word in _LATIN_WORD.findall(text))
    return len(_HANGUL.findall(text)) + latin + sum(ch.isdigit() for ch in text)


def estimate_seconds(text: str) -> float:
    return max(MIN_SEGMENT_S, spoken_syllables(text) / SYLLABLES_PER_SECOND)


def hangul_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if _HANGUL.match(ch)) / len(letters) if letters else 0.0


def check_korean(segments: list[Segment]) -> list[Segment]:
    """Raises InputError("empty") without words and ("not_korean") under KOREAN_MIN_SHARE Hangul."""
    text = " ".join(s.text for s in segments)  # labels are not counted: "MR", "SPEAKER_1"
    if not any(ch.isalpha() for ch in text):
        raise InputError("empty")
    share = hangul_share(text)
    if share < KOREAN_MIN_SHARE:
        raise InputError("not_korean", share=share)
    return segments


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_SRT_STYLE.sub("", _TAG.sub("", text)))).strip()


# ---------------------------------------------------------------- WebVTT and SRT cues

_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.IGNORECASE)


def _parse_cues(text: str) -> list[Segment]:
    segments: list[Segment] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        timing_at = next((i for i, line in enumerate(lines) if _TIMING.match(line)), None)
        if timing_at is None:  # WEBVTT header, NOTE, STYLE, REGION, stray text
            continue
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        match = _TIMING.match(lines[timing_at])
        start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
        segments.extend(_cue_segments(start, max(end, start), lines[timing_at + 1:]))
    return segments


def _cue_segments(start: float, end: float, payload: list[str]) -> list[Segment]:
    """One segment per speaker in the cue; several voices share its time in proportion to text."""
    parts: list[tuple[str | None, str]] = []
    for line in payload:
        voice = _VOICE.search(line)
        speaker, words = (voice.group(1).strip(), _clean(line)) if voice else split_label(_clean(line))
        if speaker is None and parts:
            parts[-1] = (parts[-1][0], f"{parts[-1][1]} {words}".strip())
        else:
            parts.append((speaker, words))
    parts = [(speaker, words) for speaker, words in parts if words]
    total = sum(max(1, len(words)) for _, words in parts)
    out, cursor = [], start
    for speaker, words in parts:
        share = (end - start) * max(1, len(words)) / total
        out.append(Segment(round(cursor, 3), round(cursor + share, 3), words, speaker))
        cursor += share
    return out


# ---------------------------------------------------------------- plain text

# "[00:01:23] 의사: …", "00:01 MR: …", "(00:01 - 00:05) …"; never "10:30에 뵙겠습니다" (a word follows)
_LEADING_TS = re.compile(rf"^[\[(]?\s*{_TS}(?:\s*(?:-->|~|-|–)\s*{_TS})?\s*[\])]?(?=[\s\-–—:|]|$)\s*[-–—:|]?\s*")
_TRAILING_TS = re.compile(rf"^[\[(]?(?P<label>[^\[\]():：]{{1,{MAX_LABEL_CHARS}}}?)[\])]?\s+{_TS}\s*$")
_SLACK_QUOTE = re.compile(r"^\s*(?:>|&gt;)\s?")


@dataclass
class _Draft:
    start: float | None
    end: float | None
    speaker: str | None
    text: str


def _parse_plain(text: str) -> list[Segment]:
    """With labels or timestamps somewhere, a bare line continues the turn above it; without any,
    every line is a turn of its own (no one to attribute a continuation to)."""
    lines = [_SLACK_QUOTE.sub("", raw).strip().strip("`").strip() for raw in text.split("\n")]
    lines = [line for line in lines if line]
    structured = any(_LEADING_TS.match(line) or _TRAILING_TS.match(line) or split_label(html.unescape(line))[0]
                     for line in lines)
    drafts: list[_Draft] = []
    for line in lines:
        start = end = None
        stamp = _LEADING_TS.match(line)
        if stamp and stamp.group(0).strip():
            groups = stamp.groups()
            start = _seconds(groups[:4])
            end = _seconds(groups[4:]) if groups[5] is not None else None
            line = line[stamp.end():]
        else:
            trailing = _TRAILING_TS.match(line)  # Teams/Zoom exports: "김민수 원장  0:03" then the words
            if trailing and not _LABEL_PUNCT.search(trailing["label"]) and len(trailing["label"].split()) <= 4:
                drafts.append(_Draft(_seconds(trailing.groups()[1:5]), None, trailing["label"].strip(), ""))
                continue
        speaker, words = split_label(html.unescape(line))
        words = _clean(words)
        if structured and start is None and speaker is None and drafts:
            drafts[-1].text = f"{drafts[-1].text} {words}".strip()  # a turn continued on the next line
            continue
        drafts.append(_Draft(start, end, speaker, words))
    return _timeline([d for d in drafts if d.text])


def _timeline(drafts: list[_Draft]) -> list[Segment]:
    """Fills missing times. A timed turn without an end lasts its estimated length, stretched up to
    twice that when the next turn starts later (speakers pause and slow down), never past the next
    start; an untimed turn follows the previous one after TURN_GAP_S."""
    next_start: list[float | None] = [None] * len(drafts)  # start of the next timed turn
    for i in range(len(drafts) - 2, -1, -1):
        following = drafts[i + 1].start
        next_start[i] = following if following is not None else next_start[i + 1]
    out: list[Segment] = []
    cursor = 0.0
    for draft, following in zip(drafts, next_start):
        estimate = estimate_seconds(draft.text)
        start = draft.start if draft.start is not None else (cursor + TURN_GAP_S if out else 0.0)
        end = draft.end
        if end is None:
            end = start + estimate
            if following is not None and following > start:
                end = min(following, start + 2 * estimate) if following > end else following
        end = max(end, start)
        out.append(Segment(round(start, 3), round(end, 3), draft.text, draft.speaker))
        cursor = end
    return out


# ---------------------------------------------------------------- public entry points

def parse_text(text: str) -> list[Segment]:
    """A transcript as text (a pasted message or a decoded file), format recognised by content."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputError("empty")
    has_cues = text.lstrip().startswith("WEBVTT") or any(_TIMING.match(line) for line in text.split("\n"))
    segments = _parse_cues(text) if has_cues else _parse_plain(text)
    if not segments:
        raise InputError("empty")
    return check_korean(segments)


def parse_transcript(filename: str, data: bytes) -> list[Segment]:
    """A transcript file (.txt, .vtt, .srt, or anything textual). The content decides the format
    (a .txt export may hold SRT cues); `filename` is kept in the signature for callers' logs."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError("empty")
    return parse_text(decode_text(data))
