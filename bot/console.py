"""`medrep ask`: one turn through the same agent the bots use, from the command line."""

from __future__ import annotations

import json
import sys

from sqlalchemy import select

from data.identity import UNKNOWN_USER_MESSAGE, resolve_caller
from data.models import Rep


def _default_identity(session) -> str | None:
    """The first demo rep: the lowest-id active person with role "rep"."""
    rep = session.scalars(select(Rep).where(Rep.active.is_(True), Rep.role == "rep").order_by(Rep.id)).first()
    return str(rep.employee_no) if rep else None


def _take_files(app, caller, thread_key: str, paths) -> tuple[list, list[str]]:
    """Upload intake for `--file`, as a file shared in a thread: stored, ingested or analysed."""
    from pathlib import Path

    from tools.intake.service import intake_file

    turn_files, notes = [], []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            notes.append(f"⚠️ '{path}' 파일을 찾을 수 없습니다. 경로를 확인해 주세요.")
            continue
        result = intake_file(app, rep_id=caller.rep_id, platform="cli", thread_key=thread_key,
                             filename=path.name, mime="", data=path.read_bytes())
        notes.append(result.message if result.ok else f"⚠️ {result.message}")
        if result.ok and result.turn_file is not None:
            turn_files.append(result.turn_file)
    return turn_files, notes


def ask(text: str, *, as_user: str | None = None, thread: str | None = None, as_json: bool = False,
        files=()) -> int:
    """Ask one question (with files, as an upload in a thread would attach them); print the
    answer (or the Reply as JSON). Returns the exit code."""
    from agent.runtime import get_runtime
    from agent.types import Turn
    from data.db import open_app

    app = open_app()
    with app.session() as session:
        identity = as_user or _default_identity(session)
        caller = resolve_caller(session, identity) if identity else None
    if caller is None:
        message = UNKNOWN_USER_MESSAGE if identity else (
            "등록된 영업사원이 없습니다. 먼저 `medrep demo`로 데모 데이터를 만들거나 사용자를 등록해 주세요.")
        if as_json:
            print(json.dumps({"error": "unknown_user", "text": message}, ensure_ascii=False))
        else:
            print(message, file=sys.stderr)
        return 1
    thread_key = thread or f"cli:{caller.rep_id}"
    turn_files, notes = _take_files(app, caller, thread_key, files) if files else ([], [])
    if notes and not as_json:
        print("\n".join(notes) + "\n")
    if not text.strip() and (turn_files or notes):
        if as_json:
            print(json.dumps({"text": "\n".join(notes), "tool_calls": [], "files": []}, ensure_ascii=False))
        return 0
    runtime = get_runtime(app)
    turn = Turn(caller=caller, thread_key=thread_key, text=text, files=turn_files, platform="cli")
    reply = runtime.answer(turn)
    if as_json:
        print(json.dumps(reply.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        print(reply.text)
        for f in reply.files:
            print(f"\n📎 {f.title}: {f.path}")
        for c in reply.citations:
            print(f"  · 출처: {c.title} {c.section}".rstrip())
        if reply.suggestions:
            print("\n이어서 물어볼 만한 질문: " + " / ".join(reply.suggestions))
    runtime.close()
    return 0
