"""Typed settings, read once from the environment and `.env` (names from DESIGN.md)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # storage
    # default: SQLite `medrep.db` under MEDREP_HOME (set after loading, so a second home never
    # shares the first one's database)
    database_url: str = ""
    redis_url: str | None = None
    medrep_home: Path = Path("./var")
    mlflow_tracking_uri: str | None = None  # default: SQLite store under MEDREP_HOME

    # Slack
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"

    # Microsoft Teams
    microsoft_app_id: str | None = None
    microsoft_app_password: str | None = None
    microsoft_app_tenant_id: str | None = None
    # MultiTenant (default) or SingleTenant (uses MICROSOFT_APP_TENANT_ID for the token)
    microsoft_app_type: str = "MultiTenant"
    # Bot Framework endpoints (configurable so tests point them at loopback fakes)
    microsoft_openid_url: str = "https://login.botframework.com/v1/.well-known/openidconfiguration"
    microsoft_login_url: str = "https://login.microsoftonline.com"
    microsoft_token_issuer: str = "https://api.botframework.com"
    microsoft_oauth_scope: str = "https://api.botframework.com"
    # public base URL of `medrep serve` (signed download links in Teams cards); default http://localhost:PORT
    medrep_public_url: str | None = None
    # HMAC key of download links; default: a random key kept under MEDREP_HOME
    medrep_link_secret: str | None = None
    medrep_link_ttl_s: int = Field(default=24 * 3600, ge=1)
    # hosts Teams file downloads may come from (comma-separated; `*.` = any subdomain); https only,
    # plain http only for a loopback host listed here (tests)
    medrep_teams_file_hosts: str = ("*.sharepoint.com,*.sharepoint.de,*.sharepoint.cn,*.sharepoint.us,"
                                    "*.sharepoint-mil.us,*.onedrive.com,*.1drv.com")

    # Naver news
    naver_client_id: str | None = None
    naver_client_secret: str | None = None
    naver_api_url: str = "https://openapi.naver.com"

    # models
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    medrep_llm_model: str = "gpt-4o-mini"
    medrep_embedding_model: str | None = None
    medrep_reranker_model: str | None = None
    medrep_whisper_model: str | None = None
    # an OpenAI-compatible transcription model at OPENAI_BASE_URL (e.g. whisper-1); used when
    # MEDREP_WHISPER_MODEL is not set
    medrep_transcribe_model: str | None = None
    medrep_transcribe_timeout_s: int = Field(default=600, ge=1)
    # longer recordings are refused before transcription (the file is kept)
    medrep_max_call_minutes: int = Field(default=120, ge=1)

    # runtime
    medrep_timezone: str = "Asia/Seoul"
    # log lines on stderr: "text" (time level logger: message) or "json" (one object a line,
    # with event_id, thread_key, caller, platform; medrep/kernel/logs.py)
    medrep_log_format: Literal["text", "json"] = "text"
    port: int = 3000
    medrep_max_upload_mb: int = Field(default=50, ge=1)
    # HTTP edge (bot/limits.py): largest request body, refused before it is buffered
    medrep_max_slack_body_kb: int = Field(default=1024, ge=1)
    medrep_max_teams_body_kb: int = Field(default=1024, ge=1)
    # uploads (tools/intake/limits.py): zip containers (.docx, .xlsx) unpacked size and ratio,
    # extracted text and chunks per document added to search
    medrep_max_unpacked_mb: int = Field(default=50, ge=1)
    medrep_max_zip_ratio: int = Field(default=100, ge=2)
    medrep_max_document_chars: int = Field(default=2_000_000, ge=1)
    medrep_max_document_chunks: int = Field(default=3_000, ge=1)
    # how long an upload's turn waits for its document to be searchable before going on
    # ("색인 중"; the thread is told when it is done: tools/intake/ingestion.py). The turn runs
    # after the ack and outside any write transaction, so waiting holds up nobody else; a
    # question asked with the file is answered from it when indexing ends in time (the first
    # upload of a process loads the embedding model: tens of seconds on 2 cores)
    medrep_ingest_wait_s: float = Field(default=120.0, ge=0)
    # durable delivery (bot/outbox.py): an event's claim lasts this long unless its process
    # renews it (a killed replica's events are taken over after it), sweep period, attempts
    # before the user is told the answer could not be delivered, and per-user events a minute
    medrep_event_lease_s: int = Field(default=60, ge=2)
    medrep_delivery_sweep_s: float = Field(default=5.0, gt=0)
    medrep_delivery_attempts: int = Field(default=6, ge=1)
    medrep_user_events_per_minute: int = Field(default=12, ge=1)
    # Slack Web API: one call's timeout (a hung call is retried, then the delivery is rescheduled)
    medrep_slack_timeout_s: int = Field(default=10, ge=1)
    # churn list: accounts below this 3-month churn probability are not listed as at risk
    medrep_churn_min_risk: float = Field(default=0.10, ge=0.0, le=1.0)
    # "today" for the demo world and tests; empty means the real date.
    medrep_today: str | None = None

    # compliance limits (KRW; 약사법 시행규칙 별표2 / 공정경쟁규약, as publicly reported — confirm
    # with the CP team; tools/documents/compliance reads them, never hard-coded)
    medrep_briefing_meal_limit_krw: int = Field(default=100_000, ge=0)  # 복수 기관 설명회 식음료, 1인 1회
    medrep_briefing_souvenir_limit_krw: int = Field(default=50_000, ge=0)  # 복수 기관 설명회 기념품
    medrep_account_briefing_food_limit_krw: int = Field(default=100_000, ge=0)  # 개별 기관 설명회 식음료, 1일
    medrep_promo_item_limit_krw: int = Field(default=10_000, ge=0)  # 회사명 표기 판촉물
    medrep_conference_meal_limit_krw: int = Field(default=50_000, ge=0)  # 학회 지원 식사 1회
    medrep_lecture_fee_hour_limit_krw: int = Field(default=500_000, ge=0)
    medrep_lecture_fee_day_limit_krw: int = Field(default=1_000_000, ge=0)
    medrep_advisory_fee_limit_krw: int = Field(default=500_000, ge=0)
    medrep_pms_case_fee_limit_krw: int = Field(default=50_000, ge=0)
    medrep_compliance_classifier: bool = True  # the trained classifier on top of the rules
    medrep_compliance_classifier_threshold: float = Field(default=0.7, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _default_database_under_home(self) -> "Settings":
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.medrep_home.expanduser() / 'medrep.db').resolve()}"
        return self

    @property
    def home(self) -> Path:
        return self.medrep_home.expanduser()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgresql", "postgres"))

    @property
    def mlflow_uri(self) -> str:
        if self.mlflow_tracking_uri:
            return self.mlflow_tracking_uri
        return f"sqlite:///{(self.home / 'mlflow.db').resolve()}"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key)

    def path(self, *parts: str) -> Path:
        """A path under MEDREP_HOME, parent directories created."""
        target = self.home.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
