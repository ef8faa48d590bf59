"""Typed settings, read once from the environment and `.env` (names from DESIGN.md)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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

    # runtime
    medrep_timezone: str = "Asia/Seoul"
    port: int = 3000
    medrep_max_upload_mb: int = Field(default=50, ge=1)
    # "today" for the demo world and tests; empty means the real date.
    medrep_today: str | None = None

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
