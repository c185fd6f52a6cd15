"""Configuration from the environment (and an optional `.env` file)."""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from models.event_rules import parse_offsets
from models.project import parse_ask_days

# What @BotFather hands out: a numeric bot id, a colon, then at least 30 url-safe characters.
TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,}$")
LOCALES = ("en", "cy")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr
    database_url: str = "sqlite+aiosqlite:///./pbchat.db"
    redis_url: str | None = None
    telegram_api_url: str | None = None
    organiser_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "Europe/London"
    default_locale: str = "en"
    send_rate: float = Field(default=25.0, gt=0, description="messages per second, all chats")
    # A row left "sending" this long by a process that died is marked uncertain, not resent.
    stale_after_seconds: float = Field(default=60.0, gt=0)
    # Per person: taps or messages a second, and how many may come at once before slowing.
    throttle_rate: float = Field(default=3.0, gt=0)
    throttle_burst: float = Field(default=8.0, ge=1)
    # Event reminders before the start, e.g. "24h,2h" (d/h/m/s; seconds are for tests).
    reminder_offsets: str = "24h,2h"
    # Funded groups are asked for an update this many days after results (the last ask is
    # "is it finished?"), e.g. "30,90,180" (models/project.py).
    project_update_days: str = "30,90,180"
    # Tests only: a file holding seconds to add to the bot's clock, read on every look at
    # the time, so an end-to-end test moves time forward instead of waiting (bot/clock.py).
    test_clock_file: str | None = None
    # Webhook mode (instead of long polling) when WEBHOOK_URL is set.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8080, ge=1, le=65535)
    # How many updates Telegram keeps in flight to the webhook at once (its range is 1-100).
    # Each is answered when handled, so this is the bot's queue depth, shared by the processes.
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    # Key of the hashes that stand for a voter on the roll and, while voting is open, on their
    # ballot (models/ballot/box.py, docs/privacy.md). Unset: derived from BOT_TOKEN, so it is as
    # secret as the token; set it before voting if the token may be rotated mid-vote (a new
    # key would let people vote again). Keep it out of the database and its backups.
    ballot_secret: SecretStr | None = None
    # Days after a round closes (results out) before what ties people to it is erased.
    retention_days: int = Field(default=365, ge=1, le=3650)
    # PostgreSQL connections each process keeps open (`pool_size`; ten more in a burst).
    db_pool_size: int | None = Field(default=None, ge=1, le=200)
    log_level: str = "INFO"
    # Hours after someone begins a ballot in the chat before one reminder to confirm it
    # (bot/jobs/vote_notices.py), if they still have not.
    ballot_reminder_hours: float = Field(default=3.0, gt=0, le=168)

    @property
    def pool_size(self) -> int:
        """DB_POOL_SIZE, or by default one connection per update that can be in flight: with
        a webhook all of Telegram's `WEBHOOK_MAX_CONNECTIONS` may reach one process, plus
        five for the delivery worker, monitors and health checks. A smaller pool opened and
        closed a connection for each update past it, at the busiest moments (TLS attempt,
        authentication and statement preparation each time: most of the load benchmark's
        p99)."""
        if self.db_pool_size is not None:
            return self.db_pool_size
        return self.webhook_max_connections + 5 if self.webhook_url else 20

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.match(value.get_secret_value()):
            raise ValueError("does not look like a token from @BotFather (123456:ABC...)")
        return value

    @field_validator("organiser_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in re.split(r"[,\s]+", value) if part)
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f"must be one of {', '.join(LOCALES)}")
        return value

    @field_validator("reminder_offsets")
    @classmethod
    def _offsets(cls, value: str) -> str:
        parse_offsets(value)
        return value

    @field_validator("project_update_days")
    @classmethod
    def _update_days(cls, value: str) -> str:
        parse_ask_days(value)
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.webhook_url:
            if not self.webhook_url.startswith("https://"):
                raise ValueError("WEBHOOK_URL must start with https:// (Telegram requires it)")
            secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
            if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
                raise ValueError(
                    "WEBHOOK_SECRET is required with WEBHOOK_URL: 16-256 of A-Z a-z 0-9 _ -"
                )
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def ballot_key(self) -> bytes:
        if self.ballot_secret is not None:
            return self.ballot_secret.get_secret_value().encode()
        token = self.bot_token.get_secret_value().encode()
        return hmac.new(token, b"pbchat ballot key", hashlib.sha256).digest()

    @property
    def project_ask_days(self) -> tuple[int, ...]:
        return parse_ask_days(self.project_update_days)

    @property
    def reminder_offset_seconds(self) -> tuple[int, ...]:
        return parse_offsets(self.reminder_offsets)


def describe_error(exc: ValidationError) -> str:
    """One line per bad variable, naming it the way the user sets it."""
    lines = []
    for error in exc.errors():
        reason = "is required" if error["type"] == "missing" else error["msg"]
        reason = reason.replace("Value error, ", "")
        lines.append(f"{str(error['loc'][0]).upper()} {reason}" if error["loc"] else reason)
    return "; ".join(lines)
