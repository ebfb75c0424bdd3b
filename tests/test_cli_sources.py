"""``govdigest sources list|add|remove`` and ``govdigest fetch`` as a user runs them (a
subprocess), against a local web-preview server."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import SEEDS_DIR, SETTING_ENV_NAMES
from tests.fakes.fake_channels import OZERSK_MISSION, FakeChannelSite

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

SCRIPT = Path(sys.executable).parent / "govdigest"


async def govdigest(tmp_path: Path, site: FakeChannelSite, *args: str) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_ENV_NAMES}
    env.update(
        DATABASE_PATH=str(tmp_path / "cli.sqlite3"),
        SEEDS_DIR=str(SEEDS_DIR),
        TELEGRAM_PREVIEW_BASE=site.base_url,
        NO_PROXY="127.0.0.1",
    )
    process = await asyncio.create_subprocess_exec(
        str(SCRIPT),
        *args,
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_sources_add_list_fetch_remove(
    tmp_path: Path, channel_site: FakeChannelSite
) -> None:
    channel_site.add_channel("ozersk_gov", "Губернатор Озёрской области", chat_id=-1001720000001)
    channel_site.add_channel("lesnoy_glava", "Глава Лесного района", chat_id=-1003, hidden=True)
    channel_site.post(
        "ozersk_gov",
        "Итоги недели\nТри приёма граждан.",
        published=datetime(2026, 11, 2, tzinfo=UTC),
    )

    code, out, err = await govdigest(tmp_path, channel_site, "sources", "add", "t.me/lesnoy_glava")
    assert code == 1 and "hidden" in err, (out, err)

    code, out, err = await govdigest(tmp_path, channel_site, "sources", "add", "@ozersk_gov")
    assert code == 0 and out.startswith("added: @ozersk_gov"), (out, err)
    assert "Озёрской области" in out

    code, out, err = await govdigest(tmp_path, channel_site, "fetch")
    assert code == 0, (out, err)
    assert "@ozersk_gov: ok, new 1" in out
    assert "new 2026-11-02T00:00:00+00:00 https://t.me/ozersk_gov/2 Итоги недели" in out

    channel_site.post(
        "ozersk_gov", OZERSK_MISSION, published=datetime.now(UTC) - timedelta(hours=1)
    )
    code, out, err = await govdigest(tmp_path, channel_site, "fetch", "@ozersk_gov")
    assert code == 0 and "@ozersk_gov: ok, new 1, updated 0, unchanged 1" in out, (out, err)
    assert "Делегация Озёрской области работает в Казани" in out

    code, out, err = await govdigest(tmp_path, channel_site, "sources", "list")
    assert code == 0 and "@ozersk_gov\ttelegram" in out and "2 posts\tok" in out, (out, err)

    code, out, _ = await govdigest(tmp_path, channel_site, "fetch", "@unknown_gov")
    assert code == 2

    code, out, err = await govdigest(tmp_path, channel_site, "sources", "remove", "@ozersk_gov")
    assert code == 0 and "removed @ozersk_gov" in out, (out, err)
    code, out, _ = await govdigest(tmp_path, channel_site, "sources", "list")
    assert code == 0 and out.strip() == ""
