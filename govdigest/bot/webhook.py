"""Webhook mode: Telegram POSTs each update to WEBHOOK_URL; a reverse proxy that terminates
TLS forwards it to the aiohttp server on WEBHOOK_LISTEN, served by aiogram's
``SimpleRequestHandler``.

* Every request must carry WEBHOOK_SECRET in ``X-Telegram-Bot-Api-Secret-Token`` (Telegram
  sends the ``secret_token`` given to ``setWebhook``); without it, or with another value, the
  answer is 401 and the update is not looked at.
* An update is answered only once it has been handled (``handle_in_background=False``): if the
  process dies meanwhile, Telegram delivers it again instead of it being lost.
* ``GET /healthz`` asks the database a trivial question: 200 with a small JSON when it
  answers, 503 otherwise, for the load balancer and the monitoring.
* A clean stop (SIGTERM, SIGINT) stops listening, lets the updates in flight finish (up to
  ``SHUTDOWN_GRACE`` seconds), and only then runs the dispatcher's shutdown (scheduler,
  digest run, ingestion, database). aiohttp's ``on_shutdown`` signal comes before the wait
  for requests in flight, so neither the dispatcher nor the bot session hangs on it.
* ``setWebhook`` at start with ``drop_pending_updates=False``: updates that arrived while no
  instance was up are still delivered. The webhook is not deleted at stop: with several
  instances behind one URL the others are still serving it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramServerError
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from govdigest.bot.app import Services
from govdigest.config import Settings

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 30.0  # seconds the updates in flight get at a clean stop
HEALTH_TIMEOUT = 3.0  # seconds the database gets to answer /healthz
HEALTH_PATH = "/healthz"
SET_WEBHOOK_FIRST_PAUSE = 1.0
SET_WEBHOOK_MAX_PAUSE = 60.0
SET_WEBHOOK_PATIENCE = 600.0

SERVICES_KEY = web.AppKey("services", Services)


class WebhookNotSet(RuntimeError):
    """setWebhook kept failing with network or server errors."""


def webhook_path(settings: Settings) -> str:
    """The local route: the path of WEBHOOK_URL (the proxy forwards the path unchanged)."""
    assert settings.webhook_url is not None
    return urlsplit(settings.webhook_url).path or "/"


async def healthz(request: web.Request) -> web.Response:
    services = request.app[SERVICES_KEY]
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT):
            instances = await services.repos.coordination.ping()
    except Exception as exc:
        # The type only: a database error's text may quote a path, never a secret, but the
        # probe runs every few seconds and one line per failure is enough.
        log.warning("health check failed: database %s", type(exc).__name__)
        return web.json_response({"status": "unavailable", "database": "error"}, status=503)
    body: dict[str, Any] = {"status": "ok", "database": "ok", "instances": instances}
    if services.instance is not None:
        body["instance"] = services.instance.id
    return web.json_response(body)


def build_webhook_app(dp: Dispatcher, bot: Bot, services: Services) -> web.Application:
    """The aiohttp application: the webhook route (secret checked) and /healthz."""
    settings = services.settings
    assert settings.webhook_secret is not None  # Settings insists on it with WEBHOOK_URL
    app = web.Application()
    app[SERVICES_KEY] = services
    handler = SimpleRequestHandler(
        dispatcher=dp,
        bot=bot,
        handle_in_background=False,
        secret_token=settings.webhook_secret.get_secret_value(),
    )
    # Not ``handler.register``: it closes the bot session in ``on_shutdown``, before the
    # updates in flight have finished (see the module docstring). ``run_webhook`` closes it.
    app.router.add_post(webhook_path(settings), handler.handle)
    app.router.add_get(HEALTH_PATH, healthz)
    return app


async def set_webhook(
    bot: Bot,
    dp: Dispatcher,
    settings: Settings,
    *,
    first_pause: float = SET_WEBHOOK_FIRST_PAUSE,
    patience: float = SET_WEBHOOK_PATIENCE,
) -> None:
    """Point Telegram at WEBHOOK_URL; network and server errors are retried with doubling
    pauses, a refusal (a 400 for the URL) is final: the process cannot work without it."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    pause = first_pause
    while True:
        try:
            await bot.set_webhook(
                url=settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                drop_pending_updates=False,
                allowed_updates=dp.resolve_used_update_types(),
            )
        except (TelegramNetworkError, TelegramServerError) as exc:
            if loop.time() + pause > deadline:
                raise WebhookNotSet(f"setWebhook failed for {patience:.0f} s: {exc}") from exc
            log.warning("setWebhook failed: %s; retrying in %.0f s", exc, pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, SET_WEBHOOK_MAX_PAUSE)
            continue
        log.info("webhook set: Telegram posts updates to %s", settings.webhook_url)
        return


async def run_webhook(
    dp: Dispatcher, bot: Bot, services: Services, *, stop: asyncio.Event | None = None
) -> None:
    """Serve until SIGTERM/SIGINT (or ``stop`` is set), then stop cleanly."""
    settings = services.settings
    host, port = settings.webhook_address
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    app = build_webhook_app(dp, bot, services)
    runner = web.AppRunner(
        app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_GRACE
    )
    await runner.setup()
    started = False
    try:
        await dp.emit_startup(bot=bot, **dp.workflow_data)
        started = True
        site = web.TCPSite(runner, host, port)
        await site.start()
        log.info("webhook server listening on %s:%d", host, port)
        await set_webhook(bot, dp, settings)
        await stop.wait()
        log.info("stopping: finishing the updates in flight")
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        try:
            # Stops listening, then waits for the requests in flight (SHUTDOWN_GRACE).
            await runner.cleanup()
        finally:
            try:
                if started:
                    await dp.emit_shutdown(bot=bot, **dp.workflow_data)
                else:
                    await services.close()
            finally:
                with suppress(Exception):
                    await bot.session.close()
