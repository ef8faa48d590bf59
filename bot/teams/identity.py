"""Teams user → Caller: by AAD object id (Rep.teams_user_id), else by the e-mail / UPN the
roster reports (remembered on the rep for next time). Unknown users get None.

E-mail links only a rep that has no Teams account yet: another account (or one without an AAD
id) reporting the e-mail of a rep already linked is refused, not let act as that rep."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from data.access import Caller
from data.identity import find_rep
from data.models import Rep

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def caller_by_aad(app: AppContext, aad_object_id: str | None) -> Caller | None:
    if not aad_object_id:
        return None
    with app.session() as session:
        rep = session.scalars(select(Rep).where(Rep.teams_user_id == aad_object_id, Rep.active.is_(True))).first()
        return Caller.from_rep(rep) if rep else None


def caller_by_email(app: AppContext, email: str | None, aad_object_id: str | None) -> Caller | None:
    email = (email or "").strip().lower()
    if "@" not in email:
        return None
    with app.session() as session:
        rep = find_rep(session, email)
        if rep is None or rep.email.lower() != email:
            return None
        if aad_object_id and rep.teams_user_id is None:
            # conditional so two accounts linking at once cannot both win
            session.execute(update(Rep).where(Rep.id == rep.id, Rep.teams_user_id.is_(None))
                            .values(teams_user_id=aad_object_id))
            session.commit()
            session.refresh(rep)
        if rep.teams_user_id is not None and rep.teams_user_id != aad_object_id:
            log.warning("Teams user %s reports the e-mail of rep %s, already linked to another Teams "
                        "account: refused", aad_object_id, rep.id)
            return None
        return Caller.from_rep(rep)
