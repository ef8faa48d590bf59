"""Slot filling from the demo vocabulary, the classifier cache, and `medrep ask`."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from agent.router.nlu import IntentClassifier
from agent.router.slots import SlotFiller
from data.models import ConversationTurn, Rep
from tools.common.entities import vocabulary


@pytest.fixture(scope="module")
def filler(demo_app_ro):
    with demo_app_ro.session() as s:
        return SlotFiller(vocabulary(s))


@pytest.mark.parametrize("text,period", [
    ("지난달 실적", "지난달"), ("3분기 매출", "3분기"), ("작년 같은 기간은?", "작년 같은 기간"),
    ("2025년 3월 매출", "2025년 3월"), ("상반기 실적", "상반기"), ("최근 6개월 추이", "최근 6개월"),
    ("올해 누계", "올해 누계"), ("2025-01~2025-06 매출", "2025-01~2025-06"), ("작년 4분기", "작년 4분기"),
])
def test_period_phrases_pass_through(filler, text, period):
    assert filler.extract(text).period == period


def test_entities_claim_spans(filler, demo_app_ro):
    slots = filler.extract("서울1팀 로수빛 상급종합병원 원외 매출")
    assert slots.entities["team"] == "서울1팀" and "region" not in slots.entities
    assert slots.entities["product"] == "로수빛" and slots.entities["account_type"] == "상급종합병원"
    assert slots.entities["channel"] == "원외"
    assert filler.extract("부산 지역 매출").entities == {"region": "부산"}
    with demo_app_ro.session() as s:
        name = s.scalars(select(Rep.name).where(Rep.role == "rep").order_by(Rep.id.desc())).first()
    assert filler.extract(f"{name} 실적").entities == {"rep": name}
    assert filler.extract("병원별 매출").entities == {}  # a grouping, not the 병원 type


def test_typos_fall_back_to_fuzzy_product(filler):
    assert filler.extract("로수빛졍 매출").entities.get("product") in ("로수빛정", "로수빛")
    assert filler.extract("top 5 거래처").top_n == 5


def test_a_misspelt_account_keeps_its_distinctive_part(filler, demo_app_ro):
    from data.models import Account

    with demo_app_ro.session() as s:
        names = set(s.scalars(select(Account.name)))
    university = sorted(n for n in names if n.endswith("대학교병원") and len(n) == 7)[0]  # e.g. 한울대학교병원
    second = ord(university[1]) - 0xAC00
    vowel = (second % 588) // 28
    slipped = university[0] + chr(0xAC00 + second - vowel * 28 + ((vowel + 1) % 21) * 28) + university[2:]
    assert slipped not in names
    assert filler.extract(f"{slipped} 거래처 정보").entities["account"] == university  # one letter off: a typo
    # another hospital with the same 대학교병원 is not a typo of it: the name stays as said
    assert "한성대학교병원" not in names
    assert filler.extract("한성대학교병원 거래처 정보").entities["account"] == "한성대학교병원"


def test_notes_that_open_with_an_account_name_it(filler, demo_app_ro):
    from data.models import Account

    with demo_app_ro.session() as s:
        name = s.scalars(select(Account.name).where(Account.name.like("%병원")).order_by(Account.id)).first()
    slots = filler.extract(f"방문 보고서 써줘: {name} 김 교수님 면담, 로수빛 처방 논의")
    assert slots.entities["account"] == name and slots.after_colon.startswith(name)
    assert "account" not in filler.extract("이 문장 점검해줘: 교수님께 골프 모시겠습니다").entities


def test_classifier_cache_is_keyed_by_training_file(tmp_path, monkeypatch):
    import agent.router.nlu as nlu

    monkeypatch.setattr(nlu, "_FITTED", {})
    model = IntentClassifier.load_or_train(tmp_path)
    cached = list(tmp_path.glob("intent-*.npz"))
    assert len(cached) == 1
    monkeypatch.setattr(nlu, "_FITTED", {})
    again = IntentClassifier.load_or_train(tmp_path)
    assert again.predict("지난달 제품별 실적").intent == model.predict("지난달 제품별 실적").intent == "sales_report"


def test_exported_classifier_predicts_what_scikit_learn_predicts():
    """Answers use the numpy export; it must give the fitted pipeline's probabilities."""
    import numpy as np

    from agent.router.nlu import char_ngrams, fit_pipeline, load_examples

    texts, labels = load_examples()
    pipeline = fit_pipeline(texts, labels)
    exported = IntentClassifier.from_pipeline(pipeline)
    analyse = pipeline.named_steps["tfidf"].build_analyzer()
    probes = ["지난달 제품별 실적 보여줘", "로수빛 용법용량", "how were my sales last month?", "ㅋㅋ", "",
              "이탈 위험 높은 거래처 top 5", "  여러   칸  띄어쓰기  ", "A등급 거래처"]
    for text in probes:
        assert char_ngrams(text) == analyse(text)
        np.testing.assert_allclose(exported.probabilities(text), pipeline.predict_proba([text])[0], atol=1e-9)
        assert exported.labels[int(np.argmax(exported.probabilities(text)))] == pipeline.predict([text])[0]


