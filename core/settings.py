"""Every setting, from the environment or a `.env` file: one pydantic-settings class."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.logs import LogFormat
from core.ratelimit import RateLimit, parse_rate


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    data_dir: Path = Path("data")
    database_url: str = ""
    org_config: Path = Path("config/loten.yaml")
    secret_key: str = ""
    model_path: Path | None = None
    log_level: str = "INFO"
    log_format: LogFormat = "text"
    token_ttl_hours: int = Field(12, ge=1)
    run_worker: bool = True
    request_threads: int | None = Field(None, ge=1, le=1000)  # see resolved_request_threads
    # `serve`'s processes (`--workers`); more than one needs PostgreSQL. The name other servers read it by.
    web_concurrency: int = Field(1, ge=1, le=64)
    withdraw_minutes: int = Field(10, ge=0)
    # Per person, on every channel; "off" for load tests. See core/ratelimit.py.
    submit_rate_limit: str = "10/minute"
    # Larger requests are refused with 413 before they are read: the largest idea is some 60 kB as JSON.
    max_request_bytes: int = Field(262_144, ge=16_384)
    outbox_give_up_hours: float = Field(48.0, gt=0)
    # GET /metrics answers only with this as its bearer token; empty: no /metrics at all.
    metrics_token: str = ""

    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = "https://slack.com/api/"
    slack_team_id: str = ""

    teams_app_id: str = ""
    teams_app_password: str = ""
    teams_tenant_id: str = ""
    teams_certificate_path: str = ""
    teams_allow_anonymous: bool = False
    # Where posts to a Teams channel go (the triage channel): no user turn gives a regional serviceUrl there.
    teams_service_url: str = "https://smba.trafficmanager.net/teams/"
    teams_app_name: str = "Forslagskassa"
    teams_accent_color: str = Field("#1F6F5C", pattern=r"^#[0-9A-Fa-f]{6}$")
    graph_api_url: str = "https://graph.microsoft.com/v1.0"
    graph_client_id: str = ""
    graph_client_secret: str = ""
    graph_certificate_path: str = ""
    graph_timeout_seconds: float = Field(3.0, gt=0)
    # The app's id in the organisation's Teams app catalog. With Graph on, the bot installs itself for a commissioner
    # it cannot reach yet (bot/teams/README.md); empty leaves that to an app setup policy.
    teams_catalog_app_id: str = ""

    dev_login: bool = False
    public_url: str = ""
    oidc_tenant_id: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_authority_url: str = "https://login.microsoftonline.com"

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("submit_rate_limit")
    @classmethod
    def _known_rate(cls, value: str) -> str:
        parse_rate(value)  # its ValueError names the accepted forms
        return value

    @property
    def submit_limit(self) -> RateLimit | None:
        return parse_rate(self.submit_rate_limit)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'forslagskassa.db'}"

    @property
    def resolved_request_threads(self) -> int:
        """Threads for blocking request work (database, classifier). Nearly all of it is CPU under one GIL, and
        every extra thread costs CPU in handing the GIL back and forth: at 50 concurrent submissions one thread
        used ~25% less CPU per idea than two, and 40 (anyio's default) added seconds of tail (bench/load.py). One
        on SQLite, which runs one transaction at a time anyway; two on PostgreSQL, so a long report does not hold
        up everyone's submissions. Waiting on the network (Entra ID logins) has threads of its own."""
        if self.request_threads is not None:
            return self.request_threads
        return 1 if self.resolved_database_url.startswith("sqlite") else 2

    @property
    def resolved_model_path(self) -> Path:
        return self.model_path or self.data_dir / "models" / f"{self.org_config.stem}.skops"

    def resolved_secret_key(self) -> str:
        """SECRET_KEY, or one generated once into the data directory so tokens survive restarts."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
