"""Name resolution over a tiny hand-made world (independent of the demo generator)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller
from data.demo.catalog import PRODUCTS
from data.models import Account, Base, Product, Rep, Team
from tools.common import entities as E


@pytest.fixture()
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        t1, t2 = Team(id=1, name="서울1팀", region="서울", provinces="서울"), Team(id=2, name="부산·경남팀", region="부산", provinces="부산,경남")
        s.add_all([t1, t2])
        s.add_all([
            Rep(id=1, employee_no="E001", name="김민준", role="rep", team_id=1, email="mj@x.kr"),
            Rep(id=2, employee_no="E002", name="이서연", role="manager", team_id=1, email="sy@x.kr"),
            Rep(id=3, employee_no="E003", name="박도윤", role="rep", team_id=2, email="dy@x.kr"),
            Rep(id=4, employee_no="E004", name="김민준", role="rep", team_id=2, email="mj2@x.kr"),
        ])
        for i, spec in enumerate(PRODUCTS, start=1):
            s.add(Product(id=i, code=spec.code, name=spec.name, ingredient=spec.ingredient, atc_code=spec.atc_code,
                          therapeutic_area=spec.therapeutic_area, unit_price=spec.unit_price))
        s.add_all([
            Account(id=1, code="A0001", name="한성대학교병원", type="상급종합병원", province="서울", district="종로구", owner_rep_id=1),
            Account(id=2, code="A0002", name="해운대내과의원", type="의원", province="부산", district="해운대구", owner_rep_id=3),
            Account(id=3, code="A0003", name="종로내과의원", type="의원", province="서울", district="종로구", owner_rep_id=1),
        ])
        s.commit()
        yield s


REP = Caller(rep_id=1, name="김민준", role="rep", team_id=1)
MANAGER = Caller(rep_id=2, name="이서연", role="manager", team_id=1)
ADMIN = Caller(rep_id=99, name="관리자", role="admin", team_id=None)


@pytest.mark.parametrize("text,code", [
    ("로수빛", "HB-ROS10"), ("로수빛정 10mg", "HB-ROS10"), ("HB-ROS10", "HB-ROS10"), ("hb-ros10", "HB-ROS10"),
    ("rosuvastatin", "HB-ROS10"), ("로수바스타틴", "HB-ROS10"), ("에제티미브", "HB-EZR10"), ("ezetimibe", "HB-EZR10"),
    ("로수빗", "HB-ROS10"), ("텔미한", "HB-TEL40"), ("메트포르민", "HB-MET500"), ("티오빛", "HB-TIO18"),
])
def test_resolve_product(session, text, code):
    assert E.resolve_product(session, text).code == code


def test_unknown_product_lists_candidates(session):
    with pytest.raises(LookupError) as err:
        E.resolve_product(session, "빛정")
    assert "여러 개" in str(err.value) or "찾지 못했" in str(err.value)
    with pytest.raises(LookupError, match="찾지 못했"):
        E.resolve_product(session, "비아그라")


@pytest.mark.parametrize("text,province", [
    ("서울", "서울"), ("서울특별시", "서울"), ("경상남도", "경남"), ("부산광역시", "부산"), ("busan", "부산"),
    ("전라북도", "전북"), ("강원특별자치도", "강원"), ("제주도", "제주"),
])
def test_resolve_region(text, province):
    assert E.resolve_region(text) == province


def test_resolve_region_unknown():
    with pytest.raises(LookupError):
        E.resolve_region("평양")


def test_types_areas_channels(session):
    assert E.resolve_account_type("대학병원") == "상급종합병원"
    assert E.resolve_account_type("클리닉") == "의원"
    assert E.resolve_account_type("약국") == "약국"
    assert E.resolve_therapeutic_area(session, "고지혈증") == "이상지질혈증"
    assert E.resolve_therapeutic_area(session, "당뇨") == "당뇨병"
    assert E.resolve_therapeutic_area(session, "C10") == "이상지질혈증"
    assert E.resolve_channel("원외처방") == "원외"


def test_resolve_team(session):
    assert E.resolve_team(session, "서울 1팀").id == 1
    assert E.resolve_team(session, "부산경남팀").id == 2
    assert E.resolve_team(session, "부산팀").id == 2
    with pytest.raises(LookupError):
        E.resolve_team(session, "제주팀")


def test_resolve_rep_scoping(session):
    # same name in two teams: a rep resolves to themself, the manager to their team member
    assert E.resolve_rep(session, REP, "김민준").id == 1
    assert E.resolve_rep(session, MANAGER, "김민준").id == 1
    assert E.resolve_rep(session, REP, "나").id == 1
    with pytest.raises(AccessDenied):
        E.resolve_rep(session, REP, "박도윤")
    with pytest.raises(AccessDenied):
        E.resolve_rep(session, MANAGER, "박도윤")
    assert E.resolve_rep(session, ADMIN, "박도윤").id == 3
    with pytest.raises(LookupError, match="여러 개"):
        E.resolve_rep(session, ADMIN, "김민준")
    assert E.resolve_rep(session, ADMIN, "E004").id == 4


def test_resolve_account_scoping(session):
    assert E.resolve_account(session, REP, "한성대학교병원").id == 1
    assert E.resolve_account(session, REP, "한성대병원").id == 1  # fuzzy
    assert E.resolve_account(session, REP, "a0003").id == 3
    with pytest.raises(AccessDenied):
        E.resolve_account(session, REP, "해운대내과의원")
    assert E.resolve_account(session, ADMIN, "해운대내과").id == 2


def test_vocabulary(session):
    vocab = E.vocabulary(session)
    assert "로수빛" in vocab["product"] and "HB-ROS10" in vocab["product"]
    assert "서울1팀" in vocab["team"] and "김민준" in vocab["rep"]
    assert "한성대학교병원" in vocab["account"] and "경남" in vocab["region"]
    assert "이상지질혈증" in vocab["therapeutic_area"] and "상급종합병원" in vocab["account_type"]
