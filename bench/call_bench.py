"""Call analysis speed: a one-hour transcript (after transcription) analysed end to end —
roles, talk metrics, sentiment, compliance risks, requests, next steps, summary, masking.
Target (issue 15): under 5 s. Prints JSON."""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "calls" / "fixtures" / "planted_call.vtt"


def one_hour_segments():
    from tools.calls.transcripts import Segment, parse_transcript

    base = parse_transcript(FIXTURE.name, FIXTURE.read_bytes())
    span = max(s.end for s in base) + 2.0
    segments, offset, n = [], 0.0, 0
    while offset < 3600:
        for s in base:
            segments.append(Segment(s.start + offset, s.end + offset, f"{s.text} ({n}번째 대화)", s.speaker))
        offset += span
        n += 1
    return segments


def main() -> None:
    from tools.calls.pipeline import analyse

    segments = one_hour_segments()
    started = time.perf_counter()
    from tools.calls.sentiment import predict_positive

    predict_positive(["모델 로드"])
    analyse(segments[:10], call_day=date(2026, 11, 25), product_forms={})  # loads the compliance classifier
    load_s = time.perf_counter() - started
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = analyse(segments, call_day=date(2026, 11, 25), product_forms={"로수빛정": ["로수빛정", "로수빛"]})
        runs.append(time.perf_counter() - t0)
    print(json.dumps({"segments": len(segments), "call_minutes": round(segments[-1].end / 60, 1),
                      "model_load_s": round(load_s, 2), "analyse_s_median": round(statistics.median(runs), 2),
                      "analyse_s_max": round(max(runs), 2), "risks": len(result.risks), "target_s": 5.0},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
