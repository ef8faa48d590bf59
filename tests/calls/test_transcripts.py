"""Transcript parsing: WebVTT, SRT, text with and without timestamps, pasted Slack text, encodings,
and the refusals (empty, not Korean, unreadable). Expected times are worked out by hand in each
test from the cue timings or from the documented estimate (syllables / SYLLABLES_PER_SECOND)."""

from __future__ import annotations

import codecs

import pytest

from tools.calls.transcripts import (
    KOREAN_MIN_SHARE,
    SYLLABLES_PER_SECOND,
    TURN_GAP_S,
    InputError,
    Segment,
    hangul_share,
    parse_text,
    parse_transcript,
    split_label,
)


def korean(message: str) -> bool:
    return hangul_share(message) > 0.6


VTT = """WEBVTT
Kind: captions
Language: ko

NOTE 녹음: 2026-11-18 한빛내과
00:00:00.000 --> 00:00:30.000 이 줄은 메모라 무시됩니다

STYLE
::cue(v[voice="MR"]) { color: blue }

intro-1
00:00:01.000 --> 00:00:04.500 align:start position:10%
<v 김민준>원장님 안녕하세요. <b>로수빛정</b> 설명드리겠습니다.</v>

2
00:00:05.000 --> 00:00:09.000
<v.loud 이원장>네, 말씀하세요 &amp; 짧게요.
<v MR>감사합니다.

01:02:03.250 --> 01:02:05.000
의사: <c.yellow>환자들이</c> <00:01:02.500>많아서요
"""


def test_vtt_voices_notes_styles_cue_ids_and_settings():
    segments = parse_transcript("call.vtt", VTT.encode())
    # the second cue holds two voices: 4 s split by text length, 15 and 6 characters
    first_share = 4.0 * 15 / (15 + 6)
    assert segments == [
        Segment(1.0, 4.5, "원장님 안녕하세요. 로수빛정 설명드리겠습니다.", "김민준"),
        Segment(5.0, round(5.0 + first_share, 3), "네, 말씀하세요 & 짧게요.", "이원장"),
        Segment(round(5.0 + first_share, 3), 9.0, "감사합니다.", "MR"),
        Segment(3723.25, 3725.0, "환자들이 많아서요", "의사"),
    ]


def test_srt_in_cp949_with_labels_and_styling():
    srt = ("1\r\n00:00:01,000 --> 00:00:03,000\r\nMR: 안녕하세요 원장님\r\n\r\n"
           "2\r\n00:00:03,500 --> 00:00:06,250\r\n{\\an8}<i>의사 : 네, 반갑습니다</i>\r\n"
           "두 줄째 자막입니다\r\n\r\n"
           "3\r\n00:00:07,000 --> 00:00:08,000\r\n<font color=\"#fff\">SPEAKER_1: 로수빛정 10mg요</font>\r\n")
    segments = parse_transcript("call.srt", srt.encode("cp949"))
    assert segments == [
        Segment(1.0, 3.0, "안녕하세요 원장님", "MR"),
        Segment(3.5, 6.25, "네, 반갑습니다 두 줄째 자막입니다", "의사"),
        Segment(7.0, 8.0, "로수빛정 10mg요", "SPEAKER_1"),
    ]


