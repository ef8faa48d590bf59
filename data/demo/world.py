"""Organisation, products and accounts of the demo world."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from data.demo.catalog import ACCOUNT_TYPES, COMPANY_NAME, DISTRICTS, PRODUCTS, SPECIALTIES, TEAMS
from data.demo.names import account_name, person_names, unique_name
from data.models import Account, Product, Rep, Team

EMAIL_DOMAIN = "hanbitpharm.co.kr"
# People whose names are fixed so README examples and tests can address them.
DEMO_REP_NAME = "김민준"  # rep, 서울1팀
DEMO_MANAGER_NAME = "이서연"  # manager, 서울1팀
DEMO_ADMIN_NAME = "박지훈"  # admin (CP팀)
REPS_PER_TEAM = (5, 5, 5, 4, 5, 4, 4, 5)
TEAM_ACCOUNT_SHARE = (0.12, 0.12, 0.14, 0.13, 0.14, 0.11, 0.11, 0.13)


@dataclass
class OrgIds:
    team_ids: list[int]
    reps_by_team: dict[int, list[int]]  # field reps (role rep) per team
    product_ids: list[int]


def _person(index: int, name: str, role: str, team_id: int | None, hired: date) -> Rep:
    employee_no = f"HB{hired.year % 100:02d}{index:04d}"
    return Rep(
        employee_no=employee_no,
        name=name,
        role=role,
        team_id=team_id,
        email=f"{employee_no.lower()}@{EMAIL_DOMAIN}",
        slack_user_id=f"UHB{index:05d}",
        teams_user_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{COMPANY_NAME}/{index}")),
        hired_on=hired,
    )


def create_org(session: Session, rng: np.random.Generator, scale: int) -> OrgIds:
    teams = [Team(name=t.name, region=t.region, provinces=",".join(t.provinces)) for t in TEAMS]
    session.add_all(teams)
    session.flush()

    reps_needed = sum(REPS_PER_TEAM) * scale + len(TEAMS)
    names = iter(person_names(rng, reps_needed, {DEMO_REP_NAME, DEMO_MANAGER_NAME, DEMO_ADMIN_NAME}))
    people: list[Rep] = []
    hired = lambda: date(int(rng.integers(2012, 2025)), int(rng.integers(1, 13)), 1)  # noqa: E731
    people.append(_person(1, DEMO_REP_NAME, "rep", teams[0].id, date(2021, 3, 2)))
    people.append(_person(2, DEMO_MANAGER_NAME, "manager", teams[0].id, date(2015, 1, 5)))
    people.append(_person(3, DEMO_ADMIN_NAME, "admin", None, date(2016, 7, 1)))
    index = 4
    for team, team_size in zip(teams, REPS_PER_TEAM):
        if team is not teams[0]:
            people.append(_person(index, next(names), "manager", team.id, hired()))
            index += 1
        field_reps = team_size * scale - (1 if team is teams[0] else 0)
        for _ in range(field_reps):
            people.append(_person(index, next(names), "rep", team.id, hired()))
            index += 1
    session.add_all(people)

    products = [
        Product(code=p.code, name=p.name, ingredient=p.ingredient, atc_code=p.atc_code,
                therapeutic_area=p.therapeutic_area, unit_price=p.unit_price, launched_on=date(2015, 1, 1))
        for p in PRODUCTS
    ]
    session.add_all(products)
    session.flush()

    reps_by_team: dict[int, list[int]] = {team.id: [] for team in teams}
    for person in people:
        if person.role == "rep":
            reps_by_team[person.team_id].append(person.id)
    return OrgIds([t.id for t in teams], reps_by_team, [p.id for p in products])


@dataclass
class AccountRow:
    id: int
    type: str
    specialty: str | None
    beds: int
    owner_rep_id: int
    team_index: int


def create_accounts(session: Session, rng: np.random.Generator, org: OrgIds, count: int) -> list[AccountRow]:
    type_names = [t[0] for t in ACCOUNT_TYPES]
    type_probs = np.array([t[1] for t in ACCOUNT_TYPES])
    bed_ranges = {t[0]: t[2] for t in ACCOUNT_TYPES}
    taken: set[str] = set()
    pending: list[tuple[Account, int]] = []
    team_counts = np.round(np.array(TEAM_ACCOUNT_SHARE) * count).astype(int)
    code = 0
    for team_index, (team_spec, team_id, n_accounts) in enumerate(zip(TEAMS, org.team_ids, team_counts)):
        reps = org.reps_by_team[team_id]
        types = rng.choice(len(type_names), size=n_accounts, p=type_probs / type_probs.sum())
        for i, type_index in enumerate(types):
            account_type = type_names[type_index]
            province = team_spec.provinces[rng.integers(0, len(team_spec.provinces))]
            district = DISTRICTS[province][rng.integers(0, len(DISTRICTS[province]))]
            specialty = None
            if account_type in ("병원", "의원"):
                specialty = SPECIALTIES[rng.integers(0, len(SPECIALTIES))]
            low, high = bed_ranges[account_type]
            beds = int(rng.integers(low, high + 1)) if high else 0
            name = unique_name(account_name(rng, account_type, district, specialty), district, taken)
            taken.add(name)
            code += 1
            opened = date(int(rng.integers(1995, 2022)), int(rng.integers(1, 13)), 1)
            account = Account(code=f"AC{code:06d}", name=name, type=account_type, province=province,
                              district=district, specialty=specialty, beds=beds,
                              owner_rep_id=reps[i % len(reps)], opened_on=opened)
            pending.append((account, team_index))
    session.add_all([a for a, _ in pending])
    session.flush()
    return [AccountRow(a.id, a.type, a.specialty, a.beds, a.owner_rep_id, t) for a, t in pending]
