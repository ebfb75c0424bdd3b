"""Command line: run, chat, ingest, extract, sources, fetch, export, chart."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from govdigest import cli_reports
from govdigest.bot.texts.console import CLI_DESCRIPTION, NO_TOKEN, plain_record
from govdigest.config import Settings
from govdigest.logsetup import setup_logging
from govdigest.storage import DATABASE_ERRORS

if TYPE_CHECKING:
    from govdigest.services import Core

_FATAL_ERRORS: tuple[type[BaseException], ...] = (*DATABASE_ERRORS, OSError)

log = logging.getLogger("govdigest")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="govdigest", description=CLI_DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (long polling); without BOT_TOKEN, the console chat")
    sub.add_parser("chat", help="local console chat with the same handlers (reads stdin)")
    p_ingest = sub.add_parser("ingest", help="ingest files or folders into the database now")
    p_ingest.add_argument("paths", nargs="+")
    p_extract = sub.add_parser("extract", help="extract from post files; no database")
    p_extract.add_argument("paths", nargs="+")
    p_extract.add_argument("--json", action="store_true", help="print the JSON contract")
    p_extract.add_argument("--author", help="channel author, for first-person posts")
    p_sources = sub.add_parser("sources", help="list, add or remove channels and feeds")
    sources_sub = p_sources.add_subparsers(dest="action", required=True)
    sources_sub.add_parser("list", help="every source with its status")
    p_add = sources_sub.add_parser("add", help="add @username, a t.me link or a feed URL")
    p_add.add_argument("source")
    p_add.add_argument("region", nargs="*", help="the source's region, e.g. Челябинская область")
    p_remove = sources_sub.add_parser("remove", help="remove a source (its posts stay)")
    p_remove.add_argument("source")
    p_fetch = sub.add_parser("fetch", help="fetch sources now (all, or those named)")
    p_fetch.add_argument("sources", nargs="*")
    p_search = sub.add_parser("search", help="search every stored post (any word form)")
    p_search.add_argument(
        "query", nargs="+", help="words and filters: регион:… с:ДД.ММ.ГГГГ по:ДД.ММ.ГГГГ"
    )
    p_search.add_argument("--json", action="store_true", help="print the results as JSON")
    p_search.add_argument("--limit", type=int, default=10, help="results shown (10)")
    p_search.add_argument("--offset", type=int, default=0, help="results skipped (0)")
    cli_reports.add_parsers(sub)
    args = parser.parse_args(argv)

    # The token as typed, for redaction even when the settings themselves are invalid.
    secrets = [
        os.environ.get("BOT_TOKEN", ""),
        os.environ.get("WEBHOOK_SECRET", ""),
        _url_password(os.environ.get("DATABASE_URL")),
    ]
    try:
        settings = Settings()
    except ValidationError as exc:
        setup_logging("INFO", secrets=secrets)
        log.critical("%s", config_error(exc))
        return 2
    if settings.bot_token:
        secrets.append(settings.bot_token.get_secret_value())
    if settings.webhook_secret:
        secrets.append(settings.webhook_secret.get_secret_value())
    if settings.database_url:
        secrets.append(_url_password(settings.database_url.get_secret_value()))
    setup_logging(settings.log_level, secrets=secrets)
    try:
        return _run(args, settings)
    except KeyboardInterrupt:
        return 130
    except _FATAL_ERRORS as exc:
        # The usual operator errors (DATABASE_PATH not a database, a read-only folder): one
        # line, through the redacting log handler like everything else.
        log.critical("govdigest stopped: %s: %s", type(exc).__name__, exc)
        return 1
    except Exception:
        # A traceback printed by Python itself would bypass the redaction: aiohttp errors
        # carry request URLs, and the Bot API puts the token in the URL.
        log.critical("govdigest stopped by an unexpected error", exc_info=True)
        return 1


def _url_password(url: str | None) -> str:
    """The password of a database URL (redacted from logs like the token), or ""."""
    try:
        return urlsplit(url or "").password or ""
    except ValueError:
        return ""


def config_error(exc: ValidationError) -> str:
    """Invalid settings as one line per variable, without pydantic's URLs."""
    problems = [
        f"{'.'.join(str(part) for part in error['loc']).upper() or 'settings'}: {error['msg']}"
        for error in exc.errors(include_url=False, include_input=False)
    ]
    return "invalid settings: " + "; ".join(problems)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "extract":
        return _extract(args.paths, as_json=args.json, author=args.author)
    if args.command == "ingest":
        return asyncio.run(_ingest(settings, args.paths))
    if args.command == "sources":
        return asyncio.run(_sources(settings, args))
    if args.command == "fetch":
        return asyncio.run(_fetch(settings, args.sources))
    if args.command == "search":
        from govdigest.search_cli import run_search

        return asyncio.run(
            run_search(
                settings,
                " ".join(args.query),
                as_json=args.json,
                limit=max(1, args.limit),
                offset=max(0, args.offset),
            )
        )
    if args.command == "export":
        return cli_reports.run_export(settings, args)
    if args.command == "chart":
        return cli_reports.run_chart(settings, args)
    if args.command == "run" and settings.bot_token is not None:
        from aiogram.exceptions import TelegramBadRequest, TelegramUnauthorizedError

        from govdigest.bot.runner import TelegramUnreachable, run_bot
        from govdigest.bot.webhook import WebhookNotSet

        try:
            asyncio.run(run_bot(settings))
        except (
            TelegramUnreachable,
            TelegramUnauthorizedError,
            WebhookNotSet,
            TelegramBadRequest,  # setWebhook refused WEBHOOK_URL
        ) as exc:
            log.critical("govdigest stopped: %s", exc)
            return 1
        return 0
    if args.command == "run":
        print(NO_TOKEN, file=sys.stderr, flush=True)
    # One log line per handled update would drown the conversation in the terminal; the
    # answers go to stdout, the log to stderr, and unless LOG_LEVEL asks for more, the console
    # logs only warnings, so that a terminal shows the conversation alone.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    if "log_level" not in settings.model_fields_set:
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    from govdigest.bot.console import run_console

    asyncio.run(run_console(settings))
    return 0


