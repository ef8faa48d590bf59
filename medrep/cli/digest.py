"""`medrep digest [--as USER] [--at ISO_DATETIME] [--send]`: who is due for the morning digest
at that time (default now, MEDREP_TIMEZONE), or one user's digest; printed, and sent as a
Slack DM only with --send (SLACK_BOT_TOKEN)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import typer
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from data.db import open_app
from data.identity import UNKNOWN_USER_MESSAGE, resolve_caller
from data.models import DigestSubscription, Rep
from medrep.kernel.context import AppContext
from scheduled.digest import compose_digest, due_subscriptions, send_due_digests, skip_reason

DEFAULT_SECTIONS = ["news", "sales", "forecast", "visits", "anomalies"]


def parse_at(at: str | None, timezone: str) -> datetime:
    """ISO datetime in local time (an offset is converted to MEDREP_TIMEZONE); naive result."""
    tz = ZoneInfo(timezone)
    if not at:
        return datetime.now(tz).replace(tzinfo=None)
    value = datetime.fromisoformat(at)
    return value.astimezone(tz).replace(tzinfo=None) if value.tzinfo else value


def _slack_client(app: AppContext):
    if not app.settings.slack_bot_token:
        typer.echo("SLACK_BOT_TOKEN이 설정되어 있지 않아 보내지 않았습니다(내용만 출력).", err=True)
        return None
    from bot.slack.app import make_client

    return make_client(app.settings.slack_bot_token, app.settings.slack_api_url)


def run_digest(as_user: str | None, at: str | None, send: bool, app: AppContext | None = None) -> int:
    app = app or open_app()
    now = parse_at(at, app.settings.medrep_timezone)
    if as_user:
        with app.session() as session:
            caller = resolve_caller(session, as_user)
            sub = session.scalar(select(DigestSubscription).where(DigestSubscription.rep_id == caller.rep_id)) \
                if caller else None
            sections = list(sub.sections) if sub and sub.sections else DEFAULT_SECTIONS
            slack_id = session.get(Rep, caller.rep_id).slack_user_id if caller else None
        if caller is None:
            typer.echo(UNKNOWN_USER_MESSAGE, err=True)
            return 1
        digest = compose_digest(app, caller, sections, now.date())
        typer.echo(digest.text)
        reason = skip_reason(now.date())
        if reason:
            typer.echo(f"\n(참고: {now:%Y-%m-%d}은 {reason}이라 예약 발송은 없습니다.)")
        if send:
            client = _slack_client(app)
            if client is not None and slack_id:
                client.chat_postMessage(channel=slack_id, text=digest.text, blocks=digest.blocks)
                typer.echo(f"→ {caller.name}님에게 보냈습니다.")
        return 0
    reason = skip_reason(now.date())
    if reason:
        typer.echo(f"{now:%Y-%m-%d %H:%M}: {reason} — 다이제스트를 보내지 않는 날입니다.")
        return 0
    due = due_subscriptions(app, now)
    with app.session() as session:
        reps = {r.id: r for r in session.scalars(select(Rep).options(joinedload(Rep.team))
                                                 .where(Rep.id.in_([d[1] for d in due])))}
        times = dict(session.execute(select(DigestSubscription.rep_id, DigestSubscription.send_time)).all())
    if not due:
        typer.echo(f"{now:%Y-%m-%d %H:%M}: 보낼 다이제스트가 없습니다.")
        return 0
    typer.echo(f"{now:%Y-%m-%d %H:%M} 발송 대상 {len(due)}명:")
    for _sub_id, rep_id, sections in due:
        rep = reps[rep_id]
        typer.echo(f"• {rep.name} ({rep.team.name if rep.team else '-'}) {times.get(rep_id)} — {', '.join(sections)}")
    if send:
        sent = send_due_digests(app, _slack_client(app), now)
        typer.echo(f"{sent}명에게 보냈습니다.")
    return 0
