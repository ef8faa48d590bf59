"""The classifier reads entity names as placeholders of their kind (agent/router/masking.py);
the slot filler still reads the names."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from agent.router.nlu import IntentClassifier
from agent.router.slots import SlotFiller
from data.models import Account, Product, Rep, Team
from tools.common.entities import vocabulary


@pytest.fixture(scope="module")
def filler(demo_app_ro):
    with demo_app_ro.session() as s:
        return SlotFiller(vocabulary(s))


@pytest.fixture(scope="module")
def names(demo_app_ro):
    with demo_app_ro.session() as s:
        return {
            "team": s.scalars(select(Team.name).order_by(Team.id.desc())).first(),
            "rep": s.scalars(select(Rep.name).where(Rep.active.is_(True)).order_by(Rep.id.desc())).first(),
            "account": s.scalars(select(Account.name).where(Account.name.like("%대학교병원")).order_by(Account.id)).first(),
            "products": list(s.scalars(select(Product.name).order_by(Product.id))),
        }


def test_names_become_placeholders_of_their_kind(filler, names):
    product = names["products"][0]
    text = f"{names['team']} {names['rep']} {names['account']}에서 {product}을 지난달 원외로 얼마나?"
    assert filler.masker.mask(text) == f"⟨팀⟩ ⟨담당자⟩ {names['account']}에서 ⟨제품⟩을 지난달 원외로 얼마나?"
    assert filler.masker.mask("부산 지역 상급종합병원 병원별 매출") == "⟨지역⟩ 지역 상급종합병원 병원별 매출"
    assert filler.masker.mask("발사렉스랑 로수빛 비교") == "⟨제품⟩랑 ⟨제품⟩ 비교"
    assert filler.masker.mask("이번 달 제품별 실적") == "이번 달 제품별 실적"
    assert filler.masker.mask("'팀 규칙' 변경 기록 보여줘") == "'팀 규칙' 변경 기록 보여줘"  # no 경기 across words


def test_the_slot_filler_still_reads_the_names(filler, names):
    slots = filler.extract(f"{names['rep']} 발사렉스 용량 어떻게 써?")
    assert slots.entities["product"] == "발사렉스" and slots.entities["rep"] == names["rep"]


def test_which_product_a_line_names_does_not_change_its_intent(filler, names, tmp_path, monkeypatch):
    import agent.router.nlu as nlu

    monkeypatch.setattr(nlu, "_FITTED", {})
    model = IntentClassifier.load_or_train(tmp_path, masker=filler.masker)
    assert len(list(tmp_path.glob("intent-*.npz"))) == 1
    first = model.predict(f"{names['products'][0]} 용량 어떻게 써?")
    for product in names["products"][1:]:
        other = model.predict(f"{product} 용량 어떻게 써?")
        assert other.intent == first.intent
        np.testing.assert_allclose([p for _, p in other.ranked], [p for _, p in first.ranked])
    monkeypatch.setattr(nlu, "_FITTED", {})
    cached = IntentClassifier.load_or_train(tmp_path, masker=filler.masker)  # the cache, masked again
    assert len(list(tmp_path.glob("intent-*.npz"))) == 1
    assert cached.predict("발사렉스 용량 어떻게 써?").ranked == model.predict("로수빛 용량 어떻게 써?").ranked
