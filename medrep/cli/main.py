"""`medrep` commands (DESIGN.md). Implementations live with their layer; imports are lazy so
`medrep --help` and light commands start fast."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(help="MedRep — 제약 영업 어시스턴트", no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="평가(벤치마크) 명령: 결과를 JSON으로 출력합니다.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _print_json(payload: dict) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def _not_built(what: str) -> None:
    typer.echo(f"{what} 기능은 아직 설치되지 않았습니다. (not built yet)", err=True)
    raise typer.Exit(2)


@app.command()
def demo(scale: Annotated[int, typer.Option(help="Multiply the sales history (load tests).")] = 1,
         questions: Annotated[bool, typer.Option(help="Ask the sample questions at the end.")] = True,
         prepare: Annotated[bool, typer.Option(help="Build indexes and train models (skip for load-test worlds).")] = True,
         ) -> None:
    """데모 월드를 만들고 인덱스·모델을 준비한 뒤 샘플 질문을 실행합니다 (idempotent)."""
    from medrep.cli.demo import run_demo

    run_demo(scale=scale, ask_questions=questions and prepare, prepare=prepare)


@app.command()
def ask(text: Annotated[str, typer.Argument(help="질문 (파일만 올릴 때는 \"\")")],
        as_user: Annotated[Optional[str], typer.Option("--as", help="Slack id, Teams id, email or name")] = None,
        thread: Annotated[Optional[str], typer.Option(help="thread key, default cli:<user>")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="print the Reply as JSON")] = False,
        file: Annotated[Optional[list[Path]], typer.Option("--file", help="attach a file, as an upload in a thread")] = None,
        ) -> None:
    """에이전트에게 한 번 질문합니다 (봇과 같은 에이전트). --file로 파일을 함께 올릴 수 있습니다."""
    try:
        from bot.console import ask as console_ask
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("bot.console", "agent.")):
            _not_built("에이전트")
        raise
    raise typer.Exit(console_ask(text, as_user=as_user, thread=thread, as_json=as_json, files=file or []))


@app.command()
def serve() -> None:
    """Slack·Teams 봇 서버와 스케줄러를 한 프로세스로 실행합니다."""
    try:
        import bot.server  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("bot.server"):
            _not_built("봇 서버")
        raise
    from medrep.cli.serve import serve as run_server

    run_server()


@app.command()
def worker(burst: Annotated[bool, typer.Option("--burst", help="큐가 빌 때까지만 실행")] = False,
           queue: Annotated[list[str] | None, typer.Option(
               "--queue", help="처리할 큐 (반복 가능; 기본: medrep-turns 대화 응답, medrep 긴 작업)")] = None) -> None:
    """작업 큐(REDIS_URL)의 작업(Slack 대화 응답, 통화 전사·분석 등)을 처리합니다."""
    from medrep.cli.worker import worker as run_worker

    run_worker(burst=burst, queues=queue or None)


@app.command("init")
def init_command() -> None:
    """데이터베이스 초기화: 마이그레이션과 대화 기록(checkpointer) 테이블 준비를 한 번만 실행합니다 (잠금, 반복 실행 안전)."""
    from medrep.cli.init import run_init

    _print_json(run_init())


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="files or folders (md, txt, pdf, docx, html)")]) -> None:
    """문서를 검색 색인에 추가합니다 (변경 없는 파일은 건너뜀)."""
    try:
        from medrep.cli.ingest import ingest_paths
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("tools.search"):
            _not_built("검색")
        raise
    raise typer.Exit(ingest_paths(paths))


@app.command()
def train() -> None:
    """예측·등급 모델을 다시 학습하고 MLflow에 기록합니다."""
    from data.db import open_app
    from tools.registry import run_hooks

    ctx = open_app()
    results = run_hooks(ctx, "train")
    if not results:
        typer.echo("학습할 모델이 설치되어 있지 않습니다.")
    for capability, summary in results:
        typer.echo(f"[{capability}] {summary}")


@app.command()
def digest(as_user: Annotated[Optional[str], typer.Option("--as", help="Slack id, Teams id, email or name")] = None,
           at: Annotated[Optional[str], typer.Option("--at", help="ISO datetime, default now (MEDREP_TIMEZONE)")] = None,
           send: Annotated[bool, typer.Option("--send", help="send as Slack DM (default: print only)")] = False) -> None:
    """모닝 다이제스트: 그 시각의 발송 대상, 또는 한 사람의 다이제스트를 출력합니다(--send면 발송)."""
    from medrep.cli.digest import run_digest

    raise typer.Exit(run_digest(as_user, at, send))


@app.command()
def doctor() -> None:
    """설정, 연결 상태, 모델 백엔드를 한 표로 보여줍니다."""
    from medrep.cli.doctor import run_doctor

    raise typer.Exit(run_doctor())


@app.command("teams-package")
def teams_package(out: Annotated[Optional[Path], typer.Option(help="zip path (default MEDREP_HOME/teams/medrep-teams.zip)")] = None) -> None:
    """Teams 앱 패키지(manifest + 아이콘 zip)를 만듭니다."""
    from medrep.cli.teams import teams_package as build

    raise typer.Exit(build(out))


@app.command()
def users(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """MedRep이 아는 사용자(데모 사용자 포함)를 보여줍니다."""
    from medrep.cli.users import list_users

    list_users(as_json=as_json)


@app.command()
def catalog(write: Annotated[bool, typer.Option("--write", help="write tools/CATALOG.md")] = False) -> None:
    """도구 카탈로그(tools/CATALOG.md)를 manifest에서 만들어 출력하거나 파일로 씁니다."""
    from tools.catalog import render_catalog, write_catalog

    if write:
        typer.echo(f"{write_catalog()} 갱신")
    else:
        typer.echo(render_catalog(), nl=False)


@eval_app.command("retrieval")
def eval_retrieval(beir: Annotated[Path, typer.Option("--beir", help="BEIR folder")],
                   modes: Annotated[Optional[str], typer.Option(help="comma-separated modes")] = None) -> None:
    """검색 평가: Recall@1/5/10, nDCG@10, MRR@10, 지연시간 (모드별)."""
    try:
        from tools.search.evaluate import evaluate_beir
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("tools.search"):
            _not_built("검색 평가")
        raise
    _print_json(evaluate_beir(beir, modes=modes.split(",") if modes else None))


@eval_app.command("forecast")
def eval_forecast(csv: Annotated[Path, typer.Option("--csv")],
                  horizon: Annotated[int, typer.Option("--horizon")] = 6) -> None:
    """예측 평가: rolling-origin 백테스트, 모델별 sMAPE·MASE."""
    try:
        from tools.prediction.evaluate import evaluate_csv
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("tools.prediction"):
            _not_built("예측 평가")
        raise
    _print_json(evaluate_csv(csv, horizon=horizon))


@eval_app.command("sentiment")
def eval_sentiment(tsv: Annotated[Path, typer.Option("--tsv")]) -> None:
    """감성 분석 평가 (NSMC 형식): accuracy, macro-F1."""
    try:
        from tools.calls.sentiment_eval import evaluate_tsv
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("tools.calls"):
            _not_built("통화 분석(감성)")
        raise
    _print_json(evaluate_tsv(tsv))


@eval_app.command("compliance")
def eval_compliance(jsonl: Annotated[Path, typer.Option("--jsonl")],
                    errors: Annotated[bool, typer.Option("--errors", help="틀린 문장도 출력")] = False) -> None:
    """컴플라이언스 점검 평가: recall, precision, false-positive rate, 범주별 수치."""
    from medrep.cli.compliance import eval_compliance as run

    try:
        _print_json(run(jsonl, show_errors=errors))
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2)


@eval_app.command("agent")
def eval_agent(jsonl: Annotated[Path, typer.Option("--jsonl")]) -> None:
    """에이전트 평가: 도구 선택 정확도, 기능별 혼동, 지연시간."""
    try:
        from agent.evaluate import evaluate_jsonl
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("agent"):
            _not_built("에이전트 평가")
        raise
    _print_json(evaluate_jsonl(jsonl))


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
