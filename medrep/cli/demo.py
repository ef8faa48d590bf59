"""`medrep demo`: migrate, load the demo world (data.demo), prepare every capability (tools
registry hooks), ask sample questions to the agent."""

from __future__ import annotations

import time

import typer

from data.db import open_app
from data.demo.generator import clear_world, generate_world, load_manifest, world_exists

SAMPLE_QUESTIONS = (
    ("김민준", "이번 달 제품별 실적 보여줘"),
    ("김민준", "지난 분기 달성률 차트로 보여줘"),
    ("김민준", "이번 주에 어디부터 방문하면 좋을까?"),
    ("이서연", "우리 팀 이번 분기 목표 달성 예상은?"),
    ("김민준", "제품설명회 식음료 제공 한도가 얼마야?"),
)


def run_demo(scale: int = 1, ask_questions: bool = True, prepare: bool = True) -> None:
    started = time.perf_counter()
    app = open_app()
    typer.echo(f"MEDREP_HOME: {app.settings.home.resolve()}")
    typer.echo(f"데이터베이스: {app.engine.url.render_as_string(hide_password=True)} (마이그레이션 완료)")

    manifest = load_manifest(app)
    if world_exists(app) and manifest is not None and manifest.scale == scale:
        typer.echo(f"데모 월드가 이미 있습니다 (seed {manifest.seed}, scale {scale}) — 다시 만들지 않습니다.")
    else:
        if world_exists(app):
            typer.echo("기존 데모 월드를 지우고 새 scale로 다시 만듭니다…")
            clear_world(app)
        manifest = generate_world(app, scale=scale)
        typer.echo(f"데모 월드 생성 완료 ({manifest.seconds:.1f}s, 기준일 {manifest.today}):")
    for table, count in manifest.counts.items():
        typer.echo(f"  {table:<18} {count:>10,}")
    typer.echo(f"  심어 둔 이상치 {len(manifest.anomalies)}건, 신규 처방처 {len(manifest.new_accounts)}곳, "
               f"이탈 거래처 {len(manifest.churned_accounts)}곳, 약가 인하 {manifest.price_cut.get('product_code')}")

    if prepare:
        from tools.registry import run_hooks

        for capability, summary in run_hooks(app, "prepare"):
            typer.echo(f"[{capability}] {summary}")
    else:
        typer.echo(f"인덱스·모델 준비를 건너뜁니다(--no-prepare). 나중에 `medrep demo --scale {scale}`을 다시 실행하면 "
                   "월드는 그대로 두고 준비만 합니다.")

    if ask_questions:
        _ask_samples(app)
    typer.echo(f"\n완료: {time.perf_counter() - started:.1f}s")
    typer.echo(
        "\n다음 단계:\n"
        "  medrep ask --as 김민준 \"지난달 거래처 유형별 실적\"   # 콘솔에서 질문\n"
        "  medrep users                                        # 데모 사용자와 Slack/Teams ID\n"
        "  Slack 연결: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET 설정 후 `medrep serve`, "
        "앱 매니페스트는 bot/slack/manifest.yml (README 'Slack 연결' 참고)"
    )


def _ask_samples(app) -> None:
    try:
        from agent.runtime import get_runtime
    except ModuleNotFoundError:
        typer.echo("\n(에이전트가 아직 설치되지 않아 샘플 질문을 건너뜁니다.)")
        return
    from agent.types import Turn
    from data.identity import resolve_caller

    runtime = get_runtime(app)
    typer.echo("\n샘플 질문:")
    for name, question in SAMPLE_QUESTIONS:
        with app.session() as session:
            caller = resolve_caller(session, name)
        if caller is None:
            continue
        reply = runtime.answer(Turn(caller=caller, thread_key=f"cli:demo:{name}", text=question))
        typer.echo(f"\n── {name}: {question}")
        typer.echo(reply.text)
        for file in reply.files:
            typer.echo(f"   📎 {file.title}: {file.path}")
        if reply.tool_calls:
            typer.echo("   (도구: " + ", ".join(call.name for call in reply.tool_calls) + f", {reply.latency_ms} ms)")
