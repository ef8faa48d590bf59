"""The compliance rule engine: categories, spans, rules, amounts from settings, held-out figures."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tools.documents.compliance import CATEGORIES, check_text, config_from_settings
from tools.documents.compliance.amounts import headcount, parse_amounts
from tools.documents.compliance.evaluate import evaluate_jsonl

HELDOUT = Path(__file__).with_name("compliance_heldout.jsonl")
DEV = Path(__file__).resolve().parents[2] / "tools" / "documents" / "data" / "compliance_dev.jsonl"


@pytest.fixture(scope="module")
def config():
    return config_from_settings()


def cats(text, config):
    return {f.category for f in check_text(text, config)}


def test_brief_examples(config):
    assert cats("식음료는 1인당 3만원으로 준비했습니다", config) == set()
    assert cats("처방 늘려주시면 챙겨드릴게요", config) == {"rebate"}


@pytest.mark.parametrize("text,category", [
    ("이번 달 처방 좀 늘려주시면 제가 따로 챙겨드릴게요", "rebate"),
    ("허가는 안 났지만 소아에게도 많이들 쓰세요", "off_label"),
    ("다음 주 골프 일정 저희가 다 준비하겠습니다", "hospitality"),
    ("A사 약은 간독성 때문에 곧 퇴출될 거예요", "disparagement"),
    ("경쟁사 약은 부작용이 심해요", "disparagement"),
    ("타사 제품은 효과가 약해서 잘 안 써요", "disparagement"),
    ("환자분 주민번호가 800101-1234567 입니다", "personal_data"),
    ("100% 완치됩니다", "efficacy_claim"),
    ("부작용 없음", "safety_claim"),
    ("OO병원 교수 추천 제품입니다", "endorsement"),
    ("환자가 로수빛정 복용 후 근육통이 생겼다고 합니다", "adverse_event"),
    ("근데 환자 몇 분이 어지럽다고 하던데요", "adverse_event"),
])
def test_domain_cues(text, category, config):
    assert category in cats(text, config)


def test_our_own_side_effect_facts_are_not_disparagement(config):
    assert "disparagement" not in cats("로수빛정은 근육통 부작용이 드물게 보고됩니다", config)
    assert "adverse_event" not in cats("어지럼이 있다고 하면 약물감시팀에 보고하세요", config)  # procedure


def test_amounts_parsed_from_korean():
    values = [a.value for a in parse_amounts("1인당 15만원, 3만 원, 150,000원, 3만5천원, 오만 원")]
    assert values == [150_000, 30_000, 150_000, 35_000, 50_000]
    assert parse_amounts("1인당 15만원")[0].per_person
    assert headcount("의사 6명, 약사 2명 참석") == 8


def test_finding_has_span_sentence_rule_and_rewrite(config):
    text = "오늘 설명회를 했습니다. 제품설명회 식사를 1인당 15만원 코스로 예약했습니다."
    [f] = check_text(text, config)
    assert f.category == "hospitality" and f.sentence == 1
    assert text[f.start:f.end] == f.quote == "15만원"
    assert "별표2" in f.rule and "100,000원" in f.rule
    assert "100,000원" in f.rewrite


def test_limits_come_from_settings(config):
    text = "제품설명회 식사는 1인당 8만원으로 했습니다."
    assert cats(text, config) == set()
    stricter = dataclasses.replace(config, briefing_meal_limit=50_000, account_briefing_food_limit=50_000)
    [f] = check_text(text, stricter)
    assert "50,000원" in f.rule


def test_settings_env_names(monkeypatch):
    from medrep.kernel.settings import Settings

    monkeypatch.setenv("MEDREP_PROMO_ITEM_LIMIT_KRW", "20000")
    assert Settings(_env_file=None).medrep_promo_item_limit_krw == 20_000


def test_souvenir_and_promo_limits(config):
    assert cats("설명회 기념품으로 7만원 상당 홍삼 세트를 드렸습니다.", config) == {"hospitality"}
    assert cats("기념품은 1인당 3만 원 이내 텀블러로 준비했습니다.", config) == set()
    assert cats("판촉물로 2만원짜리 우산을 드렸습니다.", config) == {"hospitality"}
    assert cats("회사 로고 볼펜 5,000원짜리를 판촉물로 드렸습니다.", config) == set()


def test_total_divided_by_headcount(config):
    [f] = check_text("참석자 4명에게 저녁 식사로 총 60만원을 지출했습니다.", config)
    assert "150,000원" in f.message


def test_off_label_against_the_monograph(config):
    assert config.labels and any(lab.name.startswith("로수빛정") for lab in config.labels)
    assert "off_label" in cats("로수빛정은 탈모 치료에도 도움이 된다고 말씀드렸습니다.", config)
    assert cats("로수빛정의 고콜레스테롤혈증 적응증을 설명했습니다.", config) == set()
    assert "off_label" in cats("한빛암로정을 하루 20mg까지 올려 쓰셔도 괜찮다고 안내드렸어요.", config)
    assert cats("한빛암로정 5mg 1일 1회 용법을 다시 안내드렸습니다.", config) == set()


def test_adverse_event_says_report_within_one_working_day(config):
    [f] = [f for f in check_text("환자 한 분이 약 먹고 두드러기가 났다고 합니다.", config) if f.category == "adverse_event"]
    assert "1 영업일" in f.message and "약물감시팀" in f.message


def test_personal_data_rewrite_masks(config):
    [f] = check_text("보호자 연락처 010-2345-6789로 연락 달라고 하셨습니다.", config)
    assert "010-2345-6789" not in f.rewrite


def test_empty_text_is_a_korean_error(config):
    with pytest.raises(ValueError, match="비어"):
        check_text("   ", config)


def test_classifier_is_lazy_and_trains_offline():
    from tools.documents.compliance.classifier import default_classifier

    probs = default_classifier().predict(["처방 좀 밀어주시면 제가 알아서 잘 해드릴게요."])[0]
    assert set(probs) == set(CATEGORIES)
    assert max(probs, key=probs.get) == "rebate"


def test_heldout_recall_and_false_positive_rate(config):
    result = evaluate_jsonl(HELDOUT, config)
    assert result["n"] >= 120
    assert result["recall"] >= 0.95, result["errors"]
    assert result["false_positive_rate"] <= 0.05, result["errors"]
    assert all(result["by_category"][c]["n"] > 0 for c in CATEGORIES)


def test_dev_file_and_cli_shape(config):
    import json

    from typer.testing import CliRunner

    from medrep.cli.main import app

    out = CliRunner().invoke(app, ["eval", "compliance", "--jsonl", str(DEV)])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert {"n", "recall", "precision", "false_positive_rate", "by_category"} <= set(payload)
    assert set(payload["by_category"]["rebate"]) == {"n", "recall", "precision"}


def test_thirty_pages_under_five_seconds(config):
    import importlib.util
    import time

    spec = importlib.util.spec_from_file_location("compliance_bench", Path(__file__).resolve().parents[2] / "bench" / "compliance_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    make_document = bench.make_document
    text = make_document(pages=30)
    check_text("워밍업 문장입니다.", config)
    started = time.perf_counter()
    findings = check_text(text, config)
    assert time.perf_counter() - started < 5
    assert findings
