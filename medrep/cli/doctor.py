"""`medrep doctor`: configuration, connectivity and model backends in one table."""

from __future__ import annotations

import typer
from sqlalchemy import text

from medrep.kernel.settings import Settings, get_settings


def _check_database(settings: Settings) -> tuple[str, str, str]:
    from data.db import current_revisions, make_engine

    try:
        engine = make_engine(settings.database_url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        revisions = ",".join(sorted(current_revisions(engine))) or "마이그레이션 전"
        engine.dispose()
        return ("database", engine.url.render_as_string(hide_password=True), f"OK ({revisions})")
    except Exception as exc:
        return ("database", settings.database_url, f"실패: {exc.__class__.__name__}: {str(exc)[:80]}")


def _check_redis(settings: Settings) -> tuple[str, str, str]:
    if not settings.redis_url:
        return ("redis", "미설정", "선택 사항 (이벤트 중복 제거·작업 큐는 DB/프로세스 내에서 처리)")
    import redis

    try:
        redis.Redis.from_url(settings.redis_url, socket_timeout=2).ping()
        return ("redis", settings.redis_url, "OK")
    except Exception as exc:
        return ("redis", settings.redis_url, f"실패: {exc}")


def _config_rows(settings: Settings) -> list[tuple[str, str, str]]:
    def state(value: object) -> str:
        return "설정됨" if value else "미설정"

    llm = (f"openai:{settings.medrep_llm_model}" + (f" @ {settings.openai_base_url}" if settings.openai_base_url else "")
           if settings.llm_enabled else "offline-router (내장 의도 분류기 + 슬롯 채우기)")
    return [
        ("MEDREP_HOME", str(settings.home.resolve()), "OK" if settings.home.exists() else "없음 (medrep demo가 생성)"),
        ("chat model", llm, "OK"),
        ("mlflow", settings.mlflow_uri, "OK"),
        ("slack", settings.slack_api_url,
         f"bot token {state(settings.slack_bot_token)}, signing secret {state(settings.slack_signing_secret)}, "
         f"socket mode {state(settings.slack_app_token)}"),
        ("teams", "botbuilder", f"app id {state(settings.microsoft_app_id)}"),
        ("naver news", settings.naver_api_url, f"client id {state(settings.naver_client_id)}"),
        ("transcription", settings.medrep_whisper_model or "없음",
         "faster-whisper" if settings.medrep_whisper_model else "음성 모델 미설정: 녹취록(.txt/.vtt/.srt)만 분석"),
        ("timezone", settings.medrep_timezone, "OK"),
    ]


def run_doctor() -> int:
    settings = get_settings()
    rows = [_check_database(settings), _check_redis(settings), *_config_rows(settings)]
    try:
        from medrep.kernel.context import open_app
        from tools.registry import doctor_rows, installed_capabilities

        app = open_app(settings, migrate=False)
        installed = {cap.package for cap in installed_capabilities()}
        from tools.registry import CAPABILITIES

        for cap in CAPABILITIES:
            rows.append((f"tool:{cap.package}", "/".join(cap.prefixes), "설치됨" if cap.package in installed else "미설치"))
        rows.extend(doctor_rows(app))
    except Exception as exc:
        rows.append(("capabilities", "?", f"확인 실패: {exc}"))
    width = max(len(r[0]) for r in rows)
    for component, backend, status in rows:
        typer.echo(f"{component:<{width}}  {backend:<48}  {status}")
    return 1 if rows[0][2].startswith("실패") else 0