@asynccontextmanager
async def _open_tools(settings: Settings) -> AsyncIterator[Core]:
    """The bot's core without the bot: aiogram alone takes seconds to import, which every
    one-shot command (ingest, sources, fetch) would pay for nothing."""
    from govdigest.services import open_core

    core = await open_core(settings)
    try:
        yield core
    finally:
        await core.close()


async def _add_configured_sources(settings: Settings, tools: Core) -> None:
    """The settings' ``SOURCES`` not in the database yet, added unprobed, as the bot does."""
    from govdigest.services import add_configured_sources

    await add_configured_sources(settings, tools.repos, tools.fetcher)


async def _ingest(settings: Settings, paths: list[str]) -> int:
    async with _open_tools(settings) as tools:
        report = await tools.ingestor.refresh(paths, trigger="cli")
    print(
        f"new: {report.new}, updated: {report.updated}, unchanged: {report.unchanged}, "
        f"rejected: {len(report.rejected)}, extracted: {report.extracted}"
    )
    for bad in report.rejected:
        print(f"rejected {bad.path}: {bad.reason}")
    return 1 if report.rejected else 0


async def _sources(settings: Settings, args: argparse.Namespace) -> int:
    from govdigest.sources.refs import BadSourceRef, parse_source_ref

    async with _open_tools(settings) as tools:
        await _add_configured_sources(settings, tools)
        if args.action == "list":
            for source in await tools.repos.sources.all():
                print(source_row(source))
            return 0
        try:
            ref = parse_source_ref(args.source)
        except BadSourceRef as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if args.action == "remove":
            async with tools.db.transaction():
                removed = await tools.repos.sources.remove(ref.key)
            print(f"removed {ref.label}" if removed else f"no such source: {ref.label}")
            return 0 if removed else 1
        region = " ".join(args.region) or None
        record, created, probe = await tools.fetcher.add(ref, origin="cli", region=region)
        if record is None:
            assert probe is not None
            print(f"refused {ref.label}: {probe.status}: {probe.error}", file=sys.stderr)
            return 1
        print(f"{'added' if created else 'already there'}: {source_row(record)}")
        return 0


def source_row(source: Any) -> str:
    last = source.last_post_at.date().isoformat() if source.last_post_at else "-"
    about = source.region or source.title or ""
    error = f" ({source.last_error})" if source.last_error else ""
    return (
        f"{source.label}\t{source.kind}\t{about}\tlast post {last}\t"
        f"{source.posts_stored} posts\t{source.status}{error}"
    )


async def _fetch(settings: Settings, names: list[str]) -> int:
    from govdigest.sources.refs import BadSourceRef, parse_source_ref

    try:
        keys = [parse_source_ref(name).key for name in names] or None
    except BadSourceRef as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    async with _open_tools(settings) as tools:
        await _add_configured_sources(settings, tools)
        if keys is not None:
            known = {s.key for s in await tools.repos.sources.all()}
            unknown = [k for k in keys if k not in known]
            if unknown:
                print(f"not a source (add it first): {', '.join(unknown)}", file=sys.stderr)
                return 2
        report = await tools.fetcher.fetch_all(keys)
    for result in report.sources:
        line = (
            f"{result.label}: {result.status}, new {result.new}, updated {result.updated}, "
            f"unchanged {result.unchanged}"
        )
        print(line + (f" ({result.error})" if result.error else ""))
        for post in result.new_posts:
            when = post.published.isoformat() if post.published else "-"
            print(f"  new {when} {post.url or post.source_id} {post.title or ''}".rstrip())
    print(
        f"new: {report.new}, updated: {report.updated}, unchanged: {report.unchanged}, "
        f"extracted: {report.extracted}, failed sources: {len(report.problems)}"
    )
    return 1 if report.problems else 0


def _extract(paths: list[str], *, as_json: bool, author: str | None) -> int:
    from govdigest.extraction.pipeline import Extractor, NlpModels
    from govdigest.ingest import post_input
    from govdigest.sources.files import read_paths

    read = read_paths(paths)
    extractor = Extractor(NlpModels.load())
    records: list[dict[str, Any]] = []
    for post in read.posts:
        if author:
            post = replace(post, author=author)
        result = extractor.extract(post_input(post))
        published = post.published.date().isoformat() if post.published else None
        records.append(
            {"source": post.location or post.source_id, "date": published, **result.to_dict()}
        )
    if as_json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for record in records:
            print(plain_record(record))
    for bad in read.rejected:
        print(f"rejected {bad.path}: {bad.reason}", file=sys.stderr)
    return 1 if read.rejected else 0


if __name__ == "__main__":
    raise SystemExit(main())
