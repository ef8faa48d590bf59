"""Process logging: `configure_logging(settings)` sends every record to stderr, as today's text
lines or, with MEDREP_LOG_FORMAT=json, one JSON object a line; `log_context(**fields)` adds
fields (event_id, thread_key, caller — the rep id —, platform) to every record emitted inside
it, from any module. Tokens and secrets are masked before anything is written."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from medrep.kernel.settings import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CONTEXT_FIELDS = ("event_id", "thread_key", "caller", "platform")
MASK = "***"

_CONTEXT: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("medrep_log_context", default=None)
# attributes every LogRecord has: never overwritten by context fields, left out of "extra"
_RECORD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime",
                                                                                   "medrep_context"}
_TOKEN_PATTERNS = (  # Bearer first: "Bearer xoxb-…" becomes "Bearer ***"
    (re.compile(r"\b(Bearer)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE), rf"\1 {MASK}"),
    (re.compile(r"\b(xox[a-z])-[A-Za-z0-9-]+"), rf"\1-{MASK}"),  # Slack bot/user/app tokens
    (re.compile(r"\b(xapp)-[A-Za-z0-9-]+"), rf"\1-{MASK}"),  # Slack app-level tokens (Socket Mode)
)
_SECRET_SETTINGS = ("slack_bot_token", "slack_signing_secret", "slack_app_token", "microsoft_app_password",
                    "openai_api_key", "naver_client_secret", "medrep_link_secret")
_PLAIN = logging.Formatter()


# --- context ---------------------------------------------------------------------------
@contextlib.contextmanager
def log_context(**fields: Any) -> Iterator[dict[str, Any]]:
    """Add `fields` (None values skipped) to every record logged inside the block, in this
    thread or task and in work it starts with a copied context (asyncio, `to_thread`)."""
    reserved = set(fields) & _RECORD_ATTRS
    if reserved:
        raise ValueError(f"log_context cannot set LogRecord attributes: {sorted(reserved)}")
    _install_record_factory()
    merged = {**(_CONTEXT.get() or {}), **{k: v for k, v in fields.items() if v is not None}}
    token = _CONTEXT.set(merged)
    try:
        yield merged
    finally:
        _CONTEXT.reset(token)


def current_context() -> dict[str, Any]:
    return dict(_CONTEXT.get() or {})


_BASE_FACTORY = logging.getLogRecordFactory()
_FACTORY_INSTALLED = False


def _record_with_context(*args: Any, **kwargs: Any) -> logging.LogRecord:
    # fields are copied when the record is made, so a handler in another thread still sees them
    record = _BASE_FACTORY(*args, **kwargs)
    context = _CONTEXT.get()
    record.medrep_context = dict(context) if context else {}
    for key, value in record.medrep_context.items():
        setattr(record, key, value)
    return record


def _install_record_factory() -> None:
    # once per process: re-wrapping a factory that already wraps this one would recurse
    global _BASE_FACTORY, _FACTORY_INSTALLED
    if not _FACTORY_INSTALLED:
        _BASE_FACTORY = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_record_with_context)
        _FACTORY_INSTALLED = True


# --- secrets ---------------------------------------------------------------------------
def mask_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    for pattern, replacement in _TOKEN_PATTERNS:  # first, so a masked token keeps its kind
        text = pattern.sub(replacement, text)
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


class SecretFilter(logging.Filter):
    """Masks Slack tokens (xox?-…, xapp-…), Bearer tokens and the configured secret values in
    the message, the traceback and the stack of every record passing through the handler."""

    def __init__(self, secrets: Iterable[str] = ()):
        super().__init__()
        # only values long enough not to mask ordinary words
        self.secrets = sorted({s for s in secrets if s and len(s) >= 8}, key=len, reverse=True)

    def mask(self, text: str) -> str:
        return mask_secrets(text, self.secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string still gets logged, masked
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = _PLAIN.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and isinstance(value, str):
                setattr(record, key, self.mask(value))
        return True


# --- formats ---------------------------------------------------------------------------
class TextFormatter(logging.Formatter):
    """Today's line; the context fields, when there are any, appended as [key=value …]."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = getattr(record, "medrep_context", None)
        if not context:
            return line
        first, newline, rest = line.partition("\n")  # after the message, before a traceback
        fields = " ".join(f"{k}={v}" for k, v in context.items())
        return f"{first} [{fields}]{newline}{rest}"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ts, level, logger, message, the context fields, any `extra=`
    fields, and exc / stack when present."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "medrep_context", None) or {})
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and key not in entry:
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


# --- set-up ----------------------------------------------------------------------------
def configure_logging(settings: Settings | None = None, *, level: int = logging.INFO, stream: Any = None) -> None:
    """Replace logging.basicConfig in the CLI entry points. Idempotent: a second call
    replaces the handler the first one installed (handlers of others are kept)."""
    if settings is None:
        from medrep.kernel.settings import get_settings

        settings = get_settings()
    _install_record_factory()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name("medrep")
    handler.setFormatter(JsonFormatter() if settings.medrep_log_format == "json" else TextFormatter())
    handler.addFilter(SecretFilter(str(getattr(settings, name) or "") for name in _SECRET_SETTINGS))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "medrep"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
