"""E-mail linking only for unlinked reps: a second Slack / Teams account reporting the e-mail
of a rep already linked to another account must not act as that rep."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from sqlalchemy import select, update

from bot.slack.identity import resolve_slack_user
from bot.teams.identity import caller_by_email
from data.models import Rep

from .conftest import TOKEN


def _rep(app, rep_id: int) -> Rep:
    with app.session() as session:
        return session.get(Rep, rep_id)


def test_slack_second_account_with_linked_email_is_refused(demo_app, fake_slack, caller, caplog):
    who = caller(demo_app, "rep")
    rep = _rep(demo_app, who.rep_id)
    assert rep.slack_user_id  # the demo rep is linked already
    client = WebClient(token=TOKEN, base_url=fake_slack.api_url)
    fake_slack.users["U0INTRUDER"] = rep.email.upper()  # same mailbox, other account

    with caplog.at_level(logging.WARNING, logger="bot.slack.identity"):
        assert resolve_slack_user(demo_app, client, "U0INTRUDER") is None
    assert _rep(demo_app, who.rep_id).slack_user_id == rep.slack_user_id  # not re-linked
    assert "U0INTRUDER" in caplog.text and TOKEN not in caplog.text
    linked = resolve_slack_user(demo_app, client, rep.slack_user_id)  # the owner still works
    assert linked is not None and linked.rep_id == who.rep_id


def test_slack_unlinked_rep_links_by_email_once(demo_app, fake_slack, caller):
    who = caller(demo_app, "rep")
    with demo_app.session() as session:
        session.execute(update(Rep).where(Rep.id == who.rep_id).values(slack_user_id=None))
        session.commit()
        email = session.scalar(select(Rep.email).where(Rep.id == who.rep_id))
    client = WebClient(token=TOKEN, base_url=fake_slack.api_url)
    fake_slack.users.update({"U0FIRST": email, "U0SECOND": email})

    first = resolve_slack_user(demo_app, client, "U0FIRST")
    assert first is not None and first.rep_id == who.rep_id
    assert _rep(demo_app, who.rep_id).slack_user_id == "U0FIRST"
    assert resolve_slack_user(demo_app, client, "U0SECOND") is None
    assert resolve_slack_user(demo_app, client, "U0FIRST").rep_id == who.rep_id


def test_teams_second_account_with_linked_email_is_refused(demo_app, caller):
    who = caller(demo_app, "rep")
    with demo_app.session() as session:
        session.execute(update(Rep).where(Rep.id == who.rep_id).values(teams_user_id=None))
        session.commit()
    email = _rep(demo_app, who.rep_id).email

    first = caller_by_email(demo_app, email, "aad-first")
    assert first is not None and first.rep_id == who.rep_id
    assert _rep(demo_app, who.rep_id).teams_user_id == "aad-first"
    assert caller_by_email(demo_app, email, "aad-second") is None
    assert caller_by_email(demo_app, email, None) is None  # no AAD id: cannot be the linked one
    assert _rep(demo_app, who.rep_id).teams_user_id == "aad-first"
    assert caller_by_email(demo_app, email.upper(), "aad-first").rep_id == who.rep_id
