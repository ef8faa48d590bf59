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


CHECK_TIMEOUT_S = 5.0


def _check_chat_model(settings: Settings, timeout_s: float = CHECK_TIMEOUT_S) -> tuple[str, str, str]:
    """With OPENAI_API_KEY: `GET {base}/models` on the OpenAI-compatible endpoint, and is the
    configured model listed? Without: the embedded offline router (nothing to reach)."""
    if not settings.llm_enabled:
        return ("chat model", "offline-router (내장 의도 분류기 + 슬롯 채우기)",
                "OK (OPENAI_API_KEY 미설정: 오프라인 라우터 사용)")
    import httpx

    base = (settings.openai_base_url or "https://api.openai.com/v1").rstrip("/")
    model = settings.medrep_llm_model
    backend = f"openai:{model} @ {base}"
    try:
        resp = httpx.get(f"{base}/models", headers={"Authorization": f"Bearer {settings.openai_api_key}"},
                         timeout=timeout_s)
    except httpx.TimeoutException:
        return ("chat model", backend, f"실패: 응답 없음({timeout_s:g}초 초과) — OPENAI_BASE_URL 확인")
    except httpx.HTTPError as exc:
        return ("chat model", backend, f"실패: 연결할 수 없음 ({type(exc).__name__}) — OPENAI_BASE_URL 확인")
    if resp.status_code in (401, 403):
        return ("chat model", backend, f"실패: 인증 오류(HTTP {resp.status_code}) — OPENAI_API_KEY 확인")
    if resp.status_code != 200:
        return ("chat model", backend, f"실패: 모델 목록 요청이 HTTP {resp.status_code}로 실패")
    try:
        ids = [str(item.get("id")) for item in resp.json().get("data", []) if isinstance(item, dict)]
    except (ValueError, AttributeError):
        return ("chat model", backend, "실패: 모델 목록 응답을 해석할 수 없음 (OpenAI 호환 서버인지 확인)")
    if model in ids:
        return ("chat model", backend, f"OK (모델 {model} 확인, 모델 {len(ids)}개)")
    listed = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "") if ids else "없음"
    return ("chat model", backend, f"실패: 모델 '{model}'이(가) 서버에 없음 (사용 가능: {listed}) — MEDREP_LLM_MODEL 확인")


def _check_mlflow(settings: Settings, timeout_s: float = CHECK_TIMEOUT_S) -> tuple[str, str, str]:
    """Open the tracking store and list one experiment (bounded in time for a server URI)."""
    import os
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout

    uri = settings.mlflow_uri
    if uri.startswith("sqlite:///"):
        path = uri.removeprefix("sqlite:///")
        if not os.path.exists(path):
            return ("mlflow", uri, "아직 없음 — 첫 `medrep demo`/`medrep train`에서 생성")
    remote = uri.startswith(("http://", "https://"))
    overrides = {"MLFLOW_HTTP_REQUEST_TIMEOUT": str(max(1, int(timeout_s))), "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0"}
    saved = {key: os.environ.get(key) for key in overrides}

    def probe() -> int:
        from mlflow import MlflowClient

        return len(MlflowClient(tracking_uri=uri).search_experiments(max_results=1))

    if remote:
        os.environ.update(overrides)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="doctor-mlflow")
    try:
        pool.submit(probe).result(timeout=timeout_s + 2 if remote else None)
        return ("mlflow", uri, "OK (추적 저장소 열림)")
    except FutureTimeout:
        return ("mlflow", uri, f"실패: 응답 없음({timeout_s:g}초 초과)")
    except Exception as exc:  # noqa: BLE001 — any store error (MLflow, SQLAlchemy, HTTP) is the finding
        message = " ".join(str(exc).split())
        if remote and ("Connection" in message or "failed with exception" in message):
            return ("mlflow", uri, f"실패: 추적 서버에 연결할 수 없음 ({type(exc).__name__}) — MLFLOW_TRACKING_URI 확인")
        return ("mlflow", uri, f"실패: {type(exc).__name__}: {message[:120]}")
    finally:
        pool.shutdown(wait=False)
        if remote:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _config_rows(settings: Settings) -> list[tuple[str, str, str]]:
    def state(value: object) -> str:
        return "설정됨" if value else "미설정"

    return [
        ("MEDREP_HOME", str(settings.home.resolve()), "OK" if settings.home.exists() else "없음 (medrep demo가 생성)"),
        _check_chat_model(settings),
        _check_mlflow(settings),
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
        from tools.registry import PLANNED, capabilities, doctor_rows

        app = open_app(settings, migrate=False)
        for cap in capabilities():
            rows.append((f"tool:{cap.package}", "/".join(cap.prefixes), f"설치됨 (도구 {len(cap.tools)}개)"))
        for planned in PLANNED:
            rows.append((f"tool:{planned.label}", "/".join(planned.prefixes), "미설치(준비 중)"))
        rows.extend(doctor_rows(app))
    except Exception as exc:
        rows.append(("capabilities", "?", f"확인 실패: {exc}"))
    width = max(len(r[0]) for r in rows)
    for component, backend, status in rows:
        typer.echo(f"{component:<{width}}  {backend:<48}  {status}")
    return 1 if rows[0][2].startswith("실패") else 0