@pytest.fixture
def cli_env(demo_app, monkeypatch):
    from medrep.kernel.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", demo_app.settings.database_url)
    monkeypatch.setenv("MEDREP_HOME", str(demo_app.settings.home))
    monkeypatch.setenv("MEDREP_TODAY", "2026-11-20")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    get_settings.cache_clear()
    yield demo_app
    get_settings.cache_clear()


def test_console_ask_json_default_user(cli_env, capsys):
    from bot.console import ask

    assert ask("지난달 제품별 실적 보여줘", as_json=True) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"text", "tool_calls", "files", "citations", "suggestions", "latency_ms", "turn_id"}
    installed = {"sales_report"} <= {t.name for t in __import__("tools.registry", fromlist=["x"]).discover_tools()}
    if installed:
        assert out["tool_calls"][0] == {"name": "sales_report", "args": {"period": "지난달", "group_by": "product"}}
    with cli_env.session() as s:
        first_rep = s.scalars(select(Rep).where(Rep.role == "rep", Rep.active.is_(True)).order_by(Rep.id)).first()
        row = s.scalars(select(ConversationTurn).order_by(ConversationTurn.id.desc())).first()
    assert row.rep_id == first_rep.id and row.thread_key == f"cli:{first_rep.id}" and row.platform == "cli"


def test_console_unknown_user_is_refused(cli_env, capsys):
    from bot.console import ask

    assert ask("안녕", as_user="nobody@example.com") == 1
    assert "등록된 사용자가 아니어서" in capsys.readouterr().err
    with cli_env.session() as s:
        assert s.scalars(select(ConversationTurn)).first() is None


def test_console_ask_with_a_file_analyses_the_call_and_answers_about_it(cli_env, capsys):
    """`medrep ask --file` attaches a file as an upload in a thread would (DESIGN.md)."""
    from pathlib import Path

    from bot.console import ask
    from data.models import CallRecording

    planted = Path(__file__).parents[1] / "calls" / "fixtures" / "planted_call.vtt"
    assert ask("", files=[planted]) == 0
    out = capsys.readouterr().out
    assert "통화 분석" in out and "리베이트" in out and "010-2345-6789" not in out
    assert ask("이 통화에서 원장님이 뭘 요청했지?", files=[planted], as_json=True) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["tool_calls"][0]["name"] == "call_analyze" and "신기능별 용량 자료" in reply["text"]
    with cli_env.session() as s:
        assert s.scalars(select(CallRecording).where(CallRecording.status == "analyzed",
                                                     CallRecording.thread_key.like("cli:%"))).first() is not None
    assert ask("", files=[Path("/nonexistent/x.vtt")]) == 0
    assert "찾을 수 없습니다" in capsys.readouterr().out
