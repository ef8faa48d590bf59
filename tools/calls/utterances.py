"""A call as the analysis sees it: utterances with a role (rep / customer) and times."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.calls.roles import assign_roles
from tools.calls.transcripts import Segment

_SENTENCE = re.compile(r".+?(?:[.!?。…]+(?=\s|$)|$)")


@dataclass(frozen=True)
class Utterance:
    index: int
    start: float
    end: float
    role: str  # rep | customer | unknown
    speaker: str | None
    text: str

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)

    def time_at(self, offset: int) -> float:
        """The estimated time of character `offset` inside this utterance."""
        if not self.text:
            return self.start
        return self.start + self.duration * min(1.0, max(0.0, offset / len(self.text)))

    def sentences(self) -> list[str]:
        return [s.group(0).strip() for s in _SENTENCE.finditer(self.text) if s.group(0).strip()]


def to_utterances(segments: list[Segment]) -> tuple[list[Utterance], str]:
    """Utterances in time order and the role method (labels | heuristic)."""
    ordered = sorted((s for s in segments if s.text.strip()), key=lambda s: (s.start, s.end))
    assignment = assign_roles(ordered)
    utterances = [Utterance(i, float(s.start), float(max(s.end, s.start)), role, s.speaker, s.text.strip())
                  for i, (s, role) in enumerate(zip(ordered, assignment.roles))]
    return utterances, assignment.method


def clock(seconds: float) -> str:
    """"03:25" or "1:02:05" for a time in the call."""
    total = round(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
