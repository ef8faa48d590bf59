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
    # a planted churner (demo_world.json) the month after its last sale: its team has an account at risk
    world = json.loads((demo_app_ro.settings.home / "demo_world.json").read_text(encoding="utf-8"))
    churner = next(c for c in sorted(world["churned_accounts"], key=lambda c: c["last_month"], reverse=True)
                   if c["last_month"] <= "2026-07-01")
    last = date.fromisoformat(churner["last_month"])
    when = date(last.year + (last.month == 12), last.month % 12 + 1, 20)
    with demo_app_ro.session() as s:
        team = s.execute(text("SELECT t.name FROM accounts a JOIN reps r ON r.id = a.owner_rep_id "
                              "JOIN teams t ON t.id = r.team_id WHERE a.id = :a"), {"a": churner["account_id"]}).scalar()
    manager = caller(demo_app_ro, "manager", team=team)
    with demo_app_ro.session() as s:
        out = service.client_churn_risk(s, manager, when, model_dir, top_n=5)
        assert "위험도" in out.summary and 0 < len(out.data["accounts"]) <= 5
        assert all(a["risk"] >= out.data["threshold"] for a in out.data["accounts"])
        owners = {r[0] for r in s.execute(text("SELECT a.owner_rep_id FROM accounts a WHERE a.id IN (%s)"
                                               % ",".join(str(a["account_id"]) for a in out.data["accounts"])))}
        team_reps = {r[0] for r in s.execute(text("SELECT id FROM reps WHERE team_id = :t"), {"t": manager.team_id})}
        assert owners <= team_reps
        missing = service.client_churn_risk(s, manager, TODAY, tmp_path / "none")
        assert missing.error == "unavailable" and "medrep train" in missing.summary
        other_team = s.execute(text("SELECT name FROM teams WHERE name != :t ORDER BY id LIMIT 1"), {"t": team}).scalar()
        with pytest.raises(AccessDenied):
            service.client_churn_risk(s, manager, TODAY, model_dir, team=other_team)


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


def test_visit_gap_is_one_figure_from_today(demo_app_ro, caller, model_dir):
    """Issue 13: priorities and the profile count days from today, this month's visits included."""
    rep = caller(demo_app_ro, "rep", team="서울1팀")
    with demo_app_ro.session() as s:
        out = service.client_visit_priorities(s, rep, TODAY, model_dir, top_n=50)
        last = dict(s.execute(text("SELECT account_id, MAX(date(visited_at)) FROM visits WHERE rep_id = :r "
                                   "AND date(visited_at) <= :d GROUP BY account_id"),
                              {"r": rep.rep_id, "d": TODAY.isoformat()}).all())
        for item in out.data["accounts"]:
            expected = (TODAY - date.fromisoformat(last[item["account_id"]])).days if item["account_id"] in last else None
            assert item["days_since_visit"] == expected
            if expected is not None:
                assert f"마지막 방문 {expected}일 전" in item["reason"] or (expected == 0 and "오늘 방문" in item["reason"])
        visited_this_month = next(a for a, d in last.items() if d >= "2026-11-01")
        name = s.execute(text("SELECT name FROM accounts WHERE id = :a"), {"a": visited_this_month}).scalar()
        profile = service.client_profile(s, rep, TODAY, model_dir, name)
    expected = (TODAY - date.fromisoformat(last[visited_this_month])).days
    assert profile.data["days_since_visit"] == expected and expected < 20  # not counted from 11-01
    listed = {it["account_id"]: it["days_since_visit"] for it in out.data["accounts"]}
    if visited_this_month in listed:
        assert listed[visited_this_month] == expected