def test_timed_text_in_utf16_lines_continue_and_ends_are_estimated():
    text = ("[00:01:23] 의사: 요즘 환자가 많네요\n"
            "00:01:30 MR: 원장님, 로수빛정 샘플 드릴게요.\n"
            "이어서 말하는 문장입니다.\n"
            "(00:02:00 - 00:02:04) 김민수 원장 : 네 좋아요\n")
    segments = parse_transcript("call.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    # "요즘 환자가 많네요" = 8 syllables → 8/6 s; the next turn starts 7 s later, so the end is
    # stretched to twice the estimate (not to 90 s)
    first_end = 83 + 2 * 8 / SYLLABLES_PER_SECOND
    # second turn: 13 + 11 syllables → 24/6 s estimate; next start 120 s is far, so 2× the estimate
    second_end = 90 + 2 * 24 / SYLLABLES_PER_SECOND
    assert segments == [
        Segment(83.0, round(first_end, 3), "요즘 환자가 많네요", "의사"),
        Segment(90.0, round(second_end, 3), "원장님, 로수빛정 샘플 드릴게요. 이어서 말하는 문장입니다.", "MR"),
        Segment(120.0, 124.0, "네 좋아요", "김민수 원장"),
    ]


def test_pasted_slack_message_gets_estimated_timestamps():
    message = ("> *MR*: 원장님 안녕하세요\n"
               "&gt; *원장:* 네 안녕하세요. 오늘은 바빠서요\n"
               "그래도 잠깐은 괜찮아요\n"
               "MR: 10:30에 다시 뵙겠습니다\n")
    segments = parse_text(message)
    # syllables: 8; 13 + 10 = 23; 8 + digits 1,0,3,0 = 12
    end1 = 8 / SYLLABLES_PER_SECOND
    start2 = end1 + TURN_GAP_S
    end2 = start2 + 23 / SYLLABLES_PER_SECOND
    start3 = end2 + TURN_GAP_S
    assert segments == [
        Segment(0.0, round(end1, 3), "원장님 안녕하세요", "MR"),
        Segment(round(start2, 3), round(end2, 3), "네 안녕하세요. 오늘은 바빠서요 그래도 잠깐은 괜찮아요", "원장"),
        Segment(round(start3, 3), round(start3 + 12 / SYLLABLES_PER_SECOND, 3), "10:30에 다시 뵙겠습니다", "MR"),
    ]


def test_teams_export_with_name_and_time_above_the_words():
    text = "김민수 원장   0:03\n안녕하세요\n\n이민준  1:07\n네 반갑습니다 원장님\n"
    segments = parse_transcript("transcript.txt", codecs.BOM_UTF8 + text.encode())
    assert [(s.start, s.speaker, s.text) for s in segments] == [
        (3.0, "김민수 원장", "안녕하세요"), (67.0, "이민준", "네 반갑습니다 원장님")]
    assert segments[0].end == round(3 + 2 * 5 / SYLLABLES_PER_SECOND, 3)  # stretched: next turn at 67 s


def test_unlabelled_lines_are_turns_without_speaker_and_euc_kr_decodes():
    segments = parse_transcript("memo.txt", "안녕하세요 원장님\n네 반갑습니다\n".encode("euc-kr"))
    # no labels anywhere: each line is a turn; 8 and 6 syllables
    end1 = 8 / SYLLABLES_PER_SECOND
    assert segments == [Segment(0.0, round(end1, 3), "안녕하세요 원장님", None),
                        Segment(round(end1 + TURN_GAP_S, 3), round(end1 + TURN_GAP_S + 6 / SYLLABLES_PER_SECOND, 3),
                                "네 반갑습니다", None)]


@pytest.mark.parametrize("line, expected", [
    ("MR: 안녕하세요", ("MR", "안녕하세요")),
    ("김민수 원장 : 네", ("김민수 원장", "네")),
    ("Dr. Kim: 좋습니다", ("Dr. Kim", "좋습니다")),
    ("SPEAKER_00: 네", ("SPEAKER_00", "네")),
    ("네, 그러니까: 이게 핵심입니다", (None, "네, 그러니까: 이게 핵심입니다")),  # punctuation: a sentence
    ("이번 분기 우리 병원 처방 실적 기준은요: 월 100건", (None, "이번 분기 우리 병원 처방 실적 기준은요: 월 100건")),
    ("https://example.com 참고하세요", (None, "https://example.com 참고하세요")),
    ("가나다라마바사아자차카타파하가나다라마바사: 길어요", (None, "가나다라마바사아자차카타파하가나다라마바사: 길어요")),
])
def test_speaker_label_rules(line, expected):
    assert split_label(line) == expected


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n", b"WEBVTT\n\n",
                                  b"1\n00:00:01,000 --> 00:00:02,000\n\n"])
def test_empty_transcripts_are_refused(data):
    with pytest.raises(InputError) as caught:
        parse_transcript("call.vtt", data)
    assert caught.value.code == "empty"
    assert korean(caught.value.message)


@pytest.mark.parametrize("text", [
    "MR: Good morning doctor, thanks for your time today.\nDoctor: Sure, go ahead, but keep it short.\n",
    "MR: おはようございます。先生、本日はよろしくお願いします。\n医師: はい、どうぞ。\n",
    "1\n00:00:01,000 --> 00:00:03,000\n김민수: Hello doctor, we have new data on rosuvastatin.\n",
])
def test_other_languages_are_refused_with_a_korean_message(text):
    with pytest.raises(InputError) as caught:
        parse_text(text)
    assert caught.value.code == "not_korean"
    assert "한국어" in caught.value.message and korean(caught.value.message.split("(")[0])


def test_korean_with_drug_names_and_units_is_accepted():
    text = "MR: 원장님, Rosuvastatin 10mg JUPITER trial에서 LDL 수치가 많이 내려갔습니다.\n"
    letters = [ch for ch in text.split(":", 1)[1] if ch.isalpha()]
    hangul = [ch for ch in letters if "가" <= ch <= "힣"]
    assert len(hangul) / len(letters) >= KOREAN_MIN_SHARE  # by hand: 16 of 45 letters
    assert parse_text(text)[0].speaker == "MR"


def test_binary_data_is_unreadable():
    with pytest.raises(InputError) as caught:
        parse_transcript("call.txt", bytes(range(256)) * 8)
    assert caught.value.code == "unreadable" and korean(caught.value.message.split("(")[0])


def test_a_transcript_pasted_on_one_line_is_a_transcript_with_one_turn_a_line():
    from tools.calls.pasted import as_lines, looks_like_transcript

    text = "다음 녹취록 분석해줘: 담당자: 원장님 안녕하세요. 원장: 아 네, 어지럽다던데요. 담당자: 확인해 보겠습니다."
    assert looks_like_transcript(text)
    assert as_lines(text).splitlines()[1:] == ["담당자: 원장님 안녕하세요.", "원장: 아 네, 어지럽다던데요.", "담당자: 확인해 보겠습니다."]
    assert not looks_like_transcript("제목: 부산 학회, 내용: 12월 10일")  # a form, not a call
    assert not looks_like_transcript("원장: 김민수")  # one label
