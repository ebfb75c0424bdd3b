"""Logging set-up: one line per record, and the bot token redacted wherever it appears."""

from __future__ import annotations

import logging
import sys


class RedactFilter(logging.Filter):
    """Replace secrets in the final message and in tracebacks: aiohttp errors carry request
    URLs, and the Bot API puts the token in the URL path."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse a record's cached exc_text: cache the redacted one.
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def setup_logging(level: str, *, secrets: list[str] | None = None) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S")
    )
    handler.addFilter(RedactFilter(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # APScheduler logs every run at INFO; once a minute is noise.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
    # govdigest.updates logs one structured line per update; aiogram's own line repeats it.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    # aiosqlite logs every statement with its parameters at DEBUG: whole posts, user ids.
    # Logs carry at most 80 characters of a message, whatever LOG_LEVEL says.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