def test_accounts_fading_now_top_the_churn_list(demo_app_ro, caller, model_dir):
    """The demo world plants one account per rep whose orders fade over the last months
    (demo_world.json "fading_accounts"); the model never saw them and must find them today."""
    world = json.loads((demo_app_ro.settings.home / "demo_world.json").read_text(encoding="utf-8"))
    fading = set(world["fading_accounts"])
    assert len(fading) >= 30
    model = ChurnModel.load(model_dir)
    with demo_app_ro.session() as s:
        feats = compute_features(s, date(TODAY.year, TODAY.month, 1), only_recently_active=True)
        probs, _ = model.score(feats)
        planted = np.array([int(a) in fading for a in feats.account_ids])
        assert planted.sum() == len(fading)  # all still bought within the last three months
        assert (probs[planted] >= 0.10).mean() >= 0.75  # most cross the list's threshold
        assert probs[planted].mean() > 20 * probs[~planted].mean()
        team_fading = {r[0] for r in s.execute(text(
            "SELECT a.id FROM accounts a JOIN reps r ON r.id = a.owner_rep_id JOIN teams t ON t.id = r.team_id "
            "WHERE t.name = '서울1팀'"))} & fading
        manager = caller(demo_app_ro, "manager", team="서울1팀")
        listed = service.client_churn_risk(s, manager, TODAY, model_dir, top_n=10).data["accounts"]
    ids = [a["account_id"] for a in listed]
    assert ids and ids[0] in team_fading
    assert len(team_fading & set(ids)) >= len(team_fading) - 1  # the team's planted ones are on its list


def test_churn_list_has_a_threshold(demo_app_ro, caller, model_dir):
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as s:
        out = service.client_churn_risk(s, manager, TODAY, model_dir, top_n=5)
        assert all(a["risk"] >= out.data["threshold"] for a in out.data["accounts"])
        assert "0.1% 미만" not in out.summary
        if not out.data["accounts"]:  # no account at risk is said, not padded
            assert "위험 거래처 없음" in out.summary
        none = service.client_churn_risk(s, manager, TODAY, model_dir, top_n=5, min_risk=1.0)
    assert none.data["accounts"] == [] and "위험 거래처 없음" in none.summary


def test_churn_model_leaves_out_leaky_visit_features_and_is_calibrated(model_dir):
    meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
    assert "visits_90" not in meta["features"] and "visit_gap_days" not in meta["features"]
    # calibrated: the mean predicted risk is close to the observed hold-out churn rate
    assert meta["mean_risk_holdout"] == pytest.approx(meta["churn_rate_holdout"], rel=0.5)
    assert sum(row["n"] for row in meta["calibration_holdout"]) == meta["n_test"]


def test_a_manager_without_accounts_gets_the_teams_visit_priorities(demo_app_ro, caller, model_dir):
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as s:
        own = s.execute(text("SELECT COUNT(*) FROM accounts WHERE owner_rep_id = :r"), {"r": manager.rep_id}).scalar()
        team = {r[0]: r[1] for r in s.execute(text(
            "SELECT a.id, r.name FROM accounts a JOIN reps r ON r.id = a.owner_rep_id JOIN teams t ON t.id = r.team_id "
            "WHERE t.name = '서울1팀' AND a.status = 'active'"))}
        out = service.client_visit_priorities(s, manager, TODAY, model_dir, top_n=5)
    assert own == 0
    assert "서울1팀 전체 방문 우선순위" in out.summary and "| 담당 |" in out.summary
    assert len(out.data["accounts"]) == 5
    assert all(team[a["account_id"]] == a["rep"] for a in out.data["accounts"])  # the owner shown is the owner
    scores = [a["score"] for a in out.data["accounts"]]
    assert scores == sorted(scores, reverse=True)


def test_an_own_account_is_found_by_its_name_without_the_namesake_suffix(demo_app_ro):
    """Namesakes are stored as "영등포중앙약국(영등포)"; the rep says "영등포중앙약국", which is
    also the exact name of another rep's account."""
    from data.access import Caller
    from data.models import Rep
    from tools.common.entities import resolve_account

    with demo_app_ro.session() as s:
        pairs = s.execute(text(
            "SELECT mine.id, mine.owner_rep_id, other.name FROM accounts mine JOIN accounts other "
            "ON mine.name LIKE other.name || '(%' AND other.owner_rep_id != mine.owner_rep_id "
            "JOIN reps r1 ON r1.id = mine.owner_rep_id JOIN reps r2 ON r2.id = other.owner_rep_id "
            "WHERE r1.team_id != r2.team_id AND r1.role = 'rep' ORDER BY mine.id")).all()
        assert pairs
        for mine_id, owner_id, said in pairs[:10]:
            me = Caller.from_rep(s.get(Rep, owner_id))
            assert resolve_account(s, me, said).id == mine_id
