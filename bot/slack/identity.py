"""Slack user → Caller: by the stored slack_user_id, else by the e-mail `users.info` reports
(remembered on the rep for next time). Unknown users get None (and a polite refusal).

E-mail links only a rep that has no Slack account yet: a second Slack account reporting the
e-mail of a rep already linked to another account is refused, not let act as that rep."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select, update

from data.access import Caller
from data.identity import find_rep
from data.models import Rep

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def slack_email(client: WebClient, user_id: str) -> str | None:
    try:
        info = client.users_info(user=user_id)
    except SlackApiError as exc:
        log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
        return None
    profile = (info.get("user") or {}).get("profile") or {}
    email = profile.get("email")
    return email.strip().lower() if email else None


def resolve_slack_user(app: AppContext, client: WebClient, user_id: str) -> Caller | None:
    if not user_id:
        return None
    with app.session() as session:
        rep = session.scalars(select(Rep).where(Rep.slack_user_id == user_id, Rep.active.is_(True))).first()
        if rep is not None:
            return Caller.from_rep(rep)
    email = slack_email(client, user_id)
    if not email:
        return None
    with app.session() as session:
        rep = find_rep(session, email)
        if rep is None or rep.email.lower() != email:
            return None
        if rep.slack_user_id is None:
            # conditional so two accounts linking at once cannot both win
            session.execute(update(Rep).where(Rep.id == rep.id, Rep.slack_user_id.is_(None))
                            .values(slack_user_id=user_id))
            session.commit()
            session.refresh(rep)
        if rep.slack_user_id != user_id:
            log.warning("Slack user %s reports the e-mail of rep %s, already linked to another Slack "
                        "account: refused", user_id, rep.id)
            return None
        return Caller.from_rep(rep)
