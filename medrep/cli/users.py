"""`medrep users`: the people MedRep knows."""

from __future__ import annotations

import json

import typer
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from data.db import open_app
from data.models import Rep


def list_users(as_json: bool = False) -> None:
    app = open_app()
    with app.session() as session:
        reps = session.scalars(select(Rep).options(joinedload(Rep.team)).order_by(Rep.id)).all()
        rows = [{"id": r.id, "name": r.name, "role": r.role, "team": r.team.name if r.team else None,
                 "slack_user_id": r.slack_user_id, "teams_user_id": r.teams_user_id, "email": r.email}
                for r in reps]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("등록된 사용자가 없습니다. 먼저 `medrep demo`를 실행하세요.")
        return
    typer.echo(f"{'이름':<6}\t{'역할':<8}\t{'팀':<14}\t{'Slack ID':<10}\t{'이메일'}")
    for row in rows:
        typer.echo(f"{row['name']:<6}\t{row['role']:<8}\t{row['team'] or '-':<14}\t{row['slack_user_id']:<10}\t{row['email']}")
