"""Grades, churn model (trained once per module), visit priorities, profile, access rules."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest
from sqlalchemy import text

from data.access import AccessDenied
from data.models import Account
from tools.clients import service
from tools.registry import discover_tools
from tools.clients.churn import META_FILE, ChurnModel, train_churn_model
from tools.clients.features import FEATURES, compute_features
from tools.clients.grading import grade_accounts, grade_letter
from tools.common.plumbing import ToolContext

TODAY = date(2026, 11, 20)
ASOF = date(2026, 11, 1)


@pytest.fixture(scope="module")
def model_dir(demo_app_ro, tmp_path_factory):
    path = tmp_path_factory.mktemp("models")
    with demo_app_ro.session() as s:
        result = train_churn_model(s, TODAY, path)
    assert result.auc > 0.75, result
    return path


def test_features_match_sql(demo_app_ro):
    with demo_app_ro.session() as s:
        feats = compute_features(s, ASOF)
        amount_12 = dict(s.execute(text("SELECT account_id, SUM(amount) FROM sales_monthly "
                                        "WHERE month >= '2025-11-01' AND month < '2026-11-01' GROUP BY account_id")).all())
        months_12 = dict(s.execute(text("SELECT account_id, COUNT(DISTINCT month) FROM sales_monthly WHERE amount > 0 "
                                        "AND month >= '2025-11-01' AND month < '2026-11-01' GROUP BY account_id")).all())
    for i, acc in enumerate(feats.account_ids[:300]):
        assert feats.raw["amount_12"][i] == pytest.approx(amount_12.get(int(acc), 0))
        assert feats.column("active_months_12")[i] == months_12.get(int(acc), 0)
    assert feats.matrix.shape == (len(feats.account_ids), len(FEATURES))


def test_grades_follow_rules(demo_app_ro):
    with demo_app_ro.session() as s:
        grades = grade_accounts(s, ASOF)
        dead = {r[0] for r in s.execute(text("SELECT id FROM accounts WHERE id NOT IN (SELECT DISTINCT account_id "
                                             "FROM sales_monthly WHERE month >= '2025-11-01')"))}
    counts = {k: sum(g.grade == k for g in grades.values()) for k in "ABCD"}
    assert all(counts.values()), counts
    for g in grades.values():
        assert g.grade == grade_letter(g.score) and len(g.reasons) == 4
        assert g.score == pytest.approx(0.4 * g.parts["M"] + 0.2 * g.parts["F"] + 0.15 * g.parts["R"] + 0.25 * g.parts["P"], abs=1e-3)
    for acc in dead:  # no sales in 12 months → never A or B
        assert grades[acc].grade in "CD"
    top = max(grades.values(), key=lambda g: g.parts["M"])
    assert "상위 1%" in top.reasons[0]


def test_grades_of_one_reps_accounts_use_company_wide_percentiles(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        everyone = grade_accounts(s, ASOF)
        own = grade_accounts(s, ASOF, Account.owner_rep_id == rep.rep_id)
        own_ids = {r[0] for r in s.execute(text("SELECT id FROM accounts WHERE owner_rep_id = :r"), {"r": rep.rep_id})}
        amounts = sorted(v for (v,) in s.execute(text(
            "SELECT SUM(amount) FROM sales_monthly WHERE month >= '2025-11-01' AND month < '2026-11-01' "
            "GROUP BY account_id HAVING SUM(amount) > 0")))
        own_amount = dict(s.execute(text(
            "SELECT account_id, SUM(amount) FROM sales_monthly WHERE month >= '2025-11-01' AND month < '2026-11-01' "
            "AND account_id IN (SELECT id FROM accounts WHERE owner_rep_id = :r) GROUP BY account_id"),
            {"r": rep.rep_id}).all())
    assert set(own) == own_ids and len(own) < len(everyone)
    for acc_id, g in own.items():
        assert (g.grade, g.score, g.reasons) == (everyone[acc_id].grade, everyone[acc_id].score, everyone[acc_id].reasons)
        sold = own_amount.get(acc_id, 0)
        expected_m = sum(a <= sold for a in amounts) / len(amounts) if sold > 0 else 0.0
        assert g.parts["M"] == pytest.approx(expected_m)


def test_churn_model_saved_and_scores_churned_accounts_higher(demo_app_ro, model_dir):
    meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
    assert meta["auc_holdout"] > 0.75 and meta["test_cutoffs"][1] == "2026-08-01"
    assert meta["train_cutoffs"][1] < meta["test_cutoffs"][0]
    model = ChurnModel.load(model_dir)
    with demo_app_ro.session() as s:
        feats = compute_features(s, date(2026, 6, 1), only_recently_active=True)
        probs, contribs = model.score(feats)
        bought = {r[0] for r in s.execute(text("SELECT DISTINCT account_id FROM sales_monthly "
                                               "WHERE month >= '2026-06-01' AND month < '2026-09-01'"))}
    churned = np.array([int(a) not in bought for a in feats.account_ids])
    assert churned.any()
    assert probs[churned].mean() > probs[~churned].mean() * 5
    assert contribs.shape == feats.matrix.shape


def test_churn_tool_output_and_missing_model(demo_app_ro, caller, model_dir, tmp_path):
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as s:
        out = service.client_churn_risk(s, manager, TODAY, model_dir, top_n=5)
        assert "위험도" in out.summary and len(out.data["accounts"]) == 5
        owners = {r[0] for r in s.execute(text("SELECT a.owner_rep_id FROM accounts a WHERE a.id IN (%s)"
                                               % ",".join(str(a["account_id"]) for a in out.data["accounts"])))}
        team_reps = {r[0] for r in s.execute(text("SELECT id FROM reps WHERE team_id = :t"), {"t": manager.team_id})}
        assert owners <= team_reps
        missing = service.client_churn_risk(s, manager, TODAY, tmp_path / "none")
        assert missing.error == "unavailable" and "medrep train" in missing.summary
        with pytest.raises(AccessDenied):
            service.client_churn_risk(s, manager, TODAY, model_dir, team="부산·경남팀")


def test_visit_priorities_and_profile(demo_app_ro, caller, model_dir):
    rep = caller(demo_app_ro, "rep", team="서울1팀")
    with demo_app_ro.session() as s:
        out = service.client_visit_priorities(s, rep, TODAY, model_dir, top_n=5)
        own = {r[0] for r in s.execute(text("SELECT id FROM accounts WHERE owner_rep_id = :r"), {"r": rep.rep_id})}
        items = out.data["accounts"]
        assert len(items) == 5 and {it["account_id"] for it in items} <= own
        assert [it["score"] for it in items] == sorted((it["score"] for it in items), reverse=True)
        assert all("등급" in it["reason"] for it in items) and "예측" in out.summary
        profile = service.client_profile(s, rep, TODAY, model_dir, items[0]["name"])
        assert "등급" in profile.summary and "이탈 위험" in profile.summary
        other = s.execute(text("SELECT a.name FROM accounts a JOIN reps r ON r.id = a.owner_rep_id "
                               "WHERE r.team_id != :t LIMIT 1"), {"t": rep.team_id}).scalar()
        with pytest.raises(AccessDenied):
            service.client_profile(s, rep, TODAY, model_dir, other)
        with pytest.raises(AccessDenied):
            service.client_grades(s, rep, TODAY, account=other)


def test_client_tools_via_runtime(demo_app, caller):
    rep = caller(demo_app, "rep", team="서울1팀")
    runtime = SimpleNamespace(context=ToolContext(caller=rep, app=demo_app))
    tools = {t.name: t for t in discover_tools("clients")}
    assert set(tools) == {"client_grades", "client_churn_risk", "client_visit_priorities", "client_profile"}
    content, artifact = tools["client_grades"].func(grade="A", runtime=runtime)
    assert artifact.error is None and "A" in content
    content, artifact = tools["client_churn_risk"].func(runtime=runtime)  # no model trained in this home
    assert artifact.error == "unavailable"
    content, artifact = tools["client_grades"].func(grade="Z", runtime=runtime)
    assert artifact.error == "bad_request"
